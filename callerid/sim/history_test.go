package sim

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

var springfield = func() *time.Location {
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		return time.FixedZone("CST", -6*3600)
	}
	return loc
}()

// fourMonths is 120 days of a shop taking 40 calls a weekday.
func fourMonths(seed uint64) []callerid.Call {
	from := time.Date(2025, 11, 1, 0, 0, 0, 0, springfield)
	to := from.AddDate(0, 0, 120)
	return History(from, to, springfield, rand.New(rand.NewPCG(seed, 7)), 40, callerid.Normalizer{Region: "US", AreaCode: "217"}, "demo")
}

// seedOne is fourMonths(1), made once for the tests that only read it.
var seedOne = sync.OnceValue(func() []callerid.Call { return fourMonths(1) })

func TestHistoryIsTheSameForTheSameSeed(t *testing.T) {
	tenDays := func(seed uint64) []callerid.Call {
		from := time.Date(2026, 2, 2, 0, 0, 0, 0, springfield)
		return History(from, from.AddDate(0, 0, 10), springfield, rand.New(rand.NewPCG(seed, 7)), 40, callerid.Normalizer{Region: "US"}, "demo")
	}
	a, b := tenDays(1), tenDays(1)
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Error("two histories from one seed differ")
	}
	if c := tenDays(2); reflect.DeepEqual(a, c) {
		t.Error("two seeds gave the same history")
	}
}

func TestHistoryCallsAreCompleteUniqueAndInOrder(t *testing.T) {
	calls := seedOne()
	if n := len(calls); n < 2500 || n > 5000 {
		t.Fatalf("%d calls in 120 days at 40 a weekday", n)
	}
	date := regexp.MustCompile(`^(0[1-9]|1[0-2])[0-3]\d$`)
	clock := regexp.MustCompile(`^([01]\d|2[0-3])[0-5]\d$`)
	for i, c := range calls {
		if i > 0 {
			prev := calls[i-1]
			if c.ID <= prev.ID || !c.Started.After(prev.Started) {
				t.Fatalf("call %d (%v, id %d) not after call %d (%v, id %d)", i, c.Started, c.ID, i-1, prev.Started, prev.ID)
			}
			if c.Started.Before(prev.Ended) {
				t.Fatalf("call %d starts before call %d ended: one line carries one call", i, i-1)
			}
		}
		if c.ID != c.Started.UnixNano() || c.Line != "demo" {
			t.Fatalf("call %d: id %d line %q", i, c.ID, c.Line)
		}
		if d := c.Known.Sub(c.Started); d < time.Second || d > 10*time.Second {
			t.Fatalf("call %d: caller ID %v after the first ring", i, d)
		}
		if c.Ended.Before(c.Known) || c.Rings < 1 || c.Rings > 8 || c.Number.Raw == "" || c.Name == "" || c.Raw == "" {
			t.Fatalf("incomplete call %+v", c)
		}
		local := c.Started.In(springfield)
		if c.TelcoDate != local.Format("0102") || c.TelcoTime != local.Format("1504") || !date.MatchString(c.TelcoDate) || !clock.MatchString(c.TelcoTime) {
			t.Fatalf("call at %v stamped %s %s", local, c.TelcoDate, c.TelcoTime)
		}
	}
}

