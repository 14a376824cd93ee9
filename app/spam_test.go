package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
)

// overlayButton finds a button by its text in the window's dialogs.
func overlayButton(w fyne.Window, text string) *widget.Button {
	var found *widget.Button
	inOverlays(w, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

func TestFlaggingACallerAsSpamDimsTheirCallsAndDropsThemFromTheFigures(t *testing.T) {
	u, q := startUI(t, Config{})
	start := time.Now().Add(-time.Minute)
	call := callerid.Call{ID: start.UnixNano(), Line: "modem", Started: start, Known: start, Ended: start.Add(20 * time.Second),
		Number: callerid.Normalizer{}.Normalize("2125550147"), Name: "ROBO CALLER", Rings: 5, Outcome: callerid.OutcomeMissed}
	before, err := u.Session().DB().Record(call)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Session().DB().Finish(call); err != nil {
		t.Fatal(err)
	}
	u.bridge.CallChanged(CallView{Kind: callerid.CallEnded, Call: call, History: before, HasHistory: true})
	q.until(t, "the call", func() bool { return u.today.card.name.Text == "ROBO CALLER" })
	if u.today.tiles.missed.Text != "1" || !u.today.card.actions.Visible() {
		t.Fatalf("before flagging: missed tile %q, actions shown %v", u.today.tiles.missed.Text, u.today.card.actions.Visible())
	}

	test.Tap(u.today.card.spam)
	yes := overlayButton(u.win, "Yes")
	if yes == nil {
		t.Fatal("no confirmation asked")
	}
	test.Tap(yes)
	q.until(t, "the flag", func() bool { return len(u.today.calls) == 1 && u.today.calls[0].Spam })
	if u.today.tiles.missed.Text != "0" || u.today.tiles.calls.Text != "0" {
		t.Errorf("spam still counted: calls %q missed %q", u.today.tiles.calls.Text, u.today.tiles.missed.Text)
	}
	caller, _, err := u.Session().DB().Caller(call.Number.Key())
	if err != nil || !caller.Spam {
		t.Fatalf("caller not flagged in the database: %+v %v", caller, err)
	}
	if u.today.card.spam.Text != "Spam (click to unflag)" {
		t.Errorf("card button %q", u.today.card.spam.Text)
	}
}

func TestEscClosesADialogWithoutDoingAnything(t *testing.T) {
	u, q := startUI(t, Config{})
	start := time.Now().Add(-time.Minute)
	call := callerid.Call{ID: start.UnixNano(), Line: "modem", Started: start, Known: start, Ended: start.Add(20 * time.Second),
		Number: callerid.Normalizer{}.Normalize("2125550147"), Name: "ROBO CALLER", Rings: 5, Outcome: callerid.OutcomeMissed}
	before, err := u.Session().DB().Record(call)
	if err != nil {
		t.Fatal(err)
	}
	u.bridge.CallChanged(CallView{Kind: callerid.CallKnown, Call: call, History: before, HasHistory: true})
	q.until(t, "the call", func() bool { return u.today.card.name.Text == "ROBO CALLER" })
	test.Tap(u.today.card.spam)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no confirmation shown")
	}
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc left the dialog open")
	}
	if c, _, _ := u.Session().DB().Caller(call.Number.Key()); c.Spam {
		t.Fatal("Esc flagged the caller")
	}
}
