package storage

import (
	"fmt"
	"math"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// Calls live in one bucket per UTC month, calls/2026-11, keyed by the call's
// ID: its UTC start in nanoseconds, eight bytes big-endian, so the keys are
// in time order and a month's log is one cursor walk. They are written in
// storm's key/value layout, not with Save: Save keeps a hidden unique index
// on the ID whose every insert walks the whole index (storm issue #222) and
// stores each ID twice more, while the key already is the index. There are
// no other indexes on calls: the questions asked of many calls at once are
// answered by the day rollups and the caller records.
//
// The month is the UTC month of the ID, not of the shop's clock, so that a
// call is found from its ID alone and a change of time zone moves nothing.

// callFillPercent: new calls append at the end of their month, so pages
// can be filled nearly full instead of bolt's half. A little room is left
// for the record to grow when the call ends.
var callFillPercent = 0.95

// callRecord is a call as stored. Times are UTC unix nanoseconds, zero when
// unknown. The ID is the key and is not repeated. Fields are only ever
// appended (see recordCodec).
type callRecord struct {
	Line      string
	Started   int64
	Known     int64
	Answered  int64
	Ended     int64
	NumberRaw string
	E164      string
	Special   string
	Name      string
	TelcoDate string
	TelcoTime string
	Rings     int
	Outcome   string
	Exact     bool
	Raw       string
	// FirstTime: the call was its caller's first, and its day counts it so.
	FirstTime   bool
	RingPattern string
	Dialed      string
	Outbound    bool
	// LineID and CampaignID: where the call is attributed (0: no tracking
	// line, no campaign), kept in step with the lines and campaigns.
	LineID     int
	CampaignID int
	// ValueCents is what the call was worth to the shop, where entered.
	ValueCents int64
	// Spam copies the caller's flag, so that the call's part in its day can
	// be worked out from the call alone.
	Spam bool
	// What the staff entered about the call (see Annotate, CorrectOutcome).
	// Tags are kept joined by newlines: a record stays comparable, and the
	// log's scan reads them without decoding a list.
	Note string
	Tags string
	Lead int
	// OutcomeCorrected: a person set Outcome; the line's updates keep it.
	OutcomeCorrected bool
}

func (r *callRecord) fields() []any {
	return []any{&r.Line, &r.Started, &r.Known, &r.Answered, &r.Ended,
		&r.NumberRaw, &r.E164, &r.Special, &r.Name, &r.TelcoDate, &r.TelcoTime,
		&r.Rings, &r.Outcome, &r.Exact, &r.Raw, &r.FirstTime,
		&r.RingPattern, &r.Dialed, &r.Outbound,
		&r.LineID, &r.CampaignID, &r.ValueCents, &r.Spam,
		&r.Note, &r.Tags, &r.Lead, &r.OutcomeCorrected}
}

func newCallRecord(c callerid.Call) callRecord {
	r := callRecord{
		Line: c.Line, Started: nanos(c.Started), Known: nanos(c.Known),
		Answered: nanos(c.Answered), Ended: nanos(c.Ended),
		NumberRaw: c.Number.Raw, E164: c.Number.E164, Special: c.Number.Special,
		Name: c.Name, TelcoDate: c.TelcoDate, TelcoTime: c.TelcoTime,
		Rings: c.Rings, Outcome: string(c.Outcome), Exact: c.Exact, Raw: c.Raw,
		RingPattern: c.RingPattern, Dialed: c.Dialed, Outbound: c.Outbound,
	}
	if r.Started == 0 {
		r.Started = c.ID
	}
	return r
}

func (r *callRecord) call(id int64) callerid.Call {
	return callerid.Call{
		ID: id, Line: r.Line,
		Started: fromNanos(r.Started), Known: fromNanos(r.Known),
		Answered: fromNanos(r.Answered), Ended: fromNanos(r.Ended),
		Number: callerid.Number{Raw: r.NumberRaw, E164: r.E164, Special: r.Special},
		Name:   r.Name, TelcoDate: r.TelcoDate, TelcoTime: r.TelcoTime,
		Rings: r.Rings, Outcome: callerid.Outcome(r.Outcome), Exact: r.Exact, Raw: r.Raw,
		RingPattern: r.RingPattern, Dialed: r.Dialed, Outbound: r.Outbound,
	}
}

func (r *callRecord) finished() bool { return r.Ended != 0 }

// callerKey is the caller the call counts for; "" when no caller ID came.
func (r *callRecord) callerKey() string {
	n := callerid.Number{Raw: r.NumberRaw, E164: r.E164, Special: r.Special}
	if n.IsNone() {
		return ""
	}
	return n.Key()
}

// Record saves a call the moment its caller ID is known, so that a crash
// mid-call loses nothing, and counts it for its caller, in one
// transaction. It returns the caller as they stood before this call: what
// the pop-up shows ("5th call, last on 12 Oct, answered", or a first-time
// caller when Calls is 0). A call without caller ID returns a zero Caller.
//
// Recording the same call again (the caller ID was corrected) replaces it:
// the call is counted once, for the caller it names now.
func (db *DB) Record(c callerid.Call) (before Caller, err error) {
	err = db.update(func(t *txn) error {
		before, err = t.save(c)
		return err
	})
	return before, err
}

// Finish saves a call that has ended, with its outcome, and adds it to its
// day's rollup, in one transaction. A call never recorded (no caller ID
// arrived) is inserted. Finishing a call again replaces its part in the
// rollup rather than adding to it.
func (db *DB) Finish(c callerid.Call) error {
	if c.Ended.IsZero() {
		return fmt.Errorf("finish call %d: it has not ended", c.ID)
	}
	return db.update(func(t *txn) error {
		_, err := t.save(c)
		return err
	})
}

// save is Record and Finish alike: it upserts the call, attributes it to
// its tracking line and campaign, and keeps the caller records and day
// rollups equal to what the stored calls say, whatever the order or
// repetition of the saves.
func (t *txn) save(c callerid.Call) (Caller, error) {
	if c.ID <= 0 {
		return Caller{}, fmt.Errorf("save call: ID %d is not a start time", c.ID)
	}
	b, err := bucketIn(t.tx, callsBucket, monthOf(c.ID))
	if err != nil {
		return Caller{}, err
	}
	// Per transaction: bolt does not keep it.
	b.FillPercent = callFillPercent
	key := callKey(c.ID)
	var stored callRecord
	found, err := getRecord(b, key, &stored)
	if err != nil {
		return Caller{}, fmt.Errorf("read call %d: %w", c.ID, err)
	}
	var old *callRecord
	rec := newCallRecord(c)
	if found {
		old = &stored
		// What the shop entered about the call outlives the line's updates.
		rec.ValueCents = old.ValueCents
		rec.keepEntered(old)
	}
	rules, err := t.attribution()
	if err != nil {
		return Caller{}, err
	}
	rules.attribute(&rec)
	before, err := t.callers.count(c.ID, &rec, old)
	if err != nil {
		return Caller{}, err
	}
	if err := t.days.rollUp(old, &rec); err != nil {
		return Caller{}, err
	}
	if err := putRecord(b, key, &rec); err != nil {
		return Caller{}, fmt.Errorf("save call %d: %w", c.ID, err)
	}
	t.changedCall(c.ID)
	if !found {
		if err := t.countInLog(c.ID); err != nil {
			return Caller{}, err
		}
	}
	if err := t.followCall(c.ID, old, &rec); err != nil {
		return Caller{}, err
	}
	if err := t.trackRinging(c.ID, &rec); err != nil {
		return Caller{}, err
	}
	return before, nil
}

// replace writes rec over the stored call id (old), bringing its day and
// caller into line: how annotations and re-attribution change a call.
func (t *txn) replace(id int64, old, rec *callRecord) error {
	if err := t.days.rollUp(old, rec); err != nil {
		return err
	}
	if err := t.callers.noteAttribution(id, rec); err != nil {
		return err
	}
	b, err := bucketIn(t.tx, callsBucket, monthOf(id))
	if err != nil {
		return err
	}
	b.FillPercent = callFillPercent
	if err := putRecord(b, callKey(id), rec); err != nil {
		return fmt.Errorf("save call %d: %w", id, err)
	}
	t.changedCall(id)
	return t.followCall(id, old, rec)
}

// load reads one stored call.
func (t *txn) load(id int64) (callRecord, error) {
	var r callRecord
	found, err := getRecord(bucketAt(t.tx, callsBucket, monthOf(id)), callKey(id), &r)
	switch {
	case err != nil:
		return r, fmt.Errorf("read call %d: %w", id, err)
	case !found:
		return r, fmt.Errorf("call %d: %w", id, ErrNotFound)
	}
	return r, nil
}

// SetCallValue records what a call was worth to the shop (a booked job, a
// sale), in cents; reports add it up per campaign. Zero clears it.
func (db *DB) SetCallValue(id int64, cents int64) error {
	return db.update(func(t *txn) error {
		old, err := t.load(id)
		if err != nil {
			return err
		}
		rec := old
		rec.ValueCents = cents
		return t.replace(id, &old, &rec)
	})
}

// Calls returns the calls that started in [from, to), newest first, at most
// limit of them (0: all). A zero from or to leaves that end open. Only the
// months that overlap the period are read, each by a cursor walk down its
// time-ordered keys.
func (db *DB) Calls(from, to time.Time, limit int) ([]callerid.Call, error) {
	var out []callerid.Call
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		return walkCallsDown(tx, from, to, func(id int64, r *callRecord) bool {
			out = append(out, r.call(id))
			return limit <= 0 || len(out) < limit
		})
	})
	return out, err
}

