package whozz

import (
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// The unit's records, through the tracker the app uses, make one call each
// with the outcome the unit saw — not an estimate from the rings.
func TestUnitRecordsMakeExactCallsInTheTracker(t *testing.T) {
	clock := time.Date(2026, 3, 15, 14, 22, 1, 0, time.Local)
	a := &Assembler{Unit: "wc", Now: func() time.Time { return clock }}
	tr := callerid.NewTracker(callerid.TrackerConfig{})
	var ended []callerid.Call
	feed := func(after time.Duration, line string) {
		t.Helper()
		clock = clock.Add(after)
		r, ok := ParseRecord(line)
		if !ok {
			t.Fatalf("record not parsed: %q", line)
		}
		for _, ev := range a.Feed(r) {
			for _, u := range tr.Handle(ev) {
				if u.Kind == callerid.CallEnded {
					ended = append(ended, u.Call)
				}
			}
		}
	}
	// §4.5 answered inbound: the phone is picked up after the second ring
	// and put down three and a half minutes later.
	feed(0, "01 R             03/15 14:22:01")
	feed(time.Second, "01 I S 0000 G A0 03/15 02:22 PM 615-555-0123   SMITH J")
	feed(5*time.Second, "01 R             03/15 14:22:07")
	feed(3*time.Second, "01 F             03/15 14:22:10")
	feed(210*time.Second, "01 N             03/15 14:25:40")
	feed(time.Second, "01 I E 0210 G A2 03/15 02:22 PM 615-555-0123   SMITH J")
	// Missed: four rings, nobody picks up, the end record comes later than
	// the ring gap would have allowed.
	feed(60*time.Second, "01 R             03/15 14:26:42")
	feed(time.Second, "01 I S 0000 G A0 03/15 02:26 PM 615-555-0199   JONES A")
	for range 3 {
		feed(6*time.Second, "01 R             03/15 14:26:49")
	}
	feed(20*time.Second, "01 I E 0000 G A4 03/15 02:26 PM 615-555-0199   JONES A")

	if len(ended) != 2 {
		t.Fatalf("%d calls ended, want 2: %+v", len(ended), ended)
	}
	answered, missed := ended[0], ended[1]
	if answered.Outcome != callerid.OutcomeAnswered || !answered.Exact || answered.Rings != 2 || answered.TalkTime() < 210*time.Second {
		t.Errorf("answered call: %s exact=%v rings=%d talk=%v", answered.Outcome, answered.Exact, answered.Rings, answered.TalkTime())
	}
	if missed.Outcome != callerid.OutcomeMissed || !missed.Exact || missed.Rings != 4 {
		t.Errorf("missed call: %s exact=%v rings=%d", missed.Outcome, missed.Exact, missed.Rings)
	}
}
