package storage

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// logQuery is a LogFilter made ready to test calls in place.
type logQuery struct {
	f      LogFilter
	sort   LogSort
	lo, hi int64
	// text is the search in lower case when it has a letter; digits the
	// search's digits otherwise.
	text, digits string
	keys         map[string]bool
	outcomes     []callerid.Outcome
}

// numberRoute: a search of this many digits or more starts from the
// callers whose number has them, not from a scan of the calls.
const numberRoute = 4

func newLogQuery(f LogFilter, s LogSort) (*logQuery, error) {
	if s.Column == "" {
		s.Column = LogByTime
	}
	if !slices.Contains(logColumns, s.Column) {
		return nil, fmt.Errorf("the log has no column %q to sort by", s.Column)
	}
	q := &logQuery{f: f, sort: s}
	q.lo, q.hi = span(f.From, f.To)
	search := strings.TrimSpace(f.Search)
	if strings.ContainsFunc(search, unicode.IsLetter) {
		q.text = strings.ToLower(search)
	} else {
		q.digits = digitsOf(search)
	}
	if len(f.Keys) > 0 {
		q.keys = make(map[string]bool, len(f.Keys))
		for _, k := range f.Keys {
			q.keys[k] = true
		}
	}
	for _, o := range f.Outcomes {
		q.outcomes = append(q.outcomes, outcomeOf(string(o)))
	}
	return q, nil
}

var logColumns = []LogColumn{LogByTime, LogByName, LogByNumber, LogByLine, LogByCampaign,
	LogByOutcome, LogByRings, LogByTalk, LogByValue}

// plain: nothing but the period narrows, and the order is the keys' own.
func (q *logQuery) plain() bool {
	f := q.f
	return q.sort.Column == LogByTime && len(f.Lines) == 0 && len(f.Campaigns) == 0 &&
		len(f.Outcomes) == 0 && f.FirstTime == nil && f.Spam == nil && f.Tag == "" &&
		f.Lead == nil && !q.searches()
}

func (q *logQuery) searches() bool { return q.text != "" || q.digits != "" || q.keys != nil }

// match tests everything but the period and the search.
func (q *logQuery) match(r *rawCall) bool {
	f := &q.f
	if len(f.Lines) > 0 && !slices.Contains(f.Lines, int(r.int(fLineID))) {
		return false
	}
	if len(f.Campaigns) > 0 && !slices.Contains(f.Campaigns, int(r.int(fCampaignID))) {
		return false
	}
	if len(q.outcomes) > 0 && !slices.Contains(q.outcomes, r.outcome()) {
		return false
	}
	if f.FirstTime != nil && r.bool(fFirstTime) != *f.FirstTime {
		return false
	}
	if f.Spam != nil && r.bool(fSpam) != *f.Spam {
		return false
	}
	if f.Lead != nil && LeadStatus(r.int(fLead)) != *f.Lead {
		return false
	}
	return f.Tag == "" || r.hasTag(f.Tag)
}

// found tests the search.
func (q *logQuery) found(r *rawCall, scratch []byte) bool {
	if q.keys != nil {
		if key := r.callerKey(scratch); key != nil && q.keys[string(key)] {
			return true
		}
	}
	switch {
	case q.text != "":
		return containsFold(r.str(fName), q.text) || containsFold(r.str(fSpecial), q.text)
	case q.digits != "":
		return bytes.Contains(r.keyDigits(scratch[:0]), []byte(q.digits))
	}
	return q.keys == nil
}

// collect returns the IDs of the calls the query shows, in order.
func (q *logQuery) collect(tx *bolt.Tx, db *DB) ([]int64, error) {
	if ids, cached, err := q.collectCached(tx, db); cached {
		return ids, err
	}
	sorter, err := q.sorter(tx)
	if err != nil {
		return nil, err
	}
	scratch := make([]byte, 0, 32)
	keep := func(id int64, r *rawCall) bool {
		if q.match(r) && (!q.searches() || q.found(r, scratch)) {
			sorter.add(id, r)
		}
		return true
	}
	err = errTooManyCallers
	if q.byCallers() {
		err = q.scanCallers(tx, keep)
	}
	if errors.Is(err, errTooManyCallers) {
		err = scanCalls(tx, q.lo, q.hi, false, keep)
	}
	if err != nil {
		return nil, err
	}
	return sorter.sorted(q.sort.Desc), nil
}

