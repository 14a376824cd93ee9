package xdmf_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/xdmf"
)

var boxClock = time.Date(2025, 3, 15, 14, 22, 0, 0, time.UTC)

func newStream() *xdmf.Stream {
	return &xdmf.Stream{Line: "xdmf:/dev/ttyUSB0", Now: func() time.Time { return boxClock }}
}

func TestStreamTurnsEachPacketIntoOneCall(t *testing.T) {
	bad := ncidMDMF(t)
	bad[31] ^= 0x20 // "JOHN DOE" → "JOHN dOE": garbled, must not be a call
	mwi := bytesOf(t, vectorNamed(t, "SDMF message waiting on").packet)
	bt := bytesOf(t, vectorNamed(t, "BT withheld").packet)
	r, w := io.Pipe()
	go func() {
		// A box writes whatever the UART has, in odd-sized pieces.
		stream := join(seizure, ncidMDMF(t), noise, seizure, bad, noise, seizure, mwi, seizure, bt, noise)
		for i := 0; i < len(stream); i += 7 {
			w.Write(stream[i:min(i+7, len(stream))])
		}
		w.Close()
	}()
	d := newStream()
	events := make(chan callerid.Event, 10)
	err := d.Run(context.Background(), r, events)
	if !errors.Is(err, io.EOF) {
		t.Errorf("Run = %v, want io.EOF when the box goes away", err)
	}
	close(events)
	var got []callerid.Event
	for ev := range events {
		got = append(got, ev)
	}
	want := []callerid.Event{
		{Line: "xdmf:/dev/ttyUSB0", Kind: callerid.CallerID, At: boxClock, Number: "4075550000", Name: "JOHN DOE",
			TelcoDate: "0511", TelcoTime: "1852", Raw: "802001083035313131383532020A3430373535353030303007084A4F484E20444F4584"},
		{Line: "xdmf:/dev/ttyUSB0", Kind: callerid.CallerID, At: boxClock, Number: "P", Name: "WITHHELD",
			TelcoDate: "0612", TelcoTime: "2215", Raw: stripSpaces(vectorNamed(t, "BT withheld").packet)},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if d.BadChecksums() != 1 {
		t.Errorf("BadChecksums = %d, want 1", d.BadChecksums())
	}
}

func TestStreamStopsWithItsContextWhileTheBoxIsQuiet(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- newStream().Run(ctx, r, make(chan callerid.Event)) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
}

func TestStreamStopsWhileNobodyTakesTheEvent(t *testing.T) {
	r, w := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- newStream().Run(ctx, r, make(chan callerid.Event)) }()
	w.Write(join(seizure, ncidMDMF(t))) // returns once Run has read it
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
}

// BenchmarkStreamPacketToEvent is the time from the last byte of a packet
// reaching Run to its call event leaving it.
func BenchmarkStreamPacketToEvent(b *testing.B) {
	r, w := io.Pipe()
	events := make(chan callerid.Event)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go newStream().Run(ctx, r, events)
	packet := join(seizure, bytesOf(b, vectorNamed(b, "NCID MDMF").packet))
	b.SetBytes(int64(len(packet)))
	for b.Loop() {
		w.Write(packet)
		<-events
	}
}
