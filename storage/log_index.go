package storage

import (
	"slices"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A filter the day rollups can count (outcomes, lines, campaigns,
// first-time, spam hidden) is not scanned up front, newest first: the view
// counts each day from its rollup and reads the calls of a day only when a
// page reaches it. The rollups count finished incoming calls that are not
// spam, so a day with calls they leave out (the shop's own calls, spam
// shown among the others, the period's ragged ends, the newest day where a
// call may still ring) is scanned at once instead. The period's calls are
// counted against the rollups too: a call left unfinished on another day
// sends the whole view back to the scan.

// logDay is one local day of an indexed view.
type logDay struct {
	lo, hi int64 // the day's calls, as IDs
	n      int   // how many calls the view shows
	// ids are the day's calls the view shows, newest first, once read.
	ids     []int64
	scanned bool
}

// indexable: the rollups can count the query's calls.
func (q *logQuery) indexable() bool {
	f := q.f
	return q.sort.Column == LogByTime && q.sort.Desc && !q.searches() && f.Tag == "" &&
		f.Lead == nil && (f.Spam == nil || !*f.Spam)
}

// Where fields sit in DayTotals.fields(), for reading day records in place
// (TestDayFieldsReadInPlace checks them).
const (
	dCalls    = 0
	dOutbound = 8
	dSpam     = 9
	dGroups   = 13
)

// planDays sets v up as an indexed view; false when the rollups do not
// agree with the calls and the view must be collected instead.
func (v *LogView) planDays(tx *bolt.Tx, db *DB, q *logQuery) (bool, error) {
	var all LogView
	if _, err := all.countMonths(tx, &logQuery{f: LogFilter{}, sort: NewestFirst, lo: q.lo, hi: q.hi}); err != nil {
		return false, err
	}
	lo, hi, ok := callsBounds(tx, q.lo, q.hi)
	if !ok {
		v.days = []logDay{}
		return true, nil
	}
	days := calendar(time.Unix(0, lo), time.Unix(0, hi), db.loc)
	v.days = make([]logDay, 0, len(days))
	var c *bolt.Cursor
	var k, val []byte
	if b := tx.Bucket([]byte(daysBucket)); b != nil && len(days) > 0 {
		c = b.Cursor()
		k, val = c.Seek([]byte(dayKey(days[0])))
	}
	codes := make([]int64, 0, len(q.outcomes))
	for _, o := range q.outcomes {
		codes = append(codes, int64(outcomeCode(o)))
	}
	keys := 0
	var r, g rawCall
	for i, day := range days {
		d := logDay{lo: max(day.UnixNano(), lo), hi: min(nextDay(day).UnixNano(), hi)}
		key := dayKey(day)
		for c != nil && k != nil && (val == nil || string(k) < key) {
			k, val = c.Next()
		}
		whole := d.lo == day.UnixNano() && d.hi == nextDay(day).UnixNano()
		countable := whole && i < len(days)-1
		if k != nil && string(k) == key && countable {
			// A day record that cannot be read in place is scanned.
			countable = r.parse(val) == nil && r.int(dOutbound) == 0 &&
				(r.int(dSpam) == 0 || q.f.Spam != nil)
			if countable {
				d.n, countable = q.countGroups(&r, &g, codes)
			}
			if countable {
				keys += int(r.int(dCalls) + r.int(dSpam))
			}
		}
		if !countable {
			if err := v.scanDay(tx, q, &d, &keys); err != nil {
				return false, err
			}
		}
		v.n += d.n
		v.days = append(v.days, d)
	}
	return keys == all.n, nil
}

// countGroups adds up the day's groups the query keeps; false when the
// record has no groups to add up.
func (q *logQuery) countGroups(r, g *rawCall, codes []int64) (int, bool) {
	pos := r.field(dGroups)
	if pos < 0 {
		return 0, r.int(dCalls) == 0
	}
	b := r.b
	var count int
	switch c := b[pos]; {
	case c >= 0x90 && c <= 0x9f:
		count, pos = int(c&0x0f), pos+1
	case c == 0xdc && pos+3 <= len(b):
		count, pos = int(b[pos+1])<<8|int(b[pos+2]), pos+3
	case c == 0xc0:
		return 0, r.int(dCalls) == 0
	default:
		return 0, false
	}
	f := &q.f
	n := 0
	for range count {
		end, err := skipValue(b, pos)
		if err != nil || g.parse(b[pos:end]) != nil {
			return 0, false
		}
		pos = end
		if len(f.Lines) > 0 && !slices.Contains(f.Lines, int(g.int(0))) ||
			len(f.Campaigns) > 0 && !slices.Contains(f.Campaigns, int(g.int(1))) ||
			len(codes) > 0 && !slices.Contains(codes, g.int(2)) {
			continue
		}
		calls, first := int(g.int(3)), int(g.int(4))
		switch {
		case f.FirstTime == nil:
			n += calls
		case *f.FirstTime:
			n += first
		default:
			n += calls - first
		}
	}
	return n, true
}

// scanDay reads the day's calls the view shows, counting the day's calls
// in keys.
func (v *LogView) scanDay(tx *bolt.Tx, q *logQuery, d *logDay, keys *int) error {
	d.ids, d.scanned = nil, true
	if keys != nil {
		d.n = 0
	}
	return scanCalls(tx, d.lo, d.hi, false, func(id int64, r *rawCall) bool {
		if keys != nil {
			*keys++
		}
		if q.match(r) {
			d.ids = append(d.ids, id)
			if keys != nil {
				d.n++
			}
		}
		return true
	})
}

// callsBounds narrows [lo, hi) to the calls it holds: the newest call
// bounds the view, so that calls saved after OpenLog do not shift it.
func callsBounds(tx *bolt.Tx, lo, hi int64) (int64, int64, bool) {
	root := tx.Bucket([]byte(callsBucket))
	if root == nil || hi <= lo {
		return 0, 0, false
	}
	first, last := int64(-1), int64(-1)
	for _, name := range monthsIn(root, lo, hi, true) {
		c := root.Bucket([]byte(name)).Cursor()
		for k, val := c.Seek(callKey(lo)); k != nil; k, val = c.Next() {
			if len(k) == 8 && val != nil && keyInt(k) < hi {
				first = keyInt(k)
				break
			}
		}
		if first >= 0 {
			break
		}
	}
	months := monthsIn(root, lo, hi, false)
	for _, name := range months {
		c := root.Bucket([]byte(name)).Cursor()
		k, val := c.Seek(callKey(hi))
		if k == nil {
			k, val = c.Last()
		}
		for ; k != nil; k, val = c.Prev() {
			if len(k) == 8 && val != nil && keyInt(k) < hi {
				last = keyInt(k)
				break
			}
		}
		if last >= 0 {
			break
		}
	}
	if first < 0 || last < first {
		return 0, 0, false
	}
	return first, last + 1, true
}

// pageDays calls fn with n of the view's calls from position offset. The
// days' counts place offset without reading the days before it; a day is
// read once, when a page first reaches it. A call edited since OpenLog
// can leave a day a call short or over: its pages shift by that call.
func (v *LogView) pageDays(tx *bolt.Tx, offset, n int, fn func(int64) error) error {
	i := sort.Search(len(v.days), func(i int) bool { return v.before[i]+v.days[i].n > offset })
	skip := offset - v.before[min(i, len(v.days)-1)]
	for ; i < len(v.days) && n > 0; i++ {
		d := &v.days[i]
		if d.n == 0 {
			continue
		}
		if !d.scanned {
			if err := v.scanDay(tx, v.q, d, nil); err != nil {
				return err
			}
		}
		for _, id := range d.ids[min(skip, len(d.ids)):] {
			if n == 0 {
				break
			}
			if err := fn(id); err != nil {
				return err
			}
			n--
		}
		skip = 0
	}
	return nil
}
