package app

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

// demoDevice names the simulated line in the status bar.
const demoDevice = "Demo line"

// CallView is one call as the window shows it: the call so far and the
// caller as they stood before it (set once the caller is known).
type CallView struct {
	Kind    callerid.UpdateKind
	Call    callerid.Call
	History storage.Caller
	// HasHistory is false until the caller is known and looked up.
	HasHistory bool
	// Totals: History is the caller as they stand now, not before the call
	// (a past call picked from the list).
	Totals bool
}

// Sink receives what happens on the lines. The session calls it from its
// own goroutines; the Bridge is the implementation that hands it to the UI.
type Sink interface {
	CallChanged(CallView)
	DeviceChanged(callerid.DeviceStatus)
	Problem(error)
}

// Session is one open database with the lines that feed it. It owns every
// goroutine it starts and stops them all in Close.
type Session struct {
	cfg  Config
	db   *storage.DB
	norm callerid.Normalizer
	sink Sink
	log  *slog.Logger

	cancel context.CancelFunc
	wg     sync.WaitGroup
	events chan callerid.Event
}

// OpenSession opens the database named by cfg (the per-user one, or the demo
// one) and seeds a new demo database with history.
func OpenSession(cfg Config, log *slog.Logger) (*Session, error) {
	path := cfg.DBPath
	if path == "" {
		var err error
		if path, err = storage.DefaultPath(cfg.Demo); err != nil {
			return nil, err
		}
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		return nil, err
	}
	s := &Session{cfg: cfg, db: db, log: log}
	s.applySettings()
	if cfg.Demo {
		if err := s.seedDemo(); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	return s, nil
}

// applySettings fills what no flag set from the saved settings.
func (s *Session) applySettings() {
	set, err := s.db.Settings()
	if err != nil {
		s.log.Warn("settings unreadable, using defaults", "err", err)
	}
	if s.cfg.Region == "" {
		s.cfg.Region = set.Region
	}
	if s.cfg.Region == "" {
		s.cfg.Region = "US"
	}
	if s.cfg.AreaCode == "" {
		s.cfg.AreaCode = set.AreaCode
	}
	if s.cfg.RingGap == 0 && set.RingGapSeconds > 0 {
		s.cfg.RingGap = time.Duration(set.RingGapSeconds) * time.Second
	}
	if s.cfg.NoAnswerRings == 0 {
		s.cfg.NoAnswerRings = set.NoAnswerRings
	}
	s.norm = callerid.Normalizer{Region: s.cfg.Region, AreaCode: s.cfg.AreaCode}
}

func (s *Session) seedDemo() error {
	latest, err := s.db.Calls(time.Time{}, time.Now(), 1)
	if err != nil || len(latest) > 0 {
		return err
	}
	now := time.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	rnd := rand.New(rand.NewPCG(uint64(today.Unix()), 2))
	history := sim.History(today.AddDate(0, -4, 0), now, time.Local, rnd, 38, s.norm, demoDevice)
	s.log.Info("seeding demo database", "calls", len(history))
	return s.db.ImportCalls(history)
}

// DB is the session's database.
func (s *Session) DB() *storage.DB { return s.db }

// Config is the configuration in force, saved settings included.
func (s *Session) Config() Config { return s.cfg }

// Demo reports whether this is the demo database with the simulated line.
func (s *Session) Demo() bool { return s.cfg.Demo }

// Start begins listening: the simulated line in demo mode, the chosen port,
// or the one USB modem found. Events from every device go through one
// tracker, so calls on different lines are still told apart by line.
func (s *Session) Start(sink Sink) {
	s.sink = sink
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.events = make(chan callerid.Event, 64)
	tracker := callerid.NewTracker(callerid.TrackerConfig{
		RingGap:       s.cfg.RingGap,
		NoAnswerRings: s.cfg.NoAnswerRings,
		Normalizer:    s.norm,
	})
	var trackerDone sync.WaitGroup
	trackerDone.Add(1)
	go func() {
		defer trackerDone.Done()
		callerid.Run(context.WithoutCancel(ctx), tracker, s.events, s.apply)
	}()
	var devices sync.WaitGroup
	switch {
	case s.cfg.Demo:
		s.startDemoLine(ctx, &devices)
	case s.cfg.Port != "":
		s.startModem(ctx, &devices, s.cfg.Port)
	default:
		devices.Add(1)
		go func() { defer devices.Done(); s.watchForModem(ctx, &devices) }()
	}
	// The tracker outlives the devices so the calls they leave ringing are
	// closed and saved; it stops when the event channel closes.
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		devices.Wait()
		close(s.events)
		trackerDone.Wait()
	}()
}

