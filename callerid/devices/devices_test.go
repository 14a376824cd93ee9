package devices

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/callboard-app/callboard/callerid/sim"
)

// statuses collects what a source reports, for a test to wait on.
type statuses struct {
	mu     sync.Mutex
	seen   []callerid.DeviceStatus // not yet waited for
	states []callerid.DeviceState  // every state reported, in order
	ch     chan struct{}
}

func newStatuses() *statuses { return &statuses{ch: make(chan struct{}, 100)} }

func (s *statuses) report(st callerid.DeviceStatus) {
	s.mu.Lock()
	s.seen = append(s.seen, st)
	s.states = append(s.states, st.State)
	s.mu.Unlock()
	select {
	case s.ch <- struct{}{}:
	default:
	}
}

func (s *statuses) waitFor(t *testing.T, state callerid.DeviceState) callerid.DeviceStatus {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		s.mu.Lock()
		for _, st := range s.seen {
			if st.State == state {
				s.seen = nil
				s.mu.Unlock()
				return st
			}
		}
		s.mu.Unlock()
		select {
		case <-s.ch:
		case <-deadline:
			s.mu.Lock()
			defer s.mu.Unlock()
			t.Fatalf("no %s status; saw %+v", state, s.seen)
		}
	}
}

func waitEvent(t *testing.T, events <-chan callerid.Event, kind callerid.Kind) callerid.Event {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == kind {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s event", kind)
		}
	}
}

func TestAModemOnAPseudoTerminalListensUnderItsName(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetHashCID, Echo: true, TimeScale: 0.01})
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer m.Close()
	cfg := callerid.SourceConfig{ID: 4, Kind: callerid.SourceModem, Name: "Front desk", Path: m.Path()}
	events := make(chan callerid.Event, 16)
	st := newStatuses()
	tap := NewTap()
	done := make(chan struct{})
	go func() { Run(ctx, cfg, events, st.report, Options{Tap: tap}); close(done) }()

	if got := st.waitFor(t, callerid.DeviceListening); got.Device != "Front desk" || !strings.Contains(got.Detail, "#CID=1") {
		t.Fatalf("listening status %+v", got)
	}
	go func() { _ = m.Play(ctx, sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 2}) }()
	ev := waitEvent(t, events, callerid.CallerID)
	if ev.Line != "modem-4" || ev.Number != "2125550147" {
		t.Fatalf("caller ID %+v", ev)
	}
	talk := strings.Join(tap.Lines(), "\n")
	for _, want := range []string{"> AT+VCID=1", "< ERROR", "> AT#CID=1", "< NMBR = 2125550147"} {
		if !strings.Contains(talk, want) {
			t.Errorf("the Test view lacks %q:\n%s", want, talk)
		}
	}
	cancel()
	<-done
}

func TestTheSimulatedLineRings(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan callerid.Event, 16)
	st := newStatuses()
	done := make(chan struct{})
	go func() {
		Run(ctx, callerid.SourceConfig{Kind: callerid.SourceSimulated, Name: "Demo line"}, events, st.report, Options{DemoEvery: 10 * time.Millisecond})
		close(done)
	}()
	st.waitFor(t, callerid.DeviceListening)
	if ev := waitEvent(t, events, callerid.Ring); ev.Line != "demo" {
		t.Fatalf("demo ring on line %q", ev.Line)
	}
	cancel()
	<-done
	st.waitFor(t, callerid.DeviceStopped)
}

func TestAnNCIDServerIsHeardUnderItsName(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		w := bufio.NewWriter(conn)
		w.WriteString("200 NCID fake server\r\n250 End of call log\r\n300 End of connection startup\r\n")
		w.WriteString("CID: *DATE*11282026*TIME*1005*LINE*POTS*NMBR*2125550147*MESG*NONE*NAME*SMITH JOHN*\r\n")
		w.Flush()
		io.Copy(io.Discard, conn)
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan callerid.Event, 16)
	st := newStatuses()
	done := make(chan struct{})
	cfg := callerid.SourceConfig{ID: 2, Kind: callerid.SourceNCID, Name: "NCID server", Addr: ln.Addr().String()}
	go func() { Run(ctx, cfg, events, st.report, Options{}); close(done) }()
	if got := st.waitFor(t, callerid.DeviceListening); got.Device != "NCID server" {
		t.Fatalf("status %+v", got)
	}
	if ev := waitEvent(t, events, callerid.CallerID); ev.Line != "ncid-2/POTS" || ev.Name != "SMITH JOHN" {
		t.Fatalf("NCID call %+v", ev)
	}
	cancel()
	<-done
}

func TestTapShowsBothDirectionsLineByLine(t *testing.T) {
	tap := NewTap()
	tap.now = func() time.Time { return time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC) }
	tap.record(1, []byte("ATZ\r"))
	tap.record(0, []byte("\r\nOK\r\nRI"))
	tap.record(0, []byte("NG\r\n\x10P"))
	want := []string{"09:00:00 > ATZ", "09:00:00 < OK", "09:00:00 < RING", "< <10>P"}
	got := tap.Lines()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("tap lines %q, want %q", got, want)
	}
}

func TestProbeNamesAModemWithoutChangingIt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetVCID, Echo: true})
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer m.Close()
	res, err := Probe(ctx, m.Path(), 115200, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Identity == "" || len(res.Conversation) < 4 {
		t.Fatalf("probe: %+v", res)
	}
	for _, c := range m.Commands() {
		if !strings.HasPrefix(strings.ToUpper(c), "ATI") && strings.ToUpper(c) != "AT" {
			t.Errorf("probe sent %q, which may change the modem's settings", c)
		}
	}
}

func TestProbeOfAMissingPortSaysWhy(t *testing.T) {
	_, err := Probe(context.Background(), "/dev/callboard-no-such-port", 115200, nil)
	var de *modem.DeviceError
	if !errors.As(err, &de) || de.Kind != callerid.DeviceNotFound {
		t.Fatalf("probe of a missing port: %v", err)
	}
}
