package modem_test

import (
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

var clock = time.Date(2026, 3, 21, 14, 5, 30, 0, time.UTC)

func ring(raw string) callerid.Event {
	return callerid.Event{Line: "test", Kind: callerid.Ring, At: clock, Raw: raw}
}

func callerID(date, tm, number, name string, raw ...string) callerid.Event {
	return callerid.Event{Line: "test", Kind: callerid.CallerID, At: clock,
		TelcoDate: date, TelcoTime: tm, Number: number, Name: name, Raw: strings.Join(raw, "\n")}
}

func patterned(ev callerid.Event, pattern string) callerid.Event {
	ev.RingPattern = pattern
	return ev
}

// feed gives the parser a transcript line by line, then flushes as at the
// end of input.
func feed(transcript string) []callerid.Event {
	p := &modem.Parser{Line: "test", Now: func() time.Time { return clock }}
	var got []callerid.Event
	for line := range strings.SplitSeq(transcript, "\n") {
		got = append(got, p.Feed(line)...)
	}
	return append(got, p.Flush()...)
}

func TestParserTranscripts(t *testing.T) {
	tests := []struct {
		name       string
		transcript string
		want       []callerid.Event
	}{{
		name:       "North America, Askey manual: caller ID between ring 1 and ring 2",
		transcript: "RING\n\nDATE = 0321\nTIME = 1405\nNMBR = 504551234\nNAME = A N OTHER\n\nRING",
		want: []callerid.Event{
			ring("RING"),
			callerID("0321", "1405", "504551234", "A N OTHER",
				"DATE = 0321", "TIME = 1405", "NMBR = 504551234", "NAME = A N OTHER"),
			ring("RING"),
		},
	}, {
		name:       "North America, NCID live test",
		transcript: "RING\nDATE = 0504\nTIME = 2149\nNMBR = 4075551212\nNAME = Chmielewski Joh\nRING",
		want: []callerid.Event{
			ring("RING"),
			callerID("0504", "2149", "4075551212", "Chmielewski Joh",
				"DATE = 0504", "TIME = 2149", "NMBR = 4075551212", "NAME = Chmielewski Joh"),
			ring("RING"),
		},
	}, {
		name:       "UK: caller ID before the first ring, MESG in Raw with what it means",
		transcript: "MESG = 110101\nDATE = 0421\nTIME = 0934\nNMBR = P\nNAME = WITHHELD\nRING\nRING",
		want: []callerid.Event{
			callerID("0421", "0934", "P", "WITHHELD",
				"MESG = 110101", "# call type: voice", "DATE = 0421", "TIME = 0934", "NMBR = P", "NAME = WITHHELD"),
			ring("RING"),
			ring("RING"),
		},
	}, {
		name:       "a block of only MESG (message waiting) is no caller ID",
		transcript: "RING\nMESG = 06034242431\nRING",
		want:       []callerid.Event{ring("RING"), ring("RING")},
	}, {
		name:       "tags without spaces, in any order",
		transcript: "RING\nNAME=SMITH J\nNMBR=6155550123\nTIME=1422\nDATE=0315\nRING",
		want: []callerid.Event{
			ring("RING"),
			callerID("0315", "1422", "6155550123", "SMITH J",
				"NAME=SMITH J", "NMBR=6155550123", "TIME=1422", "DATE=0315"),
			ring("RING"),
		},
	}, {
		name:       "DDN_NMBR is the number",
		transcript: "DATE = 0103\nTIME = 1254\nNAME = SARASOTA,FL\nDDN_NMBR = 9415557218",
		want: []callerid.Event{callerID("0103", "1254", "9415557218", "SARASOTA,FL",
			"DATE = 0103", "TIME = 1254", "NAME = SARASOTA,FL", "DDN_NMBR = 9415557218")},
	}, {
		name:       "DDN is the number",
		transcript: "DATE = 0103\nTIME = 1334\nNAME = Tucson,AZ\nDDN = 9415557218",
		want: []callerid.Event{callerID("0103", "1334", "9415557218", "Tucson,AZ",
			"DATE = 0103", "TIME = 1334", "NAME = Tucson,AZ", "DDN = 9415557218")},
	}, {
		name:       "NMBR wins over DDN_NMBR whichever comes first",
		transcript: "DATE = 0103\nTIME = 1334\nDDN_NMBR = 6135550123\nNMBR = 6135550199\nNAME = SMITH J",
		want: []callerid.Event{callerID("0103", "1334", "6135550199", "SMITH J",
			"DATE = 0103", "TIME = 1334", "DDN_NMBR = 6135550123", "NMBR = 6135550199", "NAME = SMITH J")},
	}, {
		name:       "Kortex modem: DATE TIME on one line, NBR, CID RING; the ring ends the NAME-less block",
		transcript: "DATE TIME=01/06 14:15\nNBR=0632727751\nCID RING",
		want: []callerid.Event{
			callerID("0106", "1415", "0632727751", "", "DATE TIME=01/06 14:15", "NBR=0632727751"),
			ring("CID RING"),
		},
	}, {
		name:       "NetTalk: empty values stay empty",
		transcript: "DATE = \nTIME=\nNMBR = 4075550000\nNAME = JOHN DOE",
		want: []callerid.Event{callerID("", "", "4075550000", "JOHN DOE",
			"DATE =", "TIME=", "NMBR = 4075550000", "NAME = JOHN DOE")},
	}, {
		name:       "private and out-of-area markers are kept as sent",
		transcript: "RING\nDATE = 0315\nTIME = 1422\nNMBR = O\nNAME = O\nRING",
		want: []callerid.Event{
			ring("RING"),
			callerID("0315", "1422", "O", "O", "DATE = 0315", "TIME = 1422", "NMBR = O", "NAME = O"),
			ring("RING"),
		},
	}, {
		name:       "a repeated NMBR keeps the first",
		transcript: "DATE = 0315\nTIME = 1422\nNMBR = ##########\nNMBR = O\nNAME = Unavailable",
		want: []callerid.Event{callerID("0315", "1422", "##########", "Unavailable",
			"DATE = 0315", "TIME = 1422", "NMBR = ##########", "NMBR = O", "NAME = Unavailable")},
	}, {
		name:       "malformed values are kept raw",
		transcript: "DATE = 0103\nTIME = 12541\nNMBR = Restricted\nNAME = PrivDirOff",
		want: []callerid.Event{callerID("0103", "12541", "Restricted", "PrivDirOff",
			"DATE = 0103", "TIME = 12541", "NMBR = Restricted", "NAME = PrivDirOff")},
	}, {
		name:       "a RING ends a partial block before it is reported",
		transcript: "RING\nDATE = 0315\nTIME = 1422\nNMBR = 6155550123\nRING\nRING",
		want: []callerid.Event{
			ring("RING"),
			callerID("0315", "1422", "6155550123", "", "DATE = 0315", "TIME = 1422", "NMBR = 6155550123"),
			ring("RING"),
			ring("RING"),
		},
	}, {
		name:       "echoed commands and result codes around a call",
		transcript: "ATZ\nOK\nAT+VCID=1\nOK\nRING\nDATE = 0315\nTIME = 1422\nNMBR = 6155550123\nNAME = SMITH J\nRING",
		want: []callerid.Event{
			ring("RING"),
			callerID("0315", "1422", "6155550123", "SMITH J",
				"DATE = 0315", "TIME = 1422", "NMBR = 6155550123", "NAME = SMITH J"),
			ring("RING"),
		},
	}, {
		name:       "an OK ends a partial block, an echoed command does not",
		transcript: "DATE = 0315\nATS0=0\nTIME = 1422\nNMBR = 6155550123\nOK",
		want: []callerid.Event{
			callerID("0315", "1422", "6155550123", "", "DATE = 0315", "TIME = 1422", "NMBR = 6155550123"),
		},
	}, {
		name:       "Motorola junk: DLE codes, NUL and CR inside lines",
		transcript: "\x10R\x10X\x10.\x18NAME = JOHN DOE\x00\n\x00DATE = 0511\r\nTIME = 1852\x00\nNMBR = 4075550000\r",
		want: []callerid.Event{callerID("0511", "1852", "4075550000", "JOHN DOE",
			"RX.NAME = JOHN DOE", "DATE = 0511", "TIME = 1852", "NMBR = 4075550000")},
	}, {
		name:       "a second DATE without a ring between starts a new call",
		transcript: "DATE = 0315\nTIME = 1422\nNMBR = 6155550123\nDATE = 0315\nTIME = 1430\nNMBR = 6155550199\nNAME = JONES",
		want: []callerid.Event{
			callerID("0315", "1422", "6155550123", "", "DATE = 0315", "TIME = 1422", "NMBR = 6155550123"),
			callerID("0315", "1430", "6155550199", "JONES",
				"DATE = 0315", "TIME = 1430", "NMBR = 6155550199", "NAME = JONES"),
		},
	}, {
		name:       "Bell Canada MESG after the number does not split the call",
		transcript: "RING\nDATE = 0315\nTIME = 1422\nNMBR = 6135550123\nMESG = 06014C\nNAME = TREMBLAY\nRING",
		want: []callerid.Event{
			ring("RING"),
			callerID("0315", "1422", "6135550123", "TREMBLAY",
				"DATE = 0315", "TIME = 1422", "NMBR = 6135550123", "MESG = 06014C", "# long distance call", "NAME = TREMBLAY"),
			ring("RING"),
		},
	}, {
		name:       "distinctive ring: the pattern of RING A and RING 2",
		transcript: "RING A\nRING 2",
		want:       []callerid.Event{patterned(ring("RING A"), "A"), patterned(ring("RING 2"), "2")},
	}, {
		name:       "tags in lower case",
		transcript: "Date = 0315\nTime = 1422\nNmbr = 6155550123\nName = Smith J",
		want: []callerid.Event{callerID("0315", "1422", "6155550123", "Smith J",
			"Date = 0315", "Time = 1422", "Nmbr = 6155550123", "Name = Smith J")},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := feed(tt.transcript)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d events, want %d:\n got  %+v\n want %+v", len(got), len(tt.want), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("event %d:\n got  %+v\n want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParserFlushEmitsAPartialBlock(t *testing.T) {
	p := &modem.Parser{Line: "test", Now: func() time.Time { return clock }}
	for _, line := range []string{"RING", "DATE = 0315", "TIME = 1422", "NMBR = 6155550123"} {
		p.Feed(line)
	}
	if !p.Pending() {
		t.Fatal("Pending() = false with DATE, TIME and NMBR waiting for a NAME")
	}
	got := p.Flush()
	want := callerID("0315", "1422", "6155550123", "", "DATE = 0315", "TIME = 1422", "NMBR = 6155550123")
	if len(got) != 1 || got[0] != want {
		t.Fatalf("Flush() = %+v, want %+v", got, want)
	}
	if p.Pending() {
		t.Error("Pending() = true after Flush")
	}
	if again := p.Flush(); again != nil {
		t.Errorf("second Flush() = %+v, want nothing", again)
	}
}

func TestParserReportsACompleteBlockAtOnce(t *testing.T) {
	p := &modem.Parser{}
	var got []callerid.Event
	for _, line := range []string{"DATE = 0315", "TIME = 1422", "NMBR = 6155550123", "NAME = SMITH J"} {
		got = append(got, p.Feed(line)...)
	}
	if len(got) != 1 || got[0].Number != "6155550123" || got[0].At.IsZero() {
		t.Fatalf("events after the fourth field = %+v, want one caller ID stamped with the time", got)
	}
	if p.Pending() {
		t.Error("Pending() = true after the block was reported")
	}
}
