package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// collectCached is collect answered from the log cache: the same calls in
// the same order, worked out from the packed entries. Each string the
// filter or sort looks at is tested or ranked once per distinct string
// (a telco name, a caller), then the calls by its number.
//
// ok is false when the cache cannot answer (switched off, not built yet:
// the build starts), and the caller scans.
func (q *logQuery) collectCached(tx *bolt.Tx, db *DB) (ids []int64, ok bool, err error) {
	if !logCacheEnabled {
		return nil, false, nil
	}
	c := db.logCache()
	if c.off.Load() {
		return nil, false, nil
	}
	c.lastAsked.Store(time.Now().UnixNano())
	cols := c.acquire()
	if cols == nil {
		c.warm(db)
		return nil, false, nil
	}
	defer c.release()
	kept := q.keep(cols)
	ids, err = q.order(tx, cols, kept)
	return ids, true, err
}

// keep returns the positions of the calls the query shows, newest first.
func (q *logQuery) keep(c *callColumns) []int32 {
	from, _ := slices.BinarySearch(c.ids, q.lo)
	to, _ := slices.BinarySearch(c.ids, q.hi)
	f := &q.f
	var outcomeMask uint8 // bit i: outcomes[i]
	for _, o := range q.outcomes {
		outcomeMask |= 1 << slices.Index(outcomes, o)
	}
	tag := uint32(0)
	if f.Tag != "" {
		t, known := c.tags.lookup(f.Tag)
		if !known {
			return nil
		}
		tag = t
	}
	var wantFlags, flagMask uint8
	if f.FirstTime != nil {
		flagMask |= flagFirstTime
		if *f.FirstTime {
			wantFlags |= flagFirstTime
		}
	}
	if f.Spam != nil {
		flagMask |= flagSpam
		if *f.Spam {
			wantFlags |= flagSpam
		}
	}
	byCaller, byName := q.searchTables(c)
	kept := make([]int32, 0, to-from)
	for i := to - 1; i >= from; i-- {
		e := &c.calls[i]
		if e.flags&flagMask != wantFlags ||
			len(q.outcomes) > 0 && outcomeMask&(1<<e.outcome) == 0 ||
			f.Lead != nil && LeadStatus(e.lead) != *f.Lead ||
			f.Tag != "" && !c.hasTag(i, tag) ||
			len(f.Lines) > 0 && !slices.Contains(f.Lines, int(c.line(i))) ||
			len(f.Campaigns) > 0 && !slices.Contains(f.Campaigns, int(c.campaign(i))) {
			continue
		}
		if byCaller != nil && !byCaller[e.caller] && (byName == nil || !byName[e.name]) {
			continue
		}
		kept = append(kept, int32(i))
	}
	return kept
}

// searchTables tests the search once per caller and per name: a call is
// found when its caller is, or its name is (byName nil: names do not
// count). Both are nil when the query does not search.
func (q *logQuery) searchTables(c *callColumns) (byCaller, byName []bool) {
	if !q.searches() {
		return nil, nil
	}
	byCaller = make([]bool, c.callers.len())
	digits := []byte(q.digits)
	scratch := make([]byte, 0, 32)
	for i := range byCaller {
		key := c.callers.at(uint32(i))
		kind, k := key[0], key[1:]
		hit := kind != callerNone && q.keys[string(k)]
		if !hit && len(digits) > 0 {
			switch kind {
			case callerE164:
				hit = bytes.Contains(digitsOnly(k, scratch), digits)
			case callerRaw:
				hit = bytes.Contains(k, digits)
			}
		}
		byCaller[i] = hit
	}
	if q.text != "" {
		byName = make([]bool, c.names.len())
		for i := range byName {
			special, name := splitNameKey(c.names.at(uint32(i)))
			byName[i] = containsFold(name, q.text) || containsFold(special, q.text)
		}
	}
	return byCaller, byName
}

// digitsOnly is the digits of an E.164 key: the key past its plus, but
// for anything odd stored there.
func digitsOnly(k, scratch []byte) []byte {
	if len(k) > 0 && k[0] == '+' {
		k = k[1:]
	}
	for _, c := range k {
		if c < '0' || c > '9' {
			return appendDigitBytes(scratch[:0], k)
		}
	}
	return k
}

