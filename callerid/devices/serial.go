package devices

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

// RetryEvery is how long a failed device rests before the next try.
const RetryEvery = 3 * time.Second

// Serial keeps one serial device going: it opens the port — following the
// device to another port by its USB identity when it was unplugged and
// came back elsewhere —, drives it until it fails, says what went wrong and
// tries again, until ctx ends.
type Serial struct {
	Config callerid.SourceConfig
	// Drive runs the device on an open port until the port fails or ctx
	// ends; it calls ready once the device listens.
	Drive func(ctx context.Context, port io.ReadWriteCloser, ready func(detail string)) error
	Tap   *Tap
	Log   *slog.Logger
	// RetryEvery defaults to RetryEvery.
	RetryEvery time.Duration
	// Open and List default to the real serial ports; tests replace them.
	Open func(path string, baud int) (io.ReadWriteCloser, error)
	List func() ([]modem.PortInfo, error)
}

// Run keeps the device going and reports each change of its state.
func (s *Serial) Run(ctx context.Context, status func(callerid.DeviceStatus)) {
	rep := newReporter(s.Config.Title(), status)
	log := orDiscard(s.Log)
	rep.say(callerid.DeviceConnecting, "Opening "+s.Config.Path+".", "")
	for {
		err := s.connect(ctx, rep)
		if ctx.Err() != nil {
			break
		}
		st := modem.Classify(s.Config.Path, err).Status()
		if rep.report(st) {
			log.Warn("device unavailable", "device", s.Config.Title(), "err", err)
			s.Tap.Note(err.Error())
		}
		if !sleep(ctx, cmp(s.RetryEvery, RetryEvery)) {
			break
		}
	}
	rep.say(callerid.DeviceStopped, "Not listening.", "")
}

func (s *Serial) connect(ctx context.Context, rep *reporter) error {
	path := s.Config.Path
	port, err := s.open(path)
	if isNotFound(err) {
		if moved := s.findMoved(); moved != "" && moved != path {
			s.Tap.Note("device found again at " + moved)
			path = moved
			port, err = s.open(path)
		}
	}
	if err != nil {
		return err
	}
	s.Tap.Note("opened " + path)
	rep.say(callerid.DeviceConnecting, "Setting up the device on "+path+".", "")
	return s.Drive(ctx, s.Tap.Wrap(port), func(detail string) {
		rep.say(callerid.DeviceListening, detail, "")
	})
}

func (s *Serial) open(path string) (io.ReadWriteCloser, error) {
	baud := s.Config.Baud
	if baud == 0 {
		baud = s.Config.Kind.DefaultBaud()
	}
	if s.Open != nil {
		return s.Open(path, baud)
	}
	port, err := modem.OpenPort(path, baud)
	if err != nil {
		return nil, err // not a nil port inside a non-nil interface
	}
	return port, nil
}

// findMoved looks for the device by its USB identity on another port.
func (s *Serial) findMoved() string {
	c := s.Config
	if c.USBVendor == "" {
		return ""
	}
	list := s.List
	if list == nil {
		list = modem.ListPorts
	}
	ports, err := list()
	if err != nil {
		return ""
	}
	for _, p := range ports {
		if p.USB && strings.EqualFold(p.VID, c.USBVendor) && strings.EqualFold(p.PID, c.USBProduct) &&
			(c.USBSerial == "" || p.Serial == c.USBSerial) {
			return p.Path
		}
	}
	return ""
}

func isNotFound(err error) bool {
	var de *modem.DeviceError
	if errors.As(err, &de) {
		return de.Kind == callerid.DeviceNotFound
	}
	return err != nil && modem.Classify("", err).Kind == callerid.DeviceNotFound
}

// reporter passes on a device's state when it changes, under the name the
// shop gave the device.
type reporter struct {
	device string
	status func(callerid.DeviceStatus)
	last   callerid.DeviceStatus
}

func newReporter(device string, status func(callerid.DeviceStatus)) *reporter {
	return &reporter{device: device, status: status}
}

func (r *reporter) say(state callerid.DeviceState, detail, hint string) bool {
	return r.report(callerid.DeviceStatus{State: state, Detail: detail, Hint: hint})
}

func (r *reporter) report(st callerid.DeviceStatus) bool {
	st.Device = r.device
	if st == r.last {
		return false
	}
	r.last = st
	if r.status != nil {
		r.status(st)
	}
	return true
}

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

func cmp(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func orDiscard(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}
