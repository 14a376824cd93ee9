package storage

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

func TestAnnotationRoundTrip(t *testing.T) {
	db := frontDesk(t)
	c := ringing(utc(2026, 3, 20, 9, 0), "wc/01", nanp("2175550101"))
	id := takeCall(t, db, answered(c, time.Minute))
	a := Annotation{Note: " wants a quote for the roof ", Tags: []string{"roof", "quote", "roof", " "},
		Lead: LeadGood, ValueCents: 125_000}
	mustNot(t, db.Annotate(id, a))

	row, err := db.Row(id)
	if err != nil {
		t.Fatal(err)
	}
	if row.Note != "wants a quote for the roof" || !slices.Equal(row.Tags, []string{"roof", "quote"}) ||
		row.Lead != LeadGood || row.ValueCents != 125_000 {
		t.Errorf("row = note %q tags %q lead %v value %d", row.Note, row.Tags, row.Lead, row.ValueCents)
	}
	if day, _ := db.Day(c.Started); day.ValueCents != 125_000 {
		t.Errorf("day's value = %d", day.ValueCents)
	}
	if caller := mustCaller(t, db, "+12175550101"); caller.LastNote != row.Note || !caller.LastNoteAt.Equal(c.Started) {
		t.Errorf("caller's last note = %q at %v", caller.LastNote, caller.LastNoteAt)
	}
	// The line's late end record keeps what the staff entered.
	mustFinish(t, db, answered(c, 2*time.Minute))
	if again, _ := db.Row(id); !reflect.DeepEqual(again.Tags, row.Tags) || again.Note != row.Note || again.Lead != LeadGood {
		t.Errorf("after the line's update: %+v", again)
	}
	if err := db.Annotate(id, Annotation{Lead: 7}); err == nil {
		t.Error("lead status 7 was taken")
	}
}

func TestLastNoteIsTheNewestNotedCall(t *testing.T) {
	db := frontDesk(t)
	n := nanp("2175550101")
	first := takeCall(t, db, answered(ringing(utc(2026, 3, 2, 9, 0), "wc/01", n), time.Minute))
	second := takeCall(t, db, answered(ringing(utc(2026, 3, 9, 9, 0), "wc/01", n), time.Minute))
	lastNote := func() string { return mustCaller(t, db, n.E164).LastNote }

	mustNot(t, db.Annotate(first, Annotation{Note: "asked about gutters"}))
	if got := lastNote(); got != "asked about gutters" {
		t.Errorf("after a note on the first call: %q", got)
	}
	mustNot(t, db.Annotate(second, Annotation{Note: "booked for Friday"}))
	mustNot(t, db.Annotate(first, Annotation{Note: "asked about gutters and the roof"}))
	if got := lastNote(); got != "booked for Friday" {
		t.Errorf("an older call's note replaced the newest: %q", got)
	}
	mustNot(t, db.Annotate(second, Annotation{}))
	if got := lastNote(); got != "asked about gutters and the roof" {
		t.Errorf("after clearing the newest note: %q", got)
	}
	mustNot(t, db.Annotate(first, Annotation{}))
	if got := lastNote(); got != "" {
		t.Errorf("no notes left: %q", got)
	}
}

func TestCorrectOutcomeFixesTheRollups(t *testing.T) {
	db := frontDesk(t)
	n := nanp("2175550101")
	c := missed(ringing(utc(2026, 3, 20, 9, 0), "/dev/ttyACM0", n), 4)
	id := takeCall(t, db, c)
	mustNot(t, db.CorrectOutcome(id, callerid.OutcomeAnswered))

	day, _ := db.Day(c.Started)
	if day.ByOutcome[callerid.OutcomeAnswered] != 1 || day.ByOutcome[callerid.OutcomeMissed] != 0 ||
		day.Estimated != 0 || day.ByHourMissed[9] != 0 {
		t.Errorf("day after the correction: %+v", day)
	}
	checkDays(t, db)
	row, _ := db.Row(id)
	if row.Outcome != callerid.OutcomeAnswered || !row.Exact || !row.OutcomeCorrected {
		t.Errorf("row = %v exact %v corrected %v", row.Outcome, row.Exact, row.OutcomeCorrected)
	}
	caller := mustCaller(t, db, n.E164)
	if caller.LastOutcome != callerid.OutcomeAnswered || !caller.LastExact || !caller.LastAnswered.Equal(c.Started) {
		t.Errorf("caller = %+v", caller)
	}
	// The modem's estimate arriving again does not undo a person's word.
	mustFinish(t, db, c)
	if row, _ := db.Row(id); row.Outcome != callerid.OutcomeAnswered {
		t.Errorf("the line's update undid the correction: %v", row.Outcome)
	}
	// Back to missed: the caller was never answered.
	mustNot(t, db.CorrectOutcome(id, callerid.OutcomeMissed))
	checkDays(t, db)
	if caller := mustCaller(t, db, n.E164); !caller.LastAnswered.IsZero() || caller.LastOutcome != callerid.OutcomeMissed {
		t.Errorf("caller after the second correction = %+v", caller)
	}

	if err := db.CorrectOutcome(id, "maybe"); err == nil {
		t.Error("an outcome that does not exist was taken")
	}
	ringingNow := ringing(utc(2026, 3, 20, 10, 0), "wc/01", n)
	mustRecord(t, db, ringingNow)
	if err := db.CorrectOutcome(ringingNow.ID, callerid.OutcomeAnswered); err == nil {
		t.Error("a call still ringing was corrected")
	}
}

// checkDays compares every stored day with one rolled up from the calls.
func checkDays(t *testing.T, db *DB) {
	t.Helper()
	for key, want := range recomputeDays(t, db) {
		day, _ := time.ParseInLocation("2006-01-02", key, db.loc)
		got, err := db.Day(day)
		if err != nil {
			t.Fatal(err)
		}
		got.Date = time.Time{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("day %s\n got %+v\nwant %+v", key, got, want)
		}
	}
}

func TestTagList(t *testing.T) {
	db := frontDesk(t)
	mustNot(t, db.SaveTags([]string{"roof", " quote ", "", "roof", "two\nlines"}))
	tags, err := db.Tags()
	if err != nil || !slices.Equal(tags, []string{"roof", "quote", "two lines"}) {
		t.Fatalf("tags = %q, %v", tags, err)
	}
	id := takeCall(t, db, answered(ringing(utc(2026, 3, 20, 9, 0), "wc/01", nanp("2175550101")), time.Minute))
	mustNot(t, db.Annotate(id, Annotation{Tags: []string{"roof", "quote"}}))

	// Dropped from the list, kept on the call.
	mustNot(t, db.SaveTags([]string{"quote"}))
	if row, _ := db.Row(id); !slices.Equal(row.Tags, []string{"roof", "quote"}) {
		t.Errorf("dropping a tag changed the call: %q", row.Tags)
	}
	mustNot(t, db.RenameTag("quote", "estimate"))
	if tags, _ := db.Tags(); !slices.Equal(tags, []string{"estimate"}) {
		t.Errorf("tags after the rename = %q", tags)
	}
	if row, _ := db.Row(id); !slices.Equal(row.Tags, []string{"roof", "estimate"}) {
		t.Errorf("call's tags after the rename = %q", row.Tags)
	}
}
