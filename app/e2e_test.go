package app

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
)

// uiThread stands in for Fyne's event loop: the bridge queues its work
// here and the test goroutine runs it, so widgets are only ever touched
// from one goroutine, as in the real app.
type uiThread chan func()

func (q uiThread) do(f func()) { q <- f }

// drain runs the UI work queued so far.
func (q uiThread) drain() {
	for {
		select {
		case f := <-q:
			f()
		default:
			return
		}
	}
}

// until runs queued UI work until cond holds or the wait is over.
func (q uiThread) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for !cond() {
		select {
		case f := <-q:
			f()
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// inOverlays calls visit for every object of the window's dialogs, top
// one last, down through containers and widgets' renderers.
func inOverlays(w fyne.Window, visit func(fyne.CanvasObject)) {
	for _, o := range w.Canvas().Overlays().List() {
		walkObjects(o, visit)
	}
}

func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, visit)
		}
	}
}

func quietLog(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// startUI opens a session and its window on Fyne's test driver, with the
// bridge feeding the returned queue, and closes them when the test ends.
func startUI(t *testing.T, cfg Config) (*UI, uiThread) {
	t.Helper()
	u, q := openUI(t, cfg)
	t.Cleanup(func() { closeUI(u, q) })
	return u, q
}

// openUI is startUI for a test that closes the window itself.
func openUI(t *testing.T, cfg Config) (*UI, uiThread) {
	t.Helper()
	if cfg.DBPath == "" {
		cfg.DBPath = filepath.Join(t.TempDir(), "callboard.db")
	}
	s, err := OpenSession(cfg, quietLog(t))
	if err != nil {
		t.Fatalf("open session: %v", err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("Callboard")
	q := make(uiThread, 1024)
	u := newUI(a, w, s, quietLog(t), q.do)
	w.Resize(fyne.NewSize(1280, 800))
	return u, q
}

// closeUI closes the session while the test goroutine goes on playing the
// UI thread, then the window, and runs what the bridge queued meanwhile.
func closeUI(u *UI, q uiThread) {
	done := make(chan struct{})
	go func() { _ = u.Session().Close(); close(done) }()
	for {
		select {
		case <-done:
			u.bridge.Close()
			u.win.Close()
			q.drain()
			return
		case f := <-q:
			f()
		}
	}
}

func TestACallFromAPseudoTerminalModemReachesTheTodayView(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	modem, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetHashCID, Echo: true, TimeScale: 0.02})
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer modem.Close()

	u, q := startUI(t, Config{Port: modem.Path(), RingGap: 400 * time.Millisecond})
	u.Start()
	q.until(t, "the modem to listen", func() bool {
		st, ok := u.status.status(modem.Path())
		return ok && st.State == callerid.DeviceListening
	})
	if err := modem.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatalf("the app never enabled caller ID: %v (commands %q)", err, modem.Commands())
	}

	play := func(c sim.Call) {
		go func() {
			if err := modem.Play(ctx, c); err != nil {
				t.Errorf("play: %v", err)
			}
		}()
	}
	card := u.today.card

	play(sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 2})
	q.until(t, "the caller on the card", func() bool { return card.name.Text == "SMITH JOHN" })
	if card.number.Text != "(212) 555-0147" || card.place.Text != "≈ New York, NY" {
		t.Errorf("card shows %q / %q", card.number.Text, card.place.Text)
	}
	if card.history.Text != "First-time caller" {
		t.Errorf("history %q, want First-time caller", card.history.Text)
	}
	q.until(t, "the call to end", func() bool { return !card.view.Call.Active() })
	if got := card.state.Text; got != "Outcome unknown · 2 rings" {
		t.Errorf("state after two rings = %q", got)
	}
	saved, err := u.Session().DB().Calls(midnight(time.Now()), time.Now().Add(time.Hour), 0)
	if err != nil || len(saved) != 1 || saved[0].Number.E164 != "+12125550147" || saved[0].Rings != 2 || saved[0].Ended.IsZero() {
		t.Fatalf("database holds %+v (err %v)", saved, err)
	}

	play(sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 5})
	q.until(t, "the second call", func() bool { return card.view.Call.ID != saved[0].ID && card.history.Text != "" })
	if !strings.HasPrefix(card.history.Text, "2nd call, last today at ") {
		t.Errorf("repeat caller history %q", card.history.Text)
	}
	q.until(t, "the second call to end", func() bool { return !card.view.Call.Active() })
	if got := card.state.Text; got != "Missed (estimate) · 5 rings" {
		t.Errorf("state after five rings = %q", got)
	}
	if n := len(u.today.calls); n != 2 {
		t.Errorf("today's list has %d calls, want 2", n)
	}
	if !strings.Contains(u.today.summary.Text, "2 calls") || !strings.Contains(u.today.summary.Text, "1 missed") {
		t.Errorf("summary %q", u.today.summary.Text)
	}
}

// labelsIn lists the text of every label under a container.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	switch w := o.(type) {
	case *widget.Label:
		out = append(out, w.Text)
	case *fyne.Container:
		for _, c := range w.Objects {
			out = append(out, labelsIn(c)...)
		}
	}
	return out
}

func containsAll(texts []string, wants ...string) bool {
	all := strings.Join(texts, "\n")
	for _, w := range wants {
		if !strings.Contains(all, w) {
			return false
		}
	}
	return true
}
