package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// pressEsc sends Esc the way the driver does: to the focused widget if
// there is one, else to the window.
func pressEsc(w fyne.Window) {
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if on := w.Canvas().OnTypedKey(); on != nil {
		on(ev)
	}
}

func TestEscClosesAFormWhileOneOfItsFieldsHasTheCursor(t *testing.T) {
	u, q := startUI(t, Config{Region: "US"})
	forms := []struct {
		name  string
		open  func()
		field func() fyne.Focusable
	}{
		{"tracking line", func() { u.campaigns.editLine(storage.TrackingLine{}) },
			func() fyne.Focusable { return u.campaigns.lineForm.number }},
		{"campaign", func() { u.campaigns.editCampaign(storage.Campaign{}) },
			func() fyne.Focusable { return u.campaigns.campaignForm.name }},
		{"device", func() { u.devices.editSource(callerid.SourceConfig{Kind: callerid.SourceModem}, true) },
			nil},
	}
	u.campaigns.reload()
	q.until(t, "the lines and campaigns", func() bool { return u.campaigns.loads > 0 })
	for _, f := range forms {
		f.open()
		var field fyne.Focusable
		if f.field != nil {
			field = f.field()
		} else {
			field = firstEntryInTopOverlay(u.win)
		}
		if field == nil || u.win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: no form with a field open", f.name)
		}
		u.win.Canvas().Focus(field)
		if u.win.Canvas().Focused() != field {
			t.Fatalf("%s: the field did not take the cursor", f.name)
		}
		pressEsc(u.win)
		if top := u.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s form still open after Esc in one of its fields", f.name)
			top.Hide()
		}
	}
}

// firstEntryInTopOverlay finds the first text field of the dialog on top.
func firstEntryInTopOverlay(w fyne.Window) fyne.Focusable {
	var found fyne.Focusable
	walkObjects(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*escEntry); ok && found == nil {
			found = e
		}
	})
	return found
}

func TestEnterInAFieldSavesTheForm(t *testing.T) {
	u, q := startUI(t, Config{Region: "US"})
	u.campaigns.reload()
	q.until(t, "the lines and campaigns", func() bool { return u.campaigns.loads > 0 })
	u.campaigns.editLine(storage.TrackingLine{})
	f := u.campaigns.lineForm
	f.number.SetText("217 555 0199")
	f.label.SetText("Radio line")
	u.win.Canvas().Focus(f.label)
	u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	q.until(t, "the line to be saved", func() bool {
		lines, err := u.Session().DB().Lines()
		return err == nil && len(lines) == 1 && lines[0].Label == "Radio line"
	})
}