// CallRow is a call as the call log shows it: the call, where it is
// attributed, what it was worth, and whether its caller is spam (the log
// dims those; they count in no figure).
type CallRow struct {
	callerid.Call
	// LineID is the tracking line it rang on; 0: none (Unassigned).
	LineID int
	// CampaignID is the campaign running on that line when it rang; 0: none.
	CampaignID int
	// ValueCents is what the shop entered the call was worth.
	ValueCents int64
	Spam       bool
	// FirstTime: the caller had never called before.
	FirstTime bool
	// Note, Tags and Lead are what the staff entered (see Annotate).
	Note string
	Tags []string
	Lead LeadStatus
	// OutcomeCorrected: a person set the outcome (see CorrectOutcome).
	OutcomeCorrected bool
}

func (r *callRecord) row(id int64) CallRow {
	return CallRow{Call: r.call(id), LineID: r.LineID, CampaignID: r.CampaignID,
		ValueCents: r.ValueCents, Spam: r.Spam, FirstTime: r.FirstTime,
		Note: r.Note, Tags: splitTags(r.Tags), Lead: LeadStatus(r.Lead), OutcomeCorrected: r.OutcomeCorrected}
}

// Log is Calls with each call's attribution, value and spam flag.
func (db *DB) Log(from, to time.Time, limit int) ([]CallRow, error) {
	var out []CallRow
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		return walkCallsDown(tx, from, to, func(id int64, r *callRecord) bool {
			out = append(out, r.row(id))
			return limit <= 0 || len(out) < limit
		})
	})
	return out, err
}

