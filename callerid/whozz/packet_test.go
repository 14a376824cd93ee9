package whozz_test

import (
	"testing"

	"github.com/callboard-app/callboard/callerid/whozz"
)

// elPacket is what an Ethernet Link unit sends: the header with its unit
// and serial numbers in binary, "$", and the record.
func elPacket(unit, serial [6]byte, record string) []byte {
	b := []byte("^^<U>")
	b = append(b, unit[:]...)
	b = append(b, "<S>"...)
	b = append(b, serial[:]...)
	b = append(b, '$')
	return append(b, record...)
}

var (
	unitOne     = [6]byte{0, 0, 0, 0, 0, 1}
	serialOne   = [6]byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc}
	unitTwo     = [6]byte{0, 0, 0, 0, 0, 2}
	serialTwo   = [6]byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbd}
	callRecord  = "01 I E 0000 G A2 12/17 04:54 PM 770-263-7111   CALLERID.COM   "
	detailRing  = "01 R             12/17 16:54:01"
	callPacket  = elPacket(unitOne, serialOne, callRecord)
	ringPacket  = elPacket(unitOne, serialOne, detailRing)
	dollarCall  = elPacket(unitOne, serialOne, "$"+callRecord)
	dollarRing  = elPacket(unitOne, serialOne, "$"+detailRing)
	binaryNoise = [6]byte{'$', '<', 'S', '>', '^', '^'}
)

func TestParsePacketReadsEachSize(t *testing.T) {
	for _, tc := range []struct {
		name   string
		packet []byte
		size   int
		want   string
	}{
		{"call record", callPacket, 83, callRecord},
		{"call record with the unit's own $", dollarCall, 84, callRecord},
		{"detail record", ringPacket, 52, detailRing},
		{"detail record with the unit's own $", dollarRing, 53, detailRing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.packet) != tc.size {
				t.Fatalf("test packet is %d bytes, the unit sends %d", len(tc.packet), tc.size)
			}
			unit, serial, rec, ok := whozz.ParsePacket(tc.packet)
			if !ok {
				t.Fatalf("ParsePacket(%q) = not a record", tc.packet)
			}
			if unit != "1" || serial != "123456789abc" {
				t.Errorf("unit %q serial %q, want 1 and 123456789abc", unit, serial)
			}
			if rec.Raw != tc.want || rec.Line != 1 || rec.Month != 12 || rec.Day != 17 {
				t.Errorf("record %+v, want line 1 of 12/17 read from %q", rec, tc.want)
			}
		})
	}
}

func TestParsePacketFindsTheRecordBySearching(t *testing.T) {
	for _, tc := range []struct {
		name   string
		packet []byte
	}{
		{"a second $", elPacket(unitOne, serialOne, "$$"+callRecord)},
		{"noise before the record", elPacket(unitOne, serialOne, "\x00\x07 "+callRecord)},
		{"header bytes that look like marks", elPacket(binaryNoise, binaryNoise, callRecord)},
		{"trailing NUL and line ending", append(elPacket(unitOne, serialOne, callRecord), "\r\n\x00"...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, rec, ok := whozz.ParsePacket(tc.packet)
			if !ok || rec.Number != "770-263-7111" || rec.Kind != whozz.CallEnd {
				t.Errorf("ParsePacket(%q) = %+v, %v; want the end record", tc.packet, rec, ok)
			}
		})
	}
}

func TestParsePacketWithoutHeaderKeepsTheRecord(t *testing.T) {
	unit, serial, rec, ok := whozz.ParsePacket([]byte("$" + detailRing))
	if !ok || unit != "" || serial != "" || rec.Detail != whozz.DetailRing {
		t.Errorf("got unit %q serial %q %+v %v; want the ring and no unit", unit, serial, rec, ok)
	}
}

func TestParsePacketRejectsCommandReplies(t *testing.T) {
	for _, p := range [][]byte{
		elPacket(unitOne, serialOne, "V5.2 ECXUDASOBKT 01"),
		[]byte("^^<U>\x00\x00\x00\x00\x00\x01<S>\x12\x34"), // cut short
		[]byte("^^<U>\x00\x00\x00\x00\x00\x01<X>\x12\x34\x56\x78\x9a\xbc$" + callRecord),
		nil,
	} {
		if _, _, rec, ok := whozz.ParsePacket(p); ok {
			t.Errorf("ParsePacket(%q) = %+v, want not a record", p, rec)
		}
	}
}
