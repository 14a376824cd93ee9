package storage

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// A filter by tag, lead or search, or a sort by another column than time,
// over years of calls, would read every call: a third of a second at a
// million, even read in place. The log cache keeps, in memory, what those
// filters and sorts look at of each call, packed in 36 bytes (the ID and
// a logEntry), with the strings (callers, telco names, tags) numbered in
// dictionaries; collect reads it instead of the file (logcache_query.go).
//
// It must say what the stored calls say, always:
//
//   - it is read from the calls with the same in-place reader as the scan
//     (rawCall), so that a filter cannot read a field differently;
//   - every write transaction lists the calls it wrote (txn.changedCall),
//     and once it has committed, those calls are read again from the file
//     and patched in. A rolled-back transaction changes nothing. One that
//     changes very many calls (a tag renamed, every call re-attributed)
//     has the cache rebuilt in the background instead;
//   - until the cache is built, and while it is rebuilt, the log scans as
//     it did without it. It is built by the first query that needs it, or
//     by WarmLog.

// logCacheEnabled is the one switch between the log and its cache: off,
// every filter scans the calls as it did before the cache.
var logCacheEnabled = true

// logPatchMax: a transaction that changes more calls than this has the
// cache rebuilt rather than patched. Patching reads each call again, a
// few µs, before the write returns (beside the commit's milliseconds of
// fsync); an import batch (importBatch) is patched.
const logPatchMax = 20_000

const (
	cacheCold int32 = iota
	cacheBuilding
	cacheReady
)

// logCache is one database's cache and how far it has got.
type logCache struct {
	// applyMu orders the patches and the end of each build: each reads the
	// file after the one before it, so the last word on a call is the
	// newest. It is never waited for inside a bolt transaction (a writer
	// growing the file waits for readers, and a patch reads the file).
	applyMu  sync.Mutex
	state    atomic.Int32
	pending  []int64       // calls changed while building
	restart  bool          // a change too big to patch came while building
	failed   bool          // the last build could not read the calls: wait for a write
	done     chan struct{} // closed when the current build ends
	patchMax int
	starting atomic.Bool

	// mu guards cols: queries read it, patches change it in place.
	mu   sync.RWMutex
	cols *callColumns

	// off makes the log scan as without the cache, for tests that compare.
	off atomic.Bool
	// lastAsked is when a query last wanted the cache (unix nanoseconds;
	// 0: never), for DropIdleLog.
	lastAsked atomic.Int64
}

// logCaches holds each open database's cache without keeping the database
// alive (as contactIndexes does).
var logCaches sync.Map // weak.Pointer[DB] → *logCache

func (db *DB) logCache() *logCache {
	key := weak.Make(db)
	if c, ok := logCaches.Load(key); ok {
		return c.(*logCache)
	}
	c, loaded := logCaches.LoadOrStore(key, &logCache{patchMax: logPatchMax})
	if !loaded {
		runtime.AddCleanup(db, func(k weak.Pointer[DB]) { logCaches.Delete(k) }, key)
	}
	return c.(*logCache)
}

// WarmLog builds the call log's cache in the background, so that the first
// filter by tag, lead status or search, or sort by a column, over all the
// calls is quick. The app calls it once its window is up; without it the
// first such query starts the build, and queries scan the calls until it
// is done (about a second at a million calls).
func (db *DB) WarmLog() {
	c := db.logCache()
	c.lastAsked.Store(time.Now().UnixNano())
	c.warm(db)
}

// DropIdleLog lets go of the call log's cache when no query has wanted it
// for idle (it is about 50 bytes a call: 50 MB at a million calls), and
// reports whether it did. The next query that needs it builds it again,
// and scans the calls meanwhile. WarmLog counts as wanting it.
func (db *DB) DropIdleLog(idle time.Duration, now time.Time) bool {
	return db.logCache().dropIdle(now.Add(-idle).UnixNano())
}

func (c *logCache) dropIdle(before int64) bool {
	c.applyMu.Lock()
	defer c.applyMu.Unlock()
	if c.state.Load() != cacheReady || c.lastAsked.Load() >= before {
		return false
	}
	c.publish(nil)
	c.state.Store(cacheCold)
	return true
}

