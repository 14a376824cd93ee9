package callerid

import (
	"context"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC)

func at(sec float64) time.Time { return t0.Add(time.Duration(sec * float64(time.Second))) }

func ring(line string, sec float64) Event { return Event{Line: line, Kind: Ring, At: at(sec)} }

func cid(line string, sec float64, number, name string) Event {
	return Event{Line: line, Kind: CallerID, At: at(sec), Number: number, Name: name, TelcoDate: "1128", TelcoTime: "0930"}
}

func kinds(ups []Update) []UpdateKind {
	var ks []UpdateKind
	for _, u := range ups {
		ks = append(ks, u.Kind)
	}
	return ks
}

func feed(tr *Tracker, evs ...Event) []Update {
	var ups []Update
	for _, ev := range evs {
		ups = append(ups, tr.Handle(ev)...)
	}
	return ups
}

func lastEnded(t *testing.T, ups []Update) Call {
	t.Helper()
	for i := len(ups) - 1; i >= 0; i-- {
		if ups[i].Kind == CallEnded {
			return ups[i].Call
		}
	}
	t.Fatalf("no call ended in %v", kinds(ups))
	return Call{}
}

func TestCallerIDBetweenRingsMakesTheCallKnown(t *testing.T) {
	tr := NewTracker(TrackerConfig{})
	ups := feed(tr, ring("a", 0), cid("a", 2.5, "2125550147", "SMITH JOHN"))
	want := []UpdateKind{CallStarted, CallRang, CallKnown}
	if got := kinds(ups); !equalKinds(got, want) {
		t.Fatalf("updates %v, want %v", got, want)
	}
	c := ups[2].Call
	if c.Number.E164 != "+12125550147" || c.Name != "SMITH JOHN" || c.Rings != 1 || !c.Known.Equal(at(2.5)) {
		t.Fatalf("known call = %+v", c)
	}
	if !c.Active() {
		t.Fatal("call ended while still ringing")
	}
}

func TestRingingThatStopsEndsTheCallWithAnEstimate(t *testing.T) {
	cases := []struct {
		name  string
		rings int
		cfg   TrackerConfig
		want  Outcome
	}{
		{"two rings: answered or hung up, nobody knows", 2, TrackerConfig{}, OutcomeUnknown},
		{"rang out four times: missed", 4, TrackerConfig{}, OutcomeMissed},
		{"rang six times: missed", 6, TrackerConfig{}, OutcomeMissed},
		{"voicemail after three rings", 3, TrackerConfig{NoAnswerRings: 3, NoAnswerOutcome: OutcomeVoicemail}, OutcomeVoicemail},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := NewTracker(tc.cfg)
			var ups []Update
			for i := 0; i < tc.rings; i++ {
				ups = append(ups, tr.Handle(ring("a", float64(i*6)))...)
				if i == 0 {
					ups = append(ups, tr.Handle(cid("a", 2, "2125550147", "SMITH JOHN"))...)
				}
			}
			last := float64((tc.rings - 1) * 6)
			if ended := tr.Expire(at(last + 6.9)); len(ended) != 0 {
				t.Fatalf("call ended %v before the gap ran out", ended)
			}
			ups = append(ups, tr.Expire(at(last+7))...)
			c := lastEnded(t, ups)
			if c.Outcome != tc.want || c.Exact || c.Rings != tc.rings {
				t.Fatalf("ended %s exact=%v rings=%d, want %s estimate with %d rings", c.Outcome, c.Exact, c.Rings, tc.want, tc.rings)
			}
			if !c.Ended.Equal(at(last)) {
				t.Fatalf("ended at %v, want the last ring %v", c.Ended, at(last))
			}
		})
	}
}

func TestRingGapIsConfigurable(t *testing.T) {
	tr := NewTracker(TrackerConfig{RingGap: 2 * time.Second})
	feed(tr, ring("a", 0))
	if d, ok := tr.NextDeadline(); !ok || !d.Equal(at(2)) {
		t.Fatalf("deadline %v %v, want %v", d, ok, at(2))
	}
	if len(tr.Expire(at(2))) != 1 {
		t.Fatal("call did not end after the configured gap")
	}
	if _, ok := tr.NextDeadline(); ok {
		t.Fatal("deadline left after the only call ended")
	}
}