func TestHistoryOutcomesFollowTheDeviceThatSawThem(t *testing.T) {
	calls := seedOne()
	count := map[callerid.Outcome]int{}
	exactAnswered := 0
	for _, c := range calls {
		count[c.Outcome]++
		switch {
		case c.Exact && c.Outcome == callerid.OutcomeAnswered:
			exactAnswered++
			talk := c.TalkTime()
			if talk < 30*time.Second || talk > 10*time.Minute || c.Answered.Before(c.Known) {
				t.Fatalf("answered call talked %v, answered %v after it started", talk, c.Answered.Sub(c.Started))
			}
		case c.Exact:
			if !c.Answered.IsZero() {
				t.Fatalf("%s call was answered", c.Outcome)
			}
		case c.Rings >= 4 && c.Outcome != callerid.OutcomeMissed,
			c.Rings < 4 && c.Outcome != callerid.OutcomeUnknown:
			t.Fatalf("estimate of %d rings is %s; a plain modem says missed from 4 rings, unknown below", c.Rings, c.Outcome)
		}
	}
	share := func(n int) float64 { return float64(n) / float64(len(calls)) }
	if s := share(count[callerid.OutcomeMissed] + count[callerid.OutcomeVoicemail]); s < 0.05 || s > 0.30 {
		t.Errorf("missed or voicemail: %.0f%% of calls, want 5-30%%", 100*s)
	}
	if s := share(exactAnswered); s < 0.3 {
		t.Errorf("only %.0f%% of calls answered exactly: charts need answered calls", 100*s)
	}
	if count[callerid.OutcomeAbandoned] == 0 || count[callerid.OutcomeVoicemail] == 0 || count[callerid.OutcomeUnknown] == 0 {
		t.Errorf("outcomes %v: want some abandoned, voicemail and unknown", count)
	}
}

func TestHistoryWeekdaysAreBusyAndSundaysNearlyClosed(t *testing.T) {
	var perWeekday [7]int
	inHours := 0
	calls := seedOne()
	for _, c := range calls {
		local := c.Started.In(springfield)
		perWeekday[local.Weekday()]++
		if h := local.Hour(); h >= 8 && h < 18 {
			inHours++
		}
	}
	weekday := 0
	for d := time.Monday; d <= time.Friday; d++ {
		weekday += perWeekday[d]
	}
	if weekday/5 < 3*perWeekday[time.Saturday]/2 || perWeekday[time.Saturday] < 3*perWeekday[time.Sunday] {
		t.Errorf("calls by weekday %v: want weekdays busier than Saturday, Saturday than Sunday, by far", perWeekday)
	}
	if s := float64(inHours) / float64(len(calls)); s < 0.85 {
		t.Errorf("only %.0f%% of calls within 8-18", 100*s)
	}
}

func TestHistoryHasRegularsAndMostlyOneTimeCallers(t *testing.T) {
	perCaller := map[string]int{}
	for _, c := range seedOne() {
		perCaller[c.Number.Key()]++
	}
	once, regulars := 0, 0
	for key, n := range perCaller {
		if key == callerid.Private || key == callerid.OutOfArea {
			continue
		}
		if n == 1 {
			once++
		}
		if n >= 5 {
			regulars++
		}
	}
	if regulars < 10 {
		t.Errorf("%d callers called 5 times or more, want a pool of regulars", regulars)
	}
	if once <= len(perCaller)/2 {
		t.Errorf("%d of %d callers called once, want most", once, len(perCaller))
	}
	if perCaller[callerid.Private] == 0 || perCaller[callerid.OutOfArea] == 0 {
		t.Error("no private or out-of-area callers")
	}
}

func TestHistoryKeepsWithinItsPeriod(t *testing.T) {
	from := time.Date(2026, 1, 5, 12, 0, 0, 0, springfield)
	to := from.Add(24 * time.Hour)
	calls := History(from, to, springfield, rand.New(rand.NewPCG(5, 6)), 40, callerid.Normalizer{}, "l")
	if len(calls) == 0 {
		t.Fatal("no calls on a Monday afternoon to Tuesday noon")
	}
	for _, c := range calls {
		if c.Started.Before(from) || !c.Started.Before(to) {
			t.Fatalf("call at %v outside [%v, %v)", c.Started.In(springfield), from, to)
		}
	}
	if got := History(to, from, springfield, rand.New(rand.NewPCG(5, 6)), 40, callerid.Normalizer{}, "l"); len(got) != 0 {
		t.Errorf("%d calls in an empty period", len(got))
	}
}

func BenchmarkHistory120DaysAt40(b *testing.B) {
	for b.Loop() {
		fourMonths(1)
	}
}
