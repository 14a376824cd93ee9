package modem

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// DefaultRetryEvery is how long a Source waits before trying a failed
// device again.
const DefaultRetryEvery = 3 * time.Second

// Source runs one modem on a serial path: open, init, listen; on failure it
// reports the status and retries (every RetryEvery) until ctx is done. It is
// the one goroutine for its device.
type Source struct {
	Path string
	Baud int // 0 means DefaultBaud
	// Driver is the template for each connection; Line defaults to
	// "modem:" + Path.
	Driver     Driver
	RetryEvery time.Duration // 0 means DefaultRetryEvery
	// Open opens the port; nil means OpenPort.
	Open func(path string, baud int) (io.ReadWriteCloser, error)
}

// Run keeps the device going until ctx is done, sending events to events and
// each change of state to status (nil: no reports): Connecting, Listening,
// or what went wrong (NotFound, PermissionDenied, …), and Stopped at the end.
// The same state is not reported twice in a row, so a modem that stays
// unplugged does not make the status flicker at every retry.
func (s *Source) Run(ctx context.Context, events chan<- callerid.Event, status func(callerid.DeviceStatus)) {
	last := callerid.DeviceStatus{}
	report := func(st callerid.DeviceStatus) (changed bool) {
		if st == last {
			return false
		}
		last = st
		if status != nil {
			status(st)
		}
		return true
	}
	log := s.Driver.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	report(s.status(callerid.DeviceConnecting, "Opening the modem port."))
	for {
		err := s.connect(ctx, events, report)
		if ctx.Err() != nil {
			break
		}
		de := Classify(s.Path, err)
		if report(de.Status()) {
			log.Warn("modem unavailable", "path", s.Path, "err", de)
		}
		if !sleep(ctx, orDefault(s.RetryEvery, DefaultRetryEvery)) {
			break
		}
	}
	report(s.status(callerid.DeviceStopped, "Not listening."))
}

// connect opens the port and runs the driver on it until either fails.
func (s *Source) connect(ctx context.Context, events chan<- callerid.Event, report func(callerid.DeviceStatus) bool) error {
	port, err := s.open()
	if err != nil {
		return err
	}
	report(s.status(callerid.DeviceConnecting, "Setting up the modem."))
	d := s.Driver
	if d.Line == "" {
		d.Line = "modem:" + s.Path
	}
	ready := d.Ready
	d.Ready = func(res InitResult) {
		report(s.status(callerid.DeviceListening, fmt.Sprintf("Listening for calls (caller ID on with %s).", res.CallerIDCommand)))
		if ready != nil {
			ready(res)
		}
	}
	return d.Run(ctx, port, events)
}

func (s *Source) open() (io.ReadWriteCloser, error) {
	if s.Open != nil {
		return s.Open(s.Path, s.Baud)
	}
	port, err := OpenPort(s.Path, s.Baud)
	if err != nil {
		return nil, err // not a nil serial.Port inside a non-nil interface
	}
	return port, nil
}

func (s *Source) status(state callerid.DeviceState, detail string) callerid.DeviceStatus {
	return callerid.DeviceStatus{Device: s.Path, State: state, Detail: detail}
}

// sleep waits for d and reports whether ctx is still going.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
