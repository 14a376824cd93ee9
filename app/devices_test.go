package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
)

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func overlayText(w fyne.Window) string {
	var texts []string
	inOverlays(w, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Entry:
			texts = append(texts, x.Text)
		case *escEntry:
			texts = append(texts, x.Text)
		case *widget.Label:
			texts = append(texts, x.Text)
		}
	})
	return strings.Join(texts, "\n")
}

func TestAddingADeviceListensTestsAndRemovesIt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetHashCID, Echo: true, TimeScale: 0.02})
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer m.Close()

	u, q := startUI(t, Config{RingGap: 400 * time.Millisecond})
	u.Start()
	q.until(t, "the search for a modem", func() bool { _, ok := u.status.status(finderDevice); return ok })

	saved, err := u.Session().AddSource(callerid.SourceConfig{Kind: callerid.SourceModem, Name: "Front desk", Path: m.Path(),
		Labels: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	q.until(t, "the new modem to listen", func() bool {
		st, ok := u.status.status("Front desk")
		return ok && st.State == callerid.DeviceListening
	})
	if _, looking := u.status.status(finderDevice); looking {
		t.Error("still looking for a USB modem after the shop set one up")
	}
	if got := strings.Join(labelsIn(u.devices.sources), "\n"); !strings.Contains(got, "Front desk") || !strings.Contains(got, "listening") {
		t.Fatalf("Devices screen shows:\n%s", got)
	}

	test.Tap(findButton(u.devices.sources, "Test"))
	if got := overlayText(u.win); !strings.Contains(got, "> AT#CID=1") || !strings.Contains(got, "< OK") {
		t.Fatalf("Test view shows:\n%s", got)
	}

	// A call on the device's line shows the line's name.
	if err := u.Session().SaveLabels(SourceView{Key: saved.ID, Config: saved}, map[string]string{"modem-1": "Newspaper line"}); err != nil {
		t.Fatal(err)
	}
	go func() { _ = m.Play(ctx, sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 1}) }()
	q.until(t, "the call", func() bool { return u.today.card.name.Text == "SMITH JOHN" })
	if got := u.today.card.line.Text; got != "Line: Newspaper line" {
		t.Errorf("card line %q", got)
	}

	var src SourceView
	for _, v := range u.Session().Sources() {
		if v.Config.ID == saved.ID {
			src = v
		}
	}
	if err := u.Session().RemoveSource(src); err != nil {
		t.Fatal(err)
	}
	q.until(t, "the device to go", func() bool { _, ok := u.status.status("Front desk"); return !ok })
	if list, _ := u.Session().DB().Sources(); len(list) != 0 {
		t.Fatalf("removed device still saved: %+v", list)
	}
}
