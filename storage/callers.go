package storage

import (
	"fmt"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
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
	// Spam: the shop flagged the caller; their calls count in no figure.
	Spam bool
	// FirstLineID and FirstCampaignID are the caller's original source:
	// the tracking line and campaign of their first call (0: none), so the
	// pop-up can say "first called from the Spring flyer, March 2026".
	FirstLineID     int
	FirstCampaignID int
	// LastNote is the note on the caller's newest call that has one, and
	// LastNoteAt when that call started (see Annotate).
	LastNote   string
	LastNoteAt time.Time
}

// FirstTime reports whether nobody called from this number before; on the
// Caller that Record returns, that makes the call a first-time caller's.
func (c Caller) FirstTime() bool { return c.Calls == 0 }

// Caller returns the caller record for a key, and whether there is one.
func (db *DB) Caller(key string) (Caller, bool, error) {
	var r callerRecord
	var found bool
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var err error
		found, err = getRecord(bucketAt(tx, callersBucket, callerShard(key)), []byte(key), &r)
		return err
	})
	if err != nil || !found {
		if err != nil {
			err = fmt.Errorf("read caller %s: %w", key, err)
		}
		return Caller{}, false, err
	}
	return r.view(r.Now, key), true, nil
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
	// Stored at the end of callerRecord (fields are only appended).
	FirstLineID     int
	FirstCampaignID int
}

func (s *callerState) fields() []any {
	return []any{&s.Calls, &s.FirstCall, &s.FirstCallID, &s.FirstLine,
		&s.LastCall, &s.LastCallID, &s.LastOutcome, &s.LastExact, &s.LastAnswered}
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
	Spam      bool
	// LastNote is the note of call LastNoteCall, the caller's newest call
	// with a note (0: none).
	LastNote     string
	LastNoteCall int64
}

func (r *callerRecord) fields() []any {
	fs := append(r.Now.fields(), &r.BeforeFor)
	fs = append(fs, r.Before.fields()...)
	return append(fs, &r.Spam,
		&r.Now.FirstLineID, &r.Now.FirstCampaignID,
		&r.Before.FirstLineID, &r.Before.FirstCampaignID,
		&r.LastNote, &r.LastNoteCall)
}

func (r *callerRecord) view(s callerState, key string) Caller {
	return Caller{
		Key: key, Calls: s.Calls,
		FirstCall: fromNanos(s.FirstCall), FirstLine: s.FirstLine,
		LastCall: fromNanos(s.LastCall), LastOutcome: callerid.Outcome(s.LastOutcome),
		LastExact: s.LastExact, LastAnswered: fromNanos(s.LastAnswered),
		Spam: r.Spam, FirstLineID: s.FirstLineID, FirstCampaignID: s.FirstCampaignID,
		LastNote: r.LastNote, LastNoteAt: fromNanos(r.LastNoteCall),
	}
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

// noteAttribution keeps the caller's original source in step with their
// first call, whose line or campaign may change after the fact.
func (r *callerRecord) noteAttribution(id int64, rec *callRecord) {
	if r.Now.Calls > 0 && r.Now.FirstCallID == id {
		r.Now.FirstLineID, r.Now.FirstCampaignID = rec.LineID, rec.CampaignID
	}
	if r.BeforeFor != 0 && r.Before.Calls > 0 && r.Before.FirstCallID == id {
		r.Before.FirstLineID, r.Before.FirstCampaignID = rec.LineID, rec.CampaignID
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

// callerShard is the bucket of a caller key: its last two digits.
func callerShard(key string) string {
	if n := len(key); n >= 2 && isDigit(key[n-1]) && isDigit(key[n-2]) {
		return key[n-2:]
	}
	return "special"
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
