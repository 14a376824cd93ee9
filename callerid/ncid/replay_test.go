package ncid

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// replayLog runs log lines through a replay with the given cut-off.
func replayLog(t *testing.T, cutoff time.Time, lines ...string) (*replay, []callerid.Event) {
	t.Helper()
	r := newReplay(&Decoder{Device: "ncid"}, cutoff)
	var evs []callerid.Event
	for _, s := range lines {
		l, ok := ParseLine(s)
		if !ok {
			t.Fatalf("ParseLine(%q) not ok", s)
		}
		evs = append(evs, r.feed(l)...)
	}
	return r, append(evs, r.finish()...)
}

// stamped is brief plus the event's time of day.
func stamped(evs []callerid.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.At.Format("01-02 15:04:05 ") + brief(ev)
	}
	return out
}

func TestReplayMakesCompleteCallsAtTheirLoggedTime(t *testing.T) {
	_, evs := replayLog(t, time.Time{},
		"CIDLOG: *DATE*03032024*TIME*0901*LINE*POTS*NMBR*4075551212*MESG*NONE*NAME*John*",
		"CIDLOG: *DATE*03032024*TIME*0915*LINE*VOIP*NMBR*4075550001*MESG*NONE*NAME*Ann*",
		"CIDLOG: *DATE*03032024*TIME*0916*LINE*WC01*NMBR*4075550002*MESG*NONE*NAME*Bob*",
		"ENDLOG: *HTYPE*CANCEL*DATE*03032024*TIME*0916*SCALL*03/03/2024 09:16:05*ECALL*03/03/2024 09:16:35*CTYPE*IN*LINE*WC01*NMBR*4075550002*NAME*Bob*",
		"MSGLOG: a note ***DATE*03032024*TIME*0917*",
		"ENDLOG: *HTYPE*BYE*DATE*03032024*TIME*0915*SCALL*03/03/2024 09:15:02*ECALL*03/03/2024 09:18:32*CTYPE*IN*LINE*VOIP*NMBR*4075550001*NAME*Ann*",
		"HUPLOG: *DATE*03032024*TIME*1000*LINE*POTS*NMBR*8005551212*MESG*NONE*NAME*SPAM*",
		"BLKLOG: *DATE*03032024*TIME*1001*LINE*WC01*NMBR*8005551213*MESG*NONE*NAME*SPAM*",
		"OUTLOG: *DATE*03032024*TIME*1100*LINE*WC01*NMBR*4075550003*MESG*NONE*NAME*-*",
		"ENDLOG: *HTYPE*BYE*DATE*03032024*TIME*1100*SCALL*03/03/2024 11:00:10*ECALL*03/03/2024 11:01:10*CTYPE*OUT*LINE*WC01*NMBR*4075550003*NAME*-*",
		"OUTLOG: *DATE*03032024*TIME*1200*LINE*WC02*NMBR*4075550004*MESG*NONE*NAME*-*",
		"LOG: # end of March",
	)
	want := []string{
		`03-03 09:01:00 callerid ncid/POTS "4075551212" "John"`,
		`03-03 09:01:00 end ncid/POTS`, // no END logged: the tracker estimates
		`03-03 09:15:00 callerid ncid/VOIP "4075550001" "Ann"`,
		`03-03 09:18:30 end ncid/VOIP answered talk 3m30s`,
		`03-03 09:16:00 callerid ncid/WC01 "4075550002" "Bob"`,
		`03-03 09:16:30 end ncid/WC01 missed`,
		`03-03 10:00:00 callerid ncid/POTS "8005551212" "SPAM"`,
		`03-03 10:00:00 end ncid/POTS blocked`,
		`03-03 10:01:00 callerid ncid/WC01 "8005551213" "SPAM"`,
		`03-03 10:01:00 end ncid/WC01 blocked`,
		`03-03 11:00:00 callerid ncid/WC01 "4075550003" "" outbound`,
		`03-03 11:01:00 end ncid/WC01 answered talk 1m0s outbound`,
		`03-03 12:00:00 callerid ncid/WC02 "4075550004" "" outbound`,
		`03-03 12:00:00 end ncid/WC02 outbound`,
	}
	if got := stamped(evs); !slices.Equal(got, want) {
		t.Errorf("events\n got %q\nwant %q", got, want)
	}
}

