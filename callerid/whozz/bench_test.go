package whozz_test

import (
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid/whozz"
)

// BenchmarkParseRecordAndAssemble measures bytes per second from serial
// lines to events, over the answered and missed calls of the reference.
func BenchmarkParseRecordAndAssemble(b *testing.B) {
	lines := append(append([]string{}, answeredCall...), missedCall...)
	b.SetBytes(int64(len(strings.Join(lines, "\r\n")) + 2))
	a := &whozz.Assembler{Unit: "bench", Now: fixedClock}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			if r, ok := whozz.ParseRecord(l); ok {
				a.Feed(r)
			}
		}
	}
}

// BenchmarkParsePacket measures bytes per second through the Ethernet Link
// packet parser, a call record and a detail record in turn.
func BenchmarkParsePacket(b *testing.B) {
	packets := [][]byte{callPacket, ringPacket, dollarCall, dollarRing}
	n := 0
	for _, p := range packets {
		n += len(p)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range packets {
			whozz.ParsePacket(p)
		}
	}
}
