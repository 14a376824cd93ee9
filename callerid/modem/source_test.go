package modem_test

import (
	"context"
	"io"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

// statusLog records the states a Source reports, and signals each one.
type statusLog struct {
	mu     sync.Mutex
	states []callerid.DeviceState
	seen   chan callerid.DeviceState
}

func newStatusLog() *statusLog { return &statusLog{seen: make(chan callerid.DeviceState, 64)} }

func (l *statusLog) report(s callerid.DeviceStatus) {
	l.mu.Lock()
	l.states = append(l.states, s.State)
	l.mu.Unlock()
	if s.Device == "" || s.Detail == "" {
		panic("status without a device or a detail")
	}
	l.seen <- s.State
}

func (l *statusLog) waitFor(t *testing.T, state callerid.DeviceState) {
	t.Helper()
	for {
		select {
		case s := <-l.seen:
			if s == state {
				return
			}
		case <-time.After(testTimeout):
			t.Fatalf("never reported %v; reported %v", state, l.all())
		}
	}
}

func (l *statusLog) all() []callerid.DeviceState {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.states)
}

// runSource runs s until stop is called; stop waits for Run to return.
func runSource(s *modem.Source, status *statusLog) (events chan callerid.Event, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	events = make(chan callerid.Event, 16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx, events, status.report)
	}()
	return events, func() { cancel(); <-done }
}

func TestSourceKeepsTryingAMissingModem(t *testing.T) {
	attempts := make(chan struct{}, 100)
	s := &modem.Source{
		Path:       "/dev/ttyACM0",
		RetryEvery: time.Millisecond,
		Open: func(string, int) (io.ReadWriteCloser, error) {
			attempts <- struct{}{}
			return nil, syscall.ENOENT
		},
	}
	status := newStatusLog()
	_, stop := runSource(s, status)
	for range 3 {
		<-attempts
	}
	stop()

	// Unplugged stays unplugged: one NotFound, not one per retry.
	want := []callerid.DeviceState{callerid.DeviceConnecting, callerid.DeviceNotFound, callerid.DeviceStopped}
	if got := status.all(); !slices.Equal(got, want) {
		t.Errorf("states %v, want %v", got, want)
	}
}

func TestSourceListensOnceTheModemIsPluggedIn(t *testing.T) {
	m, port := startFakeModem(t, acceptsEverything, false)
	pluggedIn := false
	s := &modem.Source{
		Path:       "/dev/ttyACM0",
		RetryEvery: time.Millisecond,
		Open: func(string, int) (io.ReadWriteCloser, error) {
			if !pluggedIn {
				pluggedIn = true // the next try finds it
				return nil, syscall.ENOENT
			}
			return port, nil
		},
	}
	status := newStatusLog()
	events, stop := runSource(s, status)
	status.waitFor(t, callerid.DeviceListening)
	m.say(t, "RING")
	if ev := <-events; ev.Kind != callerid.Ring || ev.Line != "modem:/dev/ttyACM0" {
		t.Errorf("event %+v, want a ring on modem:/dev/ttyACM0", ev)
	}
	stop()

	want := []callerid.DeviceState{
		callerid.DeviceConnecting, callerid.DeviceNotFound,
		callerid.DeviceConnecting, callerid.DeviceListening, callerid.DeviceStopped,
	}
	if got := status.all(); !slices.Equal(got, want) {
		t.Errorf("states %v, want %v", got, want)
	}
}