func TestNoCallerIDByRingTwoStillShowsTheCall(t *testing.T) {
	tr := NewTracker(TrackerConfig{})
	ups := feed(tr, ring("a", 0), ring("a", 6))
	if got := kinds(ups); !equalKinds(got, []UpdateKind{CallStarted, CallRang, CallRang, CallKnown}) {
		t.Fatalf("updates %v", got)
	}
	c := ups[3].Call
	if !c.Number.IsNone() || c.HasCallerID() {
		t.Fatalf("call without caller ID = %+v", c)
	}
	// Some lines deliver it late anyway: it replaces the placeholder.
	ups = tr.Handle(cid("a", 7, "P", "P"))
	if c := ups[len(ups)-1].Call; c.Number.Special != Private || c.Rings != 2 {
		t.Fatalf("late caller ID = %+v", c)
	}
}

func TestCallerIDBeforeFirstRingStartsTheCall(t *testing.T) {
	tr := NewTracker(TrackerConfig{})
	ups := feed(tr, cid("a", 0, "O", "UNAVAILABLE"), ring("a", 1), ring("a", 4))
	if got := kinds(ups); !equalKinds(got, []UpdateKind{CallStarted, CallKnown, CallRang, CallRang}) {
		t.Fatalf("updates %v", got)
	}
	if c := ups[3].Call; c.Number.Special != OutOfArea || c.Rings != 2 {
		t.Fatalf("call = %+v", c)
	}
}

func TestLinesAreTrackedApart(t *testing.T) {
	tr := NewTracker(TrackerConfig{})
	feed(tr, ring("a", 0), ring("b", 1), cid("b", 2, "3125550111", "B"), cid("a", 3, "2125550147", "A"))
	active := tr.Active()
	if len(active) != 2 {
		t.Fatalf("%d calls in progress, want 2", len(active))
	}
	for _, c := range active {
		if (c.Line == "a") != (c.Name == "A") {
			t.Fatalf("caller ID landed on the wrong line: %+v", c)
		}
	}
	if active[0].ID == active[1].ID {
		t.Fatal("two calls share an ID")
	}
}

func TestSecondCallerIDWithoutAGapIsTheNextCall(t *testing.T) {
	// A transcript has no clock: RING CID RING RING | RING CID RING.
	tr := NewTracker(TrackerConfig{RingGap: time.Hour})
	ups := feed(tr,
		ring("a", 0), cid("a", 1, "2125550147", "FIRST"), ring("a", 2), ring("a", 3),
		ring("a", 4), cid("a", 5, "3125550111", "SECOND"), ring("a", 6))
	first := lastEnded(t, ups)
	if first.Name != "FIRST" || first.Rings != 3 {
		t.Fatalf("first call = %s with %d rings, want FIRST with 3", first.Name, first.Rings)
	}
	second := tr.Active()
	if len(second) != 1 || second[0].Name != "SECOND" || second[0].Rings != 2 {
		t.Fatalf("second call = %+v", second)
	}
}

func TestHookEventsGiveAnExactOutcome(t *testing.T) {
	tr := NewTracker(TrackerConfig{})
	first := ring("a", 0)
	first.SeesHook = true
	ups := feed(tr, first, cid("a", 2, "2125550147", "SMITH JOHN"), ring("a", 6),
		Event{Line: "a", Kind: OffHook, At: at(8)})
	// Talking, no rings: the gap must not end an answered call.
	if late := tr.Expire(at(100)); len(late) != 0 {
		t.Fatalf("answered call ended by the ring gap: %v", late)
	}
	// A hook-aware source follows the hang-up with its end record.
	if ended := tr.Handle(Event{Line: "a", Kind: OnHook, At: at(128)}); len(ended) != 0 {
		t.Fatalf("ended before the end record: %v", kinds(ended))
	}
	ups = append(ups, tr.Handle(Event{Line: "a", Kind: End, At: at(128)})...)
	c := lastEnded(t, ups)
	if c.Outcome != OutcomeAnswered || !c.Exact || c.TalkTime() != 120*time.Second {
		t.Fatalf("call = %s exact=%v talk=%v", c.Outcome, c.Exact, c.TalkTime())
	}
}