func (s *Session) startModem(ctx context.Context, devices *sync.WaitGroup, path string) {
	src := &modem.Source{Path: path, Baud: s.cfg.Baud, Driver: modem.Driver{Line: path, Log: s.log}}
	devices.Add(1)
	go func() {
		defer devices.Done()
		src.Run(ctx, s.events, s.deviceChanged)
	}()
}

// watchForModem looks for a USB modem until one turns up, then listens on it.
func (s *Session) watchForModem(ctx context.Context, devices *sync.WaitGroup) {
	for {
		info, err := modem.FindModem()
		if err == nil {
			s.startModem(ctx, devices, info.Path)
			return
		}
		s.deviceChanged(callerid.DeviceStatus{
			Device: "Modem",
			State:  callerid.DeviceNotFound,
			Detail: err.Error(),
			Hint:   "Plug in a USB modem and Callboard finds it, or start with --port to name a serial port. Without a modem, try the demo line.",
		})
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Second):
		}
	}
}

func (s *Session) startDemoLine(ctx context.Context, devices *sync.WaitGroup) {
	every := s.cfg.DemoEvery
	if every <= 0 {
		every = 90 * time.Second
	}
	host, m := sim.NewPipeModem(sim.Options{Chipset: sim.ChipsetVCID, Echo: true, TimeScale: 1})
	demo := &sim.Demo{Modem: m, Every: every, Rand: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))}
	devices.Add(3)
	go func() { defer devices.Done(); _ = m.Run(ctx) }()
	go func() { defer devices.Done(); _ = demo.Run(ctx) }()
	go func() {
		defer devices.Done()
		d := modem.Driver{Line: demoDevice, Log: s.log, Ready: func(modem.InitResult) {
			s.deviceChanged(callerid.DeviceStatus{
				Device: demoDevice,
				State:  callerid.DeviceListening,
				Detail: "simulated calls, about one every " + every.Round(time.Second).String(),
			})
		}}
		s.deviceChanged(callerid.DeviceStatus{Device: demoDevice, State: callerid.DeviceConnecting})
		err := d.Run(ctx, host, s.events)
		if err != nil && !errors.Is(err, context.Canceled) {
			s.log.Warn("demo line stopped", "err", err)
		}
		s.deviceChanged(callerid.DeviceStatus{Device: demoDevice, State: callerid.DeviceStopped})
	}()
}

func (s *Session) deviceChanged(st callerid.DeviceStatus) {
	s.log.Info("device", "device", st.Device, "state", st.State.String(), "detail", st.Detail)
	s.sink.DeviceChanged(st)
}

// apply saves a call at the moments that matter and passes it on: when the
// caller is known (so a crash after the pop-up loses nothing the desk saw)
// and when it ends. Runs on the tracker's goroutine.
func (s *Session) apply(u callerid.Update) {
	view := CallView{Kind: u.Kind, Call: u.Call}
	var err error
	switch u.Kind {
	case callerid.CallKnown:
		view.History, err = s.db.Record(u.Call)
		view.HasHistory = err == nil
		if err == nil {
			s.log.Info("call recorded", "id", u.Call.ID, "line", u.Call.Line, "number", u.Call.Number.Key(), "name", u.Call.Name)
		}
	case callerid.CallEnded:
		err = s.db.Finish(u.Call)
		if err == nil {
			s.log.Info("call finished", "id", u.Call.ID, "rings", u.Call.Rings, "outcome", string(u.Call.Outcome))
		}
	}
	if err != nil {
		s.log.Error("saving call failed", "id", u.Call.ID, "err", err)
		s.sink.Problem(err)
	}
	s.sink.CallChanged(view)
}

// Close stops every device, lets the tracker close the calls still ringing,
// and closes the database.
func (s *Session) Close() error {
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
	return s.db.Close()
}
