package storage

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// history invents n finished calls from callers callers over the days after
// start, a few of them private or without caller ID.
func history(n, callers int, start time.Time, seed uint64) []callerid.Call {
	r := rand.New(rand.NewPCG(seed, 1))
	step := 24 * time.Hour / 270 // a busy shop's day
	calls := make([]callerid.Call, 0, n)
	for i := range n {
		at := start.Add(time.Duration(i) * step).Add(time.Duration(r.IntN(int(step / 2))))
		var num callerid.Number
		switch k := r.IntN(100); {
		case k < 3:
			num = special("P", callerid.Private)
		case k < 5:
			num = special("", callerid.NoNumber)
		default:
			num = nanp(fmt.Sprintf("212555%04d", r.IntN(callers)))
		}
		c := ringing(at, fmt.Sprint(1+r.IntN(2)), num)
		if r.IntN(3) == 0 {
			c = missed(c, 4+r.IntN(3))
		} else {
			c = answered(c, time.Duration(10+r.IntN(600))*time.Second)
		}
		calls = append(calls, c)
	}
	return calls
}

func TestImportCallsEqualsRecordAndFinish(t *testing.T) {
	start := utc(2026, 1, 31, 6, 0) // across a month boundary
	calls := history(300, 30, start, 7)
	live := openTest(t, Options{Location: time.UTC})
	for _, c := range calls {
		ringingCall := c
		ringingCall.Ended, ringingCall.Answered = time.Time{}, time.Time{}
		ringingCall.Outcome, ringingCall.Exact = callerid.OutcomeUnknown, false
		mustRecord(t, live, ringingCall)
		mustFinish(t, live, c)
	}
	imported := openTest(t, Options{Location: time.UTC})
	shuffled := append([]callerid.Call(nil), calls...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) {
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	})
	if err := imported.ImportCalls(shuffled); err != nil {
		t.Fatal(err)
	}

	want, _ := live.Calls(time.Time{}, time.Time{}, 0)
	got, err := imported.Calls(time.Time{}, time.Time{}, 0)
	if err != nil || !reflect.DeepEqual(got, want) || len(got) != len(calls) {
		t.Errorf("imported calls differ (%d vs %d), %v", len(got), len(want), err)
	}
	for _, c := range calls {
		key := c.Number.Key()
		w, wok, _ := live.Caller(key)
		g, gok, _ := imported.Caller(key)
		if w != g || wok != gok {
			t.Errorf("caller %q: imported %+v, live %+v", key, g, w)
		}
	}
	end := start.Add(3 * 24 * time.Hour)
	wantDays, _ := live.Days(start, end)
	gotDays, _ := imported.Days(start, end)
	if !reflect.DeepEqual(gotDays, wantDays) {
		t.Errorf("imported days\n %+v\nlive\n %+v", gotDays, wantDays)
	}
	if wantDays[0].Calls == 0 || wantDays[0].FirstTime == 0 {
		t.Errorf("the history is too thin to compare: %+v", wantDays[0])
	}
}

func TestImportRefusesCallsStillOn(t *testing.T) {
	db := openTest(t, Options{})
	c := ringing(utc(2026, 1, 30, 9, 0), "1", nanp("2125550147"))
	if err := db.ImportCalls([]callerid.Call{c}); err == nil {
		t.Error("a call without an end was imported")
	}
}
