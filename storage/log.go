package storage

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// The call log is every call, newest first, for a table that shows a few
// dozen rows at a time out of a million. OpenLog works out which calls a
// filter and sort show and returns a LogView the table pages through:
//
//   - no filter, sorted by time: nothing is collected. The view knows how
//     many calls each month holds (logMonths, counted as calls are saved)
//     and reads a page by seeking into its month: a few milliseconds for
//     any page at a million calls.
//   - a filter the day rollups count (outcomes, lines, campaigns,
//     first-time, spam hidden), newest first: each day's count comes from
//     its rollup, and a page reads only the days it falls in (log_index.go).
//   - any other filter: one scan of the period's calls, read in place
//     (rawCall), collects the IDs that match, 8 bytes each; a search by
//     number digits starts from the callers whose number contains them
//     instead.
//   - another column: the scan collects each call's sort key too; the keys
//     are few and repeated (names, lines, outcomes), so each distinct key
//     is sorted once and the calls are ordered by a counting sort that keeps
//     newest first among equal keys.
//
// A view is a snapshot of which calls it shows: calls saved after OpenLog
// appear when the log is opened again. Each page is read fresh, so notes
// and outcomes edited since show at once.

// LogFilter narrows the log. Zero fields do not narrow.
type LogFilter struct {
	// From and To bound when the calls started, [From, To).
	From, To time.Time
	// Lines and Campaigns keep calls attributed to any of them; 0 stands
	// for calls on no tracking line, or in no campaign.
	Lines     []int
	Campaigns []int
	Outcomes  []callerid.Outcome
	FirstTime *bool
	// Spam nil shows spam callers' calls among the others (CallRow.Spam:
	// the log dims them); false hides them; true shows only them.
	Spam *bool
	// Tag keeps calls carrying the tag.
	Tag  string
	Lead *LeadStatus
	// Search finds calls by the caller's number or name: text with a
	// letter matches the telco's name (and special callers' words,
	// "private"), anything else matches the digits of the number anywhere
	// ("555 01" finds +1 217 555 0101). Keys are callers that match too:
	// the UI fills them from the contacts whose name or company matches.
	Search string
	Keys   []string
	// Names gives a caller's contact name by caller key ("" for none): the
	// log sorts by it and the export shows it before the telco's name.
	Names func(key string) string
}

// LogColumn is a column the log sorts by.
type LogColumn string

const (
	LogByTime     LogColumn = "time"
	LogByName     LogColumn = "name"
	LogByNumber   LogColumn = "number"
	LogByLine     LogColumn = "line"
	LogByCampaign LogColumn = "campaign"
	LogByOutcome  LogColumn = "outcome"
	LogByRings    LogColumn = "rings"
	LogByTalk     LogColumn = "talk"
	LogByValue    LogColumn = "value"
)

// LogSort orders the log. Calls that tie stay newest first. The zero value
// sorts by time, oldest first; the log's default is NewestFirst.
type LogSort struct {
	Column LogColumn
	Desc   bool
}

// NewestFirst is the log's default order.
var NewestFirst = LogSort{Column: LogByTime, Desc: true}

// LogView is the calls a filter and sort show, in order.
type LogView struct {
	db *DB
	n  int
	// ids are the calls in order, for a collected view.
	ids []int64
	// months, for a view that reads pages straight from the calls: each
	// month bucket with how many of its calls the view shows, in order.
	months  []logMonth
	lo, hi  int64
	oldest  bool
	counted []int // counted[i]: calls in months before i
	// days, for a view the rollups count: its days newest first, read as
	// pages reach them; before[i]: calls in days before i.
	days   []logDay
	before []int
	q      *logQuery
	mu     sync.Mutex
}

type logMonth struct {
	name  string
	calls int
}

// Len is how many calls the view shows.
func (v *LogView) Len() int { return v.n }

// Rows returns up to n calls from position offset.
func (v *LogView) Rows(offset, n int) ([]CallRow, error) {
	if offset < 0 || n <= 0 || offset >= v.n {
		return nil, nil
	}
	n = min(n, v.n-offset)
	out := make([]CallRow, 0, n)
	if v.days != nil {
		v.mu.Lock()
		defer v.mu.Unlock()
	}
	err := v.db.store.Bolt.View(func(tx *bolt.Tx) error {
		if v.days != nil {
			var months monthCache
			return v.pageDays(tx, offset, n, func(id int64) error {
				r, err := months.load(tx, id)
				if err == nil {
					out = append(out, r.row(id))
				}
				return err
			})
		}
		if v.months != nil {
			return v.readMonths(tx, offset, n, func(id int64, r *callRecord) {
				out = append(out, r.row(id))
			})
		}
		var months monthCache
		for _, id := range v.ids[offset : offset+n] {
			r, err := months.load(tx, id)
			if err != nil {
				return err
			}
			out = append(out, r.row(id))
		}
		return nil
	})
	return out, err
}

