package storage

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
	bolt "go.etcd.io/bbolt"
)

// waitReady builds the cache in this goroutine, or waits for the build on
// its way; false when it could not be built.
func (c *logCache) waitReady(db *DB) bool {
	for {
		c.applyMu.Lock()
		switch c.state.Load() {
		case cacheReady:
			c.applyMu.Unlock()
			return true
		case cacheBuilding:
			done := c.done
			c.applyMu.Unlock()
			<-done
		default:
			if c.failed {
				c.applyMu.Unlock()
				return false
			}
			c.startBuild()
			c.applyMu.Unlock()
			c.build(db)
		}
	}
}

// cacheShop is a quarter of a shop's calls on four tracking lines and an
// untracked one, with campaigns, spam callers, and notes, tags (more than
// the entry's bits), lead statuses and values on a fifth of the calls.
type cacheShop struct {
	db      *DB
	rnd     *rand.Rand
	gen     *sim.Generator
	now     time.Time
	calls   []callerid.Call // every call made, by ID
	ringing []callerid.Call
	tags    []string
}

var cacheLines = []TrackingLine{
	{Label: "Main number", Source: "/dev/ttyACM0", Main: true},
	{Label: "Newspaper number", Source: "wc/01"},
	{Label: "flyer number", Source: "wc/02"},
	{Label: "Radio number", Source: "/dev/ttyACM0", RingPattern: "B"},
}

func newCacheShop(t *testing.T) *cacheShop {
	db := frontDesk(t)
	s := &cacheShop{db: db, rnd: rand.New(rand.NewPCG(4, 2026))}
	for _, l := range cacheLines {
		_, err := db.SaveLine(l)
		mustNot(t, err)
	}
	for i := range 3 {
		start := utc(2026, 1, 1, 0, 0).AddDate(0, i, 10)
		mustSaveCampaign(t, db, Campaign{Name: fmt.Sprintf("Campaign %d", i), Medium: "flyer", Start: start,
			End: start.AddDate(0, 1, 0), Lines: []int{2 + i%3}})
	}
	for i := range 40 {
		s.tags = append(s.tags, fmt.Sprintf("tag %02d", i))
	}
	s.gen = sim.NewGenerator(time.UTC, s.rnd, 20, callerid.Normalizer{Region: "US", AreaCode: "217"}, "/dev/ttyACM0")
	s.gen.Route = func(_ time.Time, rnd *rand.Rand) sim.Route {
		r := sim.Route{Line: []string{"/dev/ttyACM0", "wc/01", "wc/02", "wc/03"}[rnd.IntN(4)]}
		if rnd.IntN(5) == 0 {
			r.RingPattern = "B"
		}
		return r
	}
	from := utc(2026, 1, 1, 0, 0)
	s.now = from.AddDate(0, 3, 0)
	calls := s.vary(s.gen.Calls(from, s.now, 20))
	mustNot(t, db.ImportCalls(calls))
	s.calls = append(s.calls, calls...)
	// Annotated in one transaction: thousands of commits would be slow.
	mustNot(t, db.update(func(tx *txn) error {
		for _, c := range s.calls {
			if s.rnd.IntN(5) != 0 {
				continue
			}
			old, err := tx.load(c.ID)
			if err != nil {
				return err
			}
			rec := old
			a := s.annotation()
			rec.Note, rec.Tags, rec.Lead, rec.ValueCents = a.Note, joinTags(a.Tags), int(a.Lead), a.ValueCents
			if err := tx.replace(c.ID, &old, &rec); err != nil {
				return err
			}
		}
		return nil
	}))
	for range 3 {
		mustNot(t, db.SetSpam(s.someKey(), true))
	}
	return s
}

// vary gives some calls names the plain letters do not: lower case,
// accents, none.
func (s *cacheShop) vary(calls []callerid.Call) []callerid.Call {
	for i := range calls {
		switch s.rnd.IntN(40) {
		case 0:
			calls[i].Name = strings.ToLower(calls[i].Name)
		case 1:
			calls[i].Name = "Ødegård Åse"
		case 2:
			calls[i].Name = ""
		case 3:
			calls[i].Number = special("O", callerid.OutOfArea)
		case 4:
			calls[i].Number = callerid.Number{Raw: "5550123"}
		}
	}
	return calls
}

