package callerid

import (
	"context"
	"time"
)

// TrackerConfig holds the per-shop rules for turning line events into calls.
type TrackerConfig struct {
	// RingGap is how long the line must stay quiet before a ringing call is
	// over. North American cadence is 2 s on, 4 s off, so 7 s (the default)
	// is one missed ring plus margin.
	RingGap time.Duration
	// NoAnswerRings: a plain modem cannot see a pick-up, so a call that rang
	// at least this many times is taken as not answered (default 4).
	NoAnswerRings int
	// NoAnswerOutcome is what such a call counts as: OutcomeMissed (the
	// default) or OutcomeVoicemail where an answering machine takes the line
	// after NoAnswerRings.
	NoAnswerOutcome Outcome
	// LongestCall closes a call that a hook-aware source never ended (a
	// lost end record), or an answered call never hung up (default 4 h).
	LongestCall time.Duration
	Normalizer  Normalizer
}

func (c TrackerConfig) withDefaults() TrackerConfig {
	if c.RingGap <= 0 {
		c.RingGap = 7 * time.Second
	}
	if c.NoAnswerRings <= 0 {
		c.NoAnswerRings = 4
	}
	if c.NoAnswerOutcome == "" {
		c.NoAnswerOutcome = OutcomeMissed
	}
	if c.LongestCall <= 0 {
		c.LongestCall = 4 * time.Hour
	}
	return c
}

// UpdateKind says what changed about a call.
type UpdateKind int

const (
	// CallStarted: the line began ringing; nothing is known about the caller yet.
	CallStarted UpdateKind = iota + 1
	// CallKnown: caller ID arrived (or ring 2 came without it). This is the
	// moment the front desk must see the caller, and the call is saved.
	CallKnown
	// CallRang: one more ring.
	CallRang
	// CallAnswered: a hook-aware source saw the pick-up.
	CallAnswered
	// CallEnded: the call is over and its outcome is settled.
	CallEnded
)

func (k UpdateKind) String() string {
	switch k {
	case CallStarted:
		return "started"
	case CallKnown:
		return "known"
	case CallRang:
		return "rang"
	case CallAnswered:
		return "answered"
	case CallEnded:
		return "ended"
	}
	return "unknown"
}

// Update is a snapshot of a call after something changed.
type Update struct {
	Kind UpdateKind
	Call Call
}

// Tracker is the state machine of every line: it assembles events into
// calls. It is driven entirely by the events' times and the times passed
// to Expire, so it can be tested and replayed without a clock. Not safe
// for concurrent use; Run owns one.
type Tracker struct {
	cfg   TrackerConfig
	lines map[string]*lineState
	// ended keeps each line's last ended call: a gateway's end record can
	// come after the ring gap already closed the call, and then corrects it.
	ended  map[string]Call
	lastID int64
}

type lineState struct {
	call Call
	// lastHeard is the last ring or caller-ID block: the gap runs from here.
	lastHeard time.Time
	// lastWasRing: the previous event on the line was a ring. In North
	// American order that ring belongs to the next caller-ID block.
	lastWasRing bool
	// seesHook: the source will say when the call ends.
	seesHook bool
}

// deadline is when the call ends by itself if nothing more is heard: the
// ring gap for a line that only reports rings (and maybe the pick-up, like
// a modem's extension detection, which never reports the hang-up); much
// later for a source that reports every call's end, which then cuts the
// call off as unknown.
func (st *lineState) deadline(cfg TrackerConfig) (time.Time, bool) {
	if st.seesHook {
		return st.lastHeard.Add(cfg.LongestCall), true
	}
	return st.lastHeard.Add(cfg.RingGap), false
}

// NewTracker returns a tracker with no calls in progress.
func NewTracker(cfg TrackerConfig) *Tracker {
	return &Tracker{cfg: cfg.withDefaults(), lines: map[string]*lineState{}, ended: map[string]Call{}}
}

// Config returns the rules in force, defaults filled in.
func (t *Tracker) Config() TrackerConfig { return t.cfg }

