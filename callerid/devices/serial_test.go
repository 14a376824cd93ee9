package devices

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/callboard-app/callboard/callerid/sim"
)

// modemDrive drives a modem on each port a Serial opens, as Run does for a
// modem, set up with opts. A partial caller-ID block waits for more lines
// for the whole test, so only an unplug can end it.
func modemDrive(events chan<- callerid.Event, opts modem.InitOptions) func(context.Context, io.ReadWriteCloser, func(string)) error {
	return func(ctx context.Context, port io.ReadWriteCloser, ready func(string)) error {
		d := modem.Driver{Line: "modem", InitOptions: opts, IdleFlush: time.Hour,
			Ready: func(modem.InitResult) { ready("Listening.") }}
		return d.Run(ctx, port, events)
	}
}

// plugs hands out one port after another, as a modem unplugged and plugged
// back in shows up again; a nil port, or none left, is a modem not plugged
// in.
type plugs struct {
	mu    sync.Mutex
	ports []io.ReadWriteCloser
}

func (p *plugs) open(path string, _ int) (io.ReadWriteCloser, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var port io.ReadWriteCloser
	if len(p.ports) > 0 {
		port, p.ports = p.ports[0], p.ports[1:]
	}
	if port == nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: syscall.ENOENT}
	}
	return port, nil
}

// pipeModem is a simulated modem on an in-memory line, running until ctx
// ends; closing host unplugs it.
func pipeModem(ctx context.Context) (host io.ReadWriteCloser, m *sim.Modem) {
	host, m = sim.NewPipeModem(sim.Options{Chipset: sim.ChipsetVCID, TimeScale: 0.01})
	go func() { _ = m.Run(ctx) }()
	return host, m
}

// history is every state reported so far, in order.
func (s *statuses) history() []callerid.DeviceState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.states)
}

// waitHeard waits until the tap shows that the device said line: the driver
// has read it.
func waitHeard(t *testing.T, tap *Tap, line string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !slices.ContainsFunc(tap.Lines(), func(l string) bool { return strings.HasSuffix(l, "< "+line) }) {
		if time.Now().After(deadline) {
			t.Fatalf("the device never said %q; the tap shows %q", line, tap.Lines())
		}
		time.Sleep(time.Millisecond)
	}
}

// pullThePlugMidCall runs s with a modem driver set up with opts, plays a
// number-only call on first — its caller-ID block waits for a NAME that
// never comes — and pulls the plug once the driver has read the number.
// The call so far must still be reported, and the device set up on second
// exactly as it was on first, and heard again. It returns the states s
// reported, once it has stopped.
func pullThePlugMidCall(t *testing.T, s *Serial, opts modem.InitOptions, first, second *sim.Modem, pull func()) []callerid.DeviceState {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan callerid.Event, 16)
	s.Drive, s.Tap = modemDrive(events, opts), NewTap()
	st := newStatuses()
	done := make(chan struct{})
	go func() { s.Run(ctx, st.report); close(done) }()

	st.waitFor(t, callerid.DeviceListening)
	if err := first.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatal(err)
	}
	if err := first.Play(ctx, sim.Call{Number: "5045551234", Date: "0321", Time: "1405", Rings: 1}); err != nil {
		t.Fatal(err)
	}
	waitHeard(t, s.Tap, "NMBR = 5045551234")
	pull()
	waitEvent(t, events, callerid.Ring)
	if ev := waitEvent(t, events, callerid.CallerID); ev.Number != "5045551234" || ev.TelcoTime != "1405" {
		t.Errorf("after the plug was pulled: %+v, want the caller ID so far", ev)
	}

	st.waitFor(t, callerid.DeviceDisconnected)
	st.waitFor(t, callerid.DeviceListening)
	if err := second.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatalf("the device was not set up again: %v", err)
	}
	if got, want := second.Commands(), first.Commands(); !slices.Equal(got, want) {
		t.Errorf("plugged back in, the device was sent %q, want the set-up %q again", got, want)
	}
	go func() { _ = second.Play(ctx, sim.Call{Number: "3125550111", Name: "AFTER", Rings: 1}) }()
	if ev := waitEvent(t, events, callerid.CallerID); ev.Name != "AFTER" {
		t.Errorf("plugged back in: %+v, want the next caller", ev)
	}
	cancel()
	<-done
	return st.history()
}

// A modem that is not plugged in at first, then is, then is unplugged in
// the middle of a call and plugged back in: the call so far is reported,
// and the modem is set up again, country and all, each time it comes back.
func TestAModemIsSetUpAgainEachTimeItComesBack(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	firstHost, first := pipeModem(ctx)
	secondHost, second := pipeModem(ctx)
	s := &Serial{
		Config:     callerid.SourceConfig{Kind: callerid.SourceModem, Name: "Modem", Path: "/dev/ttyACM0"},
		RetryEvery: time.Millisecond,
		Open:       (&plugs{ports: []io.ReadWriteCloser{nil, firstHost, secondHost}}).open,
	}
	states := pullThePlugMidCall(t, s, modem.InitOptions{Country: "B4"}, first, second, func() { firstHost.Close() })

	if !slices.Contains(second.Commands(), "AT+GCI=B4") {
		t.Errorf("plugged back in, the modem was sent %q, without the country", second.Commands())
	}
	want := []callerid.DeviceState{
		callerid.DeviceConnecting, callerid.DeviceNotFound,
		callerid.DeviceConnecting, callerid.DeviceListening, callerid.DeviceDisconnected,
		callerid.DeviceConnecting, callerid.DeviceListening, callerid.DeviceStopped,
	}
	if !slices.Equal(states, want) {
		t.Errorf("states %v, want %v", states, want)
	}
}

// The pseudo-terminal of a USB modem closes in the middle of a call, and
// the modem shows up again on another port: the call so far is reported,
// and the modem is found by its USB identity and set up again.
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
	pullThePlugMidCall(t, s, modem.InitOptions{}, first.Modem, second.Modem, func() {
		mu.Lock()
		unplugged = true
		mu.Unlock()
		if err := first.Unplug(); err != nil {
			t.Fatal(err)
		}
	})
}

// A device that stays missing is reported missing once, not at every
// retry, so the shop's status line does not flicker.
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

	want := []callerid.DeviceState{callerid.DeviceConnecting, callerid.DeviceNotFound, callerid.DeviceStopped}
	if got := st.history(); !slices.Equal(got, want) {
		t.Errorf("states %v, want %v", got, want)
	}
}
