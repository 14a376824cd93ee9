package ncid

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// brief is the part of an event these tests look at, printed readably.
func brief(ev callerid.Event) string {
	s := fmt.Sprintf("%s %s", ev.Kind, ev.Line)
	if ev.Number != "" || ev.Name != "" {
		s += fmt.Sprintf(" %q %q", ev.Number, ev.Name)
	}
	if ev.Outcome != "" {
		s += " " + string(ev.Outcome)
	}
	if ev.Talk != 0 {
		s += " talk " + ev.Talk.String()
	}
	if ev.Outbound {
		s += " outbound"
	}
	return s
}

func briefs(evs []callerid.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = brief(ev)
	}
	return out
}

// feedLive runs lines through a Decoder, releasing held hang-ups at
// the end as a session does when its hold runs out.
func feedLive(t *testing.T, lines ...string) []callerid.Event {
	t.Helper()
	lv := &Decoder{Device: "ncid"}
	at := time.Date(2024, 3, 3, 9, 35, 0, 0, time.Local)
	var evs []callerid.Event
	for _, s := range lines {
		l, ok := ParseLine(s)
		if !ok {
			t.Fatalf("ParseLine(%q) not ok", s)
		}
		evs = append(evs, lv.Feed(l, at)...)
		at = at.Add(time.Second)
	}
	return append(evs, lv.Flush()...)
}

func TestLiveLines(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{
			name: "a modem call: rings, caller ID, ringing stopped",
			lines: []string{
				"CIDINFO: *LINE*POTS*RING*1*TIME*09:35:00*",
				"CID: *DATE*03032024*TIME*0935*LINE*POTS*NMBR*4075551212*MESG*NONE*NAME*John*",
				"CIDINFO: *LINE*POTS*RING*2*TIME*09:35:06*",
				"CIDINFO: *LINE*POTS*RING*0*TIME*09:35:12*",
			},
			want: []string{
				"ring ncid/POTS",
				`callerid ncid/POTS "4075551212" "John"`,
				"ring ncid/POTS",
			},
		},
		{
			name: "a VoIP call answered: END gives the talk time, the CIDINFO after it is dropped",
			lines: []string{
				"CID: *DATE*03032024*TIME*0935*LINE*VOIP*NMBR*4075551212*MESG*NONE*NAME*John*",
				"END: *HTYPE*BYE*DATE*03032024*TIME*0935*SCALL*03/03/2024 09:34:59*ECALL*03/03/2024 09:37:38*CTYPE*IN*LINE*VOIP*NMBR*4075551212*NAME*John*",
				"CIDINFO: *LINE*VOIP*RING*-2*TIME*09:37:38*",
			},
			want: []string{
				`callerid ncid/VOIP "4075551212" "John"`,
				"end ncid/VOIP answered talk 2m39s",
			},
		},
		{
			name: "CIDINFO before END: END replaces it",
			lines: []string{
				"CID: *LINE*VOIP*NMBR*4075551212*NAME*John*",
				"CIDINFO: *LINE*VOIP*RING*-2*TIME*09:37:38*",
				"END: *HTYPE*BYE*SCALL*03/03/2024 09:34:59*ECALL*03/03/2024 09:35:09*CTYPE*IN*LINE*VOIP*NMBR*4075551212*",
			},
			want: []string{
				`callerid ncid/VOIP "4075551212" "John"`,
				"end ncid/VOIP answered talk 10s",
			},
		},
		{
			name: "caller gave up: CANCEL is missed",
			lines: []string{
				"CID: *LINE*VOIP*NMBR*4075551212*NAME*John*",
				"END: *HTYPE*CANCEL*SCALL*03/03/2024 09:34:59*ECALL*03/03/2024 09:35:20*CTYPE*IN*LINE*VOIP*NMBR*4075551212*",
			},
			want: []string{
				`callerid ncid/VOIP "4075551212" "John"`,
				"end ncid/VOIP missed",
			},
		},
		{
			name: "CIDINFO alone: RING -1 is missed, -2 answered, -3 (busy) missed",
			lines: []string{
				"CID: *LINE*A*NMBR*1*",
				"CIDINFO: *LINE*A*RING*-1*",
				"CID: *LINE*B*NMBR*2*",
				"CIDINFO: *LINE*B*RING*-2*",
				"CID: *LINE*C*NMBR*3*",
				"CIDINFO: *LINE*C*RING*-3*",
			},
			want: []string{
				`callerid ncid/A "1" ""`,
				`callerid ncid/B "2" ""`,
				`callerid ncid/C "3" ""`,
				"end ncid/A missed",
				"end ncid/B answered",
				"end ncid/C missed",
			},
		},
		{
			name: "a held hang-up leaves before the next call on its line",
			lines: []string{
				"CID: *LINE*A*NMBR*1*",
				"CIDINFO: *LINE*A*RING*-1*",
				"CIDINFO: *LINE*A*RING*1*",
				"CID: *LINE*A*NMBR*2*",
			},
			want: []string{
				`callerid ncid/A "1" ""`,
				"end ncid/A missed",
				"ring ncid/A",
				`callerid ncid/A "2" ""`,
			},
		},
		{
			name:  "hung up by the blacklist",
			lines: []string{"HUP: *DATE*03032024*TIME*0935*LINE*-*NMBR*8005551212*MESG*NONE*NAME*MARKETING*", "CIDINFO: *LINE*-*RING*-4*"},
			want:  []string{`callerid ncid "8005551212" "MARKETING"`, "end ncid blocked"},
		},
		{
			name:  "blocked by the device, then the gateway's CANCEL",
			lines: []string{"BLK: *LINE*WC01*NMBR*8005551212*NAME*SPAM*", "CIDINFO: *LINE*WC01*RING*-1*"},
			want:  []string{`callerid ncid/WC01 "8005551212" "SPAM"`, "end ncid/WC01 blocked"},
		},
		{
			name:  "outgoing call",
			lines: []string{"OUT: *DATE*03032024*TIME*0935*LINE*WC01*NMBR*4075551212*MESG*NONE*NAME*-*"},
			want:  []string{`callerid ncid/WC01 "4075551212" "" outbound`, "end ncid/WC01 outbound"},
		},
		{
			name: "special numbers and NCID's placeholders",
			lines: []string{
				"CID: *LINE*NO-LINE*NMBR*PRIVATE*NAME*NO NAME*",
				"CID: *LINE*1*NMBR*OUT-OF-AREA*NAME*-*",
				"CID: *LINE*2*NMBR*ANONYMOUS*NAME*ANONYMOUS*",
				"CID: *LINE*3*NMBR*NO-NUMBER*",
			},
			want: []string{
				`callerid ncid "PRIVATE" ""`,
				`callerid ncid/1 "OUT-OF-AREA" ""`,
				`callerid ncid/2 "ANONYMOUS" "ANONYMOUS"`,
				`callerid ncid/3 "NO-NUMBER" ""`,
			},
		},
		{
			name: "lines that are not calls",
			lines: []string{
				"MSG: hello ***DATE*03032024*",
				"NOT: PHONE: SMS ***DATE*03032024*",
				"OPT: hangup-1",
				"+CID: *LINE*1*NMBR*1*",
				"WID: *LINE*1*NMBR*1*",
				"CIDINFO: *LINE*1*RING*many*",
				"XYZ: *NMBR*1*",
			},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(feedLive(t, tt.lines...))
			if !slices.Equal(got, tt.want) {
				t.Errorf("events\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLiveCallerIDCarriesTheTelcoStamp(t *testing.T) {
	evs := feedLive(t, "CID: *TIME*2149*DATE*05042011*LINE*VOIP*NMBR*4075551212*MESG*NONE*NAME*John*")
	ev := evs[0]
	if ev.TelcoDate != "0504" || ev.TelcoTime != "2149" {
		t.Errorf("telco stamp %q %q, want 0504 2149", ev.TelcoDate, ev.TelcoTime)
	}
	if ev.Raw != "CID: *TIME*2149*DATE*05042011*LINE*VOIP*NMBR*4075551212*MESG*NONE*NAME*John*" {
		t.Errorf("Raw = %q", ev.Raw)
	}
	if want := time.Date(2024, 3, 3, 9, 35, 0, 0, time.Local); !ev.At.Equal(want) {
		t.Errorf("At = %v, want the time the line arrived %v", ev.At, want)
	}
}

func TestLoggedTime(t *testing.T) {
	local := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, time.Local)
	}
	tests := []struct {
		date, clock string
		dayFirst    bool
		want        time.Time // zero: not a time
	}{
		{"05042011", "2149", false, local(2011, 5, 4, 21, 49)},
		{"05042011", "2149", true, local(2011, 4, 5, 21, 49)},
		{"25122023", "0800", false, local(2023, 12, 25, 8, 0)}, // day first is the only reading
		{"12012015", "00:28", false, local(2015, 12, 1, 0, 28)},
		{"02302024", "1200", false, time.Time{}}, // 30 February
		{"13132024", "1200", false, time.Time{}},
		{"1399XXXX", "1200", false, time.Time{}},
		{"0504", "2149", false, time.Time{}},
		{"05042011", "2460", false, time.Time{}},
		{"05042011", "", false, time.Time{}},
		{"", "", false, time.Time{}},
	}
	for _, tt := range tests {
		d := &Decoder{DayFirst: tt.dayFirst}
		got, ok := d.loggedTime(map[string]string{"DATE": tt.date, "TIME": tt.clock})
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("loggedTime(%q, %q, dayFirst %v) = %v, %v; want %v", tt.date, tt.clock, tt.dayFirst, got, ok, tt.want)
		}
	}
}

