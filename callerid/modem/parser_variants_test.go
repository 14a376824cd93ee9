package modem_test

import (
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

// Packets from the reference (callerid-formats.md §2.6); every one's bytes
// sum to 0 mod 256.
const (
	sdmfPacket = "041230353131313835323430373535353030303059" // 05/11 18:52, 4075550000
	mdmfPacket = "802001083035313131383532020A3430373535353030303007084A4F484E20444F4584"
	// 03/15 14:22, number and name withheld ('P' in parameters 04 and 08).
	mdmfPrivate = "80100108303331353134323204015008015027"
	// BT: call type voice, 06/12 23:12, 08456021111.
	btPacket = "801A1101010108303631323233313202" + "0B3038343536303231313131" + "7F"
	// Bell Canada: number, DDN, long distance, name.
	mdmfLongDistance = "802F01083033313531343232020A36313335353530313233030B313631333535353031323306014C0707534D495448204A1D"
	mwiOn            = "82030B01FF70"
)

// spaced prints a packet the way the USR 5637 does: bytes apart.
func spaced(hex string) string {
	var b strings.Builder
	for i := 0; i < len(hex); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(hex[i : i+2])
	}
	return b.String()
}

func withRaw(ev callerid.Event, raw ...string) callerid.Event {
	ev.Raw = strings.Join(raw, "\n")
	return ev
}

func hook(kind callerid.Kind, raw string) callerid.Event {
	return callerid.Event{Line: "test", Kind: kind, At: clock, Raw: raw}
}

