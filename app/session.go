package app

import (
	"context"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/devices"
	"github.com/callboard-app/callboard/callerid/modem"
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
	// Where the call and the caller came from (set with the history).
	Source Attribution
	// Contact is the name the shop gave the caller (a contact, or a name
	// override for an unhelpful telco name), ContactID the contact's ID
	// (0 for a name override or none).
	Contact   string
	ContactID int
}

// Sink receives what happens on the lines. The session calls it from its
// own goroutines; the Bridge is the implementation that hands it to the UI.
type Sink interface {
	CallChanged(CallView)
	DeviceChanged(callerid.DeviceStatus)
	// DeviceGone removes a device from view (removed, or no longer looked for).
	DeviceGone(device string)
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

	ctx         context.Context
	cancel      context.CancelFunc
	events      chan callerid.Event
	trackerDone chan struct{}
	devices     sync.WaitGroup

	mu           sync.Mutex
	running      map[int]*runningSource
	anon         int
	finderCancel context.CancelFunc
}

// finderDevice names the search for a USB modem in the status bar.
const finderDevice = "Modem"

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
	// Nothing rings before Start: a call still ringing in the file was cut
	// off by the last run's end (killed, a power cut).
	if closed, err := db.CloseInterrupted(); err != nil {
		log.Warn("calls cut off by the last stop stay open", "err", err)
	} else if len(closed) > 0 {
		log.Info("closed calls cut off by the last stop", "calls", len(closed))
	}
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

// seedDemo gives a new demo database a shop's last four months: its main
// number and three advertised lines, the campaigns that ran on them with
// their costs, repeat callers, missed calls, some spam.
func (s *Session) seedDemo() error {
	latest, err := s.db.Calls(time.Time{}, time.Now(), 1)
	if err != nil || len(latest) > 0 {
		return err
	}
	if lines, err := s.db.Lines(); err != nil || len(lines) > 0 {
		return err
	}
	s.log.Info("seeding demo database")
	if err := Seed(s.db, SeedOptions{Calls: 5000, Years: 0.34, Normalizer: s.norm, Seed: uint64(time.Now().Unix() / 86400)}); err != nil {
		return err
	}
	return s.seedDemoContacts(40)
}

// seedDemoContacts puts the demo shop's most frequent callers in its
// contacts, as a shop would have them.
func (s *Session) seedDemoContacts(n int) error {
	rows, err := s.db.Log(time.Time{}, time.Time{}, 0)
	if err != nil {
		return err
	}
	count := map[string]int{}
	first := map[string]callerid.Call{}
	for _, r := range rows {
		if r.Number.E164 == "" || r.Spam || isPlaceholderName(r.Name) || r.Name == "" {
			continue
		}
		key := r.Number.Key()
		count[key]++
		first[key] = r.Call
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return count[b] - count[a] })
	for i, key := range keys[:min(n, len(keys))] {
		c := first[key]
		contact := storage.Contact{Name: titleCase(c.Name),
			Numbers: []storage.ContactNumber{{Raw: c.Number.Display(s.cfg.Region), Key: key, Label: "mobile"}}}
		if i%3 == 0 {
			contact.Notes = "Regular customer."
		}
		if _, err := s.db.SaveContact(contact); err != nil {
			return err
		}
	}
	return nil
}

// DB is the session's database.
func (s *Session) DB() *storage.DB { return s.db }

// Config is the configuration in force, saved settings included.
func (s *Session) Config() Config { return s.cfg }

// Demo reports whether this is the demo database with the simulated line.
func (s *Session) Demo() bool { return s.cfg.Demo }

// Start begins listening: the simulated line in demo mode, the port named
// with --port, the devices set up in the Devices screen, or else the one
// USB modem found. Events from every device go through one tracker, which
// tells calls apart by line.
func (s *Session) Start(sink Sink) {
	s.sink = sink
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.events = make(chan callerid.Event, 64)
	s.running = map[int]*runningSource{}
	tracker := callerid.NewTracker(callerid.TrackerConfig{
		RingGap:       s.cfg.RingGap,
		NoAnswerRings: s.cfg.NoAnswerRings,
		Normalizer:    s.norm,
	})
	s.trackerDone = make(chan struct{})
	go func() {
		defer close(s.trackerDone)
		callerid.Run(context.Background(), tracker, s.events, s.apply)
	}()
	switch {
	case s.cfg.Demo:
		s.startSource(demoSource)
	case s.cfg.Port != "" || len(s.cfg.Sources) > 0:
		if s.cfg.Port != "" {
			s.startSource(callerid.SourceConfig{Kind: callerid.SourceModem, Name: s.cfg.Port, Path: s.cfg.Port, Baud: s.cfg.Baud})
		}
		for _, c := range s.cfg.Sources {
			s.startSource(c)
		}
	default:
		configured, err := s.db.Sources()
		if err != nil {
			s.sink.Problem(err)
		}
		started := 0
		for _, c := range configured {
			if !c.Disabled {
				s.startSource(c)
				started++
			}
		}
		if started == 0 {
			ctx, cancel := context.WithCancel(s.ctx)
			s.finderCancel = cancel
			s.devices.Add(1)
			go func() { defer s.devices.Done(); s.watchForModem(ctx) }()
		}
	}
	s.StartDailyBackup(s.ctx)
	s.releaseMemory()
}

