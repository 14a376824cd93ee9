package whozz_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/whozz"
)

// udpRig is a UDP listener serving on a loopback port chosen by the OS,
// and a fake Ethernet Link unit's socket that sends to it.
type udpRig struct {
	t      *testing.T
	events chan callerid.Event
	to     net.Addr
	unit   net.PacketConn
	done   chan error
}

func startUDP(t *testing.T, u *whozz.UDP) *udpRig {
	t.Helper()
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// Room for every copy the fake unit sends at once.
	conn.(*net.UDPConn).SetReadBuffer(1 << 20)
	unit, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &udpRig{t: t, events: make(chan callerid.Event, 256), to: conn.LocalAddr(), unit: unit, done: make(chan error, 1)}
	go func() { r.done <- u.Serve(ctx, conn, r.events, nil) }()
	t.Cleanup(func() {
		cancel()
		<-r.done
		unit.Close()
	})
	return r
}

// send sends one packet copies times, as a unit that repeats itself.
func (r *udpRig) send(p []byte, copies int) {
	r.t.Helper()
	for range copies {
		if _, err := r.unit.WriteTo(p, r.to); err != nil {
			r.t.Fatal(err)
		}
	}
}

// until collects events up to and including the first one on line of
// kind; the listener handles packets in the order they came, so everything
// sent before that packet has been handled too.
func (r *udpRig) until(line string, kind callerid.Kind) []callerid.Event {
	r.t.Helper()
	var got []callerid.Event
	guard := time.NewTimer(10 * time.Second) // only against a hang
	defer guard.Stop()
	for {
		select {
		case ev := <-r.events:
			got = append(got, ev)
			if ev.Line == line && ev.Kind == kind {
				return got
			}
		case <-guard.C:
			r.t.Fatalf("no %v on %s; got %v", kind, line, describeAll(got))
		}
	}
}

func TestEthernetLinkUnitsRepeatingThemselvesMakeOneCallEach(t *testing.T) {
	r := startUDP(t, &whozz.UDP{Now: fixedClock})
	outbound := []string{
		"01 F             03/15 14:30:02",
		"01 O S 0000 G A0 03/15 02:30 PM 6155550199",
		"01 N             03/15 14:31:40",
		"01 O E 0095 G A0 03/15 02:30 PM 6155550199",
	}
	// Unit 1 takes an answered call on line 1 while line 2 rings out;
	// unit 2's line 1 makes a call. Each record comes 3 to 8 times.
	copies := 3
	sendAll := func(unit, serial [6]byte, record string) {
		r.send(elPacket(unit, serial, record), copies)
		copies = 3 + (copies-2)%6 // 3, 4, … 8, 3, …
	}
	for i := range answeredCall {
		sendAll(unitOne, serialOne, answeredCall[i])
		sendAll(unitOne, serialOne, missedCall[i])
		if i < len(outbound) {
			sendAll(unitTwo, serialTwo, outbound[i])
		}
	}
	sendAll(unitTwo, serialTwo, "09 R             03/15 14:40:00")
	got := r.until("whozz:2/09", callerid.Ring)

	byLine := map[string][]string{}
	for _, ev := range got {
		byLine[ev.Line] = append(byLine[ev.Line], describe(ev))
	}
	checkLines(t, byLine["whozz:1/01"], []string{
		"whozz:1/01 ring",
		"whozz:1/01 callerid number=615-555-0123 name=SMITH J date=0315 time=1422",
		"whozz:1/01 ring",
		"whozz:1/01 offhook",
		"whozz:1/01 onhook",
		"whozz:1/01 end outcome=answered rings=2 talk=3m30s",
	})
	checkLines(t, byLine["whozz:1/02"], []string{
		"whozz:1/02 ring",
		"whozz:1/02 callerid number=615-555-0188 name=JONES A date=0315 time=1501",
		"whozz:1/02 ring",
		"whozz:1/02 ring",
		"whozz:1/02 ring",
		"whozz:1/02 end outcome=missed rings=4",
	})
	checkLines(t, byLine["whozz:2/01"], []string{
		"whozz:2/01 offhook",
		"whozz:2/01 callerid number=6155550199 date=0315 time=1430 outbound",
		"whozz:2/01 onhook",
		"whozz:2/01 end outcome=answered talk=1m35s outbound",
	})
}

