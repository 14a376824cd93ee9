package whozz_test

import (
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid/whozz"
)

// FuzzParseRecord feeds arbitrary lines to the parser and on to an
// assembler. Nothing may panic; a record must hold only what the line said
// and only values a unit can mean; every event must name a line of the unit.
func FuzzParseRecord(f *testing.F) {
	for _, ex := range recordExamples {
		f.Add(ex.line)
	}
	for _, l := range append(append([]string{}, answeredCall...), missedCall...) {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r, ok := whozz.ParseRecord(line)
		if !ok {
			return
		}
		if r.Raw == "" || !strings.HasPrefix(line, r.Raw) {
			t.Errorf("Raw %q is not the line %q", r.Raw, line)
		}
		for _, field := range []string{r.Number, r.Name, r.SIPReason, r.RingType} {
			if !strings.Contains(line, field) {
				t.Errorf("field %q is not in the line %q", field, line)
			}
		}
		if r.Line > 99 || r.Month > 12 || r.Day > 31 || r.Hour > 23 || r.Minute > 59 || r.Second > 59 || r.Duration < 0 {
			t.Errorf("impossible values in %+v from %q", r, line)
		}
		if r.Kind.String() == "unknown" || r.Format.String() == "unknown" {
			t.Errorf("record of no kind or format: %+v", r)
		}
		// Twice, so the record also meets a line it has changed.
		a := &whozz.Assembler{Unit: "fuzz", Now: fixedClock}
		for _, ev := range append(a.Feed(r), a.Feed(r)...) {
			if !strings.HasPrefix(ev.Line, "fuzz/") || ev.Raw != r.Raw && ev.Raw != "" {
				t.Errorf("event %+v does not belong to the record %q", ev, r.Raw)
			}
		}
	})
}

// FuzzParsePacket feeds arbitrary packets. Nothing may panic; a record
// found must be text from the packet, and a serial number is 12 hex digits.
func FuzzParsePacket(f *testing.F) {
	for _, p := range [][]byte{callPacket, ringPacket, dollarCall, dollarRing,
		elPacket(binaryNoise, binaryNoise, "$$"+callRecord),
		elPacket(unitOne, serialOne, "V5.2 ECXUDASOBKT 01"),
		[]byte("$" + detailRing)} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		unit, serial, rec, ok := whozz.ParsePacket(p)
		if !ok {
			return
		}
		if !strings.Contains(string(p), rec.Raw) {
			t.Errorf("record %q is not in the packet %q", rec.Raw, p)
		}
		if serial != "" && len(serial) != 12 || serial == "" && unit != "" {
			t.Errorf("unit %q serial %q from %q", unit, serial, p)
		}
	})
}
