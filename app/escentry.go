package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne hands a key to the focused widget alone, so while a field of a
// dialog has the cursor the window never hears Esc, and dialogs do not
// listen for it themselves. The fields below hear it: they call onEscape,
// or else close the dialog they are in (the canvas's top overlay).

// escEntry is a text field that closes its dialog on Esc.
type escEntry struct {
	widget.Entry
	onEscape func()
}

func newEscEntry() *escEntry {
	e := &escEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func newEscMultiLineEntry() *escEntry {
	e := newEscEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && escape(e, e.onEscape) {
		return
	}
	e.Entry.TypedKey(k)
}

// escSelectEntry is a text field with a list of choices that closes its
// dialog on Esc.
type escSelectEntry struct {
	widget.SelectEntry
	onEscape func()
}

func newEscSelectEntry(options []string) *escSelectEntry {
	e := &escSelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

func (e *escSelectEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && escape(e, e.onEscape) {
		return
	}
	e.Entry.TypedKey(k)
}

// escape runs onEscape, or hides the overlay on top of the canvas that
// holds the field; false when there is nothing to close.
func escape(field fyne.CanvasObject, onEscape func()) bool {
	if onEscape != nil {
		onEscape()
		return true
	}
	app := fyne.CurrentApp()
	if app == nil {
		return false
	}
	c := app.Driver().CanvasForObject(field)
	if c == nil {
		return false
	}
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	top.Hide()
	return true
}
