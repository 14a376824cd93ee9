package storage

import (
	"errors"
	"fmt"
	"time"

	"github.com/asdine/storm/v3"
	"github.com/callboard-app/callboard/callerid"
)

// Callers keep one small record per caller key (callerid.Number.Key), so
// the pop-up reads one record and never the call history. The records are
// spread over 100 buckets by the key's last two digits (callers/07/...),
// keeping each under ~10k records at a million calls; the few special
// callers (PRIVATE, OUT-OF-AREA...) share one more bucket.

// Caller is what is known about one caller across all their calls.
type Caller struct {
	Key       string
	Calls     int
	FirstCall time.Time
	FirstLine string
	LastCall  time.Time
	// LastOutcome is empty while the last call is still on.
	LastOutcome  callerid.Outcome
	LastExact    bool
	LastAnswered time.Time
}

// FirstTime reports whether nobody called from this number before; on the
// Caller that Record returns, that makes the call a first-time caller's.
func (c Caller) FirstTime() bool { return c.Calls == 0 }

// Caller returns the caller record for a key, and whether there is one.
func (db *DB) Caller(key string) (Caller, bool, error) {
	var r callerRecord
	err := db.store.From(callersBucket).Get(callerShard(key), key, &r)
	switch {
	case errors.Is(err, storm.ErrNotFound):
		return Caller{}, false, nil
	case err != nil:
		return Caller{}, false, fmt.Errorf("read caller %s: %w", key, err)
	}
	return r.Now.caller(key), true, nil
}

// callerState is a caller's totals at one moment. Times are UTC unix
// nanoseconds; the IDs say which call set them.
type callerState struct {
	Calls        int
	FirstCall    int64
	FirstCallID  int64
	FirstLine    string
	LastCall     int64
	LastCallID   int64
	LastOutcome  string
	LastExact    bool
	LastAnswered int64
}

func (s *callerState) fields() []any {
	return []any{&s.Calls, &s.FirstCall, &s.FirstCallID, &s.FirstLine,
		&s.LastCall, &s.LastCallID, &s.LastOutcome, &s.LastExact, &s.LastAnswered}
}

func (s callerState) caller(key string) Caller {
	return Caller{
		Key: key, Calls: s.Calls,
		FirstCall: fromNanos(s.FirstCall), FirstLine: s.FirstLine,
		LastCall: fromNanos(s.LastCall), LastOutcome: callerid.Outcome(s.LastOutcome),
		LastExact: s.LastExact, LastAnswered: fromNanos(s.LastAnswered),
	}
}

// callerRecord is a caller as stored: the totals now, and the totals as they
// were before the latest call (Before, valid when BeforeFor is that call's
// ID). Keeping the one step back lets a call whose caller ID is corrected
// move to its right caller exactly, and lets a repeated Record still say
// what the caller looked like before the call.
type callerRecord struct {
	Now       callerState
	BeforeFor int64
	Before    callerState
}

func (r *callerRecord) fields() []any {
	fs := append(r.Now.fields(), &r.BeforeFor)
	return append(fs, r.Before.fields()...)
}

// countCaller makes the caller records agree with rec, which replaces old
// (nil for a new call), and sets rec.FirstTime. It returns the caller as
// they were before this call.
func countCaller(n storm.Node, id int64, rec, old *callRecord) (Caller, error) {
	callers := n.From(callersBucket)
	key, oldKey := rec.callerKey(), ""
	if old != nil {
		oldKey = old.callerKey()
	}
	if oldKey != "" && oldKey != key {
		if err := uncount(callers, oldKey, id); err != nil {
			return Caller{}, err
		}
	}
	if key == "" {
		return Caller{}, nil
	}

	var r callerRecord
	err := callers.Get(callerShard(key), key, &r)
	found := err == nil
	if err != nil && !errors.Is(err, storm.ErrNotFound) {
		return Caller{}, fmt.Errorf("read caller %s: %w", key, err)
	}
	var before callerState
	if found && oldKey == key {
		rec.FirstTime = old.FirstTime
		before = r.before(id)
	} else {
		before = r.Now
		rec.FirstTime = r.Now.Calls == 0
		r.count(id, rec)
	}
	r.noteOutcome(id, rec)
	if err := callers.Set(callerShard(key), key, &r); err != nil {
		return Caller{}, fmt.Errorf("save caller %s: %w", key, err)
	}
	return before.caller(key), nil
}

// count adds call id to the caller.
func (r *callerRecord) count(id int64, rec *callRecord) {
	s, was := &r.Now, r.Now
	if s.Calls == 0 || rec.Started < s.FirstCall {
		s.FirstCall, s.FirstCallID, s.FirstLine = rec.Started, id, rec.Line
	}
	// The newest call by ID, so that a late save of an older call (two
	// lines at once) does not pass for the latest.
	if s.Calls == 0 || id > s.LastCallID {
		r.Before, r.BeforeFor = was, id
		s.LastCall, s.LastCallID = rec.Started, id
	}
	s.Calls++
}

// noteOutcome sets the caller's last outcome from the call if it is their
// latest, and their last answered call.
func (r *callerRecord) noteOutcome(id int64, rec *callRecord) {
	s := &r.Now
	answered := rec.finished() && rec.Outcome == string(callerid.OutcomeAnswered)
	if s.LastCallID == id {
		s.LastOutcome, s.LastExact = "", false
		if rec.finished() {
			s.LastOutcome, s.LastExact = rec.Outcome, rec.Exact
		}
		if r.BeforeFor == id {
			// Start again from before the call: its outcome may have changed.
			s.LastAnswered = r.Before.LastAnswered
		}
	}
	if answered && rec.Started > s.LastAnswered {
		s.LastAnswered = rec.Started
	}
}

// before is the caller as they were before call id, which is already
// counted: exact when it is their latest call, otherwise the count less one.
func (r *callerRecord) before(id int64) callerState {
	if r.BeforeFor == id {
		return r.Before
	}
	s := r.Now
	s.Calls--
	return s
}

// uncount takes call id away from the caller it was counted for.
func uncount(callers storm.Node, key string, id int64) error {
	var r callerRecord
	err := callers.Get(callerShard(key), key, &r)
	switch {
	case errors.Is(err, storm.ErrNotFound):
		return nil
	case err != nil:
		return fmt.Errorf("read caller %s: %w", key, err)
	}
	if r.BeforeFor == id {
		r.Now, r.Before, r.BeforeFor = r.Before, callerState{}, 0
	} else {
		r.Now.Calls--
	}
	if r.Now.Calls <= 0 {
		return callers.Delete(callerShard(key), key)
	}
	return callers.Set(callerShard(key), key, &r)
}

// callerShard is the bucket of a caller key: its last two digits.
func callerShard(key string) string {
	if n := len(key); n >= 2 && isDigit(key[n-1]) && isDigit(key[n-2]) {
		return key[n-2:]
	}
	return "special"
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
