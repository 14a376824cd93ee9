package storage

import (
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// The front desk's benchmarks run on the million-call database (see
// bench_million_test.go) with the log's month counts and the worklist made
// from its calls, kept beside it in the temporary folder. Run with e.g.
//
//	go test ./storage -run '^$' -bench 'MillionLog|MillionWorklist' -benchtime 20x

var frontDeskMillion = benchCopy{name: "frontdesk1"}

func millionFrontDesk(b *testing.B) *DB {
	b.Helper()
	return frontDeskMillion.open(b, func() string { return millionDB(b, false).Path() }, func(db *DB) error {
		return db.update(func(t *txn) error {
			var months []string
			_ = t.tx.Bucket([]byte(callsBucket)).ForEachBucket(func(k []byte) error {
				months = append(months, string(k))
				return nil
			})
			if err := fillLogCounts(t.tx, months); err != nil {
				return err
			}
			return t.rebuildWorklist()
		})
	})
}

// BenchmarkMillionLogFirstPage opens the log as it first shows: every call,
// newest first, and reads the first screenful.
func BenchmarkMillionLogFirstPage(b *testing.B) {
	db := millionFrontDesk(b)
	var v *LogView
	for b.Loop() {
		var err error
		if v, err = db.OpenLog(LogFilter{}, NewestFirst); err != nil {
			b.Fatal(err)
		}
		if rows, err := v.Rows(0, 40); err != nil || len(rows) != 40 {
			b.Fatal(len(rows), err)
		}
	}
	b.ReportMetric(float64(v.Len()), "calls")
}

// BenchmarkMillionLogScrollDeep reads a screenful half way down the log.
func BenchmarkMillionLogScrollDeep(b *testing.B) {
	db := millionFrontDesk(b)
	v, err := db.OpenLog(LogFilter{}, NewestFirst)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if rows, err := v.Rows(v.Len()/2, 40); err != nil || len(rows) != 40 {
			b.Fatal(len(rows), err)
		}
	}
}

func benchLog(b *testing.B, db *DB, f LogFilter, s LogSort) {
	var v *LogView
	for b.Loop() {
		var err error
		if v, err = db.OpenLog(f, s); err != nil {
			b.Fatal(err)
		}
		if _, err := v.Rows(0, 40); err != nil {
			b.Fatal(err)
		}
	}
	if v.Len() == 0 {
		b.Fatal("the filter shows nothing")
	}
	b.ReportMetric(float64(v.Len()), "calls")
}

// BenchmarkMillionLogMissedYear is a filter change: the missed calls of a
// year.
func BenchmarkMillionLogMissedYear(b *testing.B) {
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, millionStart.Location())
	benchLog(b, millionFrontDesk(b), LogFilter{From: from, To: from.AddDate(1, 0, 0),
		Outcomes: []callerid.Outcome{callerid.OutcomeMissed}}, NewestFirst)
}

// BenchmarkMillionLogMissedAllTime is the same filter over ten years.
func BenchmarkMillionLogMissedAllTime(b *testing.B) {
	benchLog(b, millionFrontDesk(b), LogFilter{Outcomes: []callerid.Outcome{callerid.OutcomeMissed}}, NewestFirst)
}

// BenchmarkMillionLogFirstTimeAllTime is another filter the day rollups
// count: first-time callers, spam hidden.
func BenchmarkMillionLogFirstTimeAllTime(b *testing.B) {
	benchLog(b, millionFrontDesk(b), LogFilter{FirstTime: ptrTo(true), Spam: ptrTo(false)}, NewestFirst)
}

// BenchmarkMillionLogOneLineAllTime keeps one tracking line's calls.
func BenchmarkMillionLogOneLineAllTime(b *testing.B) {
	benchLog(b, millionFrontDesk(b), LogFilter{Lines: []int{1}}, NewestFirst)
}

// BenchmarkMillionLogMissedScrollDeep jumps to the middle of the missed
// calls of all time: the pages read the days up to there.
func BenchmarkMillionLogMissedScrollDeep(b *testing.B) {
	db := millionFrontDesk(b)
	for b.Loop() {
		v, err := db.OpenLog(LogFilter{Outcomes: []callerid.Outcome{callerid.OutcomeMissed}}, NewestFirst)
		if err != nil {
			b.Fatal(err)
		}
		if rows, err := v.Rows(v.Len()/2, 40); err != nil || len(rows) != 40 {
			b.Fatal(len(rows), err)
		}
	}
}

// BenchmarkMillionLogSearchNumber searches every call by a part of a number.
func BenchmarkMillionLogSearchNumber(b *testing.B) {
	benchLog(b, millionFrontDesk(b), LogFilter{Search: "555-01"}, NewestFirst)
}

// BenchmarkMillionLogSearchName searches every call by the telco's name.
func BenchmarkMillionLogSearchName(b *testing.B) {
	benchLog(b, millionFrontDesk(b), LogFilter{Search: "wireless"}, NewestFirst)
}

// BenchmarkMillionLogSortByName sorts every call by name.
func BenchmarkMillionLogSortByName(b *testing.B) {
	benchLog(b, millionFrontDesk(b), LogFilter{}, LogSort{Column: LogByName})
}

// BenchmarkMillionLogSortByNameYear sorts a year's calls by name.
func BenchmarkMillionLogSortByNameYear(b *testing.B) {
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, millionStart.Location())
	benchLog(b, millionFrontDesk(b), LogFilter{From: from, To: from.AddDate(1, 0, 0)}, LogSort{Column: LogByName})
}

// BenchmarkMillionWorklist reads the callback worklist.
func BenchmarkMillionWorklist(b *testing.B) {
	db := millionFrontDesk(b)
	var items []WorkItem
	for b.Loop() {
		var err error
		if items, err = db.Worklist(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(items)), "items")
	var open int
	_ = db.store.Bolt.View(func(tx *bolt.Tx) error {
		open = bucketAt(tx, worklistBucket, openWork).Stats().KeyN
		return nil
	})
	b.ReportMetric(float64(open), "open")
}

// BenchmarkMillionRecovery is a year's recovery figures.
func BenchmarkMillionRecovery(b *testing.B) {
	db := millionFrontDesk(b)
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, millionStart.Location())
	var fig RecoveryFigures
	for b.Loop() {
		var err error
		if fig, err = db.Recovery(from, from.AddDate(1, 0, 0)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(fig.Missed), "missed")
}

// BenchmarkMillionLogSearchOneNumber searches every call by the last seven
// digits of one regular caller's number.
func BenchmarkMillionLogSearchOneNumber(b *testing.B) {
	db := millionFrontDesk(b)
	keys := recentCallers(b, db)
	var busiest Caller
	for _, k := range keys {
		if c, _, _ := db.Caller(k); c.Calls > busiest.Calls && strings.HasPrefix(k, "+") {
			busiest = c
		}
	}
	benchLog(b, db, LogFilter{Search: busiest.Key[len(busiest.Key)-7:]}, NewestFirst)
}
