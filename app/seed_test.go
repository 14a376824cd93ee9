package app

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/storage"
)

// seededYear is a database seeded with about 2,500 calls over a year.
func seededYear(t *testing.T) (*storage.DB, SeedOptions) {
	t.Helper()
	ny := newYork(t)
	db, err := storage.Open(filepath.Join(t.TempDir(), "callboard.db"), storage.Options{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	var progress bytes.Buffer
	opts := SeedOptions{Calls: 2500, Years: 1, End: time.Date(2026, 10, 15, 12, 0, 0, 0, ny), Location: ny, Seed: 7, Progress: &progress}
	if err := Seed(db, opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(progress.String(), "up to October 2026") {
		t.Errorf("progress %q", progress.String())
	}
	return db, opts
}

func TestSeedMakesAShopWithAdsThatWork(t *testing.T) {
	db, opts := seededYear(t)
	year := CustomPeriod(opts.End.AddDate(-1, 0, 0), opts.End, opts.Location)
	rep, err := db.Report(year.From, year.To, storage.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if all := rep.Calls + rep.Spam; all < 2000 || all > 3000 {
		t.Errorf("%d calls and %d spam for about 2,500", rep.Calls, rep.Spam)
	}
	if rep.Spam == 0 || rep.ValueCents == 0 || rep.UniqueCallers < 800 {
		t.Errorf("spam %d, value %d cents, %d callers", rep.Spam, rep.ValueCents, rep.UniqueCallers)
	}

	lines, err := db.Lines()
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 4 || !lines[0].Main || slices.ContainsFunc(lines[1:], func(l storage.TrackingLine) bool { return l.Main }) {
		t.Fatalf("lines %+v", lines)
	}
	campaigns, err := db.Campaigns()
	if err != nil {
		t.Fatal(err)
	}
	media := map[string]bool{}
	perInsertion := 0
	for _, c := range campaigns {
		media[c.Medium] = true
		if len(c.Insertions) > 0 {
			perInsertion++
		}
		if c.CostCents <= 0 {
			t.Errorf("campaign %s costs nothing", c.Name)
		}
	}
	if len(media) < 4 || perInsertion == 0 || perInsertion == len(campaigns) {
		t.Errorf("%d campaigns of media %v, %d paid per insertion", len(campaigns), media, perInsertion)
	}

	// On each ad line, a day with an ad running brings several times the
	// calls of a day without.
	for _, l := range lines[1:] {
		lineRep, err := db.Report(year.From, year.To, storage.ReportFilter{Lines: []int{l.ID}})
		if err != nil {
			t.Fatal(err)
		}
		adDays := 0
		for _, day := range lineRep.Series {
			if slices.ContainsFunc(campaigns, func(c storage.Campaign) bool {
				return slices.Contains(c.Lines, l.ID) && !day.Date.Before(c.Start) && !day.Date.After(c.End)
			}) {
				adDays++
			}
		}
		adCalls, quietCalls := 0, 0
		for _, c := range lineRep.Campaigns {
			if c.Campaign.ID == 0 {
				quietCalls += c.Calls
			} else {
				adCalls += c.Calls
			}
		}
		quietDays := lineRep.Days - adDays
		if adDays == 0 || quietDays == 0 {
			continue
		}
		ad, quiet := float64(adCalls)/float64(adDays), float64(quietCalls)/float64(quietDays)
		t.Logf("%s: %.2f calls a day with an ad (%d days), %.2f without (%d days)", l.Label, ad, adDays, quiet, quietDays)
		if ad < 2*quiet {
			t.Errorf("%s: %.1f calls a day with an ad, %.1f without", l.Label, ad, quiet)
		}
	}
}

func TestSeedRefusesADatabaseThatHoldsAnything(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "callboard.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SaveLine(storage.TrackingLine{Label: "Main number", Source: "demo", Main: true}); err != nil {
		t.Fatal(err)
	}
	if err := Seed(db, SeedOptions{Calls: 100}); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("seeding a database with a line: %v", err)
	}
}