// warm starts a build unless there is a cache or one is on its way. Queries
// call it inside their read transaction, so it does not wait for applyMu.
func (c *logCache) warm(db *DB) {
	if c.state.Load() != cacheCold || !c.starting.CompareAndSwap(false, true) {
		return
	}
	go func() {
		c.applyMu.Lock()
		start := c.state.Load() == cacheCold && !c.failed
		if start {
			c.startBuild()
		}
		c.starting.Store(false)
		c.applyMu.Unlock()
		if start {
			c.build(db)
		}
	}()
}

// startBuild marks a build on its way; under applyMu.
func (c *logCache) startBuild() {
	c.state.Store(cacheBuilding)
	c.done = make(chan struct{})
	c.pending, c.restart = nil, false
}

// build reads every call into new columns, brings them up to the writes
// committed meanwhile, and puts them in use.
func (c *logCache) build(db *DB) {
	for {
		var cols *callColumns
		err := db.store.Bolt.View(func(tx *bolt.Tx) error {
			var err error
			cols, err = buildCallColumns(tx)
			return err
		})
		c.applyMu.Lock()
		if c.restart {
			// The calls changed wholesale after the read began: read again.
			c.pending, c.restart = nil, false
			c.applyMu.Unlock()
			continue
		}
		if err == nil && len(c.pending) > 0 {
			err = c.patch(db, cols, c.pending)
		}
		c.pending = nil
		if err != nil {
			c.state.Store(cacheCold)
			c.failed = true
		} else {
			c.publish(cols)
			c.state.Store(cacheReady)
		}
		close(c.done)
		c.applyMu.Unlock()
		return
	}
}

func (c *logCache) publish(cols *callColumns) {
	c.mu.Lock()
	c.cols = cols
	c.mu.Unlock()
}

// committed brings the cache up to a committed transaction that wrote the
// calls ids. It runs in the writer's goroutine, after bolt has let go of
// the file, before the write returns: a query made after a write sees it.
func (c *logCache) committed(db *DB, ids []int64) {
	c.applyMu.Lock()
	defer c.applyMu.Unlock()
	c.failed = false
	switch c.state.Load() {
	case cacheBuilding:
		if c.restart {
			return
		}
		if len(c.pending)+len(ids) > c.patchMax {
			c.pending, c.restart = nil, true
			return
		}
		c.pending = append(c.pending, ids...)
	case cacheReady:
		if len(ids) > c.patchMax {
			c.publish(nil)
			c.startBuild()
			go c.build(db)
			return
		}
		if err := c.patch(db, c.cols, ids); err != nil {
			// The scan reports what it cannot read.
			c.publish(nil)
			c.state.Store(cacheCold)
		}
	}
}

// patch reads the calls ids again and writes them into cols; under applyMu.
func (c *logCache) patch(db *DB, cols *callColumns, ids []int64) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	facts := make([]callFacts, 0, len(ids))
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var months monthCache
		var rd factReader
		var r rawCall
		for _, id := range ids {
			f := callFacts{id: id}
			var raw []byte
			if b := months.bucket(tx, id); b != nil {
				raw = b.Get(callKey(id))
			}
			if raw != nil {
				if err := r.parse(raw); err != nil {
					return err
				}
				rd.read(&r, &f)
				f.own()
			}
			facts = append(facts, f)
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.mu.Lock()
	cols.apply(facts)
	c.mu.Unlock()
	return nil
}

// acquire returns the columns to query, read-locked until release; nil
// when there are none yet.
func (c *logCache) acquire() *callColumns {
	c.mu.RLock()
	if c.cols == nil {
		c.mu.RUnlock()
		return nil
	}
	return c.cols
}

func (c *logCache) release() { c.mu.RUnlock() }

// changedCall notes that the transaction wrote call id, for the log cache.
func (t *txn) changedCall(id int64) { t.changed = append(t.changed, id) }

// afterCommit has the log cache follow the calls t wrote once t commits.
func (t *txn) afterCommit() {
	if len(t.changed) == 0 {
		return
	}
	// The cache is looked for once committed: one that starts building
	// before then reads the file after this transaction, or is told.
	db, ids := t.db, t.changed
	t.tx.OnCommit(func() {
		if c, ok := logCaches.Load(weak.Make(db)); ok {
			c.(*logCache).committed(db, ids)
		}
	})
}

// callColumns are the calls as the log's filters and sorts see them, in ID
// order.
type callColumns struct {
	ids   []int64
	calls []logEntry
	// wide holds the numbers of the calls whose numbers do not fit their
	// entry (flagWide); moreTags the tags numbered past the entry's bits.
	wide     map[int64]wideEntry
	moreTags map[int64][]uint32
	// callers are keyed by kind and key (see factReader); names by the
	// special caller's word and the telco's name.
	callers, names, tags strDict

	// The dictionaries' orders, for sorting, made when first asked for
	// and brought up to date as the dictionaries grow.
	memoMu      sync.Mutex
	callerOrder dictOrder
	nameOrder   dictOrder
}