// Row returns one call as the log shows it; the error wraps ErrNotFound if
// there is none.
func (db *DB) Row(id int64) (CallRow, error) {
	var r callRecord
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var err error
		r, err = (&txn{tx: tx}).load(id)
		return err
	})
	if err != nil {
		return CallRow{}, err
	}
	return r.row(id), nil
}

// Call returns one call by its ID; the error wraps ErrNotFound if there is
// none.
func (db *DB) Call(id int64) (callerid.Call, error) {
	row, err := db.Row(id)
	return row.Call, err
}

// span turns a period with open ends (zero times) into UTC nanoseconds.
func span(from, to time.Time) (lo, hi int64) {
	lo, hi = 0, int64(math.MaxInt64)
	if !from.IsZero() {
		lo = from.UnixNano()
	}
	if !to.IsZero() {
		hi = to.UnixNano()
	}
	return lo, hi
}

// walkCallsDown calls fn for each call that started in [from, to), newest
// first, until fn returns false.
func walkCallsDown(tx *bolt.Tx, from, to time.Time, fn func(int64, *callRecord) bool) error {
	lo, hi := span(from, to)
	root := tx.Bucket([]byte(callsBucket))
	if hi <= lo || root == nil {
		return nil
	}
	firstMonth, lastMonth := monthOf(max(lo, 1)), monthOf(hi-1)
	months := root.Cursor()
	k, _ := months.Seek([]byte(lastMonth))
	if k == nil {
		k, _ = months.Last()
	} else if string(k) > lastMonth {
		k, _ = months.Prev()
	}
	for ; k != nil && string(k) >= firstMonth; k, _ = months.Prev() {
		b := root.Bucket(k)
		if b == nil || len(k) != len(lastMonth) {
			continue
		}
		c := b.Cursor()
		id, v := c.Seek(callKey(hi))
		if id == nil {
			id, v = c.Last()
		}
		for ; id != nil; id, v = c.Prev() {
			if len(id) != 8 || v == nil {
				continue // storm's metadata bucket
			}
			n := keyInt(id)
			if n >= hi {
				continue
			}
			if n < lo {
				break
			}
			var r callRecord
			if err := (recordCodec{}).Unmarshal(v, &r); err != nil {
				return fmt.Errorf("read call %d: %w", n, err)
			}
			if !fn(n, &r) {
				return nil
			}
		}
	}
	return nil
}

// forEachMonth walks the calls in [lo, hi) oldest first, and after each
// month calls done, when the cursor is finished with the month's bucket and
// writing to it is safe again.
func forEachMonth(tx *bolt.Tx, lo, hi int64, fn func(int64, *callRecord) error, done func() error) error {
	root := tx.Bucket([]byte(callsBucket))
	if hi <= lo || root == nil {
		return nil
	}
	firstMonth, lastMonth := monthOf(max(lo, 1)), monthOf(hi-1)
	months := root.Cursor()
	var names []string
	for k, _ := months.Seek([]byte(firstMonth)); k != nil && string(k) <= lastMonth; k, _ = months.Next() {
		if len(k) == len(lastMonth) {
			names = append(names, string(k))
		}
	}
	for _, name := range names {
		b := root.Bucket([]byte(name))
		if b == nil {
			continue
		}
		c := b.Cursor()
		for k, v := c.Seek(callKey(lo)); k != nil; k, v = c.Next() {
			if len(k) != 8 || v == nil {
				continue
			}
			id := keyInt(k)
			if id >= hi {
				break
			}
			var r callRecord
			if err := (recordCodec{}).Unmarshal(v, &r); err != nil {
				return fmt.Errorf("read call %d: %w", id, err)
			}
			if err := fn(id, &r); err != nil {
				return err
			}
		}
		if done != nil {
			if err := done(); err != nil {
				return err
			}
		}
	}
	return nil
}

func monthOf(id int64) string { return time.Unix(0, id).UTC().Format("2006-01") }

// callKey is the key storm makes of an int64 ID.
func callKey(id int64) []byte { return intKey(id) }

func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
