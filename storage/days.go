package storage

import (
	"errors"
	"fmt"
	"time"

	"github.com/asdine/storm/v3"
	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// Reports read one rollup record per day of the shop's clock (days/2026-03-08),
// written in the same transaction as the call that changes it, never the
// calls themselves. A day counts finished calls only: a call still ringing
// joins its day when it ends.

// DayTotals are one local day's calls.
type DayTotals struct {
	// Date is the day's midnight in the database's Location.
	Date  time.Time
	Calls int
	// ByOutcome counts the day's calls by outcome; nil on a day without calls.
	ByOutcome map[callerid.Outcome]int
	// ByHour counts calls by the local hour they started in. On the night
	// the clocks go back, both of its 1 a.m. hours count in ByHour[1].
	ByHour [24]int
	// FirstTime counts first-time callers' calls.
	FirstTime int
	// TalkSeconds adds up answered calls with an exact outcome, from the
	// pick-up (or, when the source did not report one, the caller ID) to the
	// end of the call.
	TalkSeconds int64
}

func (d *DayTotals) fields() []any {
	return []any{&d.Calls, &d.ByOutcome, &d.ByHour, &d.FirstTime, &d.TalkSeconds}
}

// Day returns the totals of the local day that contains t.
func (db *DB) Day(t time.Time) (DayTotals, error) {
	t = t.In(db.loc)
	d := DayTotals{Date: midnight(t)}
	err := db.store.Get(daysBucket, dayKey(t), &d)
	if err != nil && !errors.Is(err, storm.ErrNotFound) {
		return DayTotals{}, fmt.Errorf("read day %s: %w", dayKey(t), err)
	}
	return d, nil
}

// Days returns every local day that overlaps [from, to), in order, days
// without calls included, so that a chart gets one value per day.
func (db *DB) Days(from, to time.Time) ([]DayTotals, error) {
	var out []DayTotals
	if !from.Before(to) {
		return out, nil
	}
	first := from.In(db.loc)
	last := to.Add(-time.Nanosecond).In(db.loc)
	stored := map[string]DayTotals{}
	firstKey, lastKey := dayKey(first), dayKey(last)
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(daysBucket))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek([]byte(firstKey)); k != nil && string(k) <= lastKey; k, v = c.Next() {
			if v == nil {
				continue // storm's metadata bucket
			}
			var d DayTotals
			if err := (recordCodec{}).Unmarshal(v, &d); err != nil {
				return fmt.Errorf("read day %s: %w", k, err)
			}
			stored[string(k)] = d
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Step by calendar date, not by 24 hours: DST days are 23 or 25 hours.
	for day := midnight(first); dayKey(day) <= lastKey; day = nextDay(day) {
		d := stored[dayKey(day)]
		d.Date = day
		out = append(out, d)
	}
	return out, nil
}

// dayBook gathers the day rollups that one transaction changes and writes
// each of them once, at the end: an import touches a day hundreds of times.
type dayBook struct {
	n    storm.Node
	loc  *time.Location
	days map[string]*DayTotals
}

func newDayBook(n storm.Node, loc *time.Location) *dayBook {
	return &dayBook{n: n, loc: loc, days: map[string]*DayTotals{}}
}

// rollUp makes the day rollups agree with rec, which replaces old (nil for
// a new call): old's part comes out of its day, rec's goes in.
func (k *dayBook) rollUp(old, rec *callRecord) error {
	if old != nil && old.finished() {
		if err := k.add(old, -1); err != nil {
			return err
		}
	}
	if rec.finished() {
		return k.add(rec, +1)
	}
	return nil
}

func (k *dayBook) add(rec *callRecord, sign int) error {
	start := time.Unix(0, rec.Started).In(k.loc)
	key := dayKey(start)
	d := k.days[key]
	if d == nil {
		d = &DayTotals{}
		if err := k.n.Get(daysBucket, key, d); err != nil && !errors.Is(err, storm.ErrNotFound) {
			return fmt.Errorf("read day %s: %w", key, err)
		}
		k.days[key] = d
	}
	d.Calls += sign
	if d.ByOutcome == nil {
		d.ByOutcome = map[callerid.Outcome]int{}
	}
	o := callerid.Outcome(rec.Outcome)
	if o == "" {
		o = callerid.OutcomeUnknown
	}
	d.ByOutcome[o] += sign
	if d.ByOutcome[o] == 0 {
		delete(d.ByOutcome, o)
	}
	d.ByHour[start.Hour()] += sign
	if rec.FirstTime {
		d.FirstTime += sign
	}
	d.TalkSeconds += int64(sign) * rec.talkSeconds()
	return nil
}

func (k *dayBook) flush() error {
	for key, d := range k.days {
		var err error
		if d.Calls <= 0 {
			// Nothing left: as if the day had never had a call.
			err = k.n.Delete(daysBucket, key)
		} else {
			err = k.n.Set(daysBucket, key, d)
		}
		if err != nil && !errors.Is(err, storm.ErrNotFound) {
			return fmt.Errorf("save day %s: %w", key, err)
		}
	}
	clear(k.days)
	return nil
}

func (r *callRecord) talkSeconds() int64 {
	if !r.finished() || !r.Exact || r.Outcome != string(callerid.OutcomeAnswered) {
		return 0
	}
	from := r.Answered
	if from == 0 {
		from = r.Known
	}
	if from == 0 {
		from = r.Started
	}
	if r.Ended <= from {
		return 0
	}
	return (r.Ended - from) / int64(time.Second)
}

func dayKey(t time.Time) string { return t.Format("2006-01-02") }

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

func nextDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, t.Location())
}
