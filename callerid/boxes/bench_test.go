package boxes_test

import (
	"context"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/boxes"
)

const benchNetCallerID = "###DATE08082225...NMBR14075551212...NAMEJOHN+++\r"

func BenchmarkParseNetCallerID(b *testing.B) {
	b.SetBytes(int64(len(benchNetCallerID)))
	for b.Loop() {
		if _, ok := boxes.ParseNetCallerID(benchNetCallerID); !ok {
			b.Fatal("refused")
		}
	}
}

func BenchmarkParseTCI(b *testing.B) {
	b.SetBytes(int64(len(tciCardServices)))
	for b.Loop() {
		if _, ok := boxes.ParseTCI(tciCardServices); !ok {
			b.Fatal("refused")
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	b.SetBytes(int64(len(tciCardServices)))
	for b.Loop() {
		if boxes.Detect(tciCardServices) != boxes.FormatTCI {
			b.Fatal("not detected")
		}
	}
}

// benchmarkBox measures the whole path from bytes to events: framing,
// parsing and handing over, 100 records per run.
func benchmarkBox(b *testing.B, format, record string) {
	stream := strings.Repeat(record, 100)
	b.SetBytes(int64(len(stream)))
	events := make(chan callerid.Event, 100)
	box := &boxes.Box{Format: format}
	for b.Loop() {
		box.Run(context.Background(), strings.NewReader(stream), events)
		if len(events) != 100 {
			b.Fatalf("%d events, want 100", len(events))
		}
		for range 100 {
			<-events
		}
	}
}

func BenchmarkBoxNetCallerID(b *testing.B) {
	benchmarkBox(b, boxes.FormatNetCallerID, benchNetCallerID)
}

func BenchmarkBoxTCI(b *testing.B) { benchmarkBox(b, boxes.FormatTCI, tciCardServices+"\r\n") }
