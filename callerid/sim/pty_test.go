//go:build linux || darwin

package sim

import (
	"errors"
	"slices"
	"testing"
	"time"

	"go.bug.st/serial"
)

// serialHost opens the simulated modem exactly as the app opens a USB
// modem, and reads it through a line reader.
func serialHost(t *testing.T, path string) (*host, serial.Port) {
	t.Helper()
	port, err := serial.Open(path, &serial.Mode{BaudRate: 115200})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { port.Close() })
	// A read timeout returns (0, nil), which would stall a bufio.Scanner;
	// timeoutReader turns it into "try again".
	if err := port.SetReadTimeout(50 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	return newHost(t, timeoutReader{port}), port
}

type timeoutReader struct{ serial.Port }

func (r timeoutReader) Read(p []byte) (int, error) {
	for {
		n, err := r.Port.Read(p)
		if n > 0 || err != nil {
			return n, err
		}
	}
}

func startPTY(t *testing.T, opts Options) *PTYModem {
	t.Helper()
	p, err := StartPTY(testContext(t), opts)
	if err != nil {
		t.Fatalf("StartPTY: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

func TestPTYModemSpeaksOverARealSerialPort(t *testing.T) {
	p := startPTY(t, Options{Echo: true, TimeScale: 0.01})
	h, _ := serialHost(t, p.Path())

	h.send("ATZ")
	h.expect("ATZ", "OK")
	h.send("ATE0")
	h.expect("ATE0", "OK")
	h.send("AT+VCID=1")
	h.expect("OK")

	c := smith
	c.Rings = 2
	if err := p.Play(testContext(t), c); err != nil {
		t.Fatalf("Play: %v", err)
	}
	h.expect("RING", "DATE = 0321", "TIME = 1405", "NMBR = 2125550147", "NAME = SMITH JOHN", "RING")
	if got := p.Commands(); !slices.Equal(got, []string{"ATZ", "ATE0", "AT+VCID=1"}) {
		t.Errorf("Commands() = %q", got)
	}
}

func TestPTYModemWithHashCIDChipset(t *testing.T) {
	p := startPTY(t, Options{Chipset: ChipsetHashCID, TimeScale: 0.01})
	h, _ := serialHost(t, p.Path())
	if got := h.command("AT+VCID=1"); !slices.Equal(got, []string{"ERROR"}) {
		t.Errorf("+VCID=1 on a USR-like modem answered %q", got)
	}
	if got := h.command("AT#CID=1"); !slices.Equal(got, []string{"OK"}) {
		t.Errorf("#CID=1 answered %q", got)
	}
}

func TestPTYModemWithoutCallerIDOnlyRings(t *testing.T) {
	p := startPTY(t, Options{TimeScale: 0.01})
	h, _ := serialHost(t, p.Path())
	h.ok("ATZ")
	c := smith
	c.Rings = 3
	if err := p.Play(testContext(t), c); err != nil {
		t.Fatalf("Play: %v", err)
	}
	h.send("AT")
	h.expect("RING", "RING", "RING", "OK")
}

func TestPTYModemOutlivesItsClients(t *testing.T) {
	p := startPTY(t, Options{})
	first, port := serialHost(t, p.Path())
	first.ok("AT")
	port.Close()
	second, _ := serialHost(t, p.Path())
	second.ok("AT")
}

func TestUnplugFailsTheHostsReads(t *testing.T) {
	p := startPTY(t, Options{})
	port, err := serial.Open(p.Path(), &serial.Mode{BaudRate: 115200})
	if err != nil {
		t.Fatal(err)
	}
	defer port.Close()
	read := make(chan error, 1)
	go func() {
		_, err := port.Read(make([]byte, 64))
		read <- err
	}()
	if err := p.Unplug(); err != nil {
		t.Fatalf("Unplug: %v", err)
	}
	err = <-read
	var portErr *serial.PortError
	if !errors.As(err, &portErr) {
		t.Errorf("read after unplug = %v, want a serial.PortError", err)
	}
	if err := p.Play(testContext(t), Call{Rings: 1}); err == nil {
		t.Error("Play on an unplugged modem succeeded")
	}
}