func (s *cacheShop) annotation() Annotation {
	a := Annotation{Note: fmt.Sprint("note ", s.rnd.IntN(100)), Lead: LeadStatus(s.rnd.IntN(3))}
	for range s.rnd.IntN(4) {
		a.Tags = append(a.Tags, s.tags[s.rnd.IntN(len(s.tags))])
	}
	switch s.rnd.IntN(6) {
	case 0:
		a.ValueCents = math.MaxInt32 + 1 + s.rnd.Int64N(1000) // wider than the entry
	case 1:
		a.ValueCents = -s.rnd.Int64N(10_000)
	case 2, 3:
		a.ValueCents = s.rnd.Int64N(100) * 500
	}
	return a
}

func (s *cacheShop) someCall() callerid.Call { return s.calls[s.rnd.IntN(len(s.calls))] }

func (s *cacheShop) someKey() string {
	for {
		if c := s.someCall(); c.HasCallerID() {
			return c.Number.Key()
		}
	}
}

// mutate makes one random change of the kinds the app makes.
func (s *cacheShop) mutate(t *testing.T) string {
	db := s.db
	switch k := s.rnd.IntN(14); k {
	case 0, 1: // a call rings now
		c := s.vary(s.gen.Calls(s.now, s.now.Add(3*time.Hour), 20))
		s.now = s.now.Add(3 * time.Hour)
		for _, call := range c {
			r := call
			r.Ended, r.Answered, r.Outcome, r.Exact = time.Time{}, time.Time{}, callerid.OutcomeUnknown, false
			mustRecord(t, db, r)
			s.ringing = append(s.ringing, call)
			s.calls = append(s.calls, call)
		}
		return "record"
	case 2: // and ends
		for _, c := range s.ringing {
			mustFinish(t, db, c)
		}
		s.ringing = nil
		return "finish"
	case 3: // a call from the past, late
		c := s.someCall()
		c.ID++
		c.Started = time.Unix(0, c.ID).UTC()
		mustFinish(t, db, c)
		s.calls = append(s.calls, c)
		return "late call"
	case 4: // an import of older calls, some of them already stored
		var batch []callerid.Call
		for range 30 {
			c := s.someCall()
			if s.rnd.IntN(3) > 0 {
				c.ID += 1 + s.rnd.Int64N(1000)
				c.Started = time.Unix(0, c.ID).UTC()
				s.calls = append(s.calls, c)
			}
			batch = append(batch, c)
		}
		mustNot(t, db.ImportCalls(batch))
		return "import"
	case 5, 6:
		mustNot(t, db.Annotate(s.someCall().ID, s.annotation()))
		return "annotate"
	case 7:
		cents := []int64{0, 1500, math.MinInt32 - 1, math.MaxInt64}[s.rnd.IntN(4)]
		mustNot(t, db.SetCallValue(s.someCall().ID, cents))
		return "value"
	case 8:
		for {
			c := s.someCall()
			row, err := db.Row(c.ID)
			mustNot(t, err)
			if !row.Ended.IsZero() {
				mustNot(t, db.CorrectOutcome(c.ID, []callerid.Outcome{callerid.OutcomeAnswered,
					callerid.OutcomeMissed, callerid.OutcomeVoicemail}[s.rnd.IntN(3)]))
				return "correct"
			}
		}
	case 9:
		mustNot(t, db.SetSpam(s.someKey(), s.rnd.IntN(2) == 0))
		return "spam"
	case 10: // lines change: calls are attributed again
		l, err := db.Line(1 + s.rnd.IntN(len(cacheLines)))
		mustNot(t, err)
		l.Source = []string{"wc/01", "wc/02", "wc/03", "/dev/ttyACM0"}[s.rnd.IntN(4)]
		_, err = db.SaveLine(l)
		mustNot(t, err)
		return "line"
	case 11:
		start := s.now.AddDate(0, 0, -s.rnd.IntN(90))
		_, err := db.SaveCampaign(Campaign{Name: "Late campaign", Medium: "radio", Start: start, End: start.AddDate(0, 0, 20),
			Lines: []int{1 + s.rnd.IntN(len(cacheLines))}})
		mustNot(t, err)
		return "campaign"
	case 12:
		from := s.tags[s.rnd.IntN(len(s.tags))]
		to := fmt.Sprint("renamed ", s.rnd.IntN(1000))
		mustNot(t, db.RenameTag(from, to))
		for i, tag := range s.tags {
			if tag == from {
				s.tags[i] = to
			}
		}
		return "rename tag"
	default: // the caller ID of a call is corrected
		c := s.someCall()
		c.Number = nanp(fmt.Sprintf("217555%04d", s.rnd.IntN(10_000)))
		c.Name = "CORRECTED"
		mustFinish(t, db, c)
		return "new caller ID"
	}
}

