package app

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
)

func TestAModemSetToItHangsUpOnSpam(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetVCID, TimeScale: 0.02})
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer m.Close()
	u, q := startUI(t, Config{RingGap: 300 * time.Millisecond})
	u.Start()
	if _, err := u.Session().AddSource(callerid.SourceConfig{Kind: callerid.SourceModem, Name: "Front desk", Path: m.Path(), HangUpSpam: true}); err != nil {
		t.Fatal(err)
	}
	if err := m.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatal(err)
	}
	card := u.today.card
	robo := sim.Call{Number: "8665550162", Name: "AUTO WARRANTY", Rings: 1}

	go func() { _ = m.Play(ctx, robo) }()
	q.until(t, "the first call to end", func() bool { return card.name.Text == "AUTO WARRANTY" && !card.view.Call.Active() })
	first := card.view.Call
	if slices.Contains(m.Commands(), "ATH1") {
		t.Fatal("hung up on a caller nobody flagged")
	}
	if err := u.Session().DB().SetSpam(first.Number.Key(), true); err != nil {
		t.Fatal(err)
	}

	go func() { _ = m.Play(ctx, robo) }()
	q.until(t, "the spam call to be rejected", func() bool {
		return card.view.Call.ID != first.ID && card.view.Call.Outcome == callerid.OutcomeBlocked
	})
	if got := card.view.Call.Outcome; got != callerid.OutcomeBlocked || !card.view.Call.Exact {
		t.Errorf("rejected call ended %s (exact %v), want blocked", got, card.view.Call.Exact)
	}
	cmds := m.Commands()
	if !slices.Contains(cmds, "ATH1") || !slices.Contains(cmds, "ATH0") {
		t.Errorf("modem was not told to hang up: %q", cmds)
	}
	saved, err := u.Session().DB().Call(card.view.Call.ID)
	if err != nil || saved.Outcome != callerid.OutcomeBlocked {
		t.Errorf("stored as %s (err %v)", saved.Outcome, err)
	}
}
