package storage

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// The log cache's benchmarks run on the front desk's million calls (see
// log_bench_test.go) with one call in twenty annotated: tags, a lead
// status, a value. Each filter runs with the cache and scanning, e.g.
//
//	go test ./storage -run '^$' -bench 'MillionLogCache' -benchtime 3x

var annotatedMillion = benchCopy{name: "logcache1"}

var benchTags = []string{"quote", "booked", "complaint", "warranty", "referral", "repeat", "urgent", "roof"}

func millionAnnotated(b *testing.B) *DB {
	b.Helper()
	return annotatedMillion.open(b, func() string { return millionFrontDesk(b).Path() }, annotate)
}

// annotate gives one call in twenty tags, a lead status and a value.
func annotate(db *DB) error {
	var ids []int64
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		n := 0
		return scanCalls(tx, 0, maxID, true, func(id int64, _ *rawCall) bool {
			if n++; n%20 == 0 {
				ids = append(ids, id)
			}
			return true
		})
	})
	for start := 0; err == nil && start < len(ids); start += 5000 {
		err = db.update(func(t *txn) error {
			for i, id := range ids[start:min(start+5000, len(ids))] {
				old, err := t.load(id)
				if err != nil {
					return err
				}
				rec := old
				k := start + i
				rec.Tags = joinTags([]string{benchTags[k%len(benchTags)], benchTags[k/7%len(benchTags)]})
				rec.Lead = k % 3
				rec.ValueCents = int64(k%50) * 1000
				if err := t.replace(id, &old, &rec); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return err
}

// BenchmarkMillionLogCacheBuild reads the million calls into the cache,
// and reports what it holds in memory.
func BenchmarkMillionLogCacheBuild(b *testing.B) {
	db := millionAnnotated(b)
	var before, after runtime.MemStats
	var cols *callColumns
	for b.Loop() {
		cols = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := db.store.Bolt.View(func(tx *bolt.Tx) error {
			var err error
			cols, err = buildCallColumns(tx)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// What the last build holds: entries, dictionaries and their maps.
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	b.ReportMetric(float64(len(cols.ids)), "calls")
	b.ReportMetric(held/float64(len(cols.ids)), "B/call")
	b.ReportMetric(held/(1<<20), "MB")
	b.ReportMetric(float64(cols.callers.len()), "callers")
	b.ReportMetric(float64(cols.names.len()), "names")
	runtime.KeepAlive(cols)
}

// BenchmarkMillionLogCache is each filter and sort over all ten years,
// with the cache warm and scanning the calls as before it.
func BenchmarkMillionLogCache(b *testing.B) {
	db := millionAnnotated(b)
	if !db.logCache().waitReady(db) {
		b.Fatal("no cache")
	}
	cases := []struct {
		name string
		f    LogFilter
		s    LogSort
	}{
		{"Tag", LogFilter{Tag: "quote"}, NewestFirst},
		{"Lead", LogFilter{Lead: ptrTo(LeadGood)}, NewestFirst},
		{"SearchName", LogFilter{Search: "wireless"}, NewestFirst},
		{"SearchNumber", LogFilter{Search: "555-01"}, NewestFirst},
		{"SearchTwoDigits", LogFilter{Search: "17"}, NewestFirst},
		{"SortByName", LogFilter{}, LogSort{Column: LogByName}},
		{"SortByNameContacts", LogFilter{Names: millionContactNames(b, db)}, LogSort{Column: LogByName, Desc: true}},
		{"SortByNumber", LogFilter{}, LogSort{Column: LogByNumber}},
		{"SortByOutcome", LogFilter{}, LogSort{Column: LogByOutcome, Desc: true}},
		{"SortByValue", LogFilter{}, LogSort{Column: LogByValue, Desc: true}},
		{"SortByTalk", LogFilter{}, LogSort{Column: LogByTalk}},
		{"SortByCampaign", LogFilter{}, LogSort{Column: LogByCampaign}},
		{"OldestFirstTagMissed", LogFilter{Tag: "booked", Outcomes: []callerid.Outcome{callerid.OutcomeMissed}}, LogSort{}},
		{"FirstTimeByLine", LogFilter{FirstTime: ptrTo(true)}, LogSort{Column: LogByLine, Desc: true}},
	}
	for _, c := range cases {
		for _, way := range []string{"cache", "scan"} {
			b.Run(c.name+"/"+way, func(b *testing.B) {
				db.logCache().off.Store(way == "scan")
				defer db.logCache().off.Store(false)
				benchLog(b, db, c.f, c.s)
			})
		}
	}
}

// millionContactNames names every tenth regular caller, as the contacts would.
func millionContactNames(b *testing.B, db *DB) func(string) string {
	names := map[string]string{}
	for i, key := range recentCallers(b, db) {
		if i%10 == 0 {
			names[key] = "Contact " + key
		}
	}
	return func(key string) string { return names[key] }
}

// BenchmarkMillionLogCacheRecordAndFinish is BenchmarkMillionRecordAndFinish
// with the log cache warm: each commit patches the call into it.
func BenchmarkMillionLogCacheRecordAndFinish(b *testing.B) {
	db := millionDB(b, true)
	if !db.logCache().waitReady(db) {
		b.Fatal("no cache")
	}
	next := millionStart.AddDate(10, 0, 1)
	i := 0
	for b.Loop() {
		c := ringing(next.Add(time.Duration(i)*time.Minute), "wc/01", nanp(fmt.Sprintf("217555%04d", i%5000)))
		i++
		if _, err := db.Record(c); err != nil {
			b.Fatal(err)
		}
		if err := db.Finish(answered(c, time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
	v, err := db.OpenLog(LogFilter{Search: "5550"}, LogSort{Column: LogByName})
	if err != nil || v.Len() == 0 {
		b.Fatal(v.Len(), err)
	}
}