// someFilter is a random filter and sort of the kinds the log offers.
func (s *cacheShop) someFilter(t *testing.T) (LogFilter, LogSort) {
	var f LogFilter
	pick := func(n int) bool { return s.rnd.IntN(n) == 0 }
	if pick(3) {
		f.From = utc(2026, 1, 1, 0, 0).Add(time.Duration(s.rnd.Int64N(int64(100 * 24 * time.Hour))))
		f.To = f.From.Add(time.Duration(s.rnd.Int64N(int64(40 * 24 * time.Hour))))
	}
	if pick(4) {
		f.Lines = []int{s.rnd.IntN(5)}
	}
	if pick(5) {
		f.Campaigns = []int{s.rnd.IntN(5), s.rnd.IntN(5)}
	}
	if pick(4) {
		f.Outcomes = []callerid.Outcome{outcomes[s.rnd.IntN(len(outcomes))], outcomes[s.rnd.IntN(len(outcomes))]}
	}
	if pick(5) {
		f.FirstTime = ptrTo(pick(2))
	}
	if pick(4) {
		f.Spam = ptrTo(pick(2))
	}
	if pick(3) {
		f.Tag = s.tags[s.rnd.IntN(len(s.tags))]
		if pick(10) {
			f.Tag = "no such tag"
		}
	}
	if pick(4) {
		f.Lead = ptrTo(LeadStatus(s.rnd.IntN(3)))
	}
	if pick(2) {
		c := s.someCall()
		switch s.rnd.IntN(5) {
		case 0:
			if name := c.Name; len(name) > 3 {
				i := s.rnd.IntN(len(name) - 2)
				f.Search = strings.ToLower(name[i : i+3])
			}
		case 1:
			digits := callerid.Digits(c.Number.Key())
			if len(digits) > 4 {
				i := s.rnd.IntN(len(digits) - 3)
				f.Search = digits[i : i+1+s.rnd.IntN(3)]
			}
		case 2:
			f.Search = []string{"private", "ødeg", "out", "5550123", "corr"}[s.rnd.IntN(5)]
		default:
			f.Keys = []string{s.someKey(), s.someKey()}
			if pick(2) {
				f.Search = "wire"
			}
		}
	}
	if pick(3) {
		// Contacts for some callers: a name of their own, a telco's name,
		// or none.
		contacts := map[string]string{}
		for range 20 {
			contacts[s.someKey()] = []string{"Aaron Able", "zed", "", s.someCall().Name, "ACME"}[s.rnd.IntN(5)]
		}
		f.Names = func(key string) string { return contacts[key] }
	}
	sort := LogSort{Column: logColumns[s.rnd.IntN(len(logColumns))], Desc: pick(2)}
	return f, sort
}