func TestRepeatAfterTheDedupeWindowCountsAgain(t *testing.T) {
	var clock atomic.Int64
	clock.Store(fixedClock().UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	r := startUDP(t, &whozz.UDP{Now: now, DedupeWindow: time.Second})
	marker := func(line string) []byte {
		return elPacket(unitOne, serialOne, line+" R             03/15 14:40:00")
	}

	r.send(ringPacket, 1)
	r.until("whozz:1/01", callerid.Ring)
	r.send(ringPacket, 1) // within the window: a duplicate
	r.send(marker("08"), 1)
	if got := r.until("whozz:1/08", callerid.Ring); len(got) != 1 {
		t.Errorf("the repeat within the window gave %v", describeAll(got[:len(got)-1]))
	}
	clock.Add(int64(2 * time.Second))
	r.send(ringPacket, 1)
	r.send(marker("09"), 1)
	if got := r.until("whozz:1/09", callerid.Ring); len(got) != 2 {
		t.Errorf("the repeat after the window gave %v, want a ring", describeAll(got[:len(got)-1]))
	}
}

func TestUnitsOnTheSameUnitNumberAreToldApartBySerial(t *testing.T) {
	r := startUDP(t, &whozz.UDP{Now: fixedClock})
	r.send(elPacket(unitOne, serialOne, detailRing), 1)
	r.until("whozz:1/01", callerid.Ring)
	r.send(elPacket(unitOne, serialTwo, detailRing), 1)
	r.until("whozz:123456789abd/01", callerid.Ring)
}

func TestEthernetLinkUnitIsSetUpWhenFirstHeard(t *testing.T) {
	whozz.SetToggleGap(t, time.Millisecond)
	unit, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer unit.Close()
	// The fake unit sends from the port it takes commands on, as units do.
	r := startUDP(t, &whozz.UDP{Now: fixedClock, Setup: true, CommandPort: unit.LocalAddr().(*net.UDPAddr).Port})
	r.unit = unit

	r.send(ringPacket, 1)
	r.until("whozz:1/01", callerid.Ring)
	unit.SetReadDeadline(time.Now().Add(10 * time.Second)) // only against a hang
	var told []string
	buf := make([]byte, 64)
	for range 4 {
		n, _, err := unit.ReadFrom(buf)
		if err != nil {
			t.Fatalf("after %q: %v", told, err)
		}
		told = append(told, string(buf[:n]))
	}
	if got := strings.Join(told, " "); got != "^^Id-X ^^Id-A ^^Id-d ^^Id-o" {
		t.Errorf("unit was told %q, want X, A, d, o", got)
	}
}

func TestRunReportsListeningAndStopped(t *testing.T) {
	var mu sync.Mutex
	var states []callerid.DeviceState
	status := func(st callerid.DeviceStatus) {
		mu.Lock()
		defer mu.Unlock()
		states = append(states, st.State)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	listening := make(chan struct{})
	go func() {
		done <- (&whozz.UDP{Addr: "127.0.0.1:0"}).Run(ctx, make(chan callerid.Event), func(st callerid.DeviceStatus) {
			status(st)
			if st.State == callerid.DeviceListening {
				close(listening)
			}
		})
	}()
	<-listening
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v, want context.Canceled", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(states) != 2 || states[0] != callerid.DeviceListening || states[1] != callerid.DeviceStopped {
		t.Errorf("states %v, want listening then stopped", states)
	}
}

func TestPortInUseSaysWhatToDo(t *testing.T) {
	taken, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	var got []callerid.DeviceStatus
	u := &whozz.UDP{Addr: taken.LocalAddr().String()}
	err = u.Run(context.Background(), make(chan callerid.Event), func(st callerid.DeviceStatus) { got = append(got, st) })
	if err == nil {
		t.Fatal("Run on a port in use returned nil")
	}
	if len(got) != 1 || got[0].State != callerid.DeviceBusy || !strings.Contains(got[0].Hint, "another port") {
		t.Errorf("status %+v, want busy with a hint", got)
	}
}
