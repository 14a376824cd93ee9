package storage

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The benchmarks run on a shop's first year: 100,000 calls from 15,000
// callers, about 270 a day. Run them with -benchtime=1x for the import.

const benchCalls = 100_000

var benchStart = utc(2025, 6, 1, 0, 0)

var template struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if template.dir != "" {
		_ = os.RemoveAll(template.dir)
	}
	os.Exit(code)
}

// withYear opens a copy of a database holding the benchmark year.
func withYear(b *testing.B) *DB {
	b.Helper()
	template.once.Do(func() {
		template.dir, template.err = os.MkdirTemp("", "callboard-bench")
		if template.err != nil {
			return
		}
		db, err := Open(filepath.Join(template.dir, "year.db"), Options{Location: time.UTC})
		if err != nil {
			template.err = err
			return
		}
		defer db.Close()
		template.err = db.ImportCalls(history(benchCalls, 15_000, benchStart, 1))
	})
	if template.err != nil {
		b.Fatal(template.err)
	}
	path := filepath.Join(b.TempDir(), "callboard.db")
	if err := copyFile(path, filepath.Join(template.dir, "year.db")); err != nil {
		b.Fatal(err)
	}
	db, err := Open(path, Options{Location: time.UTC})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	return db
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkImportCalls loads the year into a new file, at bolt's default
// fill of call pages and at Callboard's.
func BenchmarkImportCalls(b *testing.B) {
	calls := history(benchCalls, 15_000, benchStart, 1)
	for _, fill := range []float64{bolt.DefaultFillPercent, callFillPercent} {
		b.Run(fmt.Sprintf("fill=%.2f", fill), func(b *testing.B) {
			defer func(was float64) { callFillPercent = was }(callFillPercent)
			callFillPercent = fill
			var fileBytes, usedBytes int64
			for b.Loop() {
				path := filepath.Join(b.TempDir(), "callboard.db")
				db, err := Open(path, Options{Location: time.UTC})
				if err != nil {
					b.Fatal(err)
				}
				if err := db.ImportCalls(calls); err != nil {
					b.Fatal(err)
				}
				usedBytes = used(b, db)
				_ = db.Close()
				info, _ := os.Stat(path)
				fileBytes = info.Size()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchCalls), "ns/call")
			b.ReportMetric(float64(fileBytes)/benchCalls, "file-B/call")
			b.ReportMetric(float64(usedBytes)/benchCalls, "used-B/call")
		})
	}
}

// used is the size of the pages in use: the file less bolt's free pages and
// the room it grew ahead into.
func used(b *testing.B, db *DB) int64 {
	var size int64
	_ = db.store.Bolt.View(func(tx *bolt.Tx) error {
		size = tx.Size()
		return nil
	})
	st := db.store.Bolt.Stats()
	return size - int64(st.FreePageN+st.PendingPageN)*int64(db.store.Bolt.Info().PageSize)
}

// BenchmarkRecordAndFinish is one call on a year-old database: saved at
// caller ID and again at its end, each a commit with an fsync.
func BenchmarkRecordAndFinish(b *testing.B) {
	db := withYear(b)
	next := benchStart.Add(400 * 24 * time.Hour)
	i := 0
	for b.Loop() {
		c := ringing(next.Add(time.Duration(i)*time.Minute), "1", nanp(fmt.Sprintf("212555%04d", i%15_000)))
		i++
		if _, err := db.Record(c); err != nil {
			b.Fatal(err)
		}
		if err := db.Finish(answered(c, time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallsToday lists a full day's ~270 calls, newest first: the
// day before the year's last.
func BenchmarkCallsToday(b *testing.B) {
	db := withYear(b)
	last := benchStart.Add(time.Duration(benchCalls-1) * 24 * time.Hour / 270)
	today := midnight(last).Add(-24 * time.Hour)
	n := 0
	for b.Loop() {
		calls, err := db.Calls(today, today.Add(24*time.Hour), 0)
		if err != nil {
			b.Fatal(err)
		}
		n = len(calls)
	}
	b.ReportMetric(float64(n), "calls")
}

// BenchmarkCallerCard reads what the pop-up shows about a caller.
func BenchmarkCallerCard(b *testing.B) {
	db := withYear(b)
	i := 0
	for b.Loop() {
		if _, _, err := db.Caller(fmt.Sprintf("+1212555%04d", i%15_000)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkDaysOfAYear reads a year of rollups, as a yearly report does.
func BenchmarkDaysOfAYear(b *testing.B) {
	db := withYear(b)
	for b.Loop() {
		days, err := db.Days(benchStart, benchStart.AddDate(1, 0, 0))
		if err != nil || len(days) != 365 {
			b.Fatal(len(days), err)
		}
	}
}
