package app

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// estimatedCall saves a call a plain modem heard ring five times: missed,
// as an estimate.
func estimatedCall(t *testing.T, db *storage.DB, at time.Time) storage.CallRow {
	t.Helper()
	call := callerid.Call{ID: at.UnixNano(), Line: "modem-1", Started: at, Known: at, Ended: at.Add(30 * time.Second),
		Number: callerid.Normalizer{Region: "US"}.Normalize("2125550147"), Name: "SMITH JOHN", Rings: 5,
		Outcome: callerid.OutcomeMissed}
	if err := db.Finish(call); err != nil {
		t.Fatal(err)
	}
	row, err := db.Row(call.ID)
	if err != nil {
		t.Fatal(err)
	}
	return row
}

// overlayEntryWithText finds an entry by its text in the window's dialogs.
func overlayEntryWithText(w fyne.Window, text string) *widget.Entry {
	var found *widget.Entry
	inOverlays(w, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Entry:
			if x.Text == text {
				found = x
			}
		case *escEntry:
			if x.Text == text {
				found = &x.Entry
			}
		}
	})
	return found
}

func tagChecks(e *callEditor) map[string]bool {
	out := map[string]bool{}
	for _, c := range e.tags {
		out[c.Text] = c.Checked
	}
	return out
}

func TestTheCallEditorSavesNoteTagsLeadValueAndTheCorrectedOutcome(t *testing.T) {
	u, q := startUI(t, Config{Region: "US"})
	db := u.Session().DB()
	if err := db.SaveTags([]string{"quote sent", "booked"}); err != nil {
		t.Fatal(err)
	}
	row := estimatedCall(t, db, time.Now().Add(-time.Hour))

	saved := false
	// The card hands over the call as it knew it: the editor reads it again.
	e := u.openCallEditor(storage.CallRow{Call: row.Call}, func() { saved = true })
	if e.outcome.PlaceHolder != "Keep: Missed (estimate)" || e.outcome.Disabled() {
		t.Errorf("outcome picker offers %q (disabled %v)", e.outcome.PlaceHolder, e.outcome.Disabled())
	}
	test.Type(e.note, "Wants a quote for a new roof")
	for _, c := range e.tags {
		if c.Text == "quote sent" {
			test.Tap(c)
		}
	}
	e.lead.SetSelected("Good lead")
	e.outcome.SetSelected("Answered")
	test.Type(e.value, "forty")
	test.Tap(e.save)
	if e.closed || !e.problem.Visible() {
		t.Fatal("a value in words was taken")
	}
	e.value.SetText("$1,450.50")
	test.Tap(e.save)
	q.until(t, "the call to be saved", func() bool { return saved })
	if !e.closed || len(u.win.Canvas().Overlays().List()) != 0 {
		t.Error("the editor is still open after saving")
	}

	got, err := db.Row(row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Note != "Wants a quote for a new roof" || !slices.Equal(got.Tags, []string{"quote sent"}) ||
		got.Lead != storage.LeadGood || got.ValueCents != 145050 {
		t.Errorf("saved note %q, tags %q, lead %v, value %d", got.Note, got.Tags, got.Lead, got.ValueCents)
	}
	if got.Outcome != callerid.OutcomeAnswered || !got.Exact || !got.OutcomeCorrected {
		t.Errorf("outcome %s exact %v corrected %v, want a corrected, exact answer", got.Outcome, got.Exact, got.OutcomeCorrected)
	}
	caller, _, err := db.Caller(row.Number.Key())
	if err != nil || caller.LastNote != "Wants a quote for a new roof" {
		t.Errorf("the card's last note is %q (%v)", caller.LastNote, err)
	}

	// A call still on the line can be noted, not corrected.
	at := time.Now()
	ringing := callerid.Call{ID: at.UnixNano(), Line: "modem-1", Started: at, Known: at,
		Number: callerid.Normalizer{Region: "US"}.Normalize("2125550148"), Rings: 1}
	if _, err := db.Record(ringing); err != nil {
		t.Fatal(err)
	}
	if e := u.openCallEditor(storage.CallRow{Call: ringing}, nil); !e.outcome.Disabled() {
		t.Error("the outcome of a call still ringing can be corrected")
	}
}

func TestEscCancelsTheCallEditorAndEnterSavesIt(t *testing.T) {
	u, q := startUI(t, Config{Region: "US"})
	db := u.Session().DB()
	row := estimatedCall(t, db, time.Now().Add(-time.Hour))

	e := u.openCallEditor(row, nil)
	if u.win.Canvas().Focused() != e.note {
		t.Error("the note does not have the keyboard when the editor opens")
	}
	test.Type(e.note, "not to be kept")
	e.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !e.closed {
		t.Fatal("Esc did not close the editor")
	}
	if got, _ := db.Row(row.ID); got.Note != "" {
		t.Errorf("Esc saved the note %q", got.Note)
	}

	saved := false
	e = u.openCallEditor(row, func() { saved = true })
	test.Type(e.value, "45")
	e.value.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	q.until(t, "Enter to save", func() bool { return saved })
	if got, _ := db.Row(row.ID); got.ValueCents != 4500 {
		t.Errorf("value %d after Enter, want 4500", got.ValueCents)
	}

	// Shift+Enter in the note starts a new line; Enter saves.
	saved = false
	windowKeys := u.win.Canvas().OnTypedKey() != nil
	e = u.openCallEditor(row, func() { saved = true })
	test.Type(e.note, "first")
	e.note.KeyDown(&fyne.KeyEvent{Name: "LeftShift"})
	e.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	e.note.KeyUp(&fyne.KeyEvent{Name: "LeftShift"})
	test.Type(e.note, "second")
	if e.closed || e.note.Text != "first\nsecond" {
		t.Fatalf("Shift+Enter: note %q, closed %v", e.note.Text, e.closed)
	}
	// With nothing focused, the keys reach the window and still count.
	u.win.Canvas().Unfocus()
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEnter})
	q.until(t, "Enter on the window to save", func() bool { return saved })
	if got, _ := db.Row(row.ID); got.Note != "first\nsecond" {
		t.Errorf("note %q", got.Note)
	}
	if (u.win.Canvas().OnTypedKey() != nil) != windowKeys {
		t.Error("the editor left its keys on the window after closing")
	}
}

