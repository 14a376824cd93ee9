package xdmf_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid/xdmf"
)

func TestDecodeHexReadsEveryVectorAsModemsPrintIt(t *testing.T) {
	for _, v := range vectors {
		compact := strings.ReplaceAll(v.packet, " ", "")
		for _, line := range []string{
			compact,                                // +VCID=2
			strings.ToLower(compact),               // lower-case modems
			"MESG=" + compact,                      // USR 5637 with #CID=2
			"MESG=" + pairs(compact),               // spaced, as the blog transcript shows it
			"mesg = " + pairs(compact) + "\t \r\n", // any case, line end left on
		} {
			m, err := xdmf.DecodeHex(line)
			if err != nil {
				t.Errorf("%s: DecodeHex(%q): %v", v.name, line, err)
				continue
			}
			if m.Unverified || m.Number != v.want.Number || m.DateTime != v.want.DateTime || m.Name != v.want.Name {
				t.Errorf("%s: DecodeHex(%q) = %+v, want %+v", v.name, line, m, v.want)
			}
		}
	}
}

func pairs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i : i+2])
	}
	return b.String()
}

func TestDecodeHexUSR5637TranscriptIsABadChecksum(t *testing.T) {
	// The blog's transcript: the number was anonymised after the fact, so the
	// packet no longer adds up. It must not become a call from 4195551212.
	line := "MESG=80 27 01 08 31 32 30 33 31 39 32 34 02 0A 34 31 39 35 35 35 31 32 31 32 07 0F 43 65 6C 6C 20 50 68 6F 6E 65 20 20 20 4F 48 FF"
	m, err := xdmf.DecodeHex(line)
	if !errors.Is(err, xdmf.ErrChecksum) {
		t.Errorf("DecodeHex = %+v, %v; want ErrChecksum", m, err)
	}
}

func TestDecodeHexAcceptsAskeyPacketWithoutChecksumAsUnverified(t *testing.T) {
	// Askey manual: 04 12 and 18 data bytes, nothing after. The length byte
	// frames it exactly, so it is read, flagged as unchecked.
	m, err := xdmf.DecodeHex("0412303332323234303539313435353132333435")
	if err != nil {
		t.Fatal(err)
	}
	if !m.Unverified || m.Type != 0x04 || m.DateTime != "03222405" || m.Number != "9145512345" {
		t.Errorf("DecodeHex = %+v; want unverified SDMF 03222405 9145512345", m)
	}
}

func TestDecodeHexWithoutChecksumMustStillParse(t *testing.T) {
	// Nothing vouches for these bytes, so the data has to be right: here an
	// MDMF parameter runs past the end.
	if m, err := xdmf.DecodeHex("80 05 02 05 31 32 33"); !errors.Is(err, xdmf.ErrMalformed) {
		t.Errorf("DecodeHex = %+v, %v; want ErrMalformed", m, err)
	}
}

func TestDecodeHexRefusesWhatIsNotAPacket(t *testing.T) {
	for _, line := range []string{
		"RING",
		"NMBR = 4075551212",
		"80200",          // odd number of digits
		"55555580030B01", // seizure bytes are not part of modem hex
		// Formatted-mode MESG lines hold one parameter, not a packet.
		"MESG = 110101",
		"MESG = 06014C",
		"",
	} {
		if m, err := xdmf.DecodeHex(line); err == nil {
			t.Errorf("DecodeHex(%q) = %+v, want an error", line, m)
		}
	}
	if _, err := xdmf.DecodeHex("RING"); !errors.Is(err, xdmf.ErrNotCallerID) {
		t.Errorf("DecodeHex(RING): %v, want ErrNotCallerID", err)
	}
}

func TestDecodeHex3ComEditedExampleIsALengthMismatch(t *testing.T) {
	_, err := xdmf.DecodeHex("801E01083130313532303338020A37303835353530303031070C552E532E524F424F5449435322")
	if !errors.Is(err, xdmf.ErrLength) {
		t.Errorf("err = %v, want ErrLength", err)
	}
}

func BenchmarkDecodeHex(b *testing.B) {
	line := "MESG=" + pairs(stripSpaces(vectorNamed(b, "MDMF with DDN and long distance").packet))
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		if _, err := xdmf.DecodeHex(line); err != nil {
			b.Fatal(err)
		}
	}
}
