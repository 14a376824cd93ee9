package devices

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/boxes"
	"github.com/callboard-app/callboard/callerid/internal/devstatus"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/callboard-app/callboard/callerid/ncid"
	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/callerid/xdmf"
)

// Options are what a running source needs besides its configuration.
type Options struct {
	Log *slog.Logger
	// Tap records the device's conversation for the Test button (optional).
	Tap *Tap
	// DemoEvery is the mean gap between the simulated line's calls.
	DemoEvery time.Duration
	// NCIDSince skips replayed NCID calls that are already stored.
	NCIDSince time.Time
	// HangUp rejects the call ringing now on a modem (callers flagged as
	// spam, where the shop turned that on).
	HangUp <-chan struct{}
}

// LineID is the line name calls from a source carry: stable across renames
// and re-plugging, so that tracking lines and history keep matching.
// Multi-line devices add "/<line>" to it.
func LineID(c callerid.SourceConfig) string {
	switch {
	case c.Kind == callerid.SourceSimulated:
		return "demo"
	case c.ID == 0:
		return string(c.Kind) + ":" + c.Where()
	}
	return fmt.Sprintf("%s-%d", c.Kind, c.ID)
}

// Run runs one source until ctx ends, sending its events and its states.
func Run(ctx context.Context, c callerid.SourceConfig, events chan<- callerid.Event, status func(callerid.DeviceStatus), o Options) {
	log := orDiscard(o.Log).With("device", c.Title())
	line := LineID(c)
	switch c.Kind {
	case callerid.SourceModem:
		serial(c, o, log, func(ctx context.Context, port io.ReadWriteCloser, ready func(string)) error {
			d := modemDriver(c, line, log)
			d.HangUp = o.HangUp
			d.Ready = func(res modem.InitResult) {
				for _, l := range res.Transcript {
					o.Tap.Note("init " + l)
				}
				ready(fmt.Sprintf("Listening for calls (caller ID on with %s).", res.CallerIDCommand))
			}
			return d.Run(ctx, port, events)
		}).Run(ctx, status)
	case callerid.SourceNetCallerID, callerid.SourceTCI:
		serial(c, o, log, func(ctx context.Context, port io.ReadWriteCloser, ready func(string)) error {
			ready("Listening for calls.")
			b := &boxes.Box{Format: string(c.Kind), Name: line, Log: log}
			return b.Run(ctx, port, events)
		}).Run(ctx, status)
	case callerid.SourceRawBox:
		serial(c, o, log, func(ctx context.Context, port io.ReadWriteCloser, ready func(string)) error {
			ready("Listening for caller-ID packets.")
			s := &xdmf.Stream{Line: line, Log: log}
			return s.Run(ctx, port, events)
		}).Run(ctx, status)
	case callerid.SourceWhozzSerial, callerid.SourceWhozzUDP:
		runWhozz(ctx, c, line, events, status, o, log)
	case callerid.SourceNCID:
		cl := &ncid.Client{Addr: c.Addr, Name: line, Log: log, Replay: true, Since: o.NCIDSince}
		cl.Run(ctx, events, renamed(c.Title(), status))
	case callerid.SourceSimulated:
		runDemo(ctx, c, line, events, status, o, log)
	default:
		status(callerid.DeviceStatus{Device: c.Title(), State: callerid.DeviceUnsupported,
			Detail: fmt.Sprintf("Callboard does not know devices of kind %q.", c.Kind),
			Hint:   "Remove this device and add it again."})
	}
}

func serial(c callerid.SourceConfig, o Options, log *slog.Logger,
	drive func(ctx context.Context, port io.ReadWriteCloser, ready func(string)) error) *Serial {
	return &Serial{Config: c, Drive: drive, Tap: o.Tap, Log: log}
}

func modemDriver(c callerid.SourceConfig, line string, log *slog.Logger) modem.Driver {
	return modem.Driver{Line: line, Log: log, InitOptions: modem.InitOptions{
		Country:         c.Country,
		DistinctiveRing: c.DistinctiveRing,
		ExtensionPickup: c.ExtensionPickup,
		Raw:             c.RawCallerID,
	}}
}

// renamed reports a driver's states under the name the shop gave the device.
func renamed(title string, status func(callerid.DeviceStatus)) func(callerid.DeviceStatus) {
	return func(st callerid.DeviceStatus) {
		st.Device = title
		status(st)
	}
}

// runDemo is the simulated line: a fake modem on an in-memory wire, read by
// the real modem driver, so the demo exercises the same path as a shop's
// modem.
func runDemo(ctx context.Context, c callerid.SourceConfig, line string, events chan<- callerid.Event, status func(callerid.DeviceStatus), o Options, log *slog.Logger) {
	every := o.DemoEvery
	if every <= 0 {
		every = 90 * time.Second
	}
	rep := devstatus.NewReporter(c.Title(), status)
	host, m := sim.NewPipeModem(sim.Options{Chipset: sim.ChipsetVCID, Echo: true, TimeScale: 1})
	demo := &sim.Demo{Modem: m, Every: every, Rand: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{}, 2)
	go func() { _ = m.Run(ctx); done <- struct{}{} }()
	go func() { _ = demo.Run(ctx); done <- struct{}{} }()
	rep.Say(callerid.DeviceConnecting, "Starting the simulated line.", "")
	d := modem.Driver{Line: line, Log: log, Ready: func(modem.InitResult) {
		rep.Say(callerid.DeviceListening, "Simulated calls, about one every "+every.Round(time.Second).String()+".", "")
	}}
	if err := d.Run(ctx, o.Tap.Wrap(host), events); err != nil && ctx.Err() == nil {
		log.Warn("simulated line stopped", "err", err)
	}
	cancel()
	<-done
	<-done
	rep.Say(callerid.DeviceStopped, "Not listening.", "")
}
