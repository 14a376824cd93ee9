package storage

import (
	"fmt"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// Reports read one rollup record per day of the shop's clock (days/2026-03-08),
// written in the same transaction as the call that changes it, never the
// calls themselves. A day counts finished calls only: a call still ringing
// joins its day when it ends.

// DayTotals are one local day's calls. The figures count the shop's
// incoming calls only: a spam caller's calls are counted in Spam alone,
// calls the shop made in Outbound alone.
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

	// Talked is how many answered calls TalkSeconds adds up.
	Talked int
	// Estimated counts outcomes guessed from rings (a plain modem's
	// "missed"), so reports can label them; an unknown outcome is not one.
	Estimated int
	// ByHourMissed counts, by hour, the calls nobody picked up: missed,
	// voicemail and abandoned.
	ByHourMissed [24]int
	// Outbound counts the calls the shop made.
	Outbound int
	// Spam counts the spam callers' calls.
	Spam int
	// ValueCents adds up what the shop entered its calls were worth.
	ValueCents int64
	// ByPlace counts calls by where the number was issued (Number.Place:
	// "New York, NY", or a state or country); ByAreaCode by NANP area code
	// ("212"), or by country code ("+44") for other countries. Calls
	// without a number are in neither.
	ByPlace    map[string]int
	ByAreaCode map[string]int

	// groups split the calls by line, campaign and outcome.
	groups []dayGroup
	// callers holds a hash of the caller of each call with caller ID,
	// sorted, so that callers can be counted once over any period.
	callers callerHashes
	// spamByLine splits Spam by tracking line, for the noise baseline.
	spamByLine map[int]int
}

func (d *DayTotals) fields() []any {
	return []any{&d.Calls, &d.ByOutcome, &d.ByHour, &d.FirstTime, &d.TalkSeconds,
		&d.Talked, &d.Estimated, &d.ByHourMissed, &d.Outbound, &d.Spam, &d.ValueCents,
		&d.ByPlace, &d.ByAreaCode, &d.groups, &d.callers, &d.spamByLine}
}

// empty: nothing left, as if the day had never had a call.
func (d *DayTotals) empty() bool { return d.Calls == 0 && d.Outbound == 0 && d.Spam == 0 }

// Day returns the totals of the local day that contains t.
func (db *DB) Day(t time.Time) (DayTotals, error) {
	days, err := db.Days(t, t.Add(time.Nanosecond))
	if err != nil {
		return DayTotals{}, err
	}
	return days[0], nil
}

// Days returns every local day that overlaps [from, to), in order, days
// without calls included, so that a chart gets one value per day.
func (db *DB) Days(from, to time.Time) ([]DayTotals, error) {
	var out []DayTotals
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var err error
		out, err = readDays(tx, from, to, db.loc)
		return err
	})
	return out, err
}

func readDays(tx *bolt.Tx, from, to time.Time, loc *time.Location) ([]DayTotals, error) {
	days := calendar(from, to, loc)
	out := make([]DayTotals, len(days))
	var c *bolt.Cursor
	var k, v []byte
	if b := tx.Bucket([]byte(daysBucket)); b != nil && len(days) > 0 {
		c = b.Cursor()
		k, v = c.Seek([]byte(dayKey(days[0])))
	}
	for i, day := range days {
		key := dayKey(day)
		for c != nil && k != nil && (v == nil || string(k) < key) {
			k, v = c.Next() // storm's metadata bucket, or a stray key
		}
		if k != nil && string(k) == key {
			if err := (recordCodec{}).Unmarshal(v, &out[i]); err != nil {
				return nil, fmt.Errorf("read day %s: %w", k, err)
			}
		}
		out[i].Date = day
	}
	return out, nil
}

// calendar lists the midnights of the local days that overlap [from, to).
// It steps by calendar date, not by 24 hours: DST days are 23 or 25 hours.
func calendar(from, to time.Time, loc *time.Location) []time.Time {
	var out []time.Time
	if !from.Before(to) {
		return out
	}
	last := dayKey(to.Add(-time.Nanosecond).In(loc))
	for day := midnight(from.In(loc)); dayKey(day) <= last; day = nextDay(day) {
		out = append(out, day)
	}
	return out
}

// dayBook gathers the day rollups that one transaction changes and writes
// each of them once, at the end: an import touches a day hundreds of times.
type dayBook struct {
	tx   *bolt.Tx
	loc  *time.Location
	days map[string]*DayTotals
}

func newDayBook(tx *bolt.Tx, loc *time.Location) *dayBook {
	return &dayBook{tx: tx, loc: loc, days: map[string]*DayTotals{}}
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
		_, err := getRecord(bucketAt(k.tx, daysBucket), []byte(key), d)
		if err != nil {
			return fmt.Errorf("read day %s: %w", key, err)
		}
		k.days[key] = d
	}
	d.add(rec, start, sign)
	return nil
}

// flush is the last step of every write transaction (see update), so it
// also packs the pages of the buckets keyed by time.
func (k *dayBook) flush() error {
	packAppendOnly(k.tx)
	if len(k.days) == 0 {
		return nil
	}
	b, err := bucketIn(k.tx, daysBucket)
	if err != nil {
		return err
	}
	for key, d := range k.days {
		if d.empty() {
			err = b.Delete([]byte(key))
		} else {
			err = putRecord(b, []byte(key), d)
		}
		if err != nil {
			return fmt.Errorf("save day %s: %w", key, err)
		}
	}
	clear(k.days)
	return nil
}

// talk is how long an answered call was connected, where the source saw
// its outcome (known); a plain modem cannot tell.
func (r *callRecord) talk() (seconds int64, known bool) {
	if !r.finished() || !r.Exact || r.Outcome != string(callerid.OutcomeAnswered) {
		return 0, false
	}
	from := r.Answered
	if from == 0 {
		from = r.Known
	}
	if from == 0 {
		from = r.Started
	}
	if r.Ended <= from {
		return 0, true
	}
	return (r.Ended - from) / int64(time.Second), true
}