func TestCloseAll(t *testing.T) {
	tr := NewTracker(TrackerConfig{})
	feed(tr, ring("a", 0), cid("a", 1, "2125550147", "X"), ring("a", 6), ring("a", 12), ring("a", 18))
	c := lastEnded(t, tr.CloseAll(at(20), false))
	if c.Outcome != OutcomeMissed || !c.Ended.Equal(at(18)) {
		t.Fatalf("end of transcript: %s at %v", c.Outcome, c.Ended)
	}
	feed(tr, ring("a", 30), cid("a", 31, "2125550147", "X"), ring("a", 36), ring("a", 42), ring("a", 48))
	c = lastEnded(t, tr.CloseAll(at(50), true))
	if c.Outcome != OutcomeUnknown || !c.Ended.Equal(at(50)) {
		t.Fatalf("cut off: %s at %v, want unknown at %v", c.Outcome, c.Ended, at(50))
	}
}

func TestRunEndsQuietCallsOnTimeAndCutsOffAtStop(t *testing.T) {
	tr := NewTracker(TrackerConfig{RingGap: 20 * time.Millisecond})
	events := make(chan Event)
	got := make(chan Update, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Run(ctx, tr, events, func(u Update) { got <- u }); close(done) }()

	now := time.Now()
	events <- Event{Line: "a", Kind: Ring, At: now}
	events <- Event{Line: "a", Kind: CallerID, At: now, Number: "2125550147", Name: "X"}
	want := []UpdateKind{CallStarted, CallRang, CallKnown, CallEnded}
	for _, k := range want {
		if u := <-got; u.Kind != k {
			t.Fatalf("update %s, want %s", u.Kind, k)
		}
	}
	events <- Event{Line: "a", Kind: Ring, At: time.Now().Add(time.Hour)}
	<-got
	<-got
	cancel()
	<-done
	if u := <-got; u.Kind != CallEnded || u.Call.Outcome != OutcomeUnknown {
		t.Fatalf("stop left %s %s, want a cut-off call", u.Kind, u.Call.Outcome)
	}
}