// splitNameKey parses a names key: the special caller's word (its length
// first) and the telco's name.
func splitNameKey(key []byte) (special, name []byte) {
	n, w := binary.Uvarint(key)
	return key[w : w+int(n)], key[w+int(n):]
}

// order turns the kept positions into call IDs in the sort's order. Calls
// with equal keys stay newest first either way, as the scan's counting
// sort keeps them.
func (q *logQuery) order(tx *bolt.Tx, c *callColumns, kept []int32) ([]int64, error) {
	out := make([]int64, len(kept))
	if q.sort.Column == LogByTime {
		for i, p := range kept {
			out[i] = c.ids[p]
		}
		if !q.sort.Desc {
			slices.Reverse(out)
		}
		return out, nil
	}
	keys := make([]uint64, len(kept))
	switch q.sort.Column {
	case LogByName:
		rank := q.nameRanks(c, kept)
		for i, p := range kept {
			keys[i] = uint64(rank(p))
		}
	case LogByNumber:
		rank := c.callerRanks()
		for i, p := range kept {
			keys[i] = uint64(rank[c.calls[p].caller])
		}
	case LogByLine, LogByCampaign:
		labels, err := q.labels(tx)
		if err != nil {
			return nil, err
		}
		id := c.line
		if q.sort.Column == LogByCampaign {
			id = c.campaign
		}
		for i, p := range kept {
			keys[i] = signless(id(int(p)))
		}
		rankLabels(keys, labels)
	case LogByOutcome:
		var rank [8]uint64
		for i, o := range outcomes {
			rank[i] = uint64(slices.Index(outcomeOrder, o))
		}
		for i, p := range kept {
			keys[i] = rank[c.calls[p].outcome]
		}
	default:
		value := c.value
		switch q.sort.Column {
		case LogByRings:
			value = c.rings
		case LogByTalk:
			value = c.talk
		}
		for i, p := range kept {
			keys[i] = signless(value(int(p)))
		}
	}
	if len(keys) == 0 {
		return out, nil
	}
	// Keys from 0 up, reversed for a descending sort.
	lo, hi := slices.Min(keys), slices.Max(keys)
	for i, k := range keys {
		if q.sort.Desc {
			keys[i] = hi - k
		} else {
			keys[i] = k - lo
		}
	}
	if span := hi - lo; span < countingMax {
		countingSort(keys, kept, int(span)+1, func(i int, p int32) { out[i] = c.ids[p] })
		return out, nil
	}
	for i, p := range radixSort(keys, kept) {
		out[i] = c.ids[p]
	}
	return out, nil
}

// countingMax: keys spread over fewer values than this (names, outcomes,
// most numbers) are sorted in one counting pass. Wider ones (a shop's
// hundreds of thousands of callers) go by radix: a counting pass over
// that many values scatters its writes and waits on memory for each.
const countingMax = 1 << 16

