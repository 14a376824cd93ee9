package modem_test

import (
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid/modem"
)

// benchmarkParser feeds transcript through one Parser over and over and
// reports bytes per second.
func benchmarkParser(b *testing.B, transcript string) {
	lines := strings.Split(transcript, "\n")
	p := &modem.Parser{Line: "bench", Now: func() time.Time { return clock }}
	b.SetBytes(int64(len(transcript)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			p.Feed(l)
		}
		p.Flush()
	}
}

// A day's mix of formatted calls: North America, UK, the odd variants.
func BenchmarkParserFormatted(b *testing.B) {
	benchmarkParser(b, strings.Join(seedTranscripts, "\n"))
}

// Unformatted packets, each decoded and checksum-checked.
func BenchmarkParserHex(b *testing.B) {
	benchmarkParser(b, strings.Join([]string{
		"RING", sdmfPacket, "RING", "RING", mdmfPacket, "RING", "MESG=" + spaced(mdmfPrivate), "RING", btPacket, "RING", mdmfLongDistance, "RING",
	}, "\n"))
}

// Distinctive ring cadences and voice-mode events.
func BenchmarkParserCadence(b *testing.B) {
	benchmarkParser(b, "DRON=5\nDROF=11\nDRON=5\nDATE = 0321\nTIME = 1405\nNMBR = 5045551234\nNAME = A N OTHER\nDROF=34\nDRON=5\nDROF=11\nDRON=5\n\x10P\n\x10h\nRING A\nRING 2")
}
