package storage

import (
	"errors"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// frontDesk is an empty shop in UTC whose clock stands at noon on 30 March
// 2026, for the worklist's age limit.
func frontDesk(t *testing.T) *DB {
	db := openTest(t, Options{Location: time.UTC})
	db.now = func() time.Time { return utc(2026, 3, 30, 12, 0) }
	return db
}

// takeCall records and finishes one call the way the tracker does.
func takeCall(t *testing.T, db *DB, c callerid.Call) int64 {
	t.Helper()
	if c.HasCallerID() {
		r := c
		r.Ended, r.Answered, r.Outcome, r.Exact = time.Time{}, time.Time{}, callerid.OutcomeUnknown, false
		mustRecord(t, db, r)
	}
	mustFinish(t, db, c)
	return c.ID
}

func worklistKeys(t *testing.T, db *DB) []string {
	t.Helper()
	items, err := db.Worklist()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, w := range items {
		keys = append(keys, w.Caller.Key)
	}
	return keys
}

func TestMissedCallersWaitOldestFirst(t *testing.T) {
	db := frontDesk(t)
	alice, bob, carol, dan := nanp("2175550101"), nanp("2175550102"), nanp("2175550103"), nanp("2175550104")
	takeCall(t, db, ended(ringing(utc(2026, 3, 20, 9, 0), "wc/01", bob), callerid.OutcomeVoicemail, true))
	takeCall(t, db, missed(ringing(utc(2026, 3, 18, 9, 0), "wc/01", alice), 5))
	takeCall(t, db, ended(ringing(utc(2026, 3, 21, 9, 0), "wc/01", carol), callerid.OutcomeAbandoned, true))
	takeCall(t, db, answered(ringing(utc(2026, 3, 19, 9, 0), "wc/01", dan), time.Minute))
	takeCall(t, db, ended(ringing(utc(2026, 3, 22, 9, 0), "wc/01", dan), callerid.OutcomeUnknown, false))
	// Alice tries again: one item, two missed calls, her latest shown.
	again := takeCall(t, db, missed(ringing(utc(2026, 3, 25, 9, 0), "wc/01", alice), 4))

	items, err := db.Worklist()
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 {
		t.Fatalf("worklist = %+v, want alice, bob, carol", items)
	}
	for i, want := range []string{alice.E164, bob.E164, carol.E164} {
		if items[i].Caller.Key != want {
			t.Errorf("item %d is %s, want %s", i, items[i].Caller.Key, want)
		}
	}
	a := items[0]
	if a.Missed != 2 || !a.FirstMissed.Equal(utc(2026, 3, 18, 9, 0)) || a.Call.ID != again || a.Caller.Calls != 2 {
		t.Errorf("alice's item = missed %d since %v, call %d, caller %+v", a.Missed, a.FirstMissed, a.Call.ID, a.Caller)
	}
}

func TestCallbacksKeepOrResolveTheItem(t *testing.T) {
	db := frontDesk(t)
	alice := nanp("2175550101")
	id := takeCall(t, db, missed(ringing(utc(2026, 3, 20, 9, 0), "wc/01", alice), 5))

	if err := db.LogCallback(id, CallbackNoAnswer, utc(2026, 3, 20, 11, 0), "rang out"); err != nil {
		t.Fatal(err)
	}
	if err := db.LogCallback(id, CallbackLeftMessage, utc(2026, 3, 20, 15, 0), ""); err != nil {
		t.Fatal(err)
	}
	items, _ := db.Worklist()
	if len(items) != 1 || len(items[0].Callbacks) != 2 {
		t.Fatalf("after two tries: %+v", items)
	}
	if last, ok := items[0].LastCallback(); !ok || last.Result != CallbackLeftMessage || !last.At.Equal(utc(2026, 3, 20, 15, 0)) {
		t.Errorf("last try = %+v", last)
	}
	if items[0].Callbacks[0].Note != "rang out" {
		t.Errorf("first try = %+v", items[0].Callbacks[0])
	}

	if err := db.LogCallback(id, CallbackReached, utc(2026, 3, 21, 10, 0), "booked Tuesday"); err != nil {
		t.Fatal(err)
	}
	if keys := worklistKeys(t, db); len(keys) != 0 {
		t.Errorf("reached, still waiting: %v", keys)
	}
	if err := db.LogCallback(id, CallbackNoAnswer, utc(2026, 3, 22, 10, 0), ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("a callback with nobody waiting: %v", err)
	}
}

func TestCallingAgainAndBeingAnsweredResolves(t *testing.T) {
	db := frontDesk(t)
	alice := nanp("2175550101")
	takeCall(t, db, missed(ringing(utc(2026, 3, 20, 9, 0), "wc/01", alice), 5))
	// Ringing again is not being reached; only the answered end is.
	again := ringing(utc(2026, 3, 21, 9, 0), "wc/01", alice)
	mustRecord(t, db, again)
	if keys := worklistKeys(t, db); len(keys) != 1 {
		t.Fatalf("while the call rings: %v", keys)
	}
	mustFinish(t, db, answered(again, time.Minute))
	if keys := worklistKeys(t, db); len(keys) != 0 {
		t.Errorf("answered, still waiting: %v", keys)
	}
	// Missing them again puts them back, as a new wait.
	takeCall(t, db, missed(ringing(utc(2026, 3, 25, 9, 0), "wc/01", alice), 5))
	items, _ := db.Worklist()
	if len(items) != 1 || items[0].Missed != 1 || !items[0].FirstMissed.Equal(utc(2026, 3, 25, 9, 0)) {
		t.Errorf("missed again: %+v", items)
	}
}

func TestWhoNeverWaits(t *testing.T) {
	db := frontDesk(t)
	private := special("P", callerid.Private)
	takeCall(t, db, missed(ringing(utc(2026, 3, 20, 9, 0), "wc/01", private), 5))
	spam := nanp("2175550199")
	takeCall(t, db, missed(ringing(utc(2026, 3, 20, 10, 0), "wc/01", spam), 5))
	mustNot(t, db.SetSpam(spam.E164, true))
	out := ended(ringing(utc(2026, 3, 20, 11, 0), "wc/01", nanp("2175550105")), callerid.OutcomeMissed, true)
	takeCall(t, db, outbound(out))
	if keys := worklistKeys(t, db); len(keys) != 0 {
		t.Errorf("waiting: %v", keys)
	}
	// Clearing the flag brings the caller back.
	mustNot(t, db.SetSpam(spam.E164, false))
	if keys := worklistKeys(t, db); len(keys) != 1 || keys[0] != spam.E164 {
		t.Errorf("after clearing spam: %v", keys)
	}
}

func TestCorrectedOutcomeMovesTheWorklist(t *testing.T) {
	db := frontDesk(t)
	id := takeCall(t, db, missed(ringing(utc(2026, 3, 20, 9, 0), "/dev/ttyACM0", nanp("2175550101")), 4))
	mustNot(t, db.CorrectOutcome(id, callerid.OutcomeAnswered))
	if keys := worklistKeys(t, db); len(keys) != 0 {
		t.Errorf("answered after all, still waiting: %v", keys)
	}
	mustNot(t, db.CorrectOutcome(id, callerid.OutcomeVoicemail))
	if keys := worklistKeys(t, db); len(keys) != 1 {
		t.Errorf("voicemail after all: %v", keys)
	}
}

func TestOldMissedCallsLeaveTheList(t *testing.T) {
	db := frontDesk(t)
	takeCall(t, db, missed(ringing(utc(2025, 12, 1, 9, 0), "wc/01", nanp("2175550101")), 5))
	if keys := worklistKeys(t, db); len(keys) != 0 {
		t.Errorf("a missed call of four months ago: %v", keys)
	}
	fig, _ := db.Recovery(utc(2025, 12, 1, 0, 0), utc(2026, 1, 1, 0, 0))
	if fig.StillWaiting != 1 {
		t.Errorf("recovery = %+v, want one still waiting", fig)
	}
}

func TestMarkBooked(t *testing.T) {
	db := frontDesk(t)
	alice, bob := nanp("2175550101"), nanp("2175550102")
	a := takeCall(t, db, missed(ringing(utc(2026, 3, 20, 9, 0), "wc/01", alice), 5))
	b := takeCall(t, db, missed(ringing(utc(2026, 3, 20, 10, 0), "wc/01", bob), 5))
	mustNot(t, db.MarkBooked(a))
	if keys := worklistKeys(t, db); len(keys) != 1 || keys[0] != bob.E164 {
		t.Errorf("after booking alice: %v", keys)
	}
	// Bob is reached by calling again, and books on that call.
	back := takeCall(t, db, answered(ringing(utc(2026, 3, 23, 9, 0), "wc/01", bob), time.Minute))
	mustNot(t, db.MarkBooked(back))
	fig, err := db.Recovery(utc(2026, 3, 1, 0, 0), utc(2026, 4, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if fig.Booked != 2 || fig.Reached != 2 {
		t.Errorf("recovery = %+v, want both booked", fig)
	}
	if err := db.MarkBooked(b - 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("booking a call that is not there: %v", err)
	}
}

// TestRecoveryFigures works out March by hand: five callers missed, one
// private caller missed twice.
func TestRecoveryFigures(t *testing.T) {
	db := frontDesk(t)
	n := func(i int) callerid.Number { return nanp("217555010" + string(rune('0'+i))) }
	// 1: missed twice, answered when calling again 6 hours after the first.
	takeCall(t, db, missed(ringing(utc(2026, 3, 2, 9, 0), "wc/01", n(1)), 5))
	takeCall(t, db, missed(ringing(utc(2026, 3, 2, 11, 0), "wc/01", n(1)), 5))
	takeCall(t, db, answered(ringing(utc(2026, 3, 2, 15, 0), "wc/01", n(1)), time.Minute))
	// 2: voicemail, a callback reaches them 3 days later; they book.
	v := takeCall(t, db, ended(ringing(utc(2026, 3, 3, 9, 0), "wc/01", n(2)), callerid.OutcomeVoicemail, true))
	mustNot(t, db.LogCallback(v, CallbackNoAnswer, utc(2026, 3, 3, 10, 0), ""))
	mustNot(t, db.LogCallback(v, CallbackReached, utc(2026, 3, 6, 9, 0), ""))
	mustNot(t, db.MarkBooked(v))
	// 3: abandoned, reached 10 days later.
	x := takeCall(t, db, ended(ringing(utc(2026, 3, 4, 9, 0), "wc/01", n(3)), callerid.OutcomeAbandoned, true))
	mustNot(t, db.LogCallback(x, CallbackReached, utc(2026, 3, 14, 9, 0), ""))
	// 4: still waiting.
	takeCall(t, db, missed(ringing(utc(2026, 3, 5, 9, 0), "wc/01", n(4)), 5))
	// 5: missed on 31 March, reached in April: March's figure.
	takeCall(t, db, missed(ringing(utc(2026, 3, 31, 23, 0), "wc/01", n(5)), 5))
	takeCall(t, db, answered(ringing(utc(2026, 4, 1, 10, 0), "wc/01", n(5)), time.Minute))
	// Not counted: April's miss, and a private caller (apart).
	takeCall(t, db, missed(ringing(utc(2026, 4, 2, 9, 0), "wc/01", n(6)), 5))
	takeCall(t, db, missed(ringing(utc(2026, 3, 10, 9, 0), "wc/01", special("P", callerid.Private)), 5))
	takeCall(t, db, missed(ringing(utc(2026, 3, 11, 9, 0), "wc/01", special("P", callerid.Private)), 5))

	got, err := db.Recovery(utc(2026, 3, 1, 0, 0), utc(2026, 4, 1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	want := RecoveryFigures{Missed: 5, Reached: 4, ReachedWithinDay: 2, ReachedWithinWeek: 3,
		Booked: 1, StillWaiting: 1, CannotCallBack: 2}
	if got != want {
		t.Errorf("March recovery\n got %+v\nwant %+v", got, want)
	}
}

// TestRebuiltWorklistMatchesTheLiveOne replays the calls into a new
// worklist and finds the one kept call by call.
func TestRebuiltWorklistMatchesTheLiveOne(t *testing.T) {
	db := frontDesk(t)
	takeCall(t, db, missed(ringing(utc(2026, 3, 2, 9, 0), "wc/01", nanp("2175550101")), 5))
	takeCall(t, db, answered(ringing(utc(2026, 3, 3, 9, 0), "wc/01", nanp("2175550101")), time.Minute))
	takeCall(t, db, missed(ringing(utc(2026, 3, 4, 9, 0), "wc/01", nanp("2175550102")), 5))
	takeCall(t, db, missed(ringing(utc(2026, 3, 5, 9, 0), "wc/01", nanp("2175550102")), 5))
	takeCall(t, db, missed(ringing(utc(2026, 3, 6, 9, 0), "wc/01", special("P", callerid.Private)), 5))
	live, _ := db.Worklist()
	liveFig, _ := db.Recovery(time.Time{}, time.Time{})
	mustNot(t, db.update(func(t *txn) error { return t.rebuildWorklist() }))
	rebuilt, _ := db.Worklist()
	rebuiltFig, _ := db.Recovery(time.Time{}, time.Time{})
	if len(live) != 1 || len(rebuilt) != 1 || live[0].Missed != rebuilt[0].Missed || liveFig != rebuiltFig {
		t.Errorf("live %+v %+v\nrebuilt %+v %+v", live, liveFig, rebuilt, rebuiltFig)
	}
}

func mustNot(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
