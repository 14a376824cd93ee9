package devices

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/callboard-app/callboard/callerid/sim"
)

// statuses collects what a source reports, for a test to wait on.
type statuses struct {
	mu   sync.Mutex
	seen []callerid.DeviceStatus
	ch   chan struct{}
}

func newStatuses() *statuses { return &statuses{ch: make(chan struct{}, 100)} }

func (s *statuses) report(st callerid.DeviceStatus) {
	s.mu.Lock()
	s.seen = append(s.seen, st)
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

func TestAnUnpluggedDeviceComesBackOnAnotherPort(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetVCID, TimeScale: 0.01})
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer first.Close()
	second, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetVCID, TimeScale: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()

	// The configured port is the first pty; once it is unplugged, the
	// "USB device" with the same identity shows up as the second.
	var mu sync.Mutex
	unplugged := false
	s := &Serial{
		Config:     callerid.SourceConfig{Kind: callerid.SourceModem, Name: "Modem", Path: first.Path(), USBVendor: "0572", USBProduct: "1329"},
		RetryEvery: 50 * time.Millisecond,
		Open: func(path string, baud int) (io.ReadWriteCloser, error) {
			mu.Lock()
			gone := unplugged && path == first.Path()
			mu.Unlock()
			if gone {
				return nil, &os.PathError{Op: "open", Path: path, Err: syscall.ENOENT}
			}
			p, err := modem.OpenPort(path, baud)
			if err != nil {
				return nil, err
			}
			return p, nil
		},
		List: func() ([]modem.PortInfo, error) {
			return []modem.PortInfo{{Path: "/dev/ttyS0"}, {Path: second.Path(), USB: true, VID: "0572", PID: "1329"}}, nil
		},
	}
	events := make(chan callerid.Event, 16)
	s.Drive = func(ctx context.Context, port io.ReadWriteCloser, ready func(string)) error {
		d := modem.Driver{Line: "modem", Ready: func(modem.InitResult) { ready("Listening.") }}
		return d.Run(ctx, port, events)
	}
	st := newStatuses()
	done := make(chan struct{})
	go func() { s.Run(ctx, st.report); close(done) }()
	st.waitFor(t, callerid.DeviceListening)
	if err := first.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatal(err)
	}

	mu.Lock()
	unplugged = true
	mu.Unlock()
	if err := first.Unplug(); err != nil {
		t.Fatal(err)
	}
	st.waitFor(t, callerid.DeviceDisconnected)
	st.waitFor(t, callerid.DeviceListening)
	if err := second.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatalf("the device was not set up again on its new port: %v", err)
	}
	go func() { _ = second.Play(ctx, sim.Call{Number: "3125550111", Name: "AFTER", Rings: 1}) }()
	if ev := waitEvent(t, events, callerid.CallerID); ev.Name != "AFTER" {
		t.Fatalf("after re-plugging: %+v", ev)
	}
	cancel()
	<-done
}

func TestAMissingPortSaysSoAndKeepsTrying(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var tries sync.WaitGroup
	tries.Add(3)
	var once sync.Map
	n := 0
	s := &Serial{
		Config:     callerid.SourceConfig{Kind: callerid.SourceTCI, Name: "TCI box", Path: "/dev/ttyUSB9"},
		RetryEvery: time.Millisecond,
		Open: func(path string, baud int) (io.ReadWriteCloser, error) {
			if baud != 9600 {
				t.Errorf("TCI box opened at %d baud", baud)
			}
			n++
			if _, dup := once.LoadOrStore(n, true); !dup && n <= 3 {
				tries.Done()
			}
			return nil, &os.PathError{Op: "open", Path: path, Err: syscall.ENOENT}
		},
		Drive: func(context.Context, io.ReadWriteCloser, func(string)) error { return errors.New("not reached") },
	}
	st := newStatuses()
	done := make(chan struct{})
	go func() { s.Run(ctx, st.report); close(done) }()
	got := st.waitFor(t, callerid.DeviceNotFound)
	if got.Device != "TCI box" || got.Hint == "" {
		t.Fatalf("not-found status %+v", got)
	}
	tries.Wait()
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