// readMonths reads n calls from position offset of a month view.
func (v *LogView) readMonths(tx *bolt.Tx, offset, n int, fn func(int64, *callRecord)) error {
	root := tx.Bucket([]byte(callsBucket))
	if root == nil {
		return nil
	}
	i := sort.Search(len(v.months), func(i int) bool { return v.counted[i]+v.months[i].calls > offset })
	skip := offset - v.counted[i]
	for ; i < len(v.months) && n > 0; i++ {
		b := root.Bucket([]byte(v.months[i].name))
		if b == nil {
			continue
		}
		c := b.Cursor()
		var k, val []byte
		if v.oldest {
			k, val = c.Seek(callKey(v.lo))
		} else if k, val = c.Seek(callKey(v.hi)); k == nil {
			k, val = c.Last()
		}
		for ; k != nil && n > 0; k, val = stepCursor(c, v.oldest) {
			if len(k) != 8 || val == nil {
				continue
			}
			id := keyInt(k)
			if id < v.lo || id >= v.hi {
				if (id < v.lo) != v.oldest {
					break // past the period's end in this direction
				}
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			var r callRecord
			if err := (recordCodec{}).Unmarshal(val, &r); err != nil {
				return fmt.Errorf("read call %d: %w", id, err)
			}
			fn(id, &r)
			n--
		}
	}
	return nil
}

// OpenLog works out which calls the filter shows, in the sort's order.
func (db *DB) OpenLog(f LogFilter, s LogSort) (*LogView, error) {
	q, err := newLogQuery(f, s)
	if err != nil {
		return nil, err
	}
	v := &LogView{db: db}
	var uncounted []string
	err = db.store.Bolt.View(func(tx *bolt.Tx) error {
		if q.plain() {
			uncounted, err = v.countMonths(tx, q)
			return err
		}
		if q.indexable() {
			indexed, err := v.planDays(tx, db, q)
			if err != nil || indexed {
				slices.Reverse(v.days)
				v.before = make([]int, len(v.days))
				for i := 1; i < len(v.days); i++ {
					v.before[i] = v.before[i-1] + v.days[i-1].n
				}
				v.q = q
				return err
			}
			*v = LogView{db: db}
		}
		v.ids, err = q.collect(tx, db)
		v.n = len(v.ids)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(uncounted) > 0 {
		// A database from before the log's counts: count once, for next time.
		if err := db.update(func(t *txn) error { return fillLogCounts(t.tx, uncounted) }); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// countMonths sets up a view that pages straight through the months. It
// returns the months it had to count key by key for want of a count.
func (v *LogView) countMonths(tx *bolt.Tx, q *logQuery) (uncounted []string, err error) {
	v.lo, v.hi, v.oldest = q.lo, q.hi, !q.sort.Desc
	v.months = []logMonth{}
	root := tx.Bucket([]byte(callsBucket))
	if root == nil || q.hi <= q.lo {
		return nil, nil
	}
	counts := tx.Bucket([]byte(logMonthsBucket))
	for _, name := range monthsIn(root, q.lo, q.hi, v.oldest) {
		c := root.Bucket([]byte(name)).Cursor()
		first, _ := c.First()
		last, _ := c.Last()
		if first == nil {
			continue
		}
		whole := q.lo <= keyInt(first) && keyInt(last) < q.hi
		n := -1
		if whole && counts != nil {
			if raw := counts.Get([]byte(name)); len(raw) == 8 {
				n = int(binary.BigEndian.Uint64(raw))
			}
		}
		if n < 0 {
			if whole {
				uncounted = append(uncounted, name)
			}
			n = countKeys(c, q.lo, q.hi)
		}
		v.counted = append(v.counted, v.n)
		v.months = append(v.months, logMonth{name, n})
		v.n += n
		// The newest call now bounds the view, so that calls saved after
		// OpenLog do not shift its pages.
		if !v.oldest && len(v.months) == 1 {
			v.hi = min(v.hi, keyInt(last)+1)
		} else if v.oldest {
			v.hi = min(q.hi, max(keyInt(last)+1, v.lo))
		}
	}
	return uncounted, nil
}

func countKeys(c *bolt.Cursor, lo, hi int64) int {
	n := 0
	for k, v := c.Seek(callKey(lo)); k != nil; k, v = c.Next() {
		if len(k) != 8 || v == nil {
			continue
		}
		if keyInt(k) >= hi {
			break
		}
		n++
	}
	return n
}

// logMonthsBucket holds how many calls each month bucket has (8 bytes
// big-endian by month name), so that the log knows its length without
// walking a million keys. A month without a count is counted in full when
// its next call is saved, or by the first OpenLog that needs it.
const logMonthsBucket = "logMonths"

// countInLog counts a new call in its month.
func (t *txn) countInLog(id int64) error {
	b, err := bucketIn(t.tx, logMonthsBucket)
	if err != nil {
		return err
	}
	month := monthOf(id)
	raw := b.Get([]byte(month))
	if len(raw) != 8 {
		return fillLogCounts(t.tx, []string{month})
	}
	return b.Put([]byte(month), binary.BigEndian.AppendUint64(nil, binary.BigEndian.Uint64(raw)+1))
}

// fillLogCounts counts the calls of the months, key by key.
func fillLogCounts(tx *bolt.Tx, months []string) error {
	b, err := bucketIn(tx, logMonthsBucket)
	if err != nil {
		return err
	}
	for _, month := range months {
		n := 0
		if calls := bucketAt(tx, callsBucket, month); calls != nil {
			n = countKeys(calls.Cursor(), 0, maxID)
		}
		if err := b.Put([]byte(month), binary.BigEndian.AppendUint64(nil, uint64(n))); err != nil {
			return fmt.Errorf("count the calls of %s: %w", month, err)
		}
	}
	return nil
}

// monthCache keeps the month bucket the last call was in: pages of the log
// mostly stay in one month.
type monthCache struct {
	name string
	b    *bolt.Bucket
}

func (m *monthCache) bucket(tx *bolt.Tx, id int64) *bolt.Bucket {
	if name := monthOf(id); name != m.name || m.b == nil {
		m.name, m.b = name, bucketAt(tx, callsBucket, name)
	}
	return m.b
}

func (m *monthCache) load(tx *bolt.Tx, id int64) (callRecord, error) {
	var r callRecord
	found, err := getRecord(m.bucket(tx, id), callKey(id), &r)
	switch {
	case err != nil:
		return r, fmt.Errorf("read call %d: %w", id, err)
	case !found:
		return r, fmt.Errorf("call %d: %w", id, ErrNotFound)
	}
	return r, nil
}