func TestReplayMatchesEachEndToItsOwnCall(t *testing.T) {
	// The same caller twice on one line: each END closes the call whose
	// start it names, not just the latest one.
	_, evs := replayLog(t, time.Time{},
		"CIDLOG: *DATE*03032024*TIME*0900*LINE*VOIP*NMBR*1*",
		"ENDLOG: *HTYPE*CANCEL*SCALL*03/03/2024 09:00:01*ECALL*03/03/2024 09:00:21*CTYPE*IN*LINE*VOIP*NMBR*1*",
		"CIDLOG: *DATE*03032024*TIME*0930*LINE*VOIP*NMBR*1*",
		"ENDLOG: *HTYPE*CANCEL*SCALL*03/03/2024 08:00:00*ECALL*03/03/2024 08:00:20*CTYPE*IN*LINE*VOIP*NMBR*1*", // nobody's
		"ENDLOG: *HTYPE*BYE*SCALL*03/03/2024 09:30:04*ECALL*03/03/2024 09:31:04*CTYPE*OUT*LINE*VOIP*NMBR*1*",   // wrong direction
		"ENDLOG: *HTYPE*BYE*SCALL*03/03/2024 09:30:04*ECALL*03/03/2024 09:31:04*CTYPE*IN*LINE*VOIP*NMBR*1*",
	)
	want := []string{
		`03-03 09:00:00 callerid ncid/VOIP "1" ""`,
		`03-03 09:00:20 end ncid/VOIP missed`,
		`03-03 09:30:00 callerid ncid/VOIP "1" ""`,
		`03-03 09:31:00 end ncid/VOIP answered talk 1m0s`,
	}
	if got := stamped(evs); !slices.Equal(got, want) {
		t.Errorf("events\n got %q\nwant %q", got, want)
	}
}

func TestReplaySkipsCallsAlreadyStoredAndCallsWithoutADate(t *testing.T) {
	cutoff := time.Date(2024, 3, 3, 9, 16, 0, 0, time.Local)
	r, evs := replayLog(t, cutoff,
		"CIDLOG: *DATE*03032024*TIME*0901*LINE*POTS*NMBR*1*",
		"CIDLOG: *DATE*03032024*TIME*0915*LINE*VOIP*NMBR*2*",
		"ENDLOG: *HTYPE*BYE*SCALL*03/03/2024 09:15:02*ECALL*03/03/2024 09:18:32*CTYPE*IN*LINE*VOIP*NMBR*2*",
		"CIDLOG: *DATE*0303XXXX*TIME*0930*LINE*POTS*NMBR*3*",
		"CIDLOG: *DATE*03032024*TIME*0916*LINE*POTS*NMBR*4*",
	)
	want := []string{
		`03-03 09:16:00 callerid ncid/POTS "4" ""`,
		`03-03 09:16:00 end ncid/POTS`,
	}
	if got := stamped(evs); !slices.Equal(got, want) {
		t.Errorf("events\n got %q\nwant %q", got, want)
	}
	if r.sent != 1 || r.skipped != 2 || r.undated != 1 {
		t.Errorf("sent %d, skipped %d, undated %d; want 1, 2, 1", r.sent, r.skipped, r.undated)
	}
}

func TestReplayReleasesCallsThatWillGetNoEnd(t *testing.T) {
	// A modem-only server logs no END lines: calls must not pile up until
	// the end of a long log.
	r := newReplay(&Decoder{Device: "ncid"}, time.Time{})
	start := time.Date(2024, 3, 3, 9, 0, 0, 0, time.Local)
	released := 0
	for i := range replayWindow + 10 {
		at := start.Add(time.Duration(i) * time.Minute)
		l, _ := ParseLine(fmt.Sprintf("CIDLOG: *DATE*%s*TIME*%s*NMBR*%d*", at.Format("01022006"), at.Format("1504"), i))
		released += len(r.feed(l))
	}
	if released != 2*10 {
		t.Errorf("released %d events while the log was still coming, want %d", released, 2*10)
	}
	if n := len(r.finish()); n != 2*replayWindow {
		t.Errorf("finish released %d events, want %d", n, 2*replayWindow)
	}
}