// collected is collect with or without the cache.
func collected(t *testing.T, db *DB, f LogFilter, s LogSort, cached bool) []int64 {
	t.Helper()
	c := db.logCache()
	c.off.Store(!cached)
	defer c.off.Store(false)
	q, err := newLogQuery(f, s)
	mustNot(t, err)
	var ids []int64
	mustNot(t, db.store.Bolt.View(func(tx *bolt.Tx) error {
		ids, err = q.collect(tx, db)
		return err
	}))
	return ids
}

func openedLog(t *testing.T, db *DB, f LogFilter, s LogSort, cached bool) []int64 {
	t.Helper()
	c := db.logCache()
	c.off.Store(!cached)
	defer c.off.Store(false)
	v, err := db.OpenLog(f, s)
	mustNot(t, err)
	return rowIDs(viewRows(t, v, 500))
}

// sameAsTheCalls checks the cache entry by entry against one read afresh
// from the file, and random filters against the scan.
func (s *cacheShop) sameAsTheCalls(t *testing.T, step string, queries int) {
	t.Helper()
	db := s.db
	c := db.logCache()
	if !c.waitReady(db) {
		t.Fatalf("after %s: the cache could not be built", step)
	}
	if got, want := cacheContents(t, db, false), cacheContents(t, db, true); !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("after %s: the cache has\n%s\nthe file says\n%s", step, got[i], want[i])
			}
		}
		t.Fatalf("after %s: the cache has %d calls, the file %d", step, len(got), len(want))
	}
	for i := range queries {
		f, sort := s.someFilter(t)
		cached := collected(t, db, f, sort, true)
		scanned := collected(t, db, f, sort, false)
		if !slices.Equal(cached, scanned) {
			t.Fatalf("after %s, %+v by %v: the cache finds %d calls\n%v\nthe scan %d\n%v",
				step, f, sort, len(cached), cached, len(scanned), scanned)
		}
		if i%8 == 0 {
			if cached, scanned := openedLog(t, db, f, sort, true), openedLog(t, db, f, sort, false); !slices.Equal(cached, scanned) {
				t.Fatalf("after %s, %+v by %v: the log shows %v, scanning %v", step, f, sort, cached, scanned)
			}
		}
	}
}

// cacheContents lists each call as the cache has it (fresh: as a cache
// built now from the file would).
func cacheContents(t *testing.T, db *DB, fresh bool) []string {
	t.Helper()
	c := db.logCache()
	var cols *callColumns
	if fresh {
		mustNot(t, db.store.Bolt.View(func(tx *bolt.Tx) error {
			var err error
			cols, err = buildCallColumns(tx)
			return err
		}))
	} else {
		cols = c.acquire()
		if cols == nil {
			t.Fatal("no cache")
		}
		defer c.release()
	}
	out := make([]string, len(cols.ids))
	for i, id := range cols.ids {
		e := cols.calls[i]
		var tags []string
		for t := range uint32(cols.tags.len()) {
			if cols.hasTag(i, t) {
				tags = append(tags, string(cols.tags.at(t)))
			}
		}
		slices.Sort(tags)
		out[i] = fmt.Sprintf("%d caller %q name %q tags %q line %d campaign %d rings %d value %d talk %d outcome %d lead %d first/spam %d",
			id, cols.callers.at(e.caller), cols.names.at(e.name), tags, cols.line(i), cols.campaign(i),
			cols.rings(i), cols.value(i), cols.talk(i), e.outcome, e.lead, e.flags&^flagWide)
	}
	return out
}

// The cache answers every filter and sort exactly as the scan of the calls
// does, through every kind of change to the calls: patched for small
// changes, rebuilt for big ones.
func TestLogCacheFollowsEveryChange(t *testing.T) {
	s := newCacheShop(t)
	c := s.db.logCache()
	// Changes of more than 200 calls rebuild: the test sees both ways.
	c.applyMu.Lock()
	c.patchMax = 200
	c.applyMu.Unlock()
	s.sameAsTheCalls(t, "the build", 60)
	cols := c.acquire()
	calls, many, wide := len(cols.ids), len(cols.moreTags), len(cols.wide)
	c.release()
	if calls < 1000 || many == 0 || wide == 0 {
		t.Fatalf("the shop does not exercise the cache: %d calls, %d with many tags, %d wide", calls, many, wide)
	}
	seen := map[string]bool{}
	for batch := range 10 {
		var steps []string
		for range 6 {
			steps = append(steps, s.mutate(t))
		}
		for _, step := range steps {
			seen[step] = true
		}
		s.sameAsTheCalls(t, fmt.Sprint("batch ", batch, " ", steps), 15)
	}
	if len(seen) < 12 {
		t.Errorf("only %d kinds of change were made: %v", len(seen), seen)
	}
}

