//go:build linux

package modem_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/creack/pty"
)

func isLinux() bool { return true }

// A pseudo-terminal stands in for a modem's serial port: OpenPort must cope
// with it (no modem-status lines) and read what the other end writes.
func TestOpenPortReadsFromAPseudoTerminal(t *testing.T) {
	modemEnd, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer modemEnd.Close()
	defer slave.Close()

	port, err := modem.OpenPort(slave.Name(), 0)
	if err != nil {
		t.Fatalf("OpenPort(%s) = %v", slave.Name(), err)
	}
	if _, err := io.WriteString(modemEnd, "RING\r\n"); err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	buf := make([]byte, 64)
	// Each Read waits at most the port's read timeout; 100 of them is ample.
	for i := 0; i < 100 && !strings.Contains(got.String(), "\n"); i++ {
		n, err := port.Read(buf)
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		got.Write(buf[:n])
	}
	if got.String() != "RING\r\n" {
		t.Errorf("read %q, want %q", got.String(), "RING\r\n")
	}

	// Once closed, the port says so in a way Classify understands.
	port.Close()
	_, err = port.Read(buf)
	if de := modem.Classify(slave.Name(), err); err == nil || de.Kind != callerid.DeviceDisconnected {
		t.Errorf("Read after Close = %v, classified %v; want disconnected", err, de)
	}
	if errors.Is(err, io.EOF) {
		t.Errorf("Read after Close = EOF, want the library's PortClosed error")
	}
}