func TestAnAnsweredENDLineSaysWhenItWasPickedUp(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*60*60)
	d := &Decoder{Device: "ncid", Location: tokyo}
	tests := []struct {
		line string
		want time.Time // zero: the line says nothing of a pick-up
	}{
		{"END: *HTYPE*BYE*SCALL*03/03/2024 09:34:59*ECALL*03/03/2024 09:37:38*CTYPE*IN*LINE*VOIP*NMBR*4075551212*",
			time.Date(2024, 3, 3, 9, 34, 59, 0, tokyo)},
		{"END: *HTYPE*CANCEL*SCALL*03/03/2024 09:34:59*ECALL*03/03/2024 09:35:09*CTYPE*IN*LINE*VOIP*NMBR*4075551212*",
			time.Time{}},
		{"END: *HTYPE*BYE*SCALL*3 March*CTYPE*IN*LINE*VOIP*NMBR*4075551212*", time.Time{}},
		{"CID: *DATE*03032024*TIME*0934*LINE*VOIP*NMBR*4075551212*MESG*NONE*NAME*John*", time.Time{}},
	}
	for _, tt := range tests {
		l, _ := ParseLine(tt.line)
		got, ok := d.AnsweredAt(l)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("AnsweredAt(%q) = %v, %v; want %v", tt.line, got, ok, tt.want)
		}
	}
	end, _ := ParseLine(tests[0].line)
	if evs := d.Feed(end, time.Now()); len(evs) != 1 || evs[0].Talk != 159*time.Second {
		t.Errorf("the END line gave %v, want one End with 2m39s of talk", briefs(evs))
	}
}