// A write that is rolled back leaves the cache as it was.
func TestLogCacheIgnoresARolledBackWrite(t *testing.T) {
	s := newCacheShop(t)
	c := s.db.logCache()
	if !c.waitReady(s.db) {
		t.Fatal("no cache")
	}
	before := cacheContents(t, s.db, false)
	annotated := s.someCall()
	late := s.someCall()
	late.ID++
	err := s.db.update(func(tx *txn) error {
		old, err := tx.load(annotated.ID)
		if err != nil {
			return err
		}
		rec := old
		rec.Tags = "rolled back"
		if err := tx.replace(annotated.ID, &old, &rec); err != nil {
			return err
		}
		if _, err := tx.save(late); err != nil {
			return err
		}
		return errors.New("the user cancelled")
	})
	if err == nil {
		t.Fatal("the write went through")
	}
	if after := cacheContents(t, s.db, false); !slices.Equal(after, before) {
		t.Error("the cache changed")
	}
	s.sameAsTheCalls(t, "a rolled-back write", 20)
}

// The first query that needs the cache starts building it, and scans
// meanwhile; until then there is none.
func TestTheFirstFilterStartsTheCache(t *testing.T) {
	db := logShop(t)
	c := db.logCache()
	want := collected(t, db, LogFilter{Tag: "quote"}, NewestFirst, false)
	v, err := db.OpenLog(LogFilter{Lead: ptrTo(LeadGood)}, NewestFirst)
	mustNot(t, err)
	if v.Len() == 0 {
		t.Fatal("no good leads in the shop")
	}
	if c.state.Load() == cacheCold && !c.starting.Load() {
		t.Fatal("a filter by lead left the cache cold")
	}
	if !c.waitReady(db) {
		t.Fatal("the cache could not be built")
	}
	if got := collected(t, db, LogFilter{Tag: "quote"}, NewestFirst, true); !slices.Equal(got, want) {
		t.Errorf("tag quote: %v, want %v", got, want)
	}
}

// Queries read the cache while calls are written: the race detector
// watches, and at the end both ways agree.
func TestLogCacheUnderConcurrentWrites(t *testing.T) {
	s := newCacheShop(t)
	db := s.db
	db.WarmLog()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				f := LogFilter{Tag: s.tags[w], Search: "a"}
				if _, err := db.OpenLog(f, LogSort{Column: LogByName}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		c := s.calls[rnd.IntN(len(s.calls))]
		if err := db.Annotate(c.ID, Annotation{Tags: []string{s.tags[0], s.tags[1]}, Lead: LeadGood}); err != nil {
			t.Fatal(err)
		}
		later := answered(ringing(s.now, "wc/01", nanp("2175550777")), time.Minute)
		s.now = s.now.Add(time.Minute)
		takeCall(t, db, later)
		s.calls = append(s.calls, later)
	}
	close(stop)
	wg.Wait()
	s.sameAsTheCalls(t, "concurrent writes", 10)
}

// radixSort is a stable sort: equal keys keep their order.
func TestRadixSortIsStable(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	keys := make([]uint64, 5000)
	pos := make([]int32, len(keys))
	for i := range keys {
		keys[i] = uint64(rnd.IntN(50)) << (8 * rnd.IntN(8))
		pos[i] = int32(i)
	}
	want := slices.Clone(pos)
	slices.SortStableFunc(want, func(a, b int32) int {
		switch {
		case keys[a] < keys[b]:
			return -1
		case keys[a] > keys[b]:
			return 1
		}
		return 0
	})
	if got := radixSort(slices.Clone(keys), pos); !slices.Equal(got, want) {
		t.Error("radix sort differs from a stable sort")
	}
}

