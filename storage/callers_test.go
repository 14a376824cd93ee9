package storage

import (
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

func TestCallerHistoryBeforeEachCall(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	first := ringing(utc(2026, 10, 12, 9, 0), "2", nanp("2125550147"))
	before := mustRecord(t, db, first)
	if !before.FirstTime() || before.Key != "+12125550147" {
		t.Errorf("first call: before = %+v, want a first-time caller", before)
	}
	mustFinish(t, db, answered(first, time.Minute))

	second := ringing(utc(2026, 11, 3, 14, 0), "1", nanp("2125550147"))
	before = mustRecord(t, db, second)
	if before.Calls != 1 || !before.LastCall.Equal(first.Started) ||
		before.LastOutcome != callerid.OutcomeAnswered || !before.LastExact ||
		!before.FirstCall.Equal(first.Started) || before.FirstLine != "2" {
		t.Errorf("second call: before = %+v, want 1 call on 12 Oct, answered, first on line 2", before)
	}

	// The same caller ID again, e.g. a second block with the name.
	again := mustRecord(t, db, second)
	if again != before {
		t.Errorf("recording again: before = %+v, want %+v", again, before)
	}
	now := mustCaller(t, db, "+12125550147")
	if now.Calls != 2 || !now.LastCall.Equal(second.Started) || now.LastOutcome != "" {
		t.Errorf("caller = %+v, want 2 calls, the last still on", now)
	}
}

func TestCorrectedCallerIDMovesTheCall(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	earlier := ringing(utc(2026, 10, 12, 9, 0), "1", nanp("2125550147"))
	mustRecord(t, db, earlier)
	mustFinish(t, db, answered(earlier, time.Minute))

	wrong := ringing(utc(2026, 11, 3, 14, 0), "1", nanp("2125550999"))
	mustRecord(t, db, wrong)
	right := wrong
	right.Number = nanp("2125550147")
	before := mustRecord(t, db, right)

	if before.Calls != 1 || !before.LastCall.Equal(earlier.Started) {
		t.Errorf("before = %+v, want the caller's one earlier call", before)
	}
	if _, ok, _ := db.Caller("+12125550999"); ok {
		t.Error("the mistaken number is still a caller")
	}
	mustFinish(t, db, missed(right, 4))
	got := mustCaller(t, db, "+12125550147")
	if got.Calls != 2 || got.LastOutcome != callerid.OutcomeMissed || !got.LastAnswered.Equal(earlier.Started) {
		t.Errorf("caller = %+v, want 2 calls, last missed, last answered on 12 Oct", got)
	}
	if day, _ := db.Day(right.Started); day.FirstTime != 0 {
		t.Errorf("day counts %d first-time callers, want 0", day.FirstTime)
	}
}

func TestSpecialCallersStayDistinct(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	at := utc(2026, 11, 3, 9, 0)
	mustRecord(t, db, ringing(at, "1", special("P", callerid.Private)))
	mustRecord(t, db, ringing(at.Add(time.Minute), "1", special("O", callerid.OutOfArea)))
	mustRecord(t, db, ringing(at.Add(2*time.Minute), "1", special("P", callerid.Private)))
	before := mustRecord(t, db, ringing(at.Add(3*time.Minute), "1", special("", callerid.NoNumber)))

	if got := mustCaller(t, db, callerid.Private); got.Calls != 2 {
		t.Errorf("private caller has %d calls, want 2", got.Calls)
	}
	if got := mustCaller(t, db, callerid.OutOfArea); got.Calls != 1 {
		t.Errorf("out-of-area caller has %d calls, want 1", got.Calls)
	}
	if _, ok, _ := db.Caller(callerid.NoNumber); ok || before != (Caller{}) {
		t.Error("a call without caller ID made a caller")
	}
}