// Handle applies one event and returns what changed, in order.
func (t *Tracker) Handle(ev Event) []Update {
	ups := t.Expire(ev.At)
	st := t.lines[ev.Line]
	if st != nil && ev.SeesHook {
		st.seesHook = true
	}
	switch ev.Kind {
	case Ring:
		if st == nil {
			st = t.start(ev)
			ups = append(ups, Update{CallStarted, st.call})
		}
		st.seesHook = st.seesHook || ev.SeesHook
		st.call.Rings++
		if st.call.RingPattern == "" {
			st.call.RingPattern = ev.RingPattern
		}
		st.lastHeard, st.lastWasRing = ev.At, true
		ups = append(ups, Update{CallRang, st.call})
		if st.call.Rings == 2 && st.call.Known.IsZero() {
			// Caller ID comes between ring 1 and 2: by ring 2 the line
			// has none to give, and the call must still reach the screen.
			st.call.Known = ev.At
			st.call.Number = Number{Special: NoNumber}
			ups = append(ups, Update{CallKnown, st.call})
		}
	case CallerID:
		if st != nil && st.call.HasCallerID() {
			ups = append(ups, t.split(st, ev)...)
			st = t.lines[ev.Line]
		}
		if st == nil {
			st = t.start(ev)
			ups = append(ups, Update{CallStarted, st.call})
		}
		st.seesHook = st.seesHook || ev.SeesHook
		t.identify(st, ev)
		ups = append(ups, Update{CallKnown, st.call})
	case OffHook:
		if st != nil && st.call.Answered.IsZero() {
			st.call.Answered, st.call.Outcome, st.call.Exact = ev.At, OutcomeAnswered, true
			st.lastHeard, st.lastWasRing = ev.At, false
			ups = append(ups, Update{CallAnswered, st.call})
		}
	case OnHook:
		// A hook-aware source follows the hang-up with its end record,
		// which carries the verdict; without one, the hang-up ends the call.
		if st != nil && !st.seesHook {
			ups = append(ups, t.end(st, ev.At, false))
		}
	case End:
		switch {
		case st != nil:
			t.settle(st, ev)
			ups = append(ups, t.end(st, ev.At, false))
		case ev.Outcome != "":
			if u, ok := t.correct(ev); ok {
				ups = append(ups, u)
			}
		}
	}
	return ups
}

// Expire ends every call whose line has been quiet for RingGap by now.
func (t *Tracker) Expire(now time.Time) []Update {
	var ups []Update
	for _, st := range t.lines {
		d, cutOff := st.deadline(t.cfg)
		if now.Before(d) {
			continue
		}
		end := st.lastHeard
		if cutOff {
			end = d
		}
		ups = append(ups, t.end(st, end, cutOff))
	}
	return ups
}

// NextDeadline is when Expire next has something to do.
func (t *Tracker) NextDeadline() (time.Time, bool) {
	var next time.Time
	for _, st := range t.lines {
		d, _ := st.deadline(t.cfg)
		if next.IsZero() || d.Before(next) {
			next = d
		}
	}
	return next, !next.IsZero()
}

// CloseAll ends every call in progress. At the end of a recorded transcript
// the calls are complete, so their outcome is estimated as usual; when the
// device or the app stops mid-call (cutOff) nobody knows how it ended.
func (t *Tracker) CloseAll(now time.Time, cutOff bool) []Update {
	var ups []Update
	for _, st := range t.lines {
		end := st.lastHeard
		if cutOff {
			end = now
		}
		ups = append(ups, t.end(st, end, cutOff))
	}
	return ups
}

// Active returns the calls in progress.
func (t *Tracker) Active() []Call {
	calls := make([]Call, 0, len(t.lines))
	for _, st := range t.lines {
		calls = append(calls, st.call)
	}
	return calls
}

func (t *Tracker) start(ev Event) *lineState {
	id := ev.At.UnixNano()
	if id <= t.lastID {
		id = t.lastID + 1
	}
	t.lastID = id
	st := &lineState{
		call:      Call{ID: id, Line: ev.Line, Started: ev.At, Outcome: OutcomeUnknown},
		lastHeard: ev.At,
	}
	t.lines[ev.Line] = st
	return st
}

func (t *Tracker) identify(st *lineState, ev Event) {
	c := &st.call
	c.Known = ev.At
	c.Number = t.cfg.Normalizer.Normalize(ev.Number)
	c.Name, c.TelcoDate, c.TelcoTime, c.Raw = ev.Name, ev.TelcoDate, ev.TelcoTime, ev.Raw
	c.Dialed, c.Outbound = ev.Dialed, ev.Outbound
	if ev.RingPattern != "" {
		c.RingPattern = ev.RingPattern
	}
	st.lastHeard, st.lastWasRing = ev.At, false
}

