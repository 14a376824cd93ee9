package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/asdine/storm/v3"
	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// Calls live in one bucket per UTC month, calls/2026-11, keyed by the call's
// ID: its UTC start in nanoseconds, eight bytes big-endian, so the keys are
// in time order and a month's log is one cursor walk. They go in through
// storm's key/value API, not Save: Save keeps a hidden unique index on the
// ID whose every insert walks the whole index (storm issue #222) and stores
// each ID twice more, while the key already is the index. There are no
// other indexes on calls: the questions asked of many calls at once are
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
}

func (r *callRecord) fields() []any {
	return []any{&r.Line, &r.Started, &r.Known, &r.Answered, &r.Ended,
		&r.NumberRaw, &r.E164, &r.Special, &r.Name, &r.TelcoDate, &r.TelcoTime,
		&r.Rings, &r.Outcome, &r.Exact, &r.Raw, &r.FirstTime,
		&r.RingPattern, &r.Dialed, &r.Outbound}
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
	err = db.update(func(tx *bolt.Tx, days *dayBook) error {
		before, err = db.save(tx, days, c)
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
	return db.update(func(tx *bolt.Tx, days *dayBook) error {
		_, err := db.save(tx, days, c)
		return err
	})
}

// update runs fn in a write transaction and writes the days it changed.
func (db *DB) update(fn func(*bolt.Tx, *dayBook) error) error {
	return db.store.Bolt.Update(func(tx *bolt.Tx) error {
		days := newDayBook(db.store.WithTransaction(tx), db.loc)
		if err := fn(tx, days); err != nil {
			return err
		}
		return days.flush()
	})
}

// save is Record and Finish alike: it upserts the call and keeps the caller
// records and day rollups equal to what the stored calls say, whatever the
// order or repetition of the saves.
func (db *DB) save(tx *bolt.Tx, days *dayBook, c callerid.Call) (Caller, error) {
	if c.ID <= 0 {
		return Caller{}, fmt.Errorf("save call: ID %d is not a start time", c.ID)
	}
	n := db.store.WithTransaction(tx)
	calls := n.From(callsBucket)
	month := monthOf(c.ID)

	var stored callRecord
	var old *callRecord
	switch err := calls.Get(month, c.ID, &stored); {
	case err == nil:
		old = &stored
	case !errors.Is(err, storm.ErrNotFound):
		return Caller{}, fmt.Errorf("read call %d: %w", c.ID, err)
	}

	rec := newCallRecord(c)
	before, err := countCaller(n, c.ID, &rec, old)
	if err != nil {
		return Caller{}, err
	}
	if err := days.rollUp(old, &rec); err != nil {
		return Caller{}, err
	}

	b, err := calls.CreateBucketIfNotExists(tx, month)
	if err != nil {
		return Caller{}, err
	}
	// Per transaction: bolt does not keep it. storm's Set below gets the
	// same *bolt.Bucket from the transaction's cache.
	b.FillPercent = callFillPercent
	if err := calls.Set(month, c.ID, &rec); err != nil {
		return Caller{}, fmt.Errorf("save call %d: %w", c.ID, err)
	}
	return before, nil
}

// Calls returns the calls that started in [from, to), newest first, at most
// limit of them (0: all). A zero from or to leaves that end open. Only the
// months that overlap the period are read, each by a cursor walk down its
// time-ordered keys.
func (db *DB) Calls(from, to time.Time, limit int) ([]callerid.Call, error) {
	lo, hi := int64(0), int64(math.MaxInt64)
	if !from.IsZero() {
		lo = from.UnixNano()
	}
	if !to.IsZero() {
		hi = to.UnixNano()
	}
	var out []callerid.Call
	if hi <= lo {
		return out, nil
	}
	firstMonth, lastMonth := monthOf(max(lo, 1)), monthOf(hi-1)
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		root := tx.Bucket([]byte(callsBucket))
		if root == nil {
			return nil
		}
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
			full, err := collectMonth(b, lo, hi, limit, &out)
			if err != nil || full {
				return err
			}
		}
		return nil
	})
	return out, err
}

// collectMonth walks one month down from hi; full says limit was reached.
func collectMonth(b *bolt.Bucket, lo, hi int64, limit int, out *[]callerid.Call) (full bool, err error) {
	c := b.Cursor()
	k, v := c.Seek(callKey(hi))
	if k == nil {
		k, v = c.Last()
	}
	for ; k != nil; k, v = c.Prev() {
		if len(k) != 8 || v == nil {
			continue // storm's metadata bucket
		}
		id := int64(binary.BigEndian.Uint64(k))
		if id >= hi {
			continue
		}
		if id < lo {
			return false, nil
		}
		var r callRecord
		if err := (recordCodec{}).Unmarshal(v, &r); err != nil {
			return false, fmt.Errorf("read call %d: %w", id, err)
		}
		*out = append(*out, r.call(id))
		if limit > 0 && len(*out) >= limit {
			return true, nil
		}
	}
	return false, nil
}

// Call returns one call by its ID; the error wraps ErrNotFound if there is
// none.
func (db *DB) Call(id int64) (callerid.Call, error) {
	var r callRecord
	err := db.store.From(callsBucket).Get(monthOf(id), id, &r)
	if err != nil {
		return callerid.Call{}, fmt.Errorf("call %d: %w", id, err)
	}
	return r.call(id), nil
}

func monthOf(id int64) string { return time.Unix(0, id).UTC().Format("2006-01") }

// callKey is the key storm makes of an int64 ID.
func callKey(id int64) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(id))
}

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
