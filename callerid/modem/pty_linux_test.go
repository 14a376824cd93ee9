//go:build linux

package modem_test

import (
	"context"
	"os"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/creack/pty"
)

// ptyModem is a scripted modem on the master side of a pseudo-terminal; the
// driver opens the slave by path with OpenPort, exactly as a USB modem.
type ptyModem struct {
	*fakeModem
	path string
}

func startPTYModem(tb testing.TB, script func(string) string) *ptyModem {
	tb.Helper()
	master, slave, err := pty.Open()
	if err != nil {
		tb.Skipf("no pseudo-terminals here: %v", err)
	}
	// The slave stays open for the whole test, so the modem's reads do not
	// fail while no driver has the port open. Cleanups run last first: the
	// modem is unplugged before this closes.
	tb.Cleanup(func() { slave.Close() })
	master, err = pollable(master)
	if err != nil {
		tb.Fatal(err)
	}
	m := serveFakeModem(tb, script, false, master, master)
	return &ptyModem{fakeModem: m, path: slave.Name()}
}

// pollable re-opens the master through Go's poller: creack/pty hands it
// over in blocking mode, and then Close would not wake the modem's Read nor
// let the slave see the hang-up.
func pollable(master *os.File) (*os.File, error) {
	defer master.Close()
	fd, err := syscall.Dup(int(master.Fd()))
	if err != nil {
		return nil, err
	}
	if err := syscall.SetNonblock(fd, true); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	return os.NewFile(uintptr(fd), master.Name()), nil
}

// BenchmarkCallerIDLatencyOnAPTY measures the time from the last byte of a
// caller-ID block written on the modem side of a pseudo-terminal to the
// CallerID event out of Driver.Run, through OpenPort and the serial library.
func BenchmarkCallerIDLatencyOnAPTY(b *testing.B) {
	m := startPTYModem(b, acceptsEverything)
	port, err := modem.OpenPort(m.path, 0)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan callerid.Event, 1)
	ready := make(chan struct{})
	result := make(chan error, 1)
	d := &modem.Driver{InitTimeout: testTimeout, Ready: func(modem.InitResult) { close(ready) }}
	go func() { result <- d.Run(ctx, port, events) }()
	defer func() { cancel(); <-result }()
	<-ready

	block := []byte("\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 5045551234\r\nNAME = A N OTHER\r\n")
	latencies := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		if _, err := m.toComputer.Write(block); err != nil {
			b.Fatal(err)
		}
		written := time.Now()
		ev := <-events
		latencies = append(latencies, time.Since(written))
		if ev.Kind != callerid.CallerID {
			b.Fatalf("event %+v, want a caller ID", ev)
		}
	}
	b.StopTimer()
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}
