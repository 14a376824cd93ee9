package app

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
	"github.com/callboard-app/callboard/storage/contactfile"
)

// The front desk's figures are measured on ten years of a busy shop:
// 1,000,000 calls and 100,000 contacts. The database is built once (a few
// minutes) and kept in the temporary folder; CALLBOARD_BENCH_DB names
// another one to copy from.
const benchVersion = "v1"

var benchBuild sync.Once

func benchDatabase(b *testing.B) string {
	b.Helper()
	cache := os.Getenv("CALLBOARD_BENCH_DB")
	if cache == "" {
		cache = filepath.Join(os.TempDir(), "callboard-app-bench-"+benchVersion+".db")
		benchBuild.Do(func() {
			if _, err := os.Stat(cache); err == nil {
				return
			}
			if err := buildBenchDatabase(cache); err != nil {
				os.Remove(cache)
				b.Fatal(err)
			}
		})
	}
	// The benchmark writes calls: it works on a copy.
	path := filepath.Join(b.TempDir(), "bench.db")
	if err := copyFile(cache, path); err != nil {
		b.Fatal(err)
	}
	return path
}

func buildBenchDatabase(path string) error {
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := Seed(db, SeedOptions{Calls: 1_000_000, Progress: io.Discard}); err != nil {
		return err
	}
	preview, err := db.PreviewImport(benchContacts(100_000))
	if err != nil {
		return err
	}
	_, err = db.ApplyImport(preview, false)
	return err
}

// benchContacts are customers with real-looking North American numbers.
func benchContacts(n int) []contactfile.Draft {
	rnd := rand.New(rand.NewPCG(7, 7))
	z := callerid.Normalizer{Region: "US"}
	areas := []int{201, 212, 305, 312, 404, 415, 503, 602, 617, 702, 713, 718, 917, 972}
	var drafts []contactfile.Draft
	for i := 0; len(drafts) < n; i++ {
		raw := fmt.Sprintf("%d%d%04d", areas[rnd.IntN(len(areas))], 200+rnd.IntN(700), rnd.IntN(10000))
		num := z.Normalize(raw)
		if num.E164 == "" {
			continue
		}
		drafts = append(drafts, contactfile.Draft{Row: len(drafts) + 2, Contact: contactfile.Contact{
			Name: fmt.Sprintf("Customer %d", i), Company: fmt.Sprintf("Company %d", i%5000),
			Numbers: []contactfile.ContactNumber{{Raw: raw, Key: num.Key(), Label: "mobile"}},
		}})
	}
	return drafts
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// timingSink notes when the card's model is handed to the UI.
type timingSink struct{ known chan CallView }

func (s timingSink) CallChanged(v CallView) {
	if v.Kind == callerid.CallKnown {
		s.known <- v
	}
}
func (timingSink) DeviceChanged(callerid.DeviceStatus) {}
func (timingSink) DeviceGone(string)                   {}
func (timingSink) Problem(error)                       {}

// BenchmarkCallerIDToCard: from the caller ID event reaching the session
// (the tracker's Known update) to the card's model — the call saved, the
// caller's history, contact name, line, campaign and original source —
// being handed to the UI. Half the callers are contacts.
func BenchmarkCallerIDToCard(b *testing.B) {
	path := benchDatabase(b)
	s, err := OpenSession(Config{DBPath: path}, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	defer s.db.Close()
	sink := timingSink{known: make(chan CallView, 1)}
	s.sink = sink
	contacts, err := s.db.Contacts()
	if err != nil || len(contacts) == 0 {
		b.Fatalf("no contacts in the benchmark database (%v)", err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	z := callerid.Normalizer{Region: "US"}
	var lat []time.Duration
	start := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		raw := fmt.Sprintf("212%03d%04d", 200+rnd.IntN(700), rnd.IntN(10000))
		if i%2 == 0 {
			raw = contacts[rnd.IntN(len(contacts))].Numbers[0].Raw
		}
		at := start.Add(time.Duration(i) * time.Second)
		call := callerid.Call{ID: at.UnixNano(), Line: "demo", Started: at, Known: at, Number: z.Normalize(raw), Name: "CALLER", Rings: 1}
		t0 := time.Now()
		s.apply(callerid.Update{Kind: callerid.CallKnown, Call: call})
		<-sink.known
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
