package storage

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

func TestCallIsSavedAtCallerIDAndUpdatedAtTheEnd(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	c := ringing(utc(2026, 11, 3, 9, 15), "1", nanp("2125550147"))

	mustRecord(t, db, c)
	got, err := db.Call(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) || !got.Active() {
		t.Errorf("after Record:\n got %+v\nwant %+v", got, c)
	}

	end := answered(c, 95*time.Second)
	mustFinish(t, db, end)
	got, err = db.Call(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, end) {
		t.Errorf("after Finish:\n got %+v\nwant %+v", got, end)
	}
}

func TestCallSurvivesACrashBeforeItEnds(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	path := db.Path()
	c := ringing(utc(2026, 11, 3, 9, 15), "1", nanp("2125550147"))
	mustRecord(t, db, c)
	_ = db.Close() // the app dies mid-call

	db, err := Open(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Call(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("after reopening:\n got %+v\nwant %+v", got, c)
	}
	if day, _ := db.Day(c.Started); day.Calls != 0 {
		t.Errorf("a call still on counts in its day: %+v", day)
	}
}

func TestFinishWithoutRecordSavesTheCall(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	// Rings only: no caller ID ever arrived.
	at := utc(2026, 11, 3, 9, 15)
	c := callerid.Call{ID: at.UnixNano(), Line: "1", Started: at, Rings: 5,
		Ended: at.Add(30 * time.Second), Outcome: callerid.OutcomeMissed}
	mustFinish(t, db, c)
	got, err := db.Call(c.ID)
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Errorf("Call = %+v, %v; want %+v", got, err, c)
	}
	if day, _ := db.Day(at); day.Calls != 1 || day.ByOutcome[callerid.OutcomeMissed] != 1 {
		t.Errorf("day = %+v, want one missed call", day)
	}
}

func TestFinishingTwiceCountsOnce(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	c := ringing(utc(2026, 11, 3, 9, 15), "1", nanp("2125550147"))
	mustRecord(t, db, c)
	mustFinish(t, db, missed(c, 4))
	mustFinish(t, db, answered(c, time.Minute)) // the outcome was corrected

	day, err := db.Day(c.Started)
	if err != nil {
		t.Fatal(err)
	}
	want := map[callerid.Outcome]int{callerid.OutcomeAnswered: 1}
	if day.Calls != 1 || !reflect.DeepEqual(day.ByOutcome, want) || day.TalkSeconds != 60 || day.FirstTime != 1 {
		t.Errorf("day = %+v, want one answered first-time call of 60 s", day)
	}
	if got := mustCaller(t, db, "+12125550147"); got.Calls != 1 || got.LastOutcome != callerid.OutcomeAnswered {
		t.Errorf("caller = %+v, want 1 call, last answered", got)
	}
}

func TestCallNotFound(t *testing.T) {
	db := openTest(t, Options{})
	_, err := db.Call(utc(2026, 1, 1, 0, 0).UnixNano())
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

func TestCallsAreNewestFirstAcrossMonths(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	starts := []time.Time{
		utc(2026, 1, 15, 10, 0),
		utc(2026, 1, 31, 23, 59), // last of January
		utc(2026, 2, 1, 0, 0),    // first of February
		utc(2026, 2, 20, 12, 0),
		utc(2026, 3, 1, 0, 0), // the end of the period: excluded
	}
	for _, at := range starts {
		mustFinish(t, db, missed(ringing(at, "1", nanp("2125550147")), 4))
	}
	ids := func(calls []callerid.Call) []time.Time {
		var out []time.Time
		for _, c := range calls {
			out = append(out, c.Started)
		}
		return out
	}

	got, err := db.Calls(utc(2026, 1, 20, 0, 0), utc(2026, 3, 1, 0, 0), 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []time.Time{starts[3], starts[2], starts[1]}; !reflect.DeepEqual(ids(got), want) {
		t.Errorf("Calls = %v, want %v", ids(got), want)
	}

	got, _ = db.Calls(utc(2026, 1, 1, 0, 0), utc(2026, 3, 1, 0, 0), 2)
	if want := []time.Time{starts[3], starts[2]}; !reflect.DeepEqual(ids(got), want) {
		t.Errorf("Calls limit 2 = %v, want %v", ids(got), want)
	}

	got, _ = db.Calls(time.Time{}, time.Time{}, 0)
	if len(got) != len(starts) || !got[0].Started.Equal(starts[4]) {
		t.Errorf("Calls of all time = %v, want all %d, newest first", ids(got), len(starts))
	}
}

func TestReadsWhileTheLineWrites(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	start := utc(2026, 5, 4, 9, 0)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 20 {
			c := ringing(start.Add(time.Duration(i)*time.Minute), "1", nanp("2125550147"))
			if _, err := db.Record(c); err != nil {
				t.Error(err)
			}
			if err := db.Finish(missed(c, 4)); err != nil {
				t.Error(err)
			}
		}
	}()
	for range 20 {
		if _, err := db.Calls(start, start.Add(time.Hour), 10); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Caller("+12125550147"); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if day, _ := db.Day(start); day.Calls != 20 {
		t.Errorf("day has %d calls, want 20", day.Calls)
	}
}

func TestRingPatternDialledNumberAndDirectionAreKept(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	c := ringing(utc(2026, 11, 3, 9, 15), "1", nanp("2125550147"))
	c.RingPattern, c.Dialed, c.Outbound = "B", "+18005550100", true
	mustRecord(t, db, c)
	got, err := db.Call(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.RingPattern != "B" || got.Dialed != "+18005550100" || !got.Outbound {
		t.Fatalf("stored call lost fields: %+v", got)
	}
}