// The database file is mapped into memory, and every page a scan or a
// report reads stays counted as Callboard's own until the system needs the
// room: a report over ten years would leave hundreds of megabytes behind.
// The session lets go of them (storage.DB.ReleaseMemory) shortly after
// start, when the window has read what it shows, and then every minute.
const (
	firstRelease = 3 * time.Second
	releaseEvery = time.Minute
	// logIdle: the call log's index (about 50 bytes a call) is let go of
	// when the log has not been used for this long, and made again in a
	// second when it is.
	logIdle = 15 * time.Minute
)

func (s *Session) releaseMemory() {
	s.devices.Add(1)
	go func() {
		defer s.devices.Done()
		wait := time.After(firstRelease)
		for {
			select {
			case <-wait:
			case <-s.ctx.Done():
				return
			}
			// What the last minute's work left behind (building the log's
			// index, a report) goes back to the system too. The big arrays
			// hold no pointers, so a collection is cheap.
			if s.db.DropIdleLog(logIdle, time.Now()) {
				s.log.Info("the call log's index let go of: not used for a while")
			}
			debug.FreeOSMemory()
			if err := s.db.ReleaseMemory(); err != nil {
				s.log.Warn("letting go of database pages", "err", err)
			}
			wait = time.After(releaseEvery)
		}
	}()
}

// demoSource is the simulated line of the demo.
var demoSource = callerid.SourceConfig{Kind: callerid.SourceSimulated, Name: demoDevice}

// runningSource is one device at work.
type runningSource struct {
	cfg    callerid.SourceConfig
	tap    *devices.Tap
	hangUp chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
}

// startSource runs one device until the session closes or it is removed.
// Sources without an ID (--port, a modem found by itself, the demo line)
// are keyed below zero.
func (s *Session) startSource(c callerid.SourceConfig) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx.Err() != nil {
		return
	}
	key := c.ID
	if key == 0 {
		s.anon--
		key = s.anon
	}
	ctx, cancel := context.WithCancel(s.ctx)
	r := &runningSource{cfg: c, tap: devices.NewTap(), hangUp: make(chan struct{}, 1), cancel: cancel, done: make(chan struct{})}
	s.running[key] = r
	since := time.Time{}
	if latest, err := s.db.Calls(time.Time{}, time.Now().Add(time.Minute), 1); err == nil && len(latest) > 0 {
		since = latest[0].Started
	}
	s.devices.Add(1)
	go func() {
		defer s.devices.Done()
		defer close(r.done)
		devices.Run(ctx, c, s.events, s.deviceChanged, devices.Options{
			Log: s.log, Tap: r.tap, DemoEvery: s.cfg.DemoEvery, NCIDSince: since, HangUp: r.hangUp,
		})
	}()
}

// stopSource stops a device and waits until it let go of its port.
func (s *Session) stopSource(key int) {
	s.mu.Lock()
	r, ok := s.running[key]
	delete(s.running, key)
	s.mu.Unlock()
	if ok {
		r.cancel()
		<-r.done
	}
}

// watchForModem looks for a USB modem until one turns up, then listens on it.
func (s *Session) watchForModem(ctx context.Context) {
	for {
		info, err := modem.FindModem()
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			s.sink.DeviceGone(finderDevice)
			name := info.Product
			if name == "" {
				name = "Modem"
			}
			s.startSource(callerid.SourceConfig{Kind: callerid.SourceModem, Name: name, Path: info.Path,
				USBVendor: info.VID, USBProduct: info.PID, USBSerial: info.Serial})
			return
		}
		s.deviceChanged(callerid.DeviceStatus{
			Device: finderDevice,
			State:  callerid.DeviceNotFound,
			Detail: err.Error(),
			Hint:   "Plug in a USB modem and Callboard finds it, or add your device in Devices. Without a modem, try the demo line.",
		})
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Second):
		}
	}
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
		if err == nil && view.History.Spam && u.Call.Active() {
			s.rejectSpam(u.Call)
		}
		if err == nil {
			view.Source = s.attribute(u.Call, view.History)
			view.Contact, view.ContactID, _ = s.db.DisplayName(u.Call.Number, u.Call.Name)
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
		s.devices.Wait()
		close(s.events)
		<-s.trackerDone
	}
	return s.db.Close()
}

// LineLabel is the name the shop knows a line by: the label it gave the
// line, else the device's name (with the unit's line number for devices
// with several lines), else the line's ID.
func (s *Session) LineLabel(line string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.running {
		id := devices.LineID(r.cfg)
		if label := r.cfg.Labels[line]; label != "" && (line == id || strings.HasPrefix(line, id)) {
			return label
		}
		switch {
		case line == id:
			return r.cfg.Title()
		case strings.HasPrefix(line, id+"/"), strings.HasPrefix(line, id+":"):
			return r.cfg.Title() + " " + strings.TrimLeft(line[len(id)+1:], ":/")
		}
	}
	return line
}

// Tap returns what a running device said lately, for the Test view.
func (s *Session) Tap(device string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.running {
		if r.cfg.Title() == device {
			return r.tap.Lines()
		}
	}
	return nil
}

// rejectSpam hangs up on a caller flagged as spam, when the device the
// call rings on is a modem set to do so.
func (s *Session) rejectSpam(c callerid.Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.running {
		if r.cfg.Kind == callerid.SourceModem && r.cfg.HangUpSpam && devices.LineID(r.cfg) == c.Line {
			select {
			case r.hangUp <- struct{}{}:
				s.log.Info("hanging up on spam", "line", c.Line, "number", c.Number.Key())
			default: // already hanging up
			}
		}
	}
}