func TestManagingTagsFromTheCallEditor(t *testing.T) {
	u, q := startUI(t, Config{Region: "US"})
	db := u.Session().DB()
	if err := db.SaveTags([]string{"quote sent"}); err != nil {
		t.Fatal(err)
	}
	row := estimatedCall(t, db, time.Now().Add(-time.Hour))
	if err := db.Annotate(row.ID, storage.Annotation{Tags: []string{"quote sent"}}); err != nil {
		t.Fatal(err)
	}
	e := u.openCallEditor(row, nil)
	e.manageTags()
	m := e.tagsOpen
	q.until(t, "the tag list", func() bool { return len(m.list) == 1 })

	test.Type(m.name, "booked")
	m.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	q.until(t, "the new tag", func() bool { return len(m.list) == 2 })
	if list, _ := db.Tags(); !slices.Equal(list, []string{"quote sent", "booked"}) {
		t.Errorf("tag list saved as %q", list)
	}
	if got := tagChecks(e); !got["booked"] || !got["quote sent"] {
		t.Errorf("the editor's tags: %v, want the new tag chosen too", got)
	}

	m.rename("quote sent")
	form := overlayButton(u.win, "Rename")
	entry := overlayEntryWithText(u.win, "quote sent")
	if form == nil || entry == nil {
		t.Fatal("no rename form")
	}
	entry.SetText("quoted")
	test.Tap(form)
	q.until(t, "the renamed tag", func() bool { return slices.Contains(m.list, "quoted") })
	if got, _ := db.Row(row.ID); !slices.Equal(got.Tags, []string{"quoted"}) {
		t.Errorf("the call's tags after the rename: %q", got.Tags)
	}
	if got := tagChecks(e); !got["quoted"] {
		t.Errorf("the editor's tags after the rename: %v", got)
	}

	m.remove("booked")
	q.until(t, "the tag removed", func() bool { return len(m.list) == 1 })
	if got := tagChecks(e); len(got) != 2 || !got["booked"] {
		t.Errorf("a tag chosen for the call left the editor with the list: %v", got)
	}

	e.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.tagsOpen != nil || e.closed {
		t.Errorf("Esc should close the tag list first (tag list open %v, editor closed %v)", e.tagsOpen != nil, e.closed)
	}
}