// countingSort puts pos in order of keys (all below n), stably, through
// put(place, pos).
func countingSort(keys []uint64, pos []int32, n int, put func(int, int32)) {
	start := make([]int, n+1)
	for _, k := range keys {
		start[k+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	for i, k := range keys {
		put(start[k], pos[i])
		start[k]++
	}
}

// signless maps int64 order onto uint64 order.
func signless(v int64) uint64 { return uint64(v) ^ 1<<63 }

// rankLabels replaces line or campaign IDs (signless) by their rank: by
// label, ignoring case, then by ID.
func rankLabels(keys []uint64, labels map[int64]string) {
	// IDs are small: a table finds the distinct ones, a map the others.
	const small = 1 << 16
	var table []uint32
	seen := map[uint64]uint32{}
	for _, k := range keys {
		if v := k ^ 1<<63; v < small {
			if table == nil {
				table = make([]uint32, small)
			}
			table[v] = 1
		} else {
			seen[k] = 0
		}
	}
	distinct := make([]uint64, 0, len(seen))
	for v, mark := range table {
		if mark != 0 {
			distinct = append(distinct, signless(int64(v)))
		}
	}
	for k := range seen {
		distinct = append(distinct, k)
	}
	id := func(k uint64) int64 { return int64(k ^ 1<<63) }
	slices.SortFunc(distinct, func(a, b uint64) int {
		return cmp.Or(cmp.Compare(strings.ToLower(labels[id(a)]), strings.ToLower(labels[id(b)])), cmp.Compare(id(a), id(b)))
	})
	for r, k := range distinct {
		if v := k ^ 1<<63; v < small {
			table[v] = uint32(r)
		} else {
			seen[k] = uint32(r)
		}
	}
	for i, k := range keys {
		if v := k ^ 1<<63; v < small {
			keys[i] = uint64(table[v])
		} else {
			keys[i] = uint64(seen[k])
		}
	}
}

// nameRanks returns the rank of each kept call's name: its contact's name
// (f.Names) where it has one, else the telco's, ordered ignoring case.
func (q *logQuery) nameRanks(c *callColumns, kept []int32) func(int32) uint32 {
	telco := c.nameOrder.ranks(c, &c.names, nameText, true)
	if q.f.Names == nil {
		return func(p int32) uint32 { return telco.rank[c.calls[p].name] }
	}
	// The contacts' names, asked once per caller, are ranked among the
	// telco's names.
	const unasked = -2
	contact := make([]int32, c.callers.len())
	for i := range contact {
		contact[i] = unasked
	}
	names := map[string]int32{}
	var list []string
	// One string of all the callers' keys, cut up: a string each would be
	// hundreds of thousands of allocations.
	keys := string(c.callers.text)
	for _, p := range kept {
		ci := c.calls[p].caller
		if contact[ci] != unasked {
			continue
		}
		contact[ci] = -1
		end := int(c.callers.end[ci])
		key := keys[end-len(c.callers.at(ci)) : end]
		if key[0] == callerNone {
			continue
		}
		name := q.f.Names(key[1:])
		if name == "" {
			continue
		}
		n, ok := names[name]
		if !ok {
			n = int32(len(list))
			names[name] = n
			list = append(list, name)
		}
		contact[ci] = n
	}
	lower := make([]string, len(list))
	for i, s := range list {
		lower[i] = strings.ToLower(s)
	}
	byName := make([]int32, len(list))
	for i := range byName {
		byName[i] = int32(i)
	}
	slices.SortFunc(byName, func(a, b int32) int {
		if c := strings.Compare(lower[a], lower[b]); c != 0 {
			return c
		}
		return strings.Compare(list[a], list[b])
	})
	// Merge the two sorted lists of distinct names into one ranking.
	telcoRank := make([]uint32, telco.distinct)
	contactRank := make([]uint32, len(list))
	i, j, r := 0, 0, uint32(0)
	for i < len(telco.sorted) || j < len(byName) {
		var d int
		switch {
		case i == len(telco.sorted):
			d = 1
		case j == len(byName):
			d = -1
		default:
			t, k := telco.sorted[i], byName[j]
			if d = strings.Compare(telco.lower[t], lower[k]); d == 0 {
				d = strings.Compare(string(nameText(c.names.at(t))), list[k])
			}
		}
		if d <= 0 {
			t := telco.rank[telco.sorted[i]]
			telcoRank[t] = r
			// The telco's names that rank equal follow one another.
			for i++; i < len(telco.sorted) && telco.rank[telco.sorted[i]] == t; i++ {
			}
		}
		if d >= 0 {
			contactRank[byName[j]] = r
			j++
		}
		r++
	}
	return func(p int32) uint32 {
		e := &c.calls[p]
		if n := contact[e.caller]; n >= 0 {
			return contactRank[n]
		}
		return telcoRank[telco.rank[e.name]]
	}
}

func nameText(key []byte) []byte {
	_, name := splitNameKey(key)
	return name
}

func callerText(key []byte) []byte { return key[1:] }

// callerRanks ranks the callers by their key, as the number column sorts.
func (c *callColumns) callerRanks() []uint32 {
	return c.callerOrder.ranks(c, &c.callers, callerText, false).rank
}

// dictOrder is a dictionary sorted by the text of its keys, kept up to
// date as entries are added. Entries with equal text share a rank.
type dictOrder struct {
	n        int      // entries covered
	lower    []string // the texts in lower case, when folded
	sorted   []uint32 // entries in order
	rank     []uint32 // by entry
	distinct int      // ranks
}

// ranks brings the order up to the dictionary and returns it. The order
// returned is not changed later: an update makes new slices.
func (o *dictOrder) ranks(c *callColumns, d *strDict, text func([]byte) []byte, fold bool) dictOrder {
	c.memoMu.Lock()
	defer c.memoMu.Unlock()
	n := d.len()
	if o.n == n {
		return *o
	}
	lower := o.lower
	if fold {
		lower = slices.Grow(lower, n-o.n)
		for i := o.n; i < n; i++ {
			lower = append(lower, strings.ToLower(string(text(d.at(uint32(i))))))
		}
	}
	compare := func(a, b uint32) int {
		if fold {
			if c := strings.Compare(lower[a], lower[b]); c != 0 {
				return c
			}
		}
		return bytes.Compare(text(d.at(a)), text(d.at(b)))
	}
	added := make([]uint32, 0, n-o.n)
	for i := o.n; i < n; i++ {
		added = append(added, uint32(i))
	}
	if fold {
		slices.SortFunc(added, compare)
	} else {
		sortByText(added, func(i uint32) []byte { return text(d.at(i)) })
	}
	sorted := make([]uint32, 0, n)
	i, j := 0, 0
	for i < len(o.sorted) || j < len(added) {
		if j == len(added) || i < len(o.sorted) && compare(o.sorted[i], added[j]) <= 0 {
			sorted = append(sorted, o.sorted[i])
			i++
		} else {
			sorted = append(sorted, added[j])
			j++
		}
	}
	rank := make([]uint32, n)
	r := uint32(0)
	for i, e := range sorted {
		if i > 0 && compare(sorted[i-1], e) != 0 {
			r++
		}
		rank[e] = r
	}
	*o = dictOrder{n: n, lower: lower, sorted: sorted, rank: rank, distinct: int(r) + 1}
	if len(sorted) == 0 {
		o.distinct = 0
	}
	return *o
}

// sortByText sorts entries by their text, as bytes.Compare would, but
// compares the first 16 bytes as two integers: sorting a shop's callers
// (mostly "+1217555…") by bytes.Compare costs ten times as much.
func sortByText(entries []uint32, text func(uint32) []byte) {
	type prefixed struct {
		a, b uint64
		i    uint32
	}
	list := make([]prefixed, len(entries))
	for n, i := range entries {
		var head [16]byte
		copy(head[:], text(i))
		list[n] = prefixed{binary.BigEndian.Uint64(head[:8]), binary.BigEndian.Uint64(head[8:]), i}
	}
	slices.SortFunc(list, func(x, y prefixed) int {
		// Zero-padded heads that tie may still differ past 16 bytes, or
		// in a real zero byte against the padding.
		if c := cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)); c != 0 {
			return c
		}
		return bytes.Compare(text(x.i), text(y.i))
	})
	for n, p := range list {
		entries[n] = p.i
	}
}

// radixSort orders pos by keys, stably, and returns pos in that order
// (keys and pos are used as scratch). A byte that is the same in every key
// costs nothing: most keys are small.
func radixSort(keys []uint64, pos []int32) []int32 {
	n := len(keys)
	var counts [8][256]int
	for _, k := range keys {
		for b := range 8 {
			counts[b][byte(k>>(8*b))]++
		}
	}
	tk, tp := make([]uint64, n), make([]int32, n)
	for b := range 8 {
		c := &counts[b]
		if n == 0 || c[byte(keys[0]>>(8*b))] == n {
			continue
		}
		at := 0
		for v := range c {
			at, c[v] = at+c[v], at
		}
		for i, k := range keys {
			v := byte(k >> (8 * b))
			tk[c[v]], tp[c[v]] = k, pos[i]
			c[v]++
		}
		keys, tk = tk, keys
		pos, tp = tp, pos
	}
	return pos
}