// A call taken out of the file (no release does yet; a damaged month
// might) is taken out of the cache, wherever it was.
func TestLogCacheLetsGoOfACallNoLongerStored(t *testing.T) {
	s := newCacheShop(t)
	s.sameAsTheCalls(t, "the build", 5)
	slices.SortFunc(s.calls, func(a, b callerid.Call) int { return cmpInt64(a.ID, b.ID) })
	gone := []int64{s.calls[0].ID, s.calls[len(s.calls)/2].ID, s.calls[len(s.calls)/2+1].ID, s.calls[len(s.calls)-1].ID}
	mustNot(t, s.db.update(func(tx *txn) error {
		for _, id := range gone {
			if err := bucketAt(tx.tx, callsBucket, monthOf(id)).Delete(callKey(id)); err != nil {
				return err
			}
			tx.changedCall(id)
		}
		return nil
	}))
	s.calls = slices.DeleteFunc(s.calls, func(c callerid.Call) bool { return slices.Contains(gone, c.ID) })
	s.sameAsTheCalls(t, "taking calls out", 20)
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Writes committed while the cache is being built are not lost: a small
// one is patched in once the build has read the file, a big one has the
// build read the file again. (The build is held back here, where it
// would race.)
func TestLogCacheKeepsTheWritesMadeWhileItBuilds(t *testing.T) {
	s := newCacheShop(t)
	c := s.db.logCache()
	building := func() {
		c.applyMu.Lock()
		c.publish(nil)
		c.startBuild()
		c.patchMax = 50
		c.applyMu.Unlock()
	}
	building()
	mustNot(t, s.db.Annotate(s.someCall().ID, Annotation{Tags: []string{"while building"}}))
	c.applyMu.Lock()
	if len(c.pending) != 1 || c.restart {
		t.Errorf("a small write while building: pending %v, restart %v", c.pending, c.restart)
	}
	c.applyMu.Unlock()
	c.build(s.db)
	s.sameAsTheCalls(t, "a write while building", 10)

	building()
	l, err := s.db.Line(2)
	mustNot(t, err)
	l.Source = "wc/03"
	_, err = s.db.SaveLine(l)
	mustNot(t, err)
	c.applyMu.Lock()
	if !c.restart {
		t.Error("re-attributing the calls while building did not restart the build")
	}
	c.applyMu.Unlock()
	c.build(s.db)
	s.sameAsTheCalls(t, "re-attribution while building", 10)
}

// A cache nobody has asked for in a while is let go of, and made again by
// the next query that needs it.
func TestAnIdleLogCacheIsLetGoOfAndComesBack(t *testing.T) {
	db := logShop(t)
	c := db.logCache()
	want := collected(t, db, LogFilter{Tag: "quote"}, NewestFirst, false)
	db.WarmLog()
	if !c.waitReady(db) {
		t.Fatal("the cache could not be built")
	}
	now := time.Now()
	if db.DropIdleLog(time.Hour, now) {
		t.Fatal("a cache asked for just now was dropped")
	}
	if !db.DropIdleLog(time.Hour, now.Add(2*time.Hour)) {
		t.Fatal("a cache idle for two hours was kept")
	}
	if c.state.Load() != cacheCold || c.acquire() != nil {
		t.Fatal("the dropped cache is still in use")
	}
	// Meanwhile the log scans, and the query starts the cache again.
	if got := collected(t, db, LogFilter{Tag: "quote"}, NewestFirst, true); !slices.Equal(got, want) {
		t.Errorf("tag quote after the drop: %v, want %v", got, want)
	}
	if !c.waitReady(db) {
		t.Fatal("the cache did not come back")
	}
	if got := collected(t, db, LogFilter{Tag: "quote"}, NewestFirst, true); !slices.Equal(got, want) {
		t.Errorf("tag quote from the rebuilt cache: %v, want %v", got, want)
	}
}
