package whozz_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/whozz"
)

// The answered inbound call of the formats reference, §4.5.
var answeredCall = []string{
	"01 R             03/15 14:22:01",
	"01 I S 0000 G A0 03/15 02:22 PM 615-555-0123   SMITH J",
	"01 R             03/15 14:22:07",
	"01 F             03/15 14:22:10",
	"01 N             03/15 14:25:40",
	"01 I E 0210 G A2 03/15 02:22 PM 615-555-0123   SMITH J",
}

// A missed inbound call: rings, caller ID, more rings, no pick-up.
var missedCall = []string{
	"02 R             03/15 15:01:00",
	"02 I S 0000 G A0 03/15 03:01 PM 615-555-0188   JONES A",
	"02 R             03/15 15:01:06",
	"02 R             03/15 15:01:12",
	"02 R             03/15 15:01:18",
	"02 I E 0000 G A4 03/15 03:01 PM 615-555-0188   JONES A",
}

func TestAnsweredCallEndsAnsweredWithItsTalkTime(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	want := []string{
		"shop/01 ring",
		"shop/01 callerid number=615-555-0123 name=SMITH J date=0315 time=1422",
		"shop/01 ring",
		"shop/01 offhook",
		"shop/01 onhook",
		"shop/01 end outcome=answered rings=2 talk=3m30s",
	}
	checkEvents(t, feed(t, a, answeredCall...), want)
}

func TestMissedCallEndsMissedWithItsRings(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	want := []string{
		"shop/02 ring",
		"shop/02 callerid number=615-555-0188 name=JONES A date=0315 time=1501",
		"shop/02 ring",
		"shop/02 ring",
		"shop/02 ring",
		"shop/02 end outcome=missed rings=4",
	}
	checkEvents(t, feed(t, a, missedCall...), want)
}

func TestEventsCarryThePCTimeAndTheRecord(t *testing.T) {
	a := &whozz.Assembler{Now: fixedClock}
	evs := feed(t, a, answeredCall[1])
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	ev := evs[0]
	if !ev.At.Equal(fixedClock()) || ev.Raw != answeredCall[1] || ev.Line != "whozz/01" {
		t.Errorf("got At %v Raw %q Line %q; want the PC clock, the record, and the default label", ev.At, ev.Raw, ev.Line)
	}
}

func TestOutboundCallIsOutboundFromStartToEnd(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	evs := feed(t, a,
		"03 F             03/15 14:30:02",
		"03 O S 0000 G A0 03/15 02:30 PM 6155550199",
		"03 N             03/15 14:31:40",
		"03 O E 0095 G A0 03/15 02:30 PM 6155550199",
	)
	checkEvents(t, evs, []string{
		"shop/03 offhook",
		"shop/03 callerid number=6155550199 date=0315 time=1430 outbound",
		"shop/03 onhook",
		"shop/03 end outcome=answered talk=1m35s outbound",
	})
}

func TestEndRecordWithoutStartStillMakesACompleteCall(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	checkEvents(t, feed(t, a, "01 I E 0000 G A3 03/15 02:22 PM 615-555-0123   SMITH J"), []string{
		"shop/01 callerid number=615-555-0123 name=SMITH J date=0315 time=1422",
		"shop/01 end outcome=missed rings=3",
	})
}

func TestEndRecordWithoutStartAfterRingsAndPickUp(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	checkEvents(t, feed(t, a,
		"01 R             03/15 14:22:01",
		"01 R             03/15 14:22:07",
		"01 F             03/15 14:22:10",
		"01 N             03/15 14:23:10",
		"01 I E 0060 G A2 03/15 02:22 PM 615-555-0123   SMITH J",
	), []string{
		"shop/01 ring",
		"shop/01 ring",
		"shop/01 offhook",
		"shop/01 onhook",
		"shop/01 callerid number=615-555-0123 name=SMITH J date=0315 time=1422",
		"shop/01 end outcome=answered rings=2 talk=1m0s",
	})
}

func TestPickUpBeforeTheCallDoesNotAnswerIt(t *testing.T) {
	// Someone lifted the phone and put it down again; then a call rang out.
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	evs := feed(t, a, append([]string{
		"02 F             03/15 15:00:00",
		"02 N             03/15 15:00:20",
	}, missedCall...)...)
	if got := describe(evs[len(evs)-1]); got != "shop/02 end outcome=missed rings=4" {
		t.Errorf("last event %q, want the call missed", got)
	}
}

