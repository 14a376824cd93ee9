package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// callbackShopCall is a finished call from number at a time, ringing on
// the front-desk modem.
func callbackShopCall(number, name string, at time.Time, o callerid.Outcome, exact bool) callerid.Call {
	c := callerid.Call{ID: at.UnixNano(), Line: "modem", Started: at, Known: at, Ended: at.Add(30 * time.Second),
		Number: callerid.Normalizer{Region: "US"}.Normalize(number), Name: name, Rings: 5, Outcome: o, Exact: exact}
	if o == callerid.OutcomeAnswered {
		c.Answered = at.Add(10 * time.Second)
	}
	return c
}

// ringIn saves calls as the session does: recorded when the caller is
// known, finished when they hang up.
func ringIn(t *testing.T, db *storage.DB, calls ...callerid.Call) {
	t.Helper()
	for _, c := range calls {
		if _, err := db.Record(c); err != nil {
			t.Fatal(err)
		}
		if err := db.Finish(c); err != nil {
			t.Fatal(err)
		}
	}
}

func openCallbacks(t *testing.T, u *UI, q uiThread) *callbacksView {
	t.Helper()
	v := newCallbacksView(u)
	v.refresh()
	q.until(t, "the worklist", func() bool { return v.loads > 0 })
	return v
}

// reloadCallbacks reads the list again, as the window does when a call ends.
func reloadCallbacks(t *testing.T, v *callbacksView, q uiThread) {
	t.Helper()
	n := v.loads
	v.refresh()
	q.until(t, "the worklist again", func() bool { return v.loads > n })
}

// numbersOn lists the numbers on the screen's cards, top to bottom.
func numbersOn(v *callbacksView) []string {
	var out []string
	for _, c := range v.cards {
		out = append(out, c.number.Text)
	}
	return out
}

func cardFor(t *testing.T, v *callbacksView, number string) *callbackCard {
	t.Helper()
	for _, c := range v.cards {
		if c.number.Text == number {
			return c
		}
	}
	t.Fatalf("no card for %s; the list shows %q", number, numbersOn(v))
	return nil
}

