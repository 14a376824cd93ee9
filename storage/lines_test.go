package storage

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

func TestACallFindsItsTrackingLine(t *testing.T) {
	lines := []TrackingLine{
		{ID: 1, Label: "Main", Source: "/dev/ttyACM0"},
		{ID: 2, Label: "Ring B", Source: "/dev/ttyACM0", RingPattern: "B"},
		{ID: 3, Label: "Toll-free", Number: "+18005550100", Source: "/dev/ttyACM0"},
		{ID: 4, Label: "Second main", Source: "/dev/ttyACM0"},
		{ID: 5, Label: "Gateway", Number: "+12175550000", Dialed: "2175550111"},
	}
	at := utc(2026, 3, 2, 9, 0)
	cases := []struct {
		name string
		call callerid.Call
		want int
	}{
		{"the dialled number comes first", dialled(withRing(ringing(at, "/dev/ttyACM0", nanp("2125550147")), "B"), "800-555-0100"), 3},
		{"Dialed is matched, not the advertised number, when both are set", dialled(ringing(at, "ncid", nanp("2125550147")), "+1 217 555 0111"), 5},
		{"the advertised number is not a dialled match when Dialed is set", dialled(ringing(at, "ncid", nanp("2125550147")), "2175550000"), 0},
		{"a ring pattern beats the plain line", withRing(ringing(at, "/dev/ttyACM0", nanp("2125550147")), "B"), 2},
		{"an unknown pattern falls to the plain line, lowest ID", withRing(ringing(at, "/dev/ttyACM0", nanp("2125550147")), "C"), 1},
		{"a call the shop made is never matched by what it dialled", outbound(dialled(ringing(at, "ncid", nanp("2125550147")), "8005550100")), 0},
		{"a line no tracking line watches", ringing(at, "wc/03", nanp("2125550147")), 0},
	}
	for _, c := range cases {
		rec := newCallRecord(c.call)
		if got := matchLine(lines, &rec); got != c.want {
			t.Errorf("%s: line %d, want %d", c.name, got, c.want)
		}
	}
}

func TestTrackingLinesAreChecked(t *testing.T) {
	db := openTest(t, Options{})
	for _, bad := range []TrackingLine{
		{Source: "/dev/ttyACM0"},
		{Label: "Ring B", RingPattern: "B"},
	} {
		if _, err := db.SaveLine(bad); err == nil {
			t.Errorf("saved %+v", bad)
		}
	}
	if _, err := db.SaveLine(TrackingLine{ID: 7, Label: "Ghost"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving an unknown ID: %v", err)
	}
	if err := db.DeleteLine(7); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting an unknown ID: %v", err)
	}
}

func TestDeletingALineTakesItOffItsCampaigns(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	a, _ := db.SaveLine(TrackingLine{Label: "A", Source: "wc/01"})
	b, _ := db.SaveLine(TrackingLine{Label: "B", Source: "wc/02"})
	c := mustSaveCampaign(t, db, Campaign{Name: "Radio", Medium: "radio", Start: utc(2026, 1, 1, 0, 0), Lines: []int{a.ID, b.ID}})
	if err := db.DeleteLine(a.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.Campaign(c.ID)
	if err != nil || !reflect.DeepEqual(got.Lines, []int{b.ID}) {
		t.Errorf("campaign lines = %v, %v; want [%d]", got.Lines, err, b.ID)
	}
	if lines, _ := db.Lines(); len(lines) != 1 || lines[0] != b {
		t.Errorf("lines = %+v", lines)
	}
	// IDs are not given again: old reports and exports keep meaning.
	if c, _ := db.SaveLine(TrackingLine{Label: "C"}); c.ID != 3 {
		t.Errorf("new line ID %d, want 3", c.ID)
	}
}

func TestCampaignsAreCheckedAndKeptAsDates(t *testing.T) {
	ny := newYorkTime(t)
	db := openTest(t, Options{Location: ny})
	l, _ := db.SaveLine(TrackingLine{Label: "Flyer", Source: "wc/01"})
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, ny)
	for _, bad := range []Campaign{
		{Medium: "flyer", Start: start},
		{Name: "Skywriting", Medium: "sky", Start: start},
		{Name: "No start", Medium: "flyer"},
		{Name: "Backwards", Medium: "flyer", Start: start, End: start.AddDate(0, 0, -1)},
		{Name: "Lost line", Medium: "flyer", Start: start, Lines: []int{99}},
		{Name: "Undated", Medium: "flyer", Start: start, Insertions: []Insertion{{CostCents: 100}}},
	} {
		if _, err := db.SaveCampaign(bad); err == nil {
			t.Errorf("saved %+v", bad)
		}
	}
	// Dates are read as dates, whatever zone they come in: 1 March in UTC
	// is 1 March in New York.
	saved := mustSaveCampaign(t, db, Campaign{Name: " Spring mailer ", Medium: "DIRECT MAIL",
		Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 31, 23, 0, 0, 0, time.UTC),
		Insertions: []Insertion{{Date: start.AddDate(0, 0, 14), CostCents: 4_000}, {Date: start, CostCents: 6_000, Note: "first drop"}},
		Lines:      []int{l.ID, l.ID}})
	want := Campaign{ID: 1, Name: "Spring mailer", Medium: "direct mail", CostCents: 10_000,
		Insertions: []Insertion{{Date: start, CostCents: 6_000, Note: "first drop"}, {Date: start.AddDate(0, 0, 14), CostCents: 4_000}},
		Start:      start, End: time.Date(2026, 3, 31, 0, 0, 0, 0, ny), Lines: []int{l.ID}}
	if !reflect.DeepEqual(saved, want) {
		t.Errorf("saved\n %+v\nwant\n %+v", saved, want)
	}
	if all, _ := db.Campaigns(); len(all) != 1 || !reflect.DeepEqual(all[0], want) {
		t.Errorf("Campaigns = %+v", all)
	}
	if err := db.DeleteCampaign(saved.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Campaign(saved.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted campaign: %v", err)
	}
}
