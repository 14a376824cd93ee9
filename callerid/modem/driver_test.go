package modem_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

// running is a Driver.Run in progress on a fake modem.
type running struct {
	events chan callerid.Event
	ready  chan modem.InitResult
	result chan error
	cancel context.CancelFunc
}

func runDriver(t *testing.T, port pipePort, idleFlush time.Duration) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{
		events: make(chan callerid.Event, 16),
		ready:  make(chan modem.InitResult, 1),
		result: make(chan error, 1),
		cancel: cancel,
	}
	d := &modem.Driver{
		Line:        "modem:test",
		InitTimeout: testTimeout,
		IdleFlush:   idleFlush,
		Now:         func() time.Time { return clock },
		Ready:       func(res modem.InitResult) { r.ready <- res },
	}
	go func() { r.result <- d.Run(ctx, port, r.events) }()
	t.Cleanup(func() {
		cancel()
		<-r.result
	})
	return r
}

// next waits for the next event; the bound only guards against a hung test.
func (r *running) next(t *testing.T) callerid.Event {
	t.Helper()
	select {
	case ev := <-r.events:
		return ev
	case err := <-r.result:
		r.result <- err // for end and the cleanup
		// Run may send its last events and return before this select
		// looks: those events still count.
		select {
		case ev := <-r.events:
			return ev
		default:
		}
		t.Fatalf("Run ended (%v) while an event was expected", err)
	case <-time.After(testTimeout):
		t.Fatal("no event")
	}
	return callerid.Event{}
}

func (r *running) end(t *testing.T) error {
	t.Helper()
	select {
	case err := <-r.result:
		r.result <- err // for the cleanup
		return err
	case <-time.After(testTimeout):
		t.Fatal("Run did not return")
		return nil
	}
}

func TestDriverReportsACallInOrder(t *testing.T) {
	m, port := startFakeModem(t, acceptsEverything, false)
	r := runDriver(t, port, time.Hour)
	if res := <-r.ready; res.CallerIDCommand != "AT+VCID=1" {
		t.Fatalf("modem set up with %q", res.CallerIDCommand)
	}
	m.say(t, "RING", "", "DATE = 0321", "TIME = 1405", "NMBR = 5045551234", "NAME = A N OTHER", "", "RING")

	want := []callerid.Event{
		{Line: "modem:test", Kind: callerid.Ring, At: clock, Raw: "RING"},
		{Line: "modem:test", Kind: callerid.CallerID, At: clock, TelcoDate: "0321", TelcoTime: "1405",
			Number: "5045551234", Name: "A N OTHER", Raw: "DATE = 0321\nTIME = 1405\nNMBR = 5045551234\nNAME = A N OTHER"},
		{Line: "modem:test", Kind: callerid.Ring, At: clock, Raw: "RING"},
	}
	for i, w := range want {
		if got := r.next(t); got != w {
			t.Errorf("event %d:\n got  %+v\n want %+v", i, got, w)
		}
	}
	r.cancel()
	if err := r.end(t); !errors.Is(err, context.Canceled) {
		t.Errorf("Run after cancel = %v, want context.Canceled", err)
	}
	<-m.done // Run closed the port, so the modem saw its wires cut
}

func TestDriverReportsANamelessCallWhenTheLineGoesQuiet(t *testing.T) {
	m, port := startFakeModem(t, acceptsEverything, false)
	r := runDriver(t, port, time.Millisecond)
	<-r.ready
	m.say(t, "RING", "DATE = 0321", "TIME = 1405", "NMBR = 5045551234")

	if got := r.next(t); got.Kind != callerid.Ring {
		t.Fatalf("first event %+v, want the ring", got)
	}
	got := r.next(t)
	if got.Kind != callerid.CallerID || got.Number != "5045551234" || got.Name != "" {
		t.Errorf("after the line went quiet: %+v, want the caller ID without a name", got)
	}
}

func TestDriverKeepsARingHeardDuringSetUp(t *testing.T) {
	ringsDuringSetUp := func(cmd string) string {
		if cmd == "ATE0 V1 Q0 S0=0" {
			return "RING\r\n\r\nOK"
		}
		return "OK"
	}
	_, port := startFakeModem(t, ringsDuringSetUp, false)
	r := runDriver(t, port, time.Hour)
	if got := r.next(t); got.Kind != callerid.Ring {
		t.Errorf("first event %+v, want the ring heard during set-up", got)
	}
}

