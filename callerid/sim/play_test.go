package sim

import (
	"context"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
)

// scaled: a 6 s ring cycle lasts 6 ms.
const testScale = 0.001

var smith = Call{Number: "2125550147", Name: "SMITH JOHN", Date: "0321", Time: "1405"}

// play rings c in the background and returns the lines the host reads
// until Play returns, checking that nothing follows them.
func play(t *testing.T, h *host, m *Modem, c Call) []string {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- m.Play(testContext(t), c) }()
	if err := <-done; err != nil {
		t.Fatalf("Play: %v", err)
	}
	// A command after the call fences off what the call wrote.
	h.send("AT")
	var got []string
	for line := h.next(); line != "OK"; line = h.next() {
		got = append(got, line)
	}
	return got
}

func TestNorthAmericanCallerIDComesBetweenRingOneAndTwo(t *testing.T) {
	h, m := pipeHost(t, Options{TimeScale: testScale})
	h.ok("AT+VCID=1")
	c := smith
	c.Rings = 3
	got := play(t, h, m, c)
	want := []string{"RING", "DATE = 0321", "TIME = 1405", "NMBR = 2125550147", "NAME = SMITH JOHN", "RING", "RING"}
	if !slices.Equal(got, want) {
		t.Errorf("line said %q\nwant %q", got, want)
	}
}

func TestUKCallerIDComesBeforeTheFirstRing(t *testing.T) {
	h, m := pipeHost(t, Options{TimeScale: testScale})
	h.ok("AT+VCID=1")
	c := Call{Number: "P", Name: "P", Date: "0421", Time: "0934", Rings: 2, Before: true}
	got := play(t, h, m, c)
	want := []string{"DATE = 0421", "TIME = 0934", "NMBR = P", "NAME = P", "RING", "RING"}
	if !slices.Equal(got, want) {
		t.Errorf("line said %q\nwant %q", got, want)
	}
}

func TestOneRingCallStillDeliversCallerID(t *testing.T) {
	h, m := pipeHost(t, Options{TimeScale: testScale, Chipset: ChipsetHashCID})
	h.ok("AT#CID=1")
	c := smith
	c.Rings = 1
	c.Spacing = "TAG=value"
	got := play(t, h, m, c)
	want := []string{"RING", "DATE=0321", "TIME=1405", "NMBR=2125550147", "NAME=SMITH JOHN"}
	if !slices.Equal(got, want) {
		t.Errorf("line said %q\nwant %q", got, want)
	}
}

func TestWithoutCallerIDEnabledOnlyRings(t *testing.T) {
	h, m := pipeHost(t, Options{TimeScale: testScale})
	h.ok("ATZ")
	c := smith
	c.Rings = 4
	if got := play(t, h, m, c); !slices.Equal(got, []string{"RING", "RING", "RING", "RING"}) {
		t.Errorf("line said %q, want four RINGs and nothing else", got)
	}
}

func TestCallerIDFromTheClockWhenTheCallHasNoStamp(t *testing.T) {
	h, m := pipeHost(t, Options{TimeScale: testScale})
	h.ok("AT+VCID=1")
	got := play(t, h, m, Call{Number: "3125550100", Rings: 2})
	if len(got) != 5 || !strings.HasPrefix(got[1], "DATE = ") || len(got[1]) != len("DATE = 0321") ||
		len(got[2]) != len("TIME = 1405") || got[3] != "NMBR = 3125550100" || got[4] != "RING" {
		t.Errorf("line said %q: want a 4-digit DATE and TIME, the number, no NAME", got)
	}
}

func TestUnformattedCallerIDIsAnMDMFPacketInHex(t *testing.T) {
	h, m := pipeHost(t, Options{TimeScale: testScale})
	h.ok("AT+VCID=2")
	c := smith
	c.Rings = 2
	got := play(t, h, m, c)
	if len(got) != 3 || got[0] != "RING" || got[2] != "RING" {
		t.Fatalf("line said %q, want RING, hex, RING", got)
	}
	packet, err := hex.DecodeString(got[1])
	if err != nil {
		t.Fatalf("caller ID %q is not hex: %v", got[1], err)
	}
	var sum byte
	for _, b := range packet {
		sum += b
	}
	if sum != 0 || packet[0] != 0x80 || int(packet[1]) != len(packet)-3 {
		t.Errorf("bad MDMF packet % X (checksum sum %d)", packet, sum)
	}
	if s := string(packet); !strings.Contains(s, "03211405") || !strings.Contains(s, "2125550147") || !strings.Contains(s, "SMITH JOHN") {
		t.Errorf("packet %q lacks the date, number or name", s)
	}
}

func TestPrivateCallerInHexIsAReasonNotANumber(t *testing.T) {
	got := mdmfHex(Call{Number: "P", Name: "O", Date: "0101", Time: "0000"})
	// 80 len | 01 08 "01010000" | 04 01 'P' | 08 01 'O' | checksum
	if want := "8010010830313031303030300401500801"; !strings.HasPrefix(got, want+"4F") {
		t.Errorf("mdmfHex = %s, want prefix %s4F", got, want)
	}
}

func TestWaitCallerIDEnabled(t *testing.T) {
	h, m := pipeHost(t, Options{})
	enabled := make(chan error, 1)
	go func() { enabled <- m.WaitCallerIDEnabled(testContext(t)) }()
	h.ok("AT+VCID=1")
	if err := <-enabled; err != nil {
		t.Fatalf("WaitCallerIDEnabled: %v", err)
	}
	if err := m.WaitCallerIDEnabled(testContext(t)); err != nil {
		t.Errorf("already on, yet WaitCallerIDEnabled = %v", err)
	}
}

func TestPlayStopsWithItsContext(t *testing.T) {
	_, m := pipeHost(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := m.Play(ctx, Call{Rings: 8}); !errors.Is(err, context.Canceled) {
		t.Errorf("Play with a cancelled context = %v", err)
	}
}

// While the line rings, the host keeps talking to the modem: every line it
// reads must still be whole.
func TestRingingAndAnsweringDoNotInterleave(t *testing.T) {
	h, m := pipeHost(t, Options{TimeScale: testScale, Echo: true})
	h.ok("AT+VCID=1")
	var wg sync.WaitGroup
	wg.Go(func() {
		c := smith
		c.Rings = 5
		if err := m.Play(testContext(t), c); err != nil {
			t.Errorf("Play: %v", err)
		}
	})
	for range 20 {
		h.send("AT")
	}
	wg.Wait()
	valid := map[string]bool{"AT": true, "OK": true, "RING": true,
		"DATE = 0321": true, "TIME = 1405": true, "NMBR = 2125550147": true, "NAME = SMITH JOHN": true}
	oks, rings := 0, 0
	for oks < 20 || rings < 5 {
		line := h.next()
		if !valid[line] {
			t.Fatalf("garbled line %q", line)
		}
		switch line {
		case "OK":
			oks++
		case "RING":
			rings++
		}
	}
}
