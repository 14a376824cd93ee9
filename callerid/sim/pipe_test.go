package sim

import (
	"context"
	"errors"
	"io"
	"testing"
)

func TestPipeModemRoundTrip(t *testing.T) {
	line, m := NewPipeModem(Options{Echo: true, TimeScale: testScale})
	stopped := make(chan error, 1)
	go func() { stopped <- m.Run(context.Background()) }()
	h := newHost(t, line)

	// Two commands before reading anything: the line buffers like a port.
	h.send("ATE0")
	h.send("AT+VCID=1")
	h.expect("ATE0", "OK", "OK")
	c := smith
	c.Rings = 2
	if err := m.Play(testContext(t), c); err != nil {
		t.Fatalf("Play: %v", err)
	}
	h.expect("RING", "DATE = 0321", "TIME = 1405", "NMBR = 2125550147", "NAME = SMITH JOHN", "RING")

	// Unplugging from the host's side stops the modem.
	if err := line.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-stopped; err != nil {
		t.Errorf("Run after the host closed = %v, want nil", err)
	}
	if err := m.Play(testContext(t), c); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("Play after unplug = %v, want io.ErrClosedPipe", err)
	}
}

func TestPipeModemStopsWithRunsContext(t *testing.T) {
	line, m := NewPipeModem(Options{})
	defer line.Close()
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- m.Run(ctx) }()
	h := newHost(t, line)
	h.ok("AT")
	if err := m.Run(ctx); err == nil {
		t.Error("a second Run on the same modem started")
	}
	cancel()
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if _, err := io.WriteString(line, "AT\r"); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("writing to a stopped modem = %v, want io.ErrClosedPipe", err)
	}
}
