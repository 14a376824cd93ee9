package app

import (
	"context"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/devices"
	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

func TestTheCardSaysWhichAdTheCallAndTheCallerCameFrom(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetVCID, TimeScale: 0.02})
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer m.Close()
	u, q := startUI(t, Config{Port: m.Path(), RingGap: 300 * time.Millisecond})
	db := u.Session().DB()
	source := devices.LineID(callerid.SourceConfig{Kind: callerid.SourceModem, Path: m.Path()})
	line, err := db.SaveLine(storage.TrackingLine{Number: "+12125550100", Label: "Flyer line", Source: source})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveCampaign(storage.Campaign{Name: "Spring flyer", Medium: "flyer", Start: time.Now().AddDate(0, 0, -3), Lines: []int{line.ID}}); err != nil {
		t.Fatal(err)
	}
	u.Start()
	if err := m.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatal(err)
	}
	card := u.today.card

	go func() { _ = m.Play(ctx, sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 1}) }()
	q.until(t, "the first call", func() bool { return card.name.Text == "SMITH JOHN" && card.history.Text != "" })
	if got, want := card.line.Text, "Line: Flyer line · Campaign: Spring flyer (flyer)"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
	if got, want := card.origin.Text, "First call, from the Spring flyer"; got != want {
		t.Errorf("origin %q, want %q", got, want)
	}
	q.until(t, "the first call to end", func() bool { return !card.view.Call.Active() })
	first := card.view.Call.ID

	go func() { _ = m.Play(ctx, sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 1}) }()
	q.until(t, "the second call", func() bool { return card.view.Call.ID != first && card.history.Text != "" })
	want := "First called from the Spring flyer, " + time.Now().Format("January 2006")
	if got := card.origin.Text; got != want {
		t.Errorf("origin %q, want %q", got, want)
	}
}