func TestDriverEndsWhenTheModemIsUnplugged(t *testing.T) {
	m, port := startFakeModem(t, acceptsEverything, false)
	r := runDriver(t, port, time.Hour)
	<-r.ready
	m.say(t, "DATE = 0321", "TIME = 1405", "NMBR = 5045551234")
	m.unplug()

	// The partial caller ID still counts: the call happened.
	if got := r.next(t); got.Kind != callerid.CallerID || got.Number != "5045551234" {
		t.Errorf("event before the end: %+v, want the partial caller ID", got)
	}
	err := r.end(t)
	de, ok := errors.AsType[*modem.DeviceError](err)
	if !ok || de.Kind != callerid.DeviceDisconnected {
		t.Fatalf("Run = %v, want a DeviceError of kind disconnected", err)
	}
}

func TestDriverReportsAModemWithoutCallerID(t *testing.T) {
	_, port := startFakeModem(t, dataOnly, false)
	r := runDriver(t, port, time.Hour)
	err := r.end(t)
	if de, ok := errors.AsType[*modem.DeviceError](err); !ok || de.Kind != callerid.DeviceUnsupported {
		t.Fatalf("Run = %v, want a DeviceError of kind no caller ID", err)
	}
	if !errors.Is(err, modem.ErrNoCallerID) {
		t.Errorf("Run = %v, want it to wrap ErrNoCallerID", err)
	}
}

func TestDriverStopsEvenWhenNobodyTakesEvents(t *testing.T) {
	m, port := startFakeModem(t, acceptsEverything, false)
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	go func() { result <- (&modem.Driver{}).Run(ctx, port, make(chan callerid.Event)) }()
	m.say(t, "RING") // the driver is now stuck handing over this ring
	cancel()
	if err := <-result; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
}

func TestDriverLeavesNoGoroutinesBehind(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 3 {
		m, port := startFakeModem(t, acceptsEverything, false)
		ctx, cancel := context.WithCancel(context.Background())
		ready := make(chan struct{})
		result := make(chan error, 1)
		d := &modem.Driver{Ready: func(modem.InitResult) { close(ready) }}
		go func() { result <- d.Run(ctx, port, make(chan callerid.Event, 4)) }()
		<-ready
		m.say(t, "RING")
		cancel()
		<-result
		m.unplug()
	}
	// context.AfterFunc may still be finishing its Close: give it a moment.
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	buf := make([]byte, 1<<16)
	t.Errorf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
}

func TestDriverLogsAndDropsAGarbledPacket(t *testing.T) {
	m, port := startFakeModem(t, acceptsEverything, false)
	log := newLogWatch()
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan callerid.Event, 16)
	result := make(chan error, 1)
	d := &modem.Driver{InitOptions: modem.InitOptions{Raw: true}, Log: log.logger()}
	go func() { result <- d.Run(ctx, port, events) }()
	defer func() { cancel(); <-result }()

	m.say(t, "RING", mdmfPacket[:len(mdmfPacket)-2]+"85", "RING")
	log.waitFor(t, "failed its checksum", "bad_checksums=1")
	for range 2 {
		if ev := nextEvent(t, events); ev.Kind != callerid.Ring {
			t.Errorf("event %+v, want only the rings", ev)
		}
	}
}

// A ring pulse may last longer than BurstGap: only a silence counts.
func TestDriverDoesNotSplitABurstDuringAPulse(t *testing.T) {
	m, port := startFakeModem(t, acceptsEverything, false)
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan callerid.Event, 16)
	result := make(chan error, 1)
	ready := make(chan struct{})
	d := &modem.Driver{BurstGap: 300 * time.Millisecond, Ready: func(modem.InitResult) { close(ready) }}
	go func() { result <- d.Run(ctx, port, events) }()
	defer func() { cancel(); <-result }()
	<-ready

	m.say(t, "DRON=1", "DROF=1") // the second pulse starts…
	time.Sleep(400 * time.Millisecond)
	m.say(t, "DRON=1") // …and ends after more than BurstGap
	if ev := nextEvent(t, events); ev.Kind != callerid.Ring || ev.RingPattern != "1-1-1" {
		t.Errorf("event %+v, want one ring with the pattern 1-1-1", ev)
	}
}

// nextEvent waits for an event; the bound only guards against a hung test.
func nextEvent(t *testing.T, events <-chan callerid.Event) callerid.Event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(testTimeout):
		t.Fatal("no event")
		return callerid.Event{}
	}
}