func TestParserVariants(t *testing.T) {
	tests := []struct {
		name       string
		transcript string
		want       []callerid.Event
	}{{
		name:       "an 11-digit number",
		transcript: "RING\nDATE = 0103\nTIME = 1254\nNMBR = 14075552120\nNAME = SMITH J\nRING",
		want: []callerid.Event{ring("RING"),
			callerID("0103", "1254", "14075552120", "SMITH J", "DATE = 0103", "TIME = 1254", "NMBR = 14075552120", "NAME = SMITH J"),
			ring("RING")},
	}, {
		name:       "odd-length numbers are kept as sent",
		transcript: "NMBR = 075552120\nNAME = A\nRING\nNMBR = 5552120\nRING\nNMBR = 2120\nRING",
		want: []callerid.Event{
			callerID("", "", "075552120", "A", "NMBR = 075552120", "NAME = A"), ring("RING"),
			callerID("", "", "5552120", "", "NMBR = 5552120"), ring("RING"),
			callerID("", "", "2120", "", "NMBR = 2120"), ring("RING"),
		},
	}, {
		name:       "a placeholder number and name are kept as sent",
		transcript: "DATE = 0103\nTIME = 1254\nNAME = PrivDirOff\nNMBR = 0000000000",
		want: []callerid.Event{callerID("0103", "1254", "0000000000", "PrivDirOff",
			"DATE = 0103", "TIME = 1254", "NAME = PrivDirOff", "NMBR = 0000000000")},
	}, {
		name:       "NMBR = ########## and then NMBR = O keeps the first",
		transcript: "RING\nDATE = 0315\nTIME = 1422\nNMBR = ##########\nNMBR = O\nRING",
		want: []callerid.Event{ring("RING"),
			callerID("0315", "1422", "##########", "", "DATE = 0315", "TIME = 1422", "NMBR = ##########", "NMBR = O"),
			ring("RING")},
	}, {
		name:       "NetTalk: empty DATE and TIME with two spaces",
		transcript: "DATE =  \nTIME=\nNBR=0632727751\nNAME = X",
		want:       []callerid.Event{callerID("", "", "0632727751", "X", "DATE =", "TIME=", "NBR=0632727751", "NAME = X")},
	}, {
		name:       "DLE junk before several fields",
		transcript: "\x10.\x18DATE = 0511\n\x10XTIME = 1852\nNMBR = 4075550000\n\x10.NAME = JOHN DOE",
		want: []callerid.Event{callerID("0511", "1852", "4075550000", "JOHN DOE",
			".DATE = 0511", "XTIME = 1852", "NMBR = 4075550000", ".NAME = JOHN DOE")},
	}, {
		name:       "UK before the first ring, as two separate calls",
		transcript: "MESG = 110101\nDATE = 0421\nTIME = 0934\nNMBR = 02079460000\nRING\nRING\nMESG = 110101\nDATE = 0421\nTIME = 0940\nNMBR = P\nNAME = WITHHELD\nRING",
		want: []callerid.Event{
			callerID("0421", "0934", "02079460000", "", "MESG = 110101", "# call type: voice", "DATE = 0421", "TIME = 0934", "NMBR = 02079460000"),
			ring("RING"), ring("RING"),
			callerID("0421", "0940", "P", "WITHHELD", "MESG = 110101", "# call type: voice", "DATE = 0421", "TIME = 0940", "NMBR = P", "NAME = WITHHELD"),
			ring("RING"),
		},
	}, {
		name:       "MESG parameters we know, and one we do not",
		transcript: "NMBR = 1\nMESG = 06014CAD\nMESG = 0401500801 4F\nMESG = 990100\nMESG = 060342424231\nMESG = zz",
		want: []callerid.Event{withRaw(callerID("", "", "1", ""),
			"NMBR = 1", "MESG = 06014CAD", "# long distance call",
			"MESG = 0401500801 4F", "# number withheld by the caller", "# name unavailable",
			"MESG = 990100", "MESG = 060342424231", "# message waiting: on", "MESG = zz")},
	}, {
		name:       "distinctive ring types from every family",
		transcript: "RING A\nRING B\nRING C\nRING 1\nRING 3\nRING2\nCID RING\nRING",
		want: []callerid.Event{
			patterned(ring("RING A"), "A"), patterned(ring("RING B"), "B"), patterned(ring("RING C"), "C"),
			patterned(ring("RING 1"), "1"), patterned(ring("RING 3"), "3"), patterned(ring("RING2"), "2"),
			ring("CID RING"), ring("RING"),
		},
	}, {
		name: "Lucent cadences: each burst is a ring with its pattern, the caller ID between them",
		transcript: "DRON=5\nDROF=11\nDRON=5\n" +
			"DATE = 0321\nTIME = 1405\nNMBR = 5045551234\nNAME = A N OTHER\n" +
			"DROF=34\nDRON=5\nDROF=11\nDRON=5",
		want: []callerid.Event{
			callerID("0321", "1405", "5045551234", "A N OTHER", "DATE = 0321", "TIME = 1405", "NMBR = 5045551234", "NAME = A N OTHER"),
			patterned(withRaw(ring(""), "DRON=5", "DROF=11", "DRON=5"), "5-11-5"),
			patterned(withRaw(ring(""), "DRON=5", "DROF=11", "DRON=5"), "5-11-5"),
		},
	}, {
		name:       "two lines' worth of patterns on one line: a long single ring, then two short",
		transcript: "DRON=20\nDROF=40\nDRON=20\nDROF=40\nDRON=8\nDROF=4\nDRON=8",
		want: []callerid.Event{
			patterned(withRaw(ring(""), "DRON=20"), "20"),
			patterned(withRaw(ring(""), "DRON=20"), "20"),
			patterned(withRaw(ring(""), "DRON=8", "DROF=4", "DRON=8"), "8-4-8"),
		},
	}, {
		name:       "a modem that prints RING as well: the ring carries the cadence, once",
		transcript: "DRON=5\nRING\nDROF=11\nDRON=5\nDROF=34\nDRON=5\nRING",
		want: []callerid.Event{
			patterned(ring("RING"), "5"),
			patterned(ring("RING"), "5"),
		},
	}, {
		name:       "cadence noise: a gap with no burst, a value that is no number",
		transcript: "DROF=40\nDRON=x\nRING",
		want:       []callerid.Event{ring("RING")},
	}, {
		name:       "voice-mode events: ring, extension picked up, handset down",
		transcript: "\x10R\nDATE = 0321\nNMBR = 5045551234\n\x10P\n\x10h\n\x10H\n\x10s\x10d",
		want: []callerid.Event{
			ring("<DLE>R"),
			callerID("0321", "", "5045551234", "", "DATE = 0321", "NMBR = 5045551234"),
			hook(callerid.OffHook, "<DLE>P"), hook(callerid.OnHook, "<DLE>h"), hook(callerid.OffHook, "<DLE>H"),
		},
	}, {
		name:       "LINE-IN-USE means someone is on the line",
		transcript: "RING\nLINE-IN-USE",
		want:       []callerid.Event{ring("RING"), hook(callerid.OffHook, "LINE-IN-USE")},
	}, {
		name:       "unformatted SDMF between rings",
		transcript: "RING\n" + sdmfPacket + "\nRING",
		want:       []callerid.Event{ring("RING"), callerID("0511", "1852", "4075550000", "", sdmfPacket), ring("RING")},
	}, {
		name:       "unformatted MDMF in lower case",
		transcript: strings.ToLower(mdmfPacket),
		want:       []callerid.Event{callerID("0511", "1852", "4075550000", "JOHN DOE", strings.ToLower(mdmfPacket))},
	}, {
		name:       "USR 5637: MESG= prefix and spaces",
		transcript: "RING\nMESG=" + spaced(mdmfPrivate) + "\nRING",
		want: []callerid.Event{ring("RING"),
			callerID("0315", "1422", "P", "P", "MESG="+spaced(mdmfPrivate)), ring("RING")},
	}, {
		name:       "BT packet before the first ring, with its call type",
		transcript: btPacket + "\nRING",
		want:       []callerid.Event{callerID("0612", "2312", "08456021111", "", btPacket, "# call type: voice"), ring("RING")},
	}, {
		// Parameter 3 here is the caller's dialable number, not the line
		// that was called: no Dialed.
		name:       "Bell Canada packet: dialable number and long distance",
		transcript: mdmfLongDistance,
		want:       []callerid.Event{callerID("0315", "1422", "6135550123", "SMITH J", mdmfLongDistance, "# long distance call")},
	}, {
		name:       "a packet without its checksum (Askey manual) is decoded, and says so",
		transcript: strings.TrimSuffix(sdmfPacket, "59"),
		want: []callerid.Event{callerID("0511", "1852", "4075550000", "",
			strings.TrimSuffix(sdmfPacket, "59"), "# no checksum: the modem left it out")},
	}, {
		name:       "message waiting is no call",
		transcript: "RING\n" + mwiOn + "\nMESG=" + mwiOn + "\nRING",
		want:       []callerid.Event{ring("RING"), ring("RING")},
	}, {
		name:       "a formatted block is complete when a packet line comes",
		transcript: "DATE = 0321\nNMBR = 5045551234\n" + sdmfPacket,
		want: []callerid.Event{
			callerID("0321", "", "5045551234", "", "DATE = 0321", "NMBR = 5045551234"),
			callerID("0511", "1852", "4075550000", "", sdmfPacket),
		},
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

// A packet garbled on the line must not become a caller: it is dropped and
// counted, and the call still shows as ringing.
func TestParserCountsBadChecksums(t *testing.T) {
	garbled := mdmfPacket[:len(mdmfPacket)-2] + "85"
	oneBitOff := strings.Replace(sdmfPacket, "34303735", "34303635", 1) // 407… became 406…
	p := &modem.Parser{Line: "test", Now: func() time.Time { return clock }}
	var got []callerid.Event
	for _, line := range []string{"RING", garbled, "RING", "MESG=" + spaced(oneBitOff), "RING", sdmfPacket} {
		got = append(got, p.Feed(line)...)
	}
	got = append(got, p.Flush()...)
	want := []callerid.Event{ring("RING"), ring("RING"), ring("RING"), callerID("0511", "1852", "4075550000", "", sdmfPacket)}
	if len(got) != len(want) {
		t.Fatalf("events %+v, want %+v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("event %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := p.BadChecksums(); n != 2 {
		t.Errorf("BadChecksums() = %d, want 2", n)
	}
}
