package ncid

import (
	"strings"
	"testing"
	"time"
)

// sampleLines is a server's day: start-up, log replay, live calls of every
// kind, messages. Seeds for the fuzzer and the benchmark's input.
var sampleLines = []string{
	"200 Server: ncidd (NCID) 1.12",
	"210 API: 1.12 Feature Set 1 2 3 4 5",
	"254 Start of call log",
	"CIDLOG: *DATE*12012015*TIME*0028*LINE*HOME*NMBR*4075551212*MESG*NONE*NAME*John*",
	"HUPLOG: *DATE*12012015*TIME*0105*LINE*HOME*NMBR*8005551212*MESG*NONE*NAME*SPAM*",
	"ENDLOG: *HTYPE*BYE*DATE*12012015*TIME*0028*SCALL*12/01/2015 00:28:01*ECALL*12/01/2015 00:30:00*CTYPE*IN*LINE*HOME*NMBR*4075551212*NAME*John*",
	"LOG: # comment line",
	"250 End of call log",
	"OPT: hangup-1",
	"300 End of connection startup",
	"CIDINFO: *LINE*POTS*RING*1*TIME*16:20:05*",
	"CID: *DATE*05042011*TIME*2149*LINE*POTS*NMBR*4075551212*MESG*NONE*FNMBR*(407) 555-1212*NTYPE*CELL*CTRY*US*LOCA*Orlando*CARI*AT&T*NAME*John*",
	"CIDINFO: *LINE*POTS*RING*0*TIME*16:20:15*",
	"CID: *NAME*PRIVATE*NMBR*PRIVATE*LINE*-*TIME*0935*DATE*1399XXXX",
	"END: *HTYPE*CANCEL*DATE*03032022*TIME*0935*SCALL*03/03/2022 09:34:59*ECALL*03/03/2022 09:35:38*CTYPE*IN*LINE*VOIP*NMBR*4185558765*NAME*WIRELESS CALLER*",
	"CIDINFO: *LINE*VOIP*RING*-1*TIME*09:35:38*",
	"BLK: *DATE*03032022*TIME*0935*LINE*WC01*NMBR*8005551212*MESG*NONE*NAME*MARKETING*",
	"OUT: *DATE*03032022*TIME*0935*LINE*WC01*NMBR*4075551212*MESG*NONE*NAME*-*",
	"MSG: Caller ID Logfile too big ***DATE*05042011*TIME*2149*NAME*-*NMBR*-*LINE*-*MTYPE*SYS*",
	"+CID: *NMBR*1*",
}

// FuzzParseLine feeds arbitrary text as server lines, to ParseLine and on
// through the live and replay decoders. Nothing may panic, a parsed line
// holds only what was sent, and every event carries its raw line.
func FuzzParseLine(f *testing.F) {
	for _, s := range sampleLines {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		lv := &Decoder{Device: "fuzz"}
		rp := newReplay(&Decoder{Device: "fuzz", DayFirst: len(input)%2 == 0}, time.Time{})
		at := time.Date(2024, 3, 3, 9, 0, 0, 0, time.Local)
		for text := range strings.SplitSeq(input, "\n") {
			l, ok := ParseLine(text)
			if !ok {
				continue
			}
			checkParsed(t, text, l)
			evs := lv.Feed(l, at)
			if l.Log {
				evs = append(evs, rp.feed(l)...)
			}
			for _, ev := range evs {
				if ev.Raw == "" || !strings.Contains(input, ev.Raw) {
					t.Errorf("%v event with raw %q not from the input", ev.Kind, ev.Raw)
				}
				if ev.Talk < 0 {
					t.Errorf("negative talk time %v", ev.Talk)
				}
			}
		}
		lv.Flush()
		rp.finish()
	})
}

func checkParsed(t *testing.T, text string, l Line) {
	t.Helper()
	if l.Raw != strings.TrimRight(text, "\r\n") {
		t.Errorf("Raw %q, want %q", l.Raw, text)
	}
	if l.Type == "" || !strings.Contains(text, l.Type) {
		t.Errorf("type %q not in %q", l.Type, text)
	}
	if !strings.Contains(text, l.Text) {
		t.Errorf("text %q not in %q", l.Text, text)
	}
	for k, v := range l.Fields {
		if !strings.Contains(text, k) || !strings.Contains(text, v) {
			t.Errorf("field %q=%q not in %q", k, v, text)
		}
	}
}

// BenchmarkParseLine measures bytes per second through ParseLine.
func BenchmarkParseLine(b *testing.B) {
	n := 0
	for _, s := range sampleLines {
		n += len(s) + 1
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sampleLines {
			ParseLine(s)
		}
	}
}

// BenchmarkLiveLines measures bytes per second from a server line to its
// events: parsing and decoding, as the client does for live calls.
func BenchmarkLiveLines(b *testing.B) {
	n := 0
	for _, s := range sampleLines {
		n += len(s) + 1
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	lv := &Decoder{Device: "bench"}
	at := time.Date(2024, 3, 3, 9, 0, 0, 0, time.Local)
	for b.Loop() {
		for _, s := range sampleLines {
			if l, ok := ParseLine(s); ok {
				lv.Feed(l, at)
			}
		}
		lv.Flush()
	}
}
