package app

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
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

// seededPhoneBook is a quarter's calls and a phone book of 200 contacts.
func seededPhoneBook(t *testing.T, seed uint64) (*storage.DB, []storage.Contact) {
	t.Helper()
	ny := newYork(t)
	db, err := storage.Open(filepath.Join(t.TempDir(), "callboard.db"), storage.Options{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	var progress bytes.Buffer
	opts := SeedOptions{Calls: 800, Years: 0.25, End: time.Date(2026, 10, 15, 12, 0, 0, 0, ny), Location: ny,
		Seed: seed, Contacts: 200, Progress: &progress}
	if err := Seed(db, opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(progress.String(), "seeded 200 contacts, 150 of them callers") {
		t.Errorf("progress %q", progress.String())
	}
	contacts, err := db.Contacts()
	if err != nil {
		t.Fatal(err)
	}
	return db, contacts
}

func TestSeedPhoneBookHoldsMostCallersByTheirNames(t *testing.T) {
	db, contacts := seededPhoneBook(t, 7)
	if len(contacts) != 200 {
		t.Fatalf("%d contacts for 200", len(contacts))
	}
	calls, err := db.Calls(time.Time{}, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]callerid.Call{}
	for _, c := range calls {
		byKey[c.Number.Key()] = c
	}

	callers, companies, twoNumbers, notes := 0, 0, 0, 0
	for _, c := range contacts {
		if c.Title() != strings.TrimSpace(c.Title()) || c.Title() == strings.ToUpper(c.Title()) || strings.Contains(c.Title(), "Wireless") {
			t.Errorf("contact named %q", c.Title())
		}
		if call, ok := byKey[c.Numbers[0].Key]; ok {
			callers++
			name, id, ok := db.DisplayName(call.Number, call.Name)
			if !ok || id != c.ID || name != c.Title() {
				t.Errorf("a call from %s (%s) shows as %q (contact %d), not %q", call.Number.Raw, call.Name, name, id, c.Title())
			}
		}
		if c.Company != "" {
			companies++
		}
		if len(c.Numbers) > 1 {
			twoNumbers++
		}
		if c.Notes != "" {
			notes++
		}
	}
	if callers != 150 || companies == 0 || twoNumbers == 0 || notes == 0 {
		t.Errorf("%d callers, %d with a company, %d with two numbers, %d with a note", callers, companies, twoNumbers, notes)
	}
}

func TestSeedPhoneBookIsTheSameForTheSameSeed(t *testing.T) {
	_, first := seededPhoneBook(t, 7)
	_, again := seededPhoneBook(t, 7)
	_, other := seededPhoneBook(t, 8)
	card := func(c storage.Contact) string { return fmt.Sprint(c.Name, c.Company, c.Notes, c.Numbers) }
	if !slices.EqualFunc(first, again, func(a, b storage.Contact) bool { return card(a) == card(b) }) {
		t.Error("the same seed made another phone book")
	}
	if slices.EqualFunc(first, other, func(a, b storage.Contact) bool { return card(a) == card(b) }) {
		t.Error("another seed made the same phone book")
	}
}

func TestTelcoNamesReadAsPeopleWriteThem(t *testing.T) {
	for telco, want := range map[string]struct {
		kind telcoKind
		name string
	}{
		"GARCIA MARIA":    {telcoPerson, "Maria Garcia"},
		"OBRIEN JAMES":    {telcoPerson, "James O'Brien"},
		"TAYLOR PATRICIA": {telcoPerson, "Patricia Taylor"},
		"ACME PLUMBING":   {telcoBusiness, "Acme Plumbing"},
		"WIRELESS CALLER": {telcoNobody, ""},
		"PEORIA IL":       {telcoNobody, ""},
		"SAN FRANCISCO C": {telcoNobody, ""},
		"CITY OF SPRINGF": {telcoNobody, ""},
		"TOLL FREE CALL":  {telcoNobody, ""},
	} {
		if kind, name := readTelcoName(telco); kind != want.kind || name != want.name {
			t.Errorf("%q reads as %d %q, want %d %q", telco, kind, name, want.kind, want.name)
		}
	}
}