func TestDistinctiveRingLetters(t *testing.T) {
	const (
		startA0 = "01 I S 0000 G A0 03/15 02:22 PM 615-555-0123   SMITH J"
		endA3   = "01 I E 0000 G A3 03/15 02:22 PM 615-555-0123   SMITH J"
		endB3   = "01 I E 0000 G B3 03/15 02:22 PM 615-555-0123   SMITH J"
		startC1 = "02 I S 0000 G C1 03/15 02:22 PM 615-555-0123   SMITH J"
	)
	for _, tc := range []struct {
		name            string
		distinctiveRing bool
		record          string
		want            string
	}{
		{"B only exists with the service", false, endB3, "B"},
		{"a start record may know the pattern", false, startC1, "C"},
		{"A is the ordinary ring without the service", false, endA3, ""},
		{"A is a pattern of its own with the service", true, endA3, "A"},
		{"A0 in a start record is a placeholder", true, startA0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &whozz.Assembler{DistinctiveRing: tc.distinctiveRing, Now: fixedClock}
			for _, ev := range feed(t, a, tc.record) {
				if ev.RingPattern != tc.want {
					t.Errorf("%v event RingPattern %q, want %q", ev.Kind, ev.RingPattern, tc.want)
				}
			}
		})
	}
}

func TestBasicUnitLeavesTheOutcomeToTheTracker(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock, Basic: true}
	evs := feed(t, a, missedCall...)
	if got := describe(evs[len(evs)-1]); got != "shop/02 end rings=4" {
		t.Errorf("last event %q, want an end with rings but no outcome", got)
	}
}

func TestLinesOfOneUnitAreTrackedApart(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	var lines []string
	for i := range answeredCall {
		lines = append(lines, answeredCall[i], missedCall[i])
	}
	var ends []string
	for _, ev := range feed(t, a, lines...) {
		if ev.Kind == callerid.End {
			ends = append(ends, describe(ev))
		}
	}
	checkLines(t, ends, []string{
		"shop/01 end outcome=answered rings=2 talk=3m30s",
		"shop/02 end outcome=missed rings=4",
	})
}

func TestSameCallerRedialingWithinTheMinuteIsASecondCall(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	evs := feed(t, a, append(append([]string{}, missedCall...), missedCall...)...)
	var calls, ends int
	for _, ev := range evs {
		switch ev.Kind {
		case callerid.CallerID:
			calls++
		case callerid.End:
			ends++
		}
	}
	if calls != 2 || ends != 2 {
		t.Errorf("got %d caller IDs and %d ends, want 2 of each", calls, ends)
	}
}

func TestSameStartRecordMuchLaterIsACallBack(t *testing.T) {
	// Limited and TCI units send no end records.
	const start = "$01 03/15 02:30 PM 8002404637 I CallerID.com"
	clock := fixedClock()
	a := &whozz.Assembler{Unit: "shop", Now: func() time.Time { return clock }}
	feed(t, a, start)
	if evs := feed(t, a, start); len(evs) != 0 {
		t.Errorf("an immediate repeat gave %v", describeAll(evs))
	}
	clock = clock.Add(40 * time.Second)
	checkEvents(t, feed(t, a, start), []string{
		"shop/01 end",
		"shop/01 callerid number=8002404637 name=CallerID.com date=0315 time=1430",
	})
}

func TestLostEndRecordIsClosedByTheNextCall(t *testing.T) {
	clock := fixedClock()
	a := &whozz.Assembler{Unit: "shop", Now: func() time.Time { return clock }}
	feed(t, a, answeredCall[:5]...) // the E record never came
	clock = clock.Add(10 * time.Minute)
	evs := feed(t, a, "01 R             03/15 14:35:00")
	checkEvents(t, evs, []string{
		"shop/01 end outcome=answered rings=2",
		"shop/01 ring",
	})
}

func TestLostEndRecordOfARingingCallIsClosedByTheNextRing(t *testing.T) {
	clock := fixedClock()
	a := &whozz.Assembler{Unit: "shop", Now: func() time.Time { return clock }}
	for _, l := range missedCall[:5] { // rings 6 s apart; the E record never came
		feed(t, a, l)
		clock = clock.Add(6 * time.Second)
	}
	clock = clock.Add(time.Minute)
	checkEvents(t, feed(t, a, "02 R             03/15 15:02:30"), []string{
		"shop/02 end rings=4",
		"shop/02 ring",
	})
}

