package whozz_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/whozz"
)

// fakeSerialUnit is a serial Whozz Calling unit: what it says comes through
// a pipe, what it is told is kept.
type fakeSerialUnit struct {
	says     *io.PipeReader
	mu       sync.Mutex
	told     bytes.Buffer
	refusing bool // a unit whose port takes no writes
}

func newFakeSerialUnit() (*fakeSerialUnit, *io.PipeWriter) {
	r, w := io.Pipe()
	return &fakeSerialUnit{says: r}, w
}

func (u *fakeSerialUnit) Read(p []byte) (int, error) { return u.says.Read(p) }
func (u *fakeSerialUnit) Close() error               { return u.says.Close() }
func (u *fakeSerialUnit) Write(p []byte) (int, error) {
	if u.refusing {
		return 0, errors.New("write refused")
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.told.Write(p)
}

func (u *fakeSerialUnit) toldSoFar() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.told.String()
}

func TestSerialUnitIsSetUpThenTracked(t *testing.T) {
	whozz.SetToggleGap(t, time.Millisecond)
	unit, unitSays := newFakeSerialUnit()
	s := &whozz.Serial{Unit: "front", Now: fixedClock, Setup: true}
	events := make(chan callerid.Event, 64)
	done := make(chan error, 1)
	go func() { done <- s.Run(context.Background(), unit, events) }()

	// A unit that echoes the toggles, then the answered call of §4.5,
	// the last line cut off by the unplug.
	transcript := "E\r\nXAdo\r\n" + strings.Join(answeredCall, "\r\n")
	if _, err := io.WriteString(unitSays, transcript); err != nil {
		t.Fatal(err)
	}
	unitSays.Close()
	if err := <-done; !errors.Is(err, io.EOF) {
		t.Errorf("Run returned %v, want io.EOF when the unit goes away", err)
	}
	close(events)
	var got []string
	for ev := range events {
		got = append(got, describe(ev))
	}
	checkLines(t, got, []string{
		"front/01 ring",
		"front/01 callerid number=615-555-0123 name=SMITH J date=0315 time=1422",
		"front/01 ring",
		"front/01 offhook",
		"front/01 onhook",
		"front/01 end outcome=answered rings=2 talk=3m30s",
	})
	if told := unit.toldSoFar(); told != "EXAdo" {
		t.Errorf("unit was told %q, want echo off, then X, A, d, o", told)
	}
}

func TestSerialUnitThatTakesNoSetUpIsStillRead(t *testing.T) {
	whozz.SetToggleGap(t, time.Millisecond)
	unit, unitSays := newFakeSerialUnit()
	unit.refusing = true
	s := &whozz.Serial{Now: fixedClock, Setup: true}
	events := make(chan callerid.Event, 64)
	done := make(chan error, 1)
	go func() { done <- s.Run(context.Background(), unit, events) }()

	io.WriteString(unitSays, strings.Join(missedCall, "\n")+"\n")
	unitSays.Close()
	<-done
	close(events)
	var last callerid.Event
	for ev := range events {
		last = ev
	}
	if got := describe(last); got != "whozz/02 end outcome=missed rings=4" {
		t.Errorf("last event %q, want the missed call's end", got)
	}
}

func TestSerialRunStopsWithItsContext(t *testing.T) {
	unit, unitSays := newFakeSerialUnit()
	defer unitSays.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- (&whozz.Serial{}).Run(ctx, unit, make(chan callerid.Event)) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v, want context.Canceled", err)
	}
}
