package boxes_test

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/boxes"
)

// waitLimit only stops a broken test from hanging; nothing is timed.
const waitLimit = 10 * time.Second

var clock = time.Date(2025, 8, 8, 22, 25, 3, 0, time.UTC)

func fixedNow() time.Time { return clock }

// runBox runs b on a pipe fed with chunks, one Write each, until the stream
// ends, and returns the events and Run's error.
func runBox(t *testing.T, b *boxes.Box, chunks []string) ([]callerid.Event, error) {
	t.Helper()
	r, w := io.Pipe()
	go func() {
		for _, c := range chunks {
			if _, err := w.Write([]byte(c)); err != nil {
				return
			}
		}
		w.Close()
	}()
	events := make(chan callerid.Event, 100)
	err := b.Run(context.Background(), r, events)
	close(events)
	var got []callerid.Event
	for ev := range events {
		got = append(got, ev)
	}
	return got, err
}

// bytewise splits s into one-byte writes, the worst a serial port does.
func bytewise(s string) []string { return chunked(s, 1) }

func chunked(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}

func call(line, number, name, date, hhmm, raw string) callerid.Event {
	return callerid.Event{Line: line, Kind: callerid.CallerID, At: clock, Number: number, Name: name,
		TelcoDate: date, TelcoTime: hhmm, Raw: raw}
}

