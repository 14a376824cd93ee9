package sim

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// aYear is a year of a shop taking 60 calls a weekday.
func aYear() []callerid.Call {
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, springfield)
	return History(from, from.AddDate(1, 0, 0), springfield, rand.New(rand.NewPCG(3, 4)), 60, callerid.Normalizer{Region: "US", AreaCode: "217"}, "demo")
}

func TestHistoryMeetsFarMoreNewCallersThanTheFictionalRangeHolds(t *testing.T) {
	callers := map[string]bool{}
	calls := aYear()
	for _, c := range calls {
		callers[c.Number.Key()] = true
	}
	// 555-0100..0199 behind the area codes is 4,800 numbers; a year of a
	// busy shop meets more people than that, and so must ten years' more.
	if len(callers) < 6000 {
		t.Errorf("%d distinct callers in %d calls of a year", len(callers), len(calls))
	}
}

func TestNewCallersHaveSubscriberNumbersThatSayWhereTheyAreFrom(t *testing.T) {
	g := newHistory(rand.New(rand.NewPCG(9, 9)), callerid.Normalizer{Region: "US"}, "l", springfield, 20)
	placed := 0
	const n = 300
	for range n {
		c := g.newcomer()
		if len(c.Number) != 10 || c.number.E164 != "+1"+c.Number {
			t.Fatalf("newcomer %q reads as %+v", c.Number, c.number)
		}
		exchange, _ := strconv.Atoi(c.Number[3:6])
		if exchange < 200 || exchange%100 == 11 || exchange == 555 {
			t.Fatalf("newcomer %s: exchange %d is a service code or fiction", c.Number, exchange)
		}
		if c.number.Place() != "" {
			placed++
		}
	}
	if placed < n*9/10 {
		t.Errorf("only %d of %d new numbers say where they are from", placed, n)
	}
}

func TestGeneratorPiecesContinueOneShop(t *testing.T) {
	gen := NewGenerator(springfield, rand.New(rand.NewPCG(1, 2)), 40, callerid.Normalizer{Region: "US"}, "main")
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, springfield)
	first := gen.Calls(jan, jan.AddDate(0, 1, 0), 40)
	second := gen.Calls(jan.AddDate(0, 1, 0), jan.AddDate(0, 2, 0), 80)
	if len(first) == 0 || len(second) < len(first)*3/2 {
		t.Fatalf("%d calls in January at 40 a weekday, %d in February at 80", len(first), len(second))
	}
	if !second[0].Started.After(first[len(first)-1].Started) || second[0].ID <= first[len(first)-1].ID {
		t.Error("the second piece does not start after the first")
	}
	seen := map[string]bool{}
	for _, c := range first {
		seen[c.Number.Key()] = true
	}
	again := 0
	for _, c := range second {
		if seen[c.Number.Key()] {
			again++
		}
	}
	if again < len(second)/3 {
		t.Errorf("only %d of February's %d calls from January's callers: the regulars were forgotten", again, len(second))
	}
}

func TestGeneratorRoutesCallsAndKeepsEachLineToOneCall(t *testing.T) {
	gen := NewGenerator(springfield, rand.New(rand.NewPCG(5, 5)), 200, callerid.Normalizer{Region: "US"}, "unused")
	routes := []Route{{Line: "/dev/ttyACM0"}, {Line: "/dev/ttyACM0", RingPattern: "B"}, {Line: "wc/02"}, {Line: "ncid", Dialed: "+18005550100"}}
	gen.Route = func(_ time.Time, rnd *rand.Rand) Route { return routes[rnd.IntN(len(routes))] }
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, springfield)
	calls := gen.Calls(from, from.AddDate(0, 0, 7), 200)
	perRoute := map[Route]int{}
	busyUntil := map[string]time.Time{}
	for i, c := range calls {
		perRoute[Route{c.Line, c.RingPattern, c.Dialed}]++
		if i > 0 && (c.ID <= calls[i-1].ID || c.Started.Before(calls[i-1].Started)) {
			t.Fatalf("call %d is out of order", i)
		}
		if c.Started.Before(busyUntil[c.Line]) {
			t.Fatalf("call %d rings on %s while it is busy", i, c.Line)
		}
		busyUntil[c.Line] = c.Ended
	}
	for _, r := range routes {
		if perRoute[r] < len(calls)/8 {
			t.Errorf("%d of %d calls on %+v", perRoute[r], len(calls), r)
		}
	}
	if perRoute[Route{Line: "unused"}] != 0 {
		t.Error("calls on the default line despite a route")
	}
}
