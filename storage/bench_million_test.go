package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
)

// The million-call benchmarks run on ten years of a busy shop: sim.History
// at 340 calls on a weekday (~270 a day over the week) from June 2016, cut
// at 1,000,000 calls, spread over five tracking lines with campaigns
// following each other on four of them. Building it takes a minute, so the
// file is kept in the system's temporary folder, named by millionVersion,
// and reused by later runs; raise the version when the layout or the
// generator changes. Run with e.g.
//
//	go test ./storage -run '^$' -bench Million -benchtime 200x

const (
	millionVersion = "schema3-v1"
	millionCalls   = 1_000_000
)

var millionStart = time.Date(2016, 6, 1, 0, 0, 0, 0, springfield())

func springfield() *time.Location {
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		panic(err)
	}
	return loc
}

var million struct {
	once sync.Once
	path string
	err  error
}

// millionDB opens the cached million-call database, building it first if
// needed. writable opens a copy that the benchmark may change.
func millionDB(b *testing.B, writable bool) *DB {
	b.Helper()
	million.once.Do(func() {
		million.path = filepath.Join(os.TempDir(), "callboard-bench-"+millionVersion+".db")
		if _, err := os.Stat(million.path); errors.Is(err, fs.ErrNotExist) {
			million.err = buildMillion(million.path)
		}
	})
	if million.err != nil {
		b.Fatal(million.err)
	}
	path := million.path
	if writable {
		path = filepath.Join(b.TempDir(), "callboard.db")
		if err := copyFile(path, million.path); err != nil {
			b.Fatal(err)
		}
	}
	db, err := Open(path, Options{Location: millionStart.Location()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	return db
}

// millionLines are where the shop's calls ring, with the share of calls.
var millionLines = []struct {
	line  TrackingLine
	share int
}{
	{TrackingLine{Label: "Main number", Source: "/dev/ttyACM0", Main: true}, 50},
	{TrackingLine{Label: "Newspaper number", Source: "wc/01"}, 15},
	{TrackingLine{Label: "Flyer number", Source: "wc/02"}, 15},
	{TrackingLine{Label: "Radio number", Source: "/dev/ttyACM0", RingPattern: "B"}, 10},
	{TrackingLine{Label: "Google Ads number", Number: "+18005550100"}, 10},
}

func buildMillion(path string) error {
	loc := millionStart.Location()
	calls := millionHistory()
	tmp := path + ".building"
	_ = os.Remove(tmp)
	db, err := Open(tmp, Options{Location: loc})
	if err != nil {
		return err
	}
	if err := setUpMillionShop(db); err != nil {
		_ = db.Close()
		return err
	}
	if err := db.ImportCalls(calls); err != nil {
		_ = db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// millionHistory is the calls, each put on one of the shop's lines.
func millionHistory() []callerid.Call {
	loc := millionStart.Location()
	rnd := rand.New(rand.NewPCG(2016, 6))
	calls := sim.History(millionStart, millionStart.AddDate(10, 0, 0), loc, rnd, 340,
		callerid.Normalizer{Region: "US", AreaCode: "217"}, "/dev/ttyACM0")
	calls = calls[:min(len(calls), millionCalls)]
	for i := range calls {
		c := &calls[i]
		k := rnd.IntN(100)
		for _, l := range millionLines {
			if k -= l.share; k < 0 {
				c.Line, c.RingPattern = l.line.Source, l.line.RingPattern
				if l.line.Source == "" {
					c.Line, c.Dialed = "ncid", l.line.Number
				}
				break
			}
		}
	}
	return calls
}

// setUpMillionShop saves the lines, and on each tracked line a campaign
// every six months, of a medium in turn, some paid per insertion.
func setUpMillionShop(db *DB) error {
	var ids []int
	for _, l := range millionLines {
		saved, err := db.SaveLine(l.line)
		if err != nil {
			return err
		}
		ids = append(ids, saved.ID)
	}
	media := []string{"newspaper", "flyer", "radio", "Google Ads", "direct mail", "magazine"}
	for i, line := range ids[1:] {
		for k := range 20 {
			start := millionStart.AddDate(0, 6*k, 0)
			c := Campaign{Name: fmt.Sprintf("Campaign %d.%d", i+1, k+1), Medium: media[(i+k)%len(media)],
				Start: start, End: start.AddDate(0, 6, -1), Lines: []int{line}, CostCents: 150_000}
			if k%2 == 1 {
				for m := range 6 {
					c.Insertions = append(c.Insertions, Insertion{Date: start.AddDate(0, m, 0), CostCents: 25_000})
				}
			}
			if _, err := db.SaveCampaign(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// BenchmarkMillionReportMonth is the monthly review: every figure and all
// chart data of March 2026.
func BenchmarkMillionReportMonth(b *testing.B) {
	db := millionDB(b, false)
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, db.loc)
	var rep Report
	for b.Loop() {
		var err error
		if rep, err = db.Report(from, from.AddDate(0, 1, 0), ReportFilter{}); err != nil {
			b.Fatal(err)
		}
	}
	if rep.Calls == 0 || len(rep.Campaigns) == 0 {
		b.Fatalf("an empty month: %+v", rep.Counts)
	}
	b.ReportMetric(float64(rep.Calls), "calls")
}

// BenchmarkMillionReportYear is a year's report with its heatmap.
func BenchmarkMillionReportYear(b *testing.B) {
	db := millionDB(b, false)
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, db.loc)
	var rep Report
	for b.Loop() {
		var err error
		if rep, err = db.Report(from, from.AddDate(1, 0, 0), ReportFilter{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rep.Calls), "calls")
	b.ReportMetric(float64(rep.UniqueCallers), "callers")
}

// BenchmarkMillionReportMonthOneLine is a month narrowed to one line,
// which reads the month's calls instead of its days.
func BenchmarkMillionReportMonthOneLine(b *testing.B) {
	db := millionDB(b, false)
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, db.loc)
	for b.Loop() {
		if _, err := db.Report(from, from.AddDate(0, 1, 0), ReportFilter{Lines: []int{2}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMillionBeforeAfter compares a six-month campaign with the
// half-years around it.
func BenchmarkMillionBeforeAfter(b *testing.B) {
	db := millionDB(b, false)
	for b.Loop() {
		if _, err := db.BeforeAfter(50); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMillionRecordAndFinish is one call, saved at caller ID and at its
// end (two commits, each with an fsync), on the million-call database.
func BenchmarkMillionRecordAndFinish(b *testing.B) {
	db := millionDB(b, true)
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
}

// BenchmarkMillionCaller reads what the pop-up shows about a caller.
func BenchmarkMillionCaller(b *testing.B) {
	db := millionDB(b, false)
	keys := recentCallers(b, db)
	i := 0
	for b.Loop() {
		if _, ok, err := db.Caller(keys[i%len(keys)]); err != nil || !ok {
			b.Fatal(ok, err)
		}
		i++
	}
}

// BenchmarkMillionSetSpam flags the caller with the most calls of the last
// month, and clears the flag: every one of their calls leaves its day and
// comes back.
func BenchmarkMillionSetSpam(b *testing.B) {
	db := millionDB(b, true)
	keys := recentCallers(b, db)
	var busiest Caller
	for _, k := range keys {
		if c, _, _ := db.Caller(k); c.Calls > busiest.Calls {
			busiest = c
		}
	}
	spam := false
	for b.Loop() {
		spam = !spam
		if err := db.SetSpam(busiest.Key, spam); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(busiest.Calls), "calls")
}

// BenchmarkMillionImport loads the million calls into a new file and
// reports the time and the disk per call. Run it with -benchtime 1x.
func BenchmarkMillionImport(b *testing.B) {
	calls := millionHistory()
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "callboard.db")
		db, err := Open(path, Options{Location: millionStart.Location()})
		if err != nil {
			b.Fatal(err)
		}
		if err := setUpMillionShop(db); err != nil {
			b.Fatal(err)
		}
		if err := db.ImportCalls(calls); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(used(b, db))/float64(len(calls)), "used-B/call")
		_ = db.Close()
		info, _ := os.Stat(path)
		b.ReportMetric(float64(info.Size())/float64(len(calls)), "file-B/call")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(calls)), "ns/call")
}

func recentCallers(b *testing.B, db *DB) []string {
	rows, err := db.Log(millionStart.AddDate(9, 11, 0), millionStart.AddDate(10, 0, 0), 0)
	if err != nil || len(rows) == 0 {
		b.Fatal(len(rows), err)
	}
	var keys []string
	for _, r := range rows {
		if !r.Number.IsNone() {
			keys = append(keys, r.Number.Key())
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// benchCopy is a database made once from another one by a change, and kept
// beside it in the temporary folder between runs (the million-call ones
// take minutes to make).
type benchCopy struct {
	name string
	once sync.Once
	path string
	err  error
}

// open makes the copy if there is none yet (from names the file it starts
// from, change is what is done to it) and opens it with the shop's clock at
// the history's last day.
func (c *benchCopy) open(b *testing.B, from func() string, change func(*DB) error) *DB {
	b.Helper()
	c.once.Do(func() {
		c.path = filepath.Join(os.TempDir(), "callboard-bench-"+millionVersion+"-"+c.name+".db")
		if _, err := os.Stat(c.path); errors.Is(err, fs.ErrNotExist) {
			c.err = makeBenchCopy(from(), c.path, change)
		}
	})
	if c.err != nil {
		b.Fatal(c.err)
	}
	db, err := Open(c.path, Options{Location: millionStart.Location()})
	if err != nil {
		b.Fatal(err)
	}
	db.now = func() time.Time { return millionStart.AddDate(10, 0, 0) }
	b.Cleanup(func() { _ = db.Close() })
	return db
}

func makeBenchCopy(from, path string, change func(*DB) error) error {
	tmp := path + ".building"
	if err := copyFile(tmp, from); err != nil {
		return err
	}
	db, err := Open(tmp, Options{Location: millionStart.Location()})
	if err != nil {
		return err
	}
	err = change(db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
