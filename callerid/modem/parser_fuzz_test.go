package modem_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

// transcripts from the reference (callerid-formats.md §1.2, §1.3).
var seedTranscripts = []string{
	"RING\r\n\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 504551234\r\nNAME = A N OTHER\r\n\r\nRING\r\n",
	"RING\nDATE = 0504\nTIME = 2149\nNMBR = 4075551212\nNAME = Chmielewski Joh\nRING\n",
	"RING\nMESG = 06034242431\nRING\n",
	"MESG = 110101\nDATE = 0421\nTIME = 0934\nNMBR = P\nNAME = WITHHELD\nRING\nRING\n",
	"DATE = 0103\nTIME = 1254\nNAME = SARASOTA,FL\nDDN_NMBR = 9415557218\n",
	"DATE = 0103\nTIME = 1334\nNAME = Tucson,AZ\nDDN = 9415557218\n",
	"CID RING\nDATE TIME=01/06 14:15\nNBR=0632727751\n",
	"DATE = \nTIME=\nNAME = PrivDirOff\nNMBR = 0000000000\n",
	"NMBR = Restricted\nNAME = Unavailable\nTIME = 12541\n",
	"NMBR = ##########\nNMBR = O\n",
	"\x10R\x10X\x10.\x18NAME = JOHN\x00\n",
	"ATZ\r\r\nOK\r\nAT+VCID=1\r\r\nERROR\r\n",
	// Issue 3: every variant the parser now knows.
	"RING\nDATE = 0103\nTIME = 1254\nNMBR = 14075552120\nNAME = X\nNMBR = 075552120\nNMBR = 5552120\nNMBR = 2120\n",
	"DATE =  \nTIME=\nNBR=0632727751\nDDN_NMBR = 9415557218\nDDN = 1\n",
	"\x10.\x18DATE = 0511\n\x10XTIME = 1852\n\x10R\x10X\n",
	"NMBR = 1\nMESG = 06014CAD\nMESG = 0401500801 4F\nMESG = 990100\nMESG = 060342424231\nMESG = 06034242431\n",
	"RING A\nRING B\nRING C\nRING 1\nRING 3\nRING2\nCID RING\n",
	"DRON=5\nDROF=11\nDRON=5\nDATE = 0321\nDROF=34\nDRON=5\nRING\nDROF=x\nDRON=99999\n",
	"\x10R\nDATE = 0321\n\x10P\n\x10h\n\x10H\n\x10s\x10d\nLINE-IN-USE\n",
	"RING\n" + sdmfPacket + "\n" + strings.ToLower(mdmfPacket) + "\nMESG=" + spaced(mdmfPrivate) + "\n",
	btPacket + "\n" + mdmfLongDistance + "\n" + mwiOn + "\n" + strings.TrimSuffix(sdmfPacket, "59") + "\n",
	mdmfPacket[:len(mdmfPacket)-2] + "85\nMESG=" + spaced(sdmfPacket[:len(sdmfPacket)-2]+"00") + "\n",
}

// FuzzParser feeds arbitrary bytes as modem lines. The parser must not panic,
// every event must carry its raw text, and no field may hold anything the
// modem did not send (apart from removed control bytes, the separators of
// the one-line "DATE TIME=01/06 14:15" form, and the text inside a hex
// packet line, which counts as sent in its decoded form). A caller ID
// decoded from a packet line passed its checksum, or says in Raw that the
// modem left the checksum out.
func FuzzParser(f *testing.F) {
	for _, s := range seedTranscripts {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		p := &modem.Parser{Line: "fuzz"}
		var events []callerid.Event
		for line := range strings.SplitSeq(string(input), "\n") {
			events = append(events, p.Feed(line)...)
		}
		events = append(events, p.Flush()...)

		sent := withoutControls(string(input)) + "\x00" + decodedHex(string(input))
		sentDigits := strings.NewReplacer("/", "", ":", "").Replace(sent)
		for _, ev := range events {
			if ev.Raw == "" {
				t.Errorf("%v event with empty Raw", ev.Kind)
			}
			if ev.Kind != callerid.CallerID {
				continue
			}
			if packet, ok := packetOf(ev.Raw); ok && !strings.Contains(ev.Raw, "# no checksum") && sum(packet) != 0 {
				t.Errorf("caller ID %+v from a packet that fails its checksum", ev)
			}
			for _, field := range []string{ev.Number, ev.Name} {
				if !strings.Contains(sent, field) {
					t.Errorf("field %q is not in the input %q", field, input)
				}
			}
			for _, field := range []string{ev.TelcoDate, ev.TelcoTime} {
				if !strings.Contains(sent, field) && !strings.Contains(sentDigits, field) {
					t.Errorf("date/time %q is not in the input %q", field, input)
				}
			}
		}
	})
}

func withoutControls(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x20 && s[i] != 0x7f {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// decodedHex is the text hidden in every line that is hex (after an optional
// "MESG=" and without spaces), decoded: what a packet could put in a field.
func decodedHex(input string) string {
	var out strings.Builder
	for line := range strings.SplitSeq(input, "\n") {
		line = withoutControls(line)
		if i := strings.IndexByte(line, '='); i >= 0 {
			line = line[i+1:]
		}
		if b, err := hex.DecodeString(strings.ReplaceAll(strings.TrimSpace(line), " ", "")); err == nil {
			out.Write(b)
			out.WriteByte(0)
		}
	}
	return out.String()
}

// packetOf returns the packet a caller ID was decoded from: Raw is then the
// hex line and nothing but notes.
func packetOf(raw string) ([]byte, bool) {
	first, notes, _ := strings.Cut(raw, "\n")
	for note := range strings.SplitSeq(notes, "\n") {
		if note != "" && !strings.HasPrefix(note, "# ") {
			return nil, false
		}
	}
	if tag, value, ok := strings.Cut(first, "="); ok {
		if strings.ToUpper(strings.TrimSpace(tag)) != "MESG" {
			return nil, false
		}
		first = value
	}
	b, err := hex.DecodeString(strings.ReplaceAll(strings.TrimSpace(first), " ", ""))
	return b, err == nil && len(b) >= 6
}

func sum(b []byte) byte {
	var s byte
	for _, c := range b {
		s += c
	}
	return s
}