func TestBadChecksumGivesNoCaller(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	evs := feed(t, a, "01 I S 0000 B A0 03/15 02:22 PM 615-555-0I23   SM!TH J")
	checkEvents(t, evs, []string{"shop/01 callerid date=0315 time=1422"})
	if !strings.Contains(evs[0].Raw, "615-555-0I23") {
		t.Errorf("Raw %q lost what the unit printed", evs[0].Raw)
	}
}

func TestBlockedCallEndsBlocked(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	checkEvents(t, feed(t, a,
		"01 R             03/15 14:22:01",
		"01 I B 0000 G A1 03/15 02:22 PM 800-555-0000   TELEMARKETER",
	), []string{
		"shop/01 ring",
		"shop/01 callerid number=800-555-0000 name=TELEMARKETER date=0315 time=1422",
		"shop/01 end outcome=blocked rings=1",
	})
}

func TestCallAccountingRecordEndsTheCall(t *testing.T) {
	a := &whozz.Assembler{Unit: "voip", Now: fixedClock}
	checkEvents(t, feed(t, a,
		"01 I S 0000 G A0 03/15 02:22 PM 615-555-0123   SMITH J",
		"01 I C 0000 G A1 03/15 02:22 PM 615-555-0123 SMITH J 0020 0000 487 Request Termin.",
		"02 I C 0045 G A1 03/15 02:22 PM 615-555-0124   SMITH K         0012 0000 200 OK              ",
	), []string{
		"voip/01 callerid number=615-555-0123 name=SMITH J date=0315 time=1422",
		"voip/01 end outcome=missed rings=1",
		"voip/02 callerid number=615-555-0124 name=SMITH K date=0315 time=1422",
		"voip/02 end outcome=answered rings=1 talk=45s",
	})
}

func TestRepeatedEndRecordIsNotASecondCall(t *testing.T) {
	a := &whozz.Assembler{Unit: "shop", Now: fixedClock}
	feed(t, a, answeredCall...)
	if evs := feed(t, a, answeredCall[5]); len(evs) != 0 {
		t.Errorf("a repeat of the end record gave %v", describeAll(evs))
	}
}

func TestMemoryRecordsAndHookFlashesMakeNoEvents(t *testing.T) {
	a := &whozz.Assembler{Now: fixedClock}
	evs := feed(t, a,
		"0248 02 09/26 13:28 I E 0276 G A3 800-555-1212 AT&T INFORMATIO",
		"01 H             11/07 22:11:08",
	)
	if len(evs) != 0 {
		t.Errorf("got %v, want nothing: memory records are history and a flash changes no call", describeAll(evs))
	}
}

func fixedClock() time.Time { return time.Date(2026, 3, 15, 14, 22, 1, 0, time.UTC) }

// feed parses each line and feeds it to a, failing on a line that is not a
// record.
func feed(t testing.TB, a *whozz.Assembler, lines ...string) []callerid.Event {
	t.Helper()
	var evs []callerid.Event
	for _, l := range lines {
		r, ok := whozz.ParseRecord(l)
		if !ok {
			t.Fatalf("not a record: %q", l)
		}
		evs = append(evs, a.Feed(r)...)
	}
	return evs
}

// describe puts an event's meaning on one line: its line label, kind, and
// every field set apart from the time and the raw record.
func describe(ev callerid.Event) string {
	parts := []string{ev.Line, ev.Kind.String()}
	add := func(name, v string) {
		if v != "" {
			parts = append(parts, name+"="+v)
		}
	}
	add("number", ev.Number)
	add("name", ev.Name)
	add("date", ev.TelcoDate)
	add("time", ev.TelcoTime)
	add("pattern", ev.RingPattern)
	add("outcome", string(ev.Outcome))
	if ev.Rings != 0 {
		add("rings", fmt.Sprint(ev.Rings))
	}
	if ev.Talk != 0 {
		add("talk", ev.Talk.String())
	}
	if ev.Outbound {
		parts = append(parts, "outbound")
	}
	return strings.Join(parts, " ")
}

func describeAll(evs []callerid.Event) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, describe(ev))
	}
	return out
}

func checkEvents(t *testing.T, evs []callerid.Event, want []string) {
	t.Helper()
	checkLines(t, describeAll(evs), want)
}

func checkLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