// logEntry is one call, packed: 28 bytes.
type logEntry struct {
	caller   uint32 // in callers; 0: no caller ID
	name     uint32 // in names
	value    int32  // cents
	talk     int32  // seconds; -1: not known
	tags     uint32 // bit i: tag i; moreTagsBit: see moreTags
	line     uint16
	campaign uint16
	rings    uint8
	outcome  uint8 // index in outcomes
	lead     uint8
	flags    uint8
}

const (
	flagFirstTime = 1 << iota
	flagSpam
	flagWide
)

const (
	tagBits     = 31
	moreTagsBit = 1 << tagBits
)

type wideEntry struct {
	line, campaign, rings, value, talk int64
}

func newCallColumns() *callColumns {
	c := &callColumns{wide: map[int64]wideEntry{}, moreTags: map[int64][]uint32{},
		callers: newStrDict(), names: newStrDict(), tags: newStrDict()}
	c.callers.index([]byte{callerNone}) // entry 0
	return c
}

// buildCallColumns reads every call.
// releaseEveryCalls: how many calls the build reads between letting go of
// the file's pages (about 15 MB of them).
const releaseEveryCalls = 1 << 16

func buildCallColumns(tx *bolt.Tx) (*callColumns, error) {
	c := newCallColumns()
	if counts := tx.Bucket([]byte(logMonthsBucket)); counts != nil {
		// The log's month counts size the columns (counted as calls are
		// saved; a file without them grows the columns as it goes).
		n := 0
		_ = counts.ForEach(func(_, v []byte) error {
			if len(v) == 8 {
				n += int(binary.BigEndian.Uint64(v))
			}
			return nil
		})
		n = min(n, 1<<25) // a damaged count must not take all memory
		c.ids = make([]int64, 0, n)
		c.calls = make([]logEntry, 0, n)
	}
	var rd factReader
	var f callFacts
	err := scanCalls(tx, 0, maxID, true, func(id int64, r *rawCall) bool {
		f = callFacts{id: id}
		rd.read(r, &f)
		c.ids = append(c.ids, id)
		c.calls = append(c.calls, c.entry(&f))
		if len(c.ids)%releaseEveryCalls == 0 {
			// Read once, the pages need not stay counted as Callboard's.
			_ = releaseMapped(tx)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	// Sorting hundreds of thousands of callers takes a while: here, in the
	// background, rather than in the first sort by number or name.
	c.callerRanks()
	c.nameOrder.ranks(c, &c.names, nameText, true)
	return c, nil
}

// callFacts is what the cache keeps of one call, as read from the file.
type callFacts struct {
	id      int64
	present bool
	// caller is the kind of key and the key; name the special caller's
	// word (its length first) and the telco's name; tags as stored.
	caller, name, tags                 []byte
	line, campaign, rings, value, talk int64
	outcome, lead                      uint8
	firstTime, spam                    bool
}

// The kinds of caller key. The kind says which field the key came from,
// which decides the digits a number search sees (rawCall.keyDigits).
const (
	callerNone    = 'n' // no caller ID: rawCall.callerKey is nil
	callerE164    = 'e'
	callerSpecial = 's'
	callerRaw     = 'r' // the digits of the number as it came
)

// factReader reads callFacts; its buffers are reused call to call.
type factReader struct {
	caller, name []byte
}

// read fills f from r; its byte slices are only valid until the next read
// and inside r's transaction (see own).
func (rd *factReader) read(r *rawCall, f *callFacts) {
	f.present = true
	special := r.str(fSpecial)
	switch e := r.str(fE164); {
	case len(e) > 0:
		rd.caller = append(append(rd.caller[:0], callerE164), e...)
	case len(special) > 0 && string(special) == callerid.NoNumber:
		rd.caller = append(rd.caller[:0], callerNone)
	case len(special) > 0:
		rd.caller = append(append(rd.caller[:0], callerSpecial), special...)
	default:
		rd.caller = appendDigitBytes(append(rd.caller[:0], callerRaw), r.str(fNumberRaw))
	}
	rd.name = binary.AppendUvarint(rd.name[:0], uint64(len(special)))
	rd.name = append(append(rd.name, special...), r.str(fName)...)
	f.caller, f.name, f.tags = rd.caller, rd.name, r.str(fTags)
	f.line, f.campaign = r.int(fLineID), r.int(fCampaignID)
	f.rings, f.value = r.int(fRings), r.int(fValueCents)
	f.talk = -1
	if secs, known := r.talk(); known {
		f.talk = secs
	}
	f.outcome = uint8(slices.Index(outcomes, r.outcome()))
	f.lead = uint8(LeadStatus(r.int(fLead)))
	f.firstTime, f.spam = r.bool(fFirstTime), r.bool(fSpam)
}

// own copies f's bytes out of the transaction and the reader.
func (f *callFacts) own() {
	f.caller, f.name, f.tags = bytes.Clone(f.caller), bytes.Clone(f.name), bytes.Clone(f.tags)
}

// entry packs f, numbering its strings; numbers that do not fit go to wide.
func (c *callColumns) entry(f *callFacts) logEntry {
	e := logEntry{caller: c.callers.index(f.caller), name: c.names.index(f.name),
		outcome: f.outcome, lead: f.lead}
	if f.firstTime {
		e.flags |= flagFirstTime
	}
	if f.spam {
		e.flags |= flagSpam
	}
	if fits(f.line, 0, math.MaxUint16) && fits(f.campaign, 0, math.MaxUint16) && fits(f.rings, 0, math.MaxUint8) &&
		fits(f.value, math.MinInt32, math.MaxInt32) && fits(f.talk, math.MinInt32, math.MaxInt32) {
		e.line, e.campaign, e.rings = uint16(f.line), uint16(f.campaign), uint8(f.rings)
		e.value, e.talk = int32(f.value), int32(f.talk)
	} else {
		e.flags |= flagWide
		c.wide[f.id] = wideEntry{line: f.line, campaign: f.campaign, rings: f.rings, value: f.value, talk: f.talk}
	}
	for tags := f.tags; len(tags) > 0; {
		tag := tags
		if i := bytes.IndexByte(tags, '\n'); i >= 0 {
			tag, tags = tags[:i], tags[i+1:]
		} else {
			tags = nil
		}
		if len(tag) == 0 {
			continue // no filter asks for the empty tag
		}
		switch t := c.tags.index(tag); {
		case t < tagBits:
			e.tags |= 1 << t
		default:
			e.tags |= moreTagsBit
			c.moreTags[f.id] = append(c.moreTags[f.id], t)
		}
	}
	return e
}

func fits(v, lo, hi int64) bool { return lo <= v && v <= hi }

// apply writes the calls read again (sorted by ID) over the columns:
// replaced in place, inserted in ID order, or removed when gone.
func (c *callColumns) apply(facts []callFacts) {
	type added struct {
		id int64
		e  logEntry
	}
	var news []added
	var removed []int
	for i := range facts {
		f := &facts[i]
		pos, found := slices.BinarySearch(c.ids, f.id)
		if found {
			delete(c.wide, f.id)
			delete(c.moreTags, f.id)
		}
		switch {
		case !f.present && found:
			removed = append(removed, pos)
		case !f.present:
		case found:
			c.calls[pos] = c.entry(f)
		default:
			news = append(news, added{f.id, c.entry(f)})
		}
	}
	if len(removed) > 0 {
		w, r := removed[0], removed[0]
		for _, gone := range removed {
			for ; r < gone; r++ {
				c.ids[w], c.calls[w] = c.ids[r], c.calls[r]
				w++
			}
			r = gone + 1
		}
		for ; r < len(c.ids); r++ {
			c.ids[w], c.calls[w] = c.ids[r], c.calls[r]
			w++
		}
		c.ids, c.calls = c.ids[:w], c.calls[:w]
	}
	if len(news) == 0 {
		return
	}
	if len(c.ids) == 0 || news[0].id > c.ids[len(c.ids)-1] {
		// The usual case: new calls are the newest.
		for _, a := range news {
			c.ids, c.calls = append(c.ids, a.id), append(c.calls, a.e)
		}
		return
	}
	// Older calls (an import, a late save): merge, from the end, in place.
	n, k := len(c.ids), len(news)
	c.ids, c.calls = slices.Grow(c.ids, k)[:n+k], slices.Grow(c.calls, k)[:n+k]
	i, j := n-1, k-1
	for w := n + k - 1; j >= 0; w-- {
		if i >= 0 && c.ids[i] > news[j].id {
			c.ids[w], c.calls[w] = c.ids[i], c.calls[i]
			i--
		} else {
			c.ids[w], c.calls[w] = news[j].id, news[j].e
			j--
		}
	}
}

// The numbers of call i, from its entry or wide.
func (c *callColumns) line(i int) int64 {
	if e := &c.calls[i]; e.flags&flagWide == 0 {
		return int64(e.line)
	}
	return c.wide[c.ids[i]].line
}

func (c *callColumns) campaign(i int) int64 {
	if e := &c.calls[i]; e.flags&flagWide == 0 {
		return int64(e.campaign)
	}
	return c.wide[c.ids[i]].campaign
}

func (c *callColumns) rings(i int) int64 {
	if e := &c.calls[i]; e.flags&flagWide == 0 {
		return int64(e.rings)
	}
	return c.wide[c.ids[i]].rings
}

func (c *callColumns) value(i int) int64 {
	if e := &c.calls[i]; e.flags&flagWide == 0 {
		return int64(e.value)
	}
	return c.wide[c.ids[i]].value
}

func (c *callColumns) talk(i int) int64 {
	if e := &c.calls[i]; e.flags&flagWide == 0 {
		return int64(e.talk)
	}
	return c.wide[c.ids[i]].talk
}

// hasTag: call i carries tag t (its number in tags).
func (c *callColumns) hasTag(i int, t uint32) bool {
	e := &c.calls[i]
	if t < tagBits {
		return e.tags&(1<<t) != 0
	}
	return e.tags&moreTagsBit != 0 && slices.Contains(c.moreTags[c.ids[i]], t)
}

// strDict numbers distinct strings in the order they are met. Entries are
// never taken out: a string no call uses any more stays until a rebuild.
// A shop meets hundreds of thousands of callers, so the strings are kept
// end to end in one arena and found through an open-addressed table of
// their numbers: ~25 bytes a caller where a map of strings takes ~60.
type strDict struct {
	text  []byte   // the strings end to end; bytes once written never change
	end   []uint32 // end[i]: where string i ends in text
	slots []uint32 // by hash: 0 empty, else the string's number + 1
	// marks are a byte of each slot's hash: most strings that are not
	// the one looked for are told apart without reading them.
	marks []uint8
	seed  maphash.Seed
}

func newStrDict() strDict {
	return strDict{seed: maphash.MakeSeed(), slots: make([]uint32, 16), marks: make([]uint8, 16)}
}

func (d *strDict) len() int { return len(d.end) }

// at is string i, in place: valid for as long as the dictionary is.
func (d *strDict) at(i uint32) []byte {
	from := uint32(0)
	if i > 0 {
		from = d.end[i-1]
	}
	return d.text[from:d.end[i]:d.end[i]]
}

// find returns the slot of b: its number's, or the empty one it would go in.
func (d *strDict) find(b []byte, h uint64) int {
	mask := uint64(len(d.slots) - 1)
	mark := uint8(h >> 56)
	for s := h & mask; ; s = (s + 1) & mask {
		n := d.slots[s]
		if n == 0 || d.marks[s] == mark && bytes.Equal(d.at(n-1), b) {
			return int(s)
		}
	}
}

func (d *strDict) index(b []byte) uint32 {
	h := maphash.Bytes(d.seed, b)
	s := d.find(b, h)
	if n := d.slots[s]; n != 0 {
		return n - 1
	}
	i := uint32(len(d.end))
	d.text = append(d.text, b...)
	d.end = append(d.end, uint32(len(d.text)))
	d.slots[s], d.marks[s] = i+1, uint8(h>>56)
	if 4*len(d.end) >= 3*len(d.slots) {
		d.grow()
	}
	return i
}

func (d *strDict) grow() {
	d.slots, d.marks = make([]uint32, 2*len(d.slots)), make([]uint8, 2*len(d.slots))
	mask := uint64(len(d.slots) - 1)
	for i := range uint32(len(d.end)) {
		h := maphash.Bytes(d.seed, d.at(i))
		s := h & mask
		for d.slots[s] != 0 {
			s = (s + 1) & mask
		}
		d.slots[s], d.marks[s] = i+1, uint8(h>>56)
	}
}

func (d *strDict) lookup(str string) (uint32, bool) {
	b := []byte(str)
	n := d.slots[d.find(b, maphash.Bytes(d.seed, b))]
	return n - 1, n != 0
}
