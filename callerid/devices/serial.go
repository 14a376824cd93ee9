package devices

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/internal/devstatus"
	"github.com/callboard-app/callboard/callerid/internal/wait"
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
	rep := devstatus.NewReporter(s.Config.Title(), status)
	log := orDiscard(s.Log)
	rep.Say(callerid.DeviceConnecting, "Opening "+s.Config.Path+".", "")
	// A serial device is back as soon as it is plugged in again: the rest
	// between tries stays the same.
	every := wait.Or(s.RetryEvery, RetryEvery)
	retry := wait.NewBackoff(every, every)
	for {
		err := s.connect(ctx, rep)
		if ctx.Err() != nil {
			break
		}
		st := modem.Classify(s.Config.Path, err).Status()
		if rep.Report(st) {
			log.Warn("device unavailable", "device", s.Config.Title(), "err", err)
			s.Tap.Note(err.Error())
		}
		if !retry.Rest(ctx) {
			break
		}
	}
	rep.Say(callerid.DeviceStopped, "Not listening.", "")
}

func (s *Serial) connect(ctx context.Context, rep *devstatus.Reporter) error {
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
	rep.Say(callerid.DeviceConnecting, "Setting up the device on "+path+".", "")
	return s.Drive(ctx, s.Tap.Wrap(port), func(detail string) {
		rep.Say(callerid.DeviceListening, detail, "")
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

func orDiscard(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}
