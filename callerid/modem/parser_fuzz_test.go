package modem_test

import (
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
}

// FuzzParser feeds arbitrary bytes as modem lines. The parser must not panic,
// every event must carry its raw text, and no field may hold anything the
// modem did not send (apart from removed control bytes, and the separators
// of the one-line "DATE TIME=01/06 14:15" form).
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

		sent := withoutControls(string(input))
		sentDigits := strings.NewReplacer("/", "", ":", "").Replace(sent)
		for _, ev := range events {
			if ev.Raw == "" {
				t.Errorf("%v event with empty Raw", ev.Kind)
			}
			if ev.Kind != callerid.CallerID {
				continue
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