func TestBoxReportsEveryNetCallerIDCallAndNothingElse(t *testing.T) {
	stream := "\r\n" +
		"###DATE08082225...NMBR14075551212...NAMEJOHN+++\r" +
		"noise after a power cut\r" +
		"###DATE...NMBR...NAME   -MSG OFF-+++\r" + // voicemail notice: nobody called
		"###DATE08082226...NMBR31255" + "\r" + // cut short: no caller beats a wrong one
		"###DATE08082227...NMBR...NAME-UNKNOWN CALLER-+++\r" +
		"###DATE08082228...NMBR3125551234...NA" + // cut short, then the next record starts
		"###DATE08082229...NMBR2125550000...NAMEMARY+++\r"
	want := []callerid.Event{
		call("front desk", "14075551212", "JOHN", "0808", "2225", "###DATE08082225...NMBR14075551212...NAMEJOHN+++"),
		call("front desk", "UNKNOWN", "", "0808", "2227", "###DATE08082227...NMBR...NAME-UNKNOWN CALLER-+++"),
		call("front desk", "2125550000", "MARY", "0808", "2229", "###DATE08082229...NMBR2125550000...NAMEMARY+++"),
	}
	for _, split := range []struct {
		name   string
		chunks []string
	}{
		{"in one read", []string{stream}},
		{"byte by byte", bytewise(stream)},
		{"in reads of 7 bytes", chunked(stream, 7)},
	} {
		t.Run(split.name, func(t *testing.T) {
			b := &boxes.Box{Format: boxes.FormatNetCallerID, Name: "front desk", Now: fixedNow}
			got, err := runBox(t, b, split.chunks)
			if !errors.Is(err, io.EOF) {
				t.Errorf("Run returned %v at the end of the stream, want io.EOF", err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("events:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestBoxTakesAnyLineEnding(t *testing.T) {
	const record = "###DATE08082225...NMBR14075551212...NAMEJOHN+++"
	want := []callerid.Event{
		call("netcallerid", "14075551212", "JOHN", "0808", "2225", record),
		call("netcallerid", "14075551212", "JOHN", "0808", "2225", record),
	}
	for name, end := range map[string]string{"CR": "\r", "CR LF": "\r\n", "LF": "\n", "none": ""} {
		t.Run(name, func(t *testing.T) {
			b := &boxes.Box{Format: boxes.FormatNetCallerID, Now: fixedNow}
			got, _ := runBox(t, b, bytewise(record+end+record+end))
			if !slices.Equal(got, want) {
				t.Errorf("events:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestBoxTakesARecordWithoutItsEndWhenTheStreamEnds(t *testing.T) {
	b := &boxes.Box{Format: boxes.FormatNetCallerID, Now: fixedNow}
	got, _ := runBox(t, b, []string{"###DATE08082225...NMBR14075551212...NAMEJOHN"})
	want := []callerid.Event{call("netcallerid", "14075551212", "JOHN", "0808", "2225", "###DATE08082225...NMBR14075551212...NAMEJOHN")}
	if !slices.Equal(got, want) {
		t.Errorf("events:\n got %+v\nwant %+v", got, want)
	}
}

func TestBoxTakesARecordWithoutItsEndWhenTheLineGoesQuiet(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan callerid.Event, 1)
	done := make(chan error, 1)
	b := &boxes.Box{Format: boxes.FormatNetCallerID, Now: fixedNow}
	go func() { done <- b.Run(ctx, r, events) }()

	go func() {
		w.Write([]byte("###DATE08082225...NMBR14075551212...NAMEJOHN"))
		w.Write(nil) // what a serial port's read timeout looks like: (0, nil)
	}()
	select {
	case ev := <-events:
		if ev.Number != "14075551212" || ev.Name != "JOHN" {
			t.Errorf("got %+v", ev)
		}
	case <-time.After(waitLimit):
		t.Fatal("the record waited for more bytes on a quiet line")
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v, want context.Canceled", err)
	}
}

func TestBoxReportsEachTCILineApart(t *testing.T) {
	const private = "02      1/01     12:30 PM                  P           PRIVATE        "
	stream := tciCardServices + "\r\n" +
		"02     12/24     12:05 AM       615-555-0123           SMITH J\r\n" +
		"01      9/05     11:17 AM       702-555\r\n" + // cut inside the number
		private[:9] + "\x00" + private[9:] + "\r\n" // a noise byte on the line
	want := []callerid.Event{
		call("tci/1", "702-555-1145", "CARD SERVICES", "0905", "1117", tciCardServices),
		call("tci/2", "615-555-0123", "SMITH J", "1224", "0005", "02     12/24     12:05 AM       615-555-0123           SMITH J"),
		call("tci/2", "P", "PRIVATE", "0101", "1230", private),
	}
	b := &boxes.Box{Format: boxes.FormatTCI, Now: fixedNow}
	got, _ := runBox(t, b, bytewise(stream))
	if !slices.Equal(got, want) {
		t.Errorf("events:\n got %+v\nwant %+v", got, want)
	}
}

func TestBoxNamesTCILinesAfterTheUnit(t *testing.T) {
	b := &boxes.Box{Format: boxes.FormatTCI, Name: "Back office", Now: fixedNow}
	got, _ := runBox(t, b, []string{tciCardServices + "\r\n"})
	if len(got) != 1 || got[0].Line != "Back office/1" {
		t.Errorf("events %+v, want one on line %q", got, "Back office/1")
	}
}

func TestBoxOfUnknownFormatRecognisesEachRecord(t *testing.T) {
	stream := "###DATE08082225...NMBR14075551212...NAMEJOHN+++\r" + tciCardServices + "\r\n" +
		"CALL: ###DATE12041529...CALLIN...LINEVOIP...NMBR14075551212...NAMECourt Jester+++\r\n"
	b := &boxes.Box{Name: "box", Now: fixedNow}
	got, _ := runBox(t, b, bytewise(stream))
	want := []callerid.Event{
		call("box", "14075551212", "JOHN", "0808", "2225", "###DATE08082225...NMBR14075551212...NAMEJOHN+++"),
		call("box/1", "702-555-1145", "CARD SERVICES", "0905", "1117", tciCardServices),
	}
	if !slices.Equal(got, want) {
		t.Errorf("events:\n got %+v\nwant %+v", got, want)
	}
}

func TestBoxIgnoresRecordsOfTheOtherFormat(t *testing.T) {
	b := &boxes.Box{Format: boxes.FormatTCI, Now: fixedNow}
	got, _ := runBox(t, b, []string{"###DATE08082225...NMBR14075551212...NAMEJOHN+++\r"})
	if len(got) != 0 {
		t.Errorf("a TCI box reported %+v from a NetCallerID record", got)
	}
}

func TestBoxStopsWhenCancelledAndClosesTheDevice(t *testing.T) {
	r, w := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	b := &boxes.Box{Format: boxes.FormatNetCallerID}
	go func() { done <- b.Run(ctx, r, make(chan callerid.Event)) }()

	w.Write([]byte("###DATE08082225")) // Run has read this and waits for more
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Run did not stop")
	}
	if _, err := w.Write([]byte("x")); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("writing to the device after Run stopped: %v, want io.ErrClosedPipe", err)
	}
}

func TestBoxStopsWhileWaitingToHandOverACall(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	b := &boxes.Box{Format: boxes.FormatNetCallerID}
	r := strings.NewReader("###DATE08082225...NMBR14075551212...NAMEJOHN+++\r")
	go func() { done <- b.Run(ctx, r, make(chan callerid.Event)) }() // nobody takes the event
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Run did not stop")
	}
}

func TestBoxRefusesAnUnknownFormat(t *testing.T) {
	b := &boxes.Box{Format: "whozz"}
	err := b.Run(context.Background(), strings.NewReader(""), make(chan callerid.Event))
	if err == nil || !strings.Contains(err.Error(), "whozz") {
		t.Errorf("Run with format whozz returned %v, want an error naming the format", err)
	}
}

func TestARecordIsTheCallerIDOfACallOnItsUnitsLine(t *testing.T) {
	at := time.Date(2026, 12, 24, 15, 41, 7, 0, time.UTC)
	tci, _ := boxes.ParseTCI("02     12/24     03:41 PM       615-555-0123           SMITH J        ")
	nci, _ := boxes.ParseNetCallerID("###DATE08082225...NMBR14075551212...NAMEJOHN+++")
	tests := []struct {
		rec  boxes.Record
		want callerid.Event
	}{
		{tci, callerid.Event{Line: "Back office/2", Kind: callerid.CallerID, At: at, Number: "615-555-0123", Name: "SMITH J",
			TelcoDate: "1224", TelcoTime: "1541", Raw: tci.Raw}},
		{nci, callerid.Event{Line: "Back office", Kind: callerid.CallerID, At: at, Number: "14075551212", Name: "JOHN",
			TelcoDate: "0808", TelcoTime: "2225", Raw: nci.Raw}},
	}
	for _, tt := range tests {
		if got, ok := tt.rec.Event("Back office", at); !ok || got != tt.want {
			t.Errorf("Event of %q = %+v, %v; want %+v", tt.rec.Raw, got, ok, tt.want)
		}
	}
}

func TestAVoicemailNoticeIsNoCall(t *testing.T) {
	rec, _ := boxes.ParseNetCallerID("###DATE...NMBR...NAME   -MSG ON-+++")
	if ev, ok := rec.Event("Front desk", time.Now()); ok {
		t.Errorf("a voicemail notice became %+v", ev)
	}
}