// byCallers: the search names few enough callers to start from them.
func (q *logQuery) byCallers() bool {
	return len(q.digits) >= numberRoute || (q.text == "" && q.digits == "" && q.keys != nil)
}

// byCallersMax: reading calls one by one costs about ten times a scan's
// cost per call, so a search whose callers made more calls than this
// scans instead.
const byCallersMax = 60_000

var errTooManyCallers = errors.New("the search finds too many callers")

// scanCallers reads the calls of the callers the search finds, newest first.
func (q *logQuery) scanCallers(tx *bolt.Tx, fn func(int64, *rawCall) bool) error {
	keys := make(map[string]bool, len(q.keys))
	for k := range q.keys {
		keys[k] = true
	}
	if q.digits != "" {
		root := tx.Bucket([]byte(callerCallsBucket))
		if root != nil {
			scratch := make([]byte, 0, 32)
			err := root.ForEachBucket(func(shard []byte) error {
				return root.Bucket(shard).ForEach(func(k, _ []byte) error {
					if bytes.Contains(appendDigitBytes(scratch[:0], k), []byte(q.digits)) {
						keys[string(k)] = true
					}
					return nil
				})
			})
			if err != nil {
				return err
			}
		}
	}
	calls := 0
	for key := range keys {
		if b := bucketAt(tx, callerCallsBucket, callerShard(key)); b != nil {
			calls += len(b.Get([]byte(key))) / 8
		}
	}
	if calls > byCallersMax {
		return errTooManyCallers
	}
	k := newCallerBook(tx)
	var ids []int64
	for key := range keys {
		list, err := k.calls(key)
		if err != nil {
			return err
		}
		for _, id := range list.ids {
			if q.lo <= id && id < q.hi {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	var months monthCache
	var r rawCall
	for _, id := range slices.Backward(ids) {
		raw := months.bucket(tx, id).Get(callKey(id))
		if raw == nil {
			continue
		}
		if err := r.parse(raw); err != nil {
			return fmt.Errorf("read call %d: %w", id, err)
		}
		if !fn(id, &r) {
			return nil
		}
	}
	return nil
}

// logSorter gathers matching calls, newest first, with their sort keys.
type logSorter struct {
	ids []int64
	// key turns a call into the index of its sort key in a dictionary of
	// the distinct keys seen; nil when sorting by time.
	key    func(*rawCall) uint32
	keyOf  []uint32
	sorted func(desc bool) []int64
}

func (s *logSorter) add(id int64, r *rawCall) {
	s.ids = append(s.ids, id)
	if s.key != nil {
		s.keyOf = append(s.keyOf, s.key(r))
	}
}

// sorter makes the logSorter of the query's column.
func (q *logQuery) sorter(tx *bolt.Tx) (*logSorter, error) {
	s := &logSorter{}
	s.sorted = func(desc bool) []int64 {
		if !desc {
			slices.Reverse(s.ids)
		}
		return s.ids
	}
	switch q.sort.Column {
	case LogByTime:
		return s, nil
	case LogByName:
		names := newDictionary[string]()
		contact := q.contactNames()
		s.key = func(r *rawCall) uint32 {
			if name := contact(r); name != "" {
				return names.index(name)
			}
			return indexBytes(names, r.str(fName))
		}
		s.setOrder(names.order(func(a, b string) int {
			return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
		}))
	case LogByNumber:
		numbers := newDictionary[string]()
		scratch := make([]byte, 0, 32)
		s.key = func(r *rawCall) uint32 { return indexBytes(numbers, r.callerKey(scratch)) }
		s.setOrder(numbers.order(strings.Compare))
	case LogByLine, LogByCampaign:
		labels, err := q.labels(tx)
		if err != nil {
			return nil, err
		}
		field := fLineID
		if q.sort.Column == LogByCampaign {
			field = fCampaignID
		}
		ids := newDictionary[int64]()
		s.key = func(r *rawCall) uint32 { return ids.index(r.int(field)) }
		s.setOrder(ids.order(func(a, b int64) int {
			return cmp.Or(cmp.Compare(strings.ToLower(labels[a]), strings.ToLower(labels[b])), cmp.Compare(a, b))
		}))
	default:
		value := q.numericKey()
		values := newDictionary[int64]()
		s.key = func(r *rawCall) uint32 { return values.index(value(r)) }
		s.setOrder(values.order(cmp.Compare[int64]))
	}
	return s, nil
}

// numericKey is the sort key of the numeric columns.
func (q *logQuery) numericKey() func(*rawCall) int64 {
	switch q.sort.Column {
	case LogByOutcome:
		return func(r *rawCall) int64 { return int64(slices.Index(outcomeOrder, r.outcome())) }
	case LogByRings:
		return func(r *rawCall) int64 { return r.int(fRings) }
	case LogByTalk:
		return func(r *rawCall) int64 {
			if secs, known := r.talk(); known {
				return secs
			}
			return -1 // not known sorts before none at all
		}
	}
	return func(r *rawCall) int64 { return r.int(fValueCents) }
}

// outcomeOrder is how outcomes sort: the ones that need a callback
// together, the unknown last.
var outcomeOrder = []callerid.Outcome{callerid.OutcomeAnswered, callerid.OutcomeMissed,
	callerid.OutcomeVoicemail, callerid.OutcomeAbandoned, callerid.OutcomeBlocked, callerid.OutcomeUnknown}

// contactNames returns the contact name of a call's caller, asked of
// f.Names once per caller.
func (q *logQuery) contactNames() func(*rawCall) string {
	if q.f.Names == nil {
		return func(*rawCall) string { return "" }
	}
	known := map[string]string{}
	scratch := make([]byte, 0, 32)
	return func(r *rawCall) string {
		key := r.callerKey(scratch)
		if key == nil {
			return ""
		}
		if name, ok := known[string(key)]; ok {
			return name
		}
		name := q.f.Names(string(key))
		known[string(key)] = name
		return name
	}
}

// labels are the names of the lines or campaigns, by ID; 0 (none) is "".
func (q *logQuery) labels(tx *bolt.Tx) (map[int64]string, error) {
	out := map[int64]string{}
	if q.sort.Column == LogByLine {
		lines, err := readLines(tx)
		for _, l := range lines {
			out[int64(l.ID)] = l.Label
		}
		return out, err
	}
	campaigns, err := readCampaigns(tx)
	for _, c := range campaigns {
		out[int64(c.ID)] = c.Name
	}
	return out, err
}

// setOrder makes sorted order the calls by their keys' ranks, which order
// works out once all keys are known.
func (s *logSorter) setOrder(order func() []uint32) {
	s.sorted = func(desc bool) []int64 {
		rank := order()
		if desc {
			for i := range rank {
				rank[i] = uint32(len(rank)-1) - rank[i]
			}
		}
		// A counting sort by rank: stable, so equal keys stay newest first.
		start := make([]int, len(rank)+1)
		for _, k := range s.keyOf {
			start[rank[k]+1]++
		}
		for i := 1; i < len(start); i++ {
			start[i] += start[i-1]
		}
		out := make([]int64, len(s.ids))
		for i, id := range s.ids {
			r := rank[s.keyOf[i]]
			out[start[r]] = id
			start[r]++
		}
		return out
	}
}

// dictionary numbers the distinct sort keys in the order they are met.
type dictionary[K cmp.Ordered] struct {
	ids  map[K]uint32
	keys []K
}

func newDictionary[K cmp.Ordered]() *dictionary[K] {
	return &dictionary[K]{ids: map[K]uint32{}}
}

func (d *dictionary[K]) index(k K) uint32 {
	if i, ok := d.ids[k]; ok {
		return i
	}
	i := uint32(len(d.keys))
	d.ids[k] = i
	d.keys = append(d.keys, k)
	return i
}

// order returns a function giving each key's rank under compare.
func (d *dictionary[K]) order(compare func(a, b K) int) func() []uint32 {
	return func() []uint32 {
		byKey := make([]uint32, len(d.keys))
		for i := range byKey {
			byKey[i] = uint32(i)
		}
		slices.SortFunc(byKey, func(a, b uint32) int { return compare(d.keys[a], d.keys[b]) })
		rank := make([]uint32, len(d.keys))
		for r, i := range byKey {
			rank[i] = uint32(r)
		}
		return rank
	}
}

// indexBytes is index for string keys read in place: a []byte converted
// in a map lookup is not copied, so only new keys allocate.
func indexBytes(d *dictionary[string], b []byte) uint32 {
	if i, ok := d.ids[string(b)]; ok {
		return i
	}
	return d.index(string(b))
}