// correct applies a late end record to the line's last call, closed by the
// ring gap before the source said how it ended.
func (t *Tracker) correct(ev Event) (Update, bool) {
	c, ok := t.ended[ev.Line]
	if !ok || c.Exact || ev.At.Before(c.Ended) || ev.At.Sub(c.Ended) > t.cfg.LongestCall {
		return Update{}, false
	}
	st := &lineState{call: c}
	t.settle(st, ev)
	if !st.call.Answered.IsZero() {
		st.call.Ended = ev.At // the call went on until the end record
	}
	t.ended[ev.Line] = st.call
	return Update{CallEnded, st.call}, true
}

// settle takes what a hook-aware source says about the whole call from its
// end record: the outcome is then exact, not estimated from rings.
func (t *Tracker) settle(st *lineState, ev Event) {
	c := &st.call
	if ev.Rings > 0 {
		c.Rings = ev.Rings
	}
	if ev.Outcome != "" {
		c.Outcome, c.Exact = ev.Outcome, true
		// A caller who hung up during the first ring gave nobody a chance:
		// that is an abandoned call, not one the shop missed. (A source that
		// counts no rings, like a VoIP gateway, tells nothing either way.)
		if ev.Outcome == OutcomeMissed && c.Rings == 1 {
			c.Outcome = OutcomeAbandoned
		}
	}
	if ev.RingPattern != "" && c.RingPattern == "" {
		c.RingPattern = ev.RingPattern
	}
	if ev.Talk > 0 && c.Answered.IsZero() {
		c.Answered = ev.At.Add(-ev.Talk)
	}
}

// split handles a second caller-ID block on a line whose call already has
// one: without a quiet gap between them (a transcript has no clock) this is
// the next call, and in North American order the ring just before the
// block was that call's first ring.
func (t *Tracker) split(st *lineState, ev Event) []Update {
	carried := 0
	if st.lastWasRing && st.call.Rings > 1 {
		st.call.Rings--
		carried = 1
	}
	ups := []Update{t.end(st, st.lastHeard, false)}
	next := t.start(ev)
	next.call.Rings = carried
	return append(ups, Update{CallStarted, next.call})
}

func (t *Tracker) end(st *lineState, at time.Time, cutOff bool) Update {
	c := &st.call
	if at.Before(c.Started) {
		at = c.Started
	}
	c.Ended = at
	switch {
	case c.Exact:
	case cutOff:
		c.Outcome = OutcomeUnknown
	case c.Rings >= t.cfg.NoAnswerRings:
		c.Outcome = t.cfg.NoAnswerOutcome
	default:
		c.Outcome = OutcomeUnknown
	}
	delete(t.lines, c.Line)
	t.ended[c.Line] = *c
	return Update{CallEnded, *c}
}

// Run feeds events to the tracker and ends quiet calls on time, passing
// every update to sink from this one goroutine. It returns when ctx is done
// or events is closed, after cutting off the calls still in progress.
func Run(ctx context.Context, t *Tracker, events <-chan Event, sink func(Update)) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		wait := time.Hour
		if d, ok := t.NextDeadline(); ok {
			wait = max(time.Until(d), 0)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			emit(sink, t.CloseAll(time.Now(), true))
			return
		case ev, ok := <-events:
			if !ok {
				emit(sink, t.CloseAll(time.Now(), true))
				return
			}
			emit(sink, t.Handle(ev))
		case now := <-timer.C:
			// A slow sink can leave rings waiting that came before this
			// deadline; expiring first would split their call in two.
			if !drain(t, events, sink) {
				return
			}
			emit(sink, t.Expire(now))
		}
	}
}

// drain handles the events already waiting; false when the events have
// ended (and the calls are closed).
func drain(t *Tracker, events <-chan Event, sink func(Update)) bool {
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				emit(sink, t.CloseAll(time.Now(), true))
				return false
			}
			emit(sink, t.Handle(ev))
		default:
			return true
		}
	}
}

func emit(sink func(Update), ups []Update) {
	for _, u := range ups {
		sink(u)
	}
}
