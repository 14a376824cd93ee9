package storage

import (
	"reflect"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York on machines without zoneinfo

	"github.com/callboard-app/callboard/callerid"
)

func TestDaysAreTheShopsLocalDaysAcrossDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	db := openTest(t, Options{Location: ny})
	local := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, ny) }

	// 8 March 2026: the clocks go from 2:00 EST to 3:00 EDT.
	lateSaturday := ringing(local(7, 23, 30), "1", nanp("2125550147")) // 04:30 UTC on the 8th
	beforeJump := ringing(local(8, 1, 30), "1", nanp("2125550148"))
	afterJump := ringing(local(8, 3, 30), "1", nanp("2125550147"))
	mustFinish(t, db, missed(lateSaturday, 4))
	mustFinish(t, db, answered(beforeJump, 90*time.Second))
	mustFinish(t, db, missed(afterJump, 5))

	days, err := db.Days(local(7, 0, 0), local(9, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || !days[1].Date.Equal(local(8, 0, 0)) {
		t.Fatalf("Days = %+v, want 7 and 8 March", days)
	}
	var sat DayTotals
	sat.ByHour[23] = 1
	if days[0].Calls != 1 || days[0].ByHour != sat.ByHour || days[0].FirstTime != 1 {
		t.Errorf("7 March = %+v, want the 23:30 call", days[0])
	}
	sun := days[1]
	var hours [24]int
	hours[1], hours[3] = 1, 1
	outcomes := map[callerid.Outcome]int{callerid.OutcomeAnswered: 1, callerid.OutcomeMissed: 1}
	if sun.Calls != 2 || sun.ByHour != hours || !reflect.DeepEqual(sun.ByOutcome, outcomes) ||
		sun.FirstTime != 1 || sun.TalkSeconds != 90 {
		t.Errorf("8 March = %+v, want calls at 1 and 3 a.m., one answered for 90 s, one first-time", sun)
	}

	// 1 November 2026: 1:30 a.m. happens twice.
	edt := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)
	est := edt.Add(time.Hour)
	mustFinish(t, db, missed(ringing(edt, "1", nanp("2125550147")), 4))
	mustFinish(t, db, missed(ringing(est, "1", nanp("2125550147")), 4))
	nov, err := db.Day(est)
	if err != nil {
		t.Fatal(err)
	}
	if nov.Calls != 2 || nov.ByHour[1] != 2 || !nov.Date.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, ny)) {
		t.Errorf("1 November = %+v, want both 1:30 calls in hour 1", nov)
	}
}

func TestDaysWithoutCallsAreListed(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	mustFinish(t, db, missed(ringing(utc(2026, 4, 2, 10, 0), "1", nanp("2125550147")), 4))
	days, err := db.Days(utc(2026, 4, 1, 0, 0), utc(2026, 4, 4, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, d := range days {
		counts = append(counts, d.Calls)
	}
	if !reflect.DeepEqual(counts, []int{0, 1, 0}) || !days[2].Date.Equal(utc(2026, 4, 3, 0, 0)) {
		t.Errorf("Days = %+v, want 1–3 April with one call on the 2nd", days)
	}
}
