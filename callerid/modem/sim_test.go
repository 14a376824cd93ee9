package modem_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/callboard-app/callboard/callerid/sim"
)

// The shared simulator as a second opinion: a USR-like modem (no +VCID) on
// a UK line, with caller ID before the first ring.
func TestDriverWithTheSimulatedModem(t *testing.T) {
	host, m := sim.NewPipeModem(sim.Options{Chipset: sim.ChipsetHashCID, Echo: true, TimeScale: 0.001})
	ctx, cancel := context.WithCancel(context.Background())
	simDone := make(chan error, 1)
	go func() { simDone <- m.Run(ctx) }()
	events := make(chan callerid.Event, 16)
	result := make(chan error, 1)
	d := &modem.Driver{Line: "sim", InitOptions: modem.InitOptions{Country: "B4"}, InitTimeout: testTimeout, IdleFlush: time.Hour}
	go func() { result <- d.Run(ctx, host, events) }()
	defer func() { cancel(); <-result; <-simDone }()

	if err := m.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.Play(ctx, sim.Call{Number: "02079460000", Name: "SMITH J", Date: "0421", Time: "0934", Rings: 2, Before: true}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for range 3 {
		got = append(got, summary(nextEvent(t, events)))
	}
	if want := []string{"callerid 02079460000 SMITH J", "ring", "ring"}; !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
	if cmds := m.Commands(); !slices.Contains(cmds, "AT+GCI=B4") || !slices.Contains(cmds, "AT#CID=1") {
		t.Errorf("simulator heard %q, want the country and #CID", cmds)
	}
}