func equalKinds(a, b []UpdateKind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAnEndRecordSettlesTheCallExactly(t *testing.T) {
	// A Whozz Calling end record: rang twice, answered, 210 s of talk.
	tr := NewTracker(TrackerConfig{})
	r := ring("01", 0)
	r.SeesHook = true
	feed(tr, r, cid("01", 1, "6155550123", "SMITH J"), ring("01", 6))
	ups := tr.Handle(Event{Line: "01", Kind: End, At: at(300), Outcome: OutcomeAnswered, Rings: 2, Talk: 210 * time.Second, RingPattern: "A"})
	c := lastEnded(t, ups)
	if c.Outcome != OutcomeAnswered || !c.Exact || c.Rings != 2 || c.TalkTime() != 210*time.Second || c.RingPattern != "A" {
		t.Fatalf("settled call = %s exact=%v rings=%d talk=%v pattern=%q", c.Outcome, c.Exact, c.Rings, c.TalkTime(), c.RingPattern)
	}
}

func TestDistinctiveRingAndOutboundAreKept(t *testing.T) {
	tr := NewTracker(TrackerConfig{})
	ups := feed(tr, Event{Line: "a", Kind: Ring, At: at(0), RingPattern: "B"}, cid("a", 1, "2125550147", "X"))
	if c := ups[len(ups)-1].Call; c.RingPattern != "B" {
		t.Fatalf("ring pattern %q, want B", c.RingPattern)
	}
	ups = tr.Handle(Event{Line: "b", Kind: CallerID, At: at(2), Number: "3125550111", Outbound: true, SeesHook: true})
	if c := ups[len(ups)-1].Call; !c.Outbound {
		t.Fatal("outbound call not marked")
	}
	ups = tr.Handle(Event{Line: "b", Kind: End, At: at(60), Outcome: OutcomeBlocked})
	if c := lastEnded(t, ups); c.Outcome != OutcomeBlocked || !c.Exact {
		t.Fatalf("blocked call = %s exact=%v", c.Outcome, c.Exact)
	}
}

func TestAHookAwareCallWithoutItsEndIsCutOffAtLast(t *testing.T) {
	tr := NewTracker(TrackerConfig{LongestCall: time.Hour})
	ev := cid("01", 0, "6155550123", "SMITH J")
	ev.SeesHook = true
	feed(tr, ev)
	if ups := tr.Expire(at(3599)); len(ups) != 0 {
		t.Fatalf("hook-aware call ended by the ring gap: %v", kinds(ups))
	}
	c := lastEnded(t, tr.Expire(at(3600)))
	if c.Outcome != OutcomeUnknown || !c.Ended.Equal(at(3600)) {
		t.Fatalf("lost end record: %s at %v", c.Outcome, c.Ended)
	}
}

func TestALateEndRecordCorrectsTheEstimate(t *testing.T) {
	// A VoIP gateway: the rings stop when someone answers, the ring gap
	// closes the call, and the END line comes when they hang up.
	tr := NewTracker(TrackerConfig{})
	feed(tr, ring("sip", 0), cid("sip", 1, "2125550147", "X"), ring("sip", 6))
	first := lastEnded(t, tr.Expire(at(13)))
	if first.Exact {
		t.Fatal("estimate taken for exact")
	}
	ups := tr.Handle(Event{Line: "sip", Kind: End, At: at(190), Outcome: OutcomeAnswered, Talk: 180 * time.Second})
	c := lastEnded(t, ups)
	if c.ID != first.ID || c.Outcome != OutcomeAnswered || !c.Exact || c.TalkTime() != 180*time.Second || !c.Ended.Equal(at(190)) {
		t.Fatalf("corrected call = %+v", c)
	}
	if again := tr.Handle(Event{Line: "sip", Kind: End, At: at(191), Outcome: OutcomeMissed}); len(again) != 0 {
		t.Fatalf("an exact call was corrected again: %v", kinds(again))
	}
}

func TestHangingUpInTheFirstRingIsAbandoned(t *testing.T) {
	tr := NewTracker(TrackerConfig{})
	r := ring("01", 0)
	r.SeesHook = true
	feed(tr, r, cid("01", 1, "2125550147", "X"))
	c := lastEnded(t, tr.Handle(Event{Line: "01", Kind: End, At: at(3), Outcome: OutcomeMissed}))
	if c.Outcome != OutcomeAbandoned || !c.Exact {
		t.Fatalf("one-ring hang-up = %s exact=%v", c.Outcome, c.Exact)
	}
}

func TestAPickUpWithoutAHangUpEndsAsAnswered(t *testing.T) {
	// A modem with extension pick-up detection reports the pick-up only.
	tr := NewTracker(TrackerConfig{})
	feed(tr, ring("a", 0), cid("a", 2, "2125550147", "X"), ring("a", 6), Event{Line: "a", Kind: OffHook, At: at(9)})
	if ups := tr.Expire(at(15.9)); len(ups) != 0 {
		t.Fatalf("ended before the gap after the pick-up: %v", kinds(ups))
	}
	c := lastEnded(t, tr.Expire(at(16)))
	if c.Outcome != OutcomeAnswered || !c.Exact || c.Rings != 2 || c.TalkTime() != 0 {
		t.Fatalf("picked-up call = %s exact=%v rings=%d talk=%v", c.Outcome, c.Exact, c.Rings, c.TalkTime())
	}
}

// The window can be slow to take an update (a busy screen); rings that
// reached Callboard meanwhile still belong to the call they ring for.
func TestRingsWaitingBehindASlowScreenDoNotSplitTheCall(t *testing.T) {
	for range 20 {
		tr := NewTracker(TrackerConfig{RingGap: 30 * time.Millisecond})
		events := make(chan Event, 64)
		got := make(chan Update, 64)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		slow := true
		go func() {
			Run(ctx, tr, events, func(u Update) {
				if u.Kind == CallKnown && slow {
					slow = false
					// Meanwhile the line rings on, within the gap each time.
					for range 5 {
						time.Sleep(15 * time.Millisecond)
						events <- Event{Line: "a", Kind: Ring, At: time.Now()}
					}
				}
				got <- u
			})
			close(done)
		}()
		events <- Event{Line: "a", Kind: Ring, At: time.Now()}
		events <- Event{Line: "a", Kind: CallerID, At: time.Now(), Number: "2125550147", Name: "X"}
		var ended []Update
		for len(ended) == 0 {
			if u := <-got; u.Kind == CallEnded {
				ended = append(ended, u)
			}
		}
		cancel()
		<-done
		close(got)
		for u := range got {
			if u.Kind == CallEnded || u.Kind == CallStarted {
				ended = append(ended, u)
			}
		}
		if len(ended) != 1 || ended[0].Call.Rings != 6 {
			t.Fatalf("%d updates after the first end (want none), the call rang %d times (want 6): %+v", len(ended)-1, ended[0].Call.Rings, ended)
		}
	}
}