// answerNote types a note in the open note dialog and presses Enter.
func answerNote(t *testing.T, v *callbacksView, note string) {
	t.Helper()
	if v.note == nil {
		t.Fatal("no note dialog")
	}
	if v.ui.win.Canvas().Focused() != v.note.entry {
		t.Error("the note is not ready to type into")
	}
	test.Type(v.note.entry, note)
	v.note.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func TestMissedVoicemailAndAbandonedCallersWaitOldestFirst(t *testing.T) {
	u, q := startUI(t, Config{})
	db := u.Session().DB()
	now := time.Now()
	lateYesterday := midnight(now).Add(-2 * time.Hour)
	if _, err := db.SaveContact(storage.Contact{Name: "Jane Doe", Numbers: []storage.ContactNumber{{Raw: "3125550188"}}}); err != nil {
		t.Fatal(err)
	}
	ringIn(t, db,
		callbackShopCall("2125550147", "SMITH JOHN", lateYesterday, callerid.OutcomeMissed, false),
		callbackShopCall("3125550188", "WIRELESS CALLER", now.Add(-40*time.Minute), callerid.OutcomeVoicemail, true),
		callbackShopCall("4155550123", "", now.Add(-30*time.Minute), callerid.OutcomeAbandoned, true),
		callbackShopCall("P", "", now.Add(-20*time.Minute), callerid.OutcomeMissed, false),
		callbackShopCall("2125550147", "SMITH JOHN", now.Add(-10*time.Minute), callerid.OutcomeMissed, false),
	)

	v := openCallbacks(t, u, q)

	if got, want := strings.Join(numbersOn(v), ", "), "(212) 555-0147, (312) 555-0188, (415) 555-0123"; got != want {
		t.Fatalf("the list shows %s, want the one waiting longest first: %s (no private number)", got, want)
	}
	if v.count() != 3 || !strings.HasPrefix(v.header.Text, "3 callers waiting, oldest ") {
		t.Errorf("count %d, header %q", v.count(), v.header.Text)
	}
	smith := cardFor(t, v, "(212) 555-0147")
	if smith.name.Text != "SMITH JOHN" || smith.wait.Text != "since yesterday" {
		t.Errorf("first card: %q, %q", smith.name.Text, smith.wait.Text)
	}
	if !strings.HasPrefix(smith.how.Text, "≈ New York, NY · Missed (estimate) today at ") || !strings.HasSuffix(smith.how.Text, "2 calls since yesterday at 22:00") {
		t.Errorf("how they called: %q", smith.how.Text)
	}
	if !strings.HasPrefix(smith.history.Text, "2 calls in all since ") || !strings.Contains(smith.history.Text, "never answered so far") {
		t.Errorf("their history: %q", smith.history.Text)
	}
	jane := cardFor(t, v, "(312) 555-0188")
	if jane.name.Text != "Jane Doe  ·  caller ID: WIRELESS CALLER" || jane.wait.Text != "waiting 40 min" {
		t.Errorf("voicemail card: %q, %q", jane.name.Text, jane.wait.Text)
	}
	if !strings.HasPrefix(jane.how.Text, "≈ Chicago, IL · Voicemail today at ") {
		t.Errorf("voicemail card says %q", jane.how.Text)
	}
	hungUp := cardFor(t, v, "(415) 555-0123")
	if hungUp.name.Text != "No name sent" || !strings.Contains(hungUp.how.Text, " · Abandoned today at ") {
		t.Errorf("abandoned card: %q, %q", hungUp.name.Text, hungUp.how.Text)
	}
	if v.empty.Visible() {
		t.Error("the empty state shows over a list")
	}

	jane.number.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // as a click on the number does
	if got := u.app.Clipboard().Content(); got != "(312) 555-0188" {
		t.Errorf("clicking the number copied %q", got)
	}
}

func TestNoAnswerKeepsTheCallerAndShowsTheTry(t *testing.T) {
	u, q := startUI(t, Config{})
	ringIn(t, u.Session().DB(), callbackShopCall("2125550147", "SMITH JOHN", time.Now().Add(-time.Hour), callerid.OutcomeMissed, true))
	v := openCallbacks(t, u, q)

	test.Tap(cardFor(t, v, "(212) 555-0147").noAnswer)
	answerNote(t, v, "rang out, try after 5")
	q.until(t, "the try on the card", func() bool { return len(v.cards) == 1 && v.cards[0].tries.Visible() })

	if got := v.cards[0].tries.Text; !strings.HasPrefix(got, "Called back today at ") || !strings.HasSuffix(got, " — No answer: “rang out, try after 5”") {
		t.Errorf("tries: %q", got)
	}
	if v.count() != 1 {
		t.Errorf("%d waiting after no answer, want 1", v.count())
	}
	work, err := u.Session().DB().Worklist()
	if err != nil || len(work) != 1 || len(work[0].Callbacks) != 1 || work[0].Callbacks[0].Result != storage.CallbackNoAnswer {
		t.Fatalf("worklist in the database: %+v %v", work, err)
	}
}

func TestReachingACallerTakesThemOffTheList(t *testing.T) {
	u, q := startUI(t, Config{})
	db := u.Session().DB()
	ringIn(t, db, callbackShopCall("2125550147", "SMITH JOHN", time.Now().Add(-time.Hour), callerid.OutcomeMissed, true))
	v := openCallbacks(t, u, q)
	card := cardFor(t, v, "(212) 555-0147")

	// Esc changes its mind: nothing is recorded.
	test.Tap(card.message)
	v.note.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.note != nil || len(u.win.Canvas().Overlays().List()) != 0 {
		t.Fatal("Esc left the note dialog open")
	}

	test.Tap(card.reached)
	answerNote(t, v, "")
	q.until(t, "the caller to leave the list", func() bool { return v.count() == 0 })

	if !v.empty.Visible() || !containsAll(labelsIn(v.empty.(*fyne.Container)), "Nobody is waiting for a callback.") {
		t.Errorf("empty state shown %v: %q", v.empty.Visible(), labelsIn(v.empty.(*fyne.Container)))
	}
	if v.notice.Text != "SMITH JOHN was reached: off the list." {
		t.Errorf("notice %q", v.notice.Text)
	}
	fig, err := db.Recovery(time.Time{}, time.Time{})
	if err != nil || fig.Reached != 1 || fig.ReachedWithinDay != 1 || fig.StillWaiting != 0 {
		t.Fatalf("recovery %+v %v", fig, err)
	}
}

func TestACallerWhoCallsAgainAndIsAnsweredLeavesTheList(t *testing.T) {
	u, q := startUI(t, Config{})
	db := u.Session().DB()
	now := time.Now()
	ringIn(t, db, callbackShopCall("2125550147", "SMITH JOHN", now.Add(-time.Hour), callerid.OutcomeMissed, true))
	v := openCallbacks(t, u, q)
	if v.count() != 1 {
		t.Fatalf("%d waiting, want 1", v.count())
	}

	ringIn(t, db, callbackShopCall("2125550147", "SMITH JOHN", now.Add(-time.Minute), callerid.OutcomeAnswered, true))
	reloadCallbacks(t, v, q)

	if v.count() != 0 || len(v.cards) != 0 || !v.empty.Visible() {
		t.Errorf("after they got through: %d waiting, cards %q, empty state shown %v", v.count(), numbersOn(v), v.empty.Visible())
	}
}

func TestBookedCountsInTheRecoveryStrip(t *testing.T) {
	u, q := startUI(t, Config{})
	db := u.Session().DB()
	now := time.Now()
	ringIn(t, db,
		callbackShopCall("2125550147", "SMITH JOHN", now.Add(-3*time.Hour), callerid.OutcomeMissed, true),
		callbackShopCall("3125550188", "", now.Add(-2*time.Hour), callerid.OutcomeVoicemail, true),
		callbackShopCall("4155550123", "", now.Add(-90*time.Minute), callerid.OutcomeAbandoned, true),
		callbackShopCall("4155550123", "", now.Add(-80*time.Minute), callerid.OutcomeAnswered, true),
		callbackShopCall("P", "", now.Add(-time.Hour), callerid.OutcomeMissed, false),
	)
	v := openCallbacks(t, u, q)
	loads := v.loads
	v.recovery.choice.SetSelected("Last 30 days")
	q.until(t, "the figures of the last 30 days", func() bool { return v.loads > loads })

	test.Tap(cardFor(t, v, "(212) 555-0147").booked)
	answerNote(t, v, "boiler service Tuesday 10:00")
	q.until(t, "the booking", func() bool { return v.count() == 1 })

	p := v.recovery.period(now)
	want, err := db.Recovery(p.From, p.To)
	if err != nil {
		t.Fatal(err)
	}
	if want != (storage.RecoveryFigures{Missed: 3, Reached: 2, ReachedWithinDay: 2, ReachedWithinWeek: 2, Booked: 1, StillWaiting: 1, CannotCallBack: 1}) {
		t.Fatalf("storage counts %+v", want)
	}
	r := v.recovery
	got := []string{r.missed.Text, r.day.Text, r.week.Text, r.booked.Text, r.waiting.Text, r.private.Text}
	if strings.Join(got, " ") != "3 2 2 1 1 1" {
		t.Errorf("strip shows %q, storage says %+v", got, want)
	}
	if r.dayCaption.Text != "reached within a day (67%)" {
		t.Errorf("day caption %q", r.dayCaption.Text)
	}
	if r.summary.Text != "Of 3 callers missed in the last 30 days, 2 reached within a day (67%) and 2 within a week (67%); 1 booked; 1 still waiting. 1 call from a private number could not be called back." {
		t.Errorf("summary %q", r.summary.Text)
	}
	work, err := db.Worklist()
	if err != nil || len(work) != 1 || work[0].Call.Number.E164 != "+13125550188" {
		t.Fatalf("worklist %+v %v", work, err)
	}
}

func TestWaitsInTheDesksWords(t *testing.T) {
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.Local)
	for _, c := range []struct {
		first time.Time
		want  string
	}{
		{now.Add(-20 * time.Second), "waiting less than a minute"},
		{now.Add(-25 * time.Minute), "waiting 25 min"},
		{now.Add(-2*time.Hour - 10*time.Minute), "waiting 2 h"},
		{time.Date(2026, 3, 9, 23, 30, 0, 0, time.Local), "since yesterday"},
		{time.Date(2026, 3, 9, 8, 0, 0, 0, time.Local), "since yesterday"},
		{time.Date(2026, 3, 7, 18, 0, 0, 0, time.Local), "waiting 3 days"},
	} {
		if got := waitText(c.first, now); got != c.want {
			t.Errorf("waitText(%s) = %q, want %q", c.first.Format("2 Jan 15:04"), got, c.want)
		}
	}
	waiting := func(firsts ...time.Time) []callbackItem {
		var items []callbackItem
		for _, f := range firsts {
			items = append(items, callbackItem{WorkItem: storage.WorkItem{FirstMissed: f}})
		}
		return items
	}
	for _, c := range []struct {
		items []callbackItem
		want  string
	}{
		{nil, "Nobody waiting"},
		{waiting(now.Add(-2 * time.Hour)), "1 caller waiting, for 2 h"},
		{waiting(now.Add(-20 * time.Hour)), "1 caller waiting, since yesterday"},
		{waiting(now.AddDate(0, 0, -2), now.Add(-time.Hour)), "2 callers waiting, oldest 2 days"},
	} {
		if got := waitingText(c.items, now); got != c.want {
			t.Errorf("heading %q, want %q", got, c.want)
		}
	}
}
