package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// editCall opens the call editor: the note, tags, lead status and value
// the staff keep about a call, and the outcome corrected by someone who
// knows. onSaved runs after a save (nil: nothing to do). The call is read
// again first, so a row from a list or the card of a call that just ended
// shows what is stored now.
func (u *UI) editCall(row storage.CallRow, onSaved func()) {
	u.openCallEditor(row, onSaved)
}

// callEditor is the dialog editCall opens.
type callEditor struct {
	ui      *UI
	call    storage.CallRow
	onSaved func()

	note     *keyEntry
	tagBox   *fyne.Container
	tags     []*keyCheck
	lead     *keySelect
	value    *keyEntry
	outcome  *keySelect
	problem  *widget.Label
	save     *widget.Button
	dialog   *dialog.CustomDialog
	oldKeys  func(*fyne.KeyEvent)
	closed   bool
	saving   bool
	tagsOpen *tagManager
}

// The outcomes a person can give a call, in the picker's order.
var correctOutcomes = []callerid.Outcome{callerid.OutcomeAnswered, callerid.OutcomeMissed,
	callerid.OutcomeVoicemail, callerid.OutcomeAbandoned, callerid.OutcomeBlocked}

var leadChoices = []storage.LeadStatus{storage.LeadNotScored, storage.LeadGood, storage.LeadNotALead}

func (u *UI) openCallEditor(row storage.CallRow, onSaved func()) *callEditor {
	db := u.session.DB()
	if fresh, err := db.Row(row.ID); err == nil {
		row = fresh
	}
	e := &callEditor{ui: u, call: row, onSaved: onSaved}
	e.problem = widget.NewLabel("")
	e.problem.Importance = widget.DangerImportance
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Hide()
	list, err := db.Tags()
	if err != nil {
		e.showProblem("The tag list could not be read: " + err.Error())
	}

	e.note = newKeyEntry(e, true)
	e.note.SetText(row.Note)
	e.note.SetPlaceHolder("What the caller wanted, what was agreed…")
	e.note.SetMinRowsVisible(4)
	e.note.Wrapping = fyne.TextWrapWord

	e.tagBox = container.NewGridWrap(fyne.NewSize(150, newKeyCheck(e, "", nil).MinSize().Height))
	e.setTags(list, row.Tags)
	manage := widget.NewButtonWithIcon("Manage tags…", theme.SettingsIcon(), e.manageTags)

	leads := make([]string, len(leadChoices))
	for i, l := range leadChoices {
		leads[i] = l.String()
	}
	e.lead = newKeySelect(e, leads)
	e.lead.SetSelectedIndex(max(slices.Index(leadChoices, row.Lead), 0))

	e.value = newKeyEntry(e, false)
	e.value.SetPlaceHolder(currencyOf(u.session.Config().Region) + "0.00")
	if row.ValueCents != 0 {
		e.value.SetText(centsText(row.ValueCents))
	}

	outcomes := make([]string, len(correctOutcomes))
	for i, o := range correctOutcomes {
		outcomes[i] = o.Label(true)
	}
	e.outcome = newKeySelect(e, outcomes)
	e.outcome.PlaceHolder = "Keep: " + row.Outcome.Label(row.Exact)
	explain := widget.NewLabel("A plain modem only hears the rings, so the outcome it gives is an estimate. " +
		"Set what really happened: it becomes exact, and the figures and the callback list follow.")
	if row.Exact {
		explain.SetText("Set what really happened if the line got it wrong: the figures and the callback list follow.")
	}
	if row.Ended.IsZero() {
		e.outcome.Disable()
		explain.SetText("The call is still on the line: its outcome can be corrected once it has ended.")
	}
	explain.Wrapping = fyne.TextWrapWord
	explain.Importance = widget.LowImportance

	form := widget.NewForm(
		widget.NewFormItem("Note", e.note),
		widget.NewFormItem("Tags", container.NewBorder(nil, manage, nil, nil, e.tagBox)),
		widget.NewFormItem("Lead", e.lead),
		widget.NewFormItem("Value", e.value),
		widget.NewFormItem("Outcome", container.NewVBox(e.outcome, explain)),
	)
	hint := widget.NewLabel("Enter saves · Shift+Enter starts a new line in the note · Esc cancels")
	hint.Importance = widget.LowImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), e.close)
	e.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), e.saveCall)
	e.save.Importance = widget.HighImportance
	buttons := container.NewGridWithColumns(2, cancel, e.save)
	content := container.NewVBox(e.heading(), form, e.problem, hint, buttons)

	e.dialog = dialog.NewCustomWithoutButtons("Call from "+callerName(row.Call, u.session.Config().Region), content, u.win)
	e.dialog.Resize(fyne.NewSize(620, content.MinSize().Height+80))
	// Keys typed with nothing focused reach the window: Esc and Enter
	// work before the staff click anywhere in the dialog.
	canvas := u.win.Canvas()
	e.oldKeys = canvas.OnTypedKey()
	canvas.SetOnTypedKey(e.typedKeyOnCanvas)
	e.dialog.Show()
	canvas.Focus(e.note)
	return e
}

// heading says which call this is.
func (e *callEditor) heading() fyne.CanvasObject {
	c := e.call
	region := e.ui.session.Config().Region
	parts := []string{c.Started.Local().Format("Monday 2 January 2006, 15:04"), c.Number.Display(region)}
	if !c.Ended.IsZero() {
		parts = append(parts, c.Outcome.Label(c.Exact))
	}
	l := widget.NewLabel(strings.Join(parts, " · "))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// setTags offers the owner's tags, and any other tag the call carries,
// checked where chosen.
func (e *callEditor) setTags(list, chosen []string) {
	all := slices.Clone(list)
	for _, t := range chosen {
		if !slices.Contains(all, t) {
			all = append(all, t)
		}
	}
	e.tags = e.tags[:0]
	e.tagBox.RemoveAll()
	for _, t := range all {
		c := newKeyCheck(e, t, nil)
		c.SetChecked(slices.Contains(chosen, t))
		e.tags = append(e.tags, c)
		e.tagBox.Add(c)
	}
	if len(all) == 0 {
		e.tagBox.Add(widget.NewLabel("No tags yet"))
	}
}

func (e *callEditor) chosenTags() []string {
	var out []string
	for _, c := range e.tags {
		if c.Checked {
			out = append(out, c.Text)
		}
	}
	return out
}

func (e *callEditor) showProblem(text string) {
	e.problem.SetText(text)
	e.problem.Show()
}

// saveCall writes what the staff entered, then the corrected outcome.
func (e *callEditor) saveCall() {
	if e.saving || e.closed {
		return
	}
	cents, err := parseMoney(e.value.Text)
	if err != nil {
		e.showProblem("Value: " + err.Error() + ". Type an amount such as 45 or 45.50.")
		e.ui.win.Canvas().Focus(e.value)
		return
	}
	a := storage.Annotation{Note: e.note.Text, Tags: e.chosenTags(),
		Lead: leadChoices[max(e.lead.SelectedIndex(), 0)], ValueCents: cents}
	correct := callerid.Outcome("")
	if i := e.outcome.SelectedIndex(); i >= 0 && !e.call.Ended.IsZero() {
		if o := correctOutcomes[i]; o != e.call.Outcome || !e.call.Exact {
			correct = o
		}
	}
	e.saving = true
	e.save.Disable()
	db, id := e.ui.session.DB(), e.call.ID
	go func() {
		err := db.Annotate(id, a)
		if err == nil && correct != "" {
			err = db.CorrectOutcome(id, correct)
		}
		e.ui.bridge.run(func() {
			e.saving = false
			e.save.Enable()
			if err != nil {
				e.showProblem("The call could not be saved: " + err.Error())
				return
			}
			e.close()
			if e.onSaved != nil {
				e.onSaved()
			}
		})
	}()
}

func (e *callEditor) close() {
	if e.closed {
		return
	}
	e.closed = true
	e.ui.win.Canvas().SetOnTypedKey(e.oldKeys)
	e.dialog.Hide()
}

// typedKey is Esc and Enter for the whole dialog, whichever part of it
// has the keyboard.
func (e *callEditor) typedKey(k *fyne.KeyEvent) bool {
	if e.tagsOpen != nil {
		// The tag list is open over the editor: Esc closes it.
		if k.Name == fyne.KeyEscape {
			e.tagsOpen.dialog.Hide()
			return true
		}
		return false
	}
	switch k.Name {
	case fyne.KeyEscape:
		e.close()
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		e.saveCall()
		return true
	}
	return false
}

func (e *callEditor) typedKeyOnCanvas(k *fyne.KeyEvent) {
	if !e.typedKey(k) && e.oldKeys != nil {
		e.oldKeys(k)
	}
}

// Fyne 2.7's dialogs know neither Esc nor Enter, and a key goes to the
// widget that has the keyboard, so each input of the editor passes them
// to it.

// keyEntry is an entry that gives Esc and Enter to the editor. In a
// multi-line entry Shift+Enter starts a new line.
type keyEntry struct {
	widget.Entry
	e     *callEditor
	shift bool
}

func newKeyEntry(e *callEditor, multiLine bool) *keyEntry {
	k := &keyEntry{e: e}
	k.MultiLine = multiLine
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if k.MultiLine && k.shift && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) {
		k.Entry.TypedKey(ev)
		return
	}
	if !k.e.typedKey(ev) {
		k.Entry.TypedKey(ev)
	}
}

func (k *keyEntry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		k.shift = true
	}
	k.Entry.KeyDown(ev)
}

func (k *keyEntry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		k.shift = false
	}
	k.Entry.KeyUp(ev)
}

// keyCheck is a check box that gives Esc and Enter to the editor.
type keyCheck struct {
	widget.Check
	e *callEditor
}

func newKeyCheck(e *callEditor, text string, changed func(bool)) *keyCheck {
	c := &keyCheck{e: e}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) {
	if !c.e.typedKey(ev) {
		c.Check.TypedKey(ev)
	}
}

// keySelect is a drop-down that gives Esc and Enter to the editor.
type keySelect struct {
	widget.Select
	e *callEditor
}

func newKeySelect(e *callEditor, options []string) *keySelect {
	s := &keySelect{e: e}
	s.Options = options
	s.ExtendBaseWidget(s)
	return s
}

func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if !s.e.typedKey(ev) {
		s.Select.TypedKey(ev)
	}
}

// tagManager is the owner's list of tags, opened from the editor: add,
// rename, remove. The editor's tag boxes follow each change.
type tagManager struct {
	e      *callEditor
	list   []string
	rows   *fyne.Container
	name   *keyEntry
	dialog *dialog.CustomDialog
}

func (e *callEditor) manageTags() {
	m := &tagManager{e: e, rows: container.NewVBox()}
	m.name = newKeyEntry(e, false)
	m.name.SetPlaceHolder("New tag, e.g. quote sent")
	m.name.OnSubmitted = func(string) { m.add() }
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), m.add)
	note := widget.NewLabel("Removing a tag takes it off this list; the calls that carry it keep it. Renaming a tag renames it on every call.")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	content := container.NewBorder(nil, container.NewVBox(container.NewBorder(nil, nil, nil, add, m.name), note), nil, nil,
		container.NewVScroll(m.rows))
	m.dialog = dialog.NewCustom("Tags", "Done", content, e.ui.win)
	m.dialog.Resize(fyne.NewSize(460, 420))
	m.dialog.SetOnClosed(func() {
		e.tagsOpen = nil
		e.ui.win.Canvas().Focus(e.note)
	})
	e.tagsOpen = m
	m.dialog.Show()
	e.ui.win.Canvas().Focus(m.name)
	m.change(func(db *storage.DB) error { return nil }, nil)
}

// tagsChosen changes the tags chosen for the call as the list changes.
type tagsChosen func(chosen []string) []string

// change runs a change to the tag list off the UI thread, then shows the
// list as it is now, and the editor's tags with chosen's changes (nil:
// none).
func (m *tagManager) change(do func(*storage.DB) error, chosen tagsChosen) {
	db := m.e.ui.session.DB()
	go func() {
		err := do(db)
		list, listErr := db.Tags()
		m.e.ui.bridge.run(func() {
			if err == nil {
				err = listErr
			}
			if err != nil {
				dialog.ShowError(err, m.e.ui.win)
			}
			if listErr == nil {
				m.show(list, chosen)
			}
		})
	}()
}

func (m *tagManager) show(list []string, change tagsChosen) {
	m.list = list
	m.rows.RemoveAll()
	for _, tag := range list {
		m.rows.Add(container.NewBorder(nil, nil, nil, container.NewHBox(
			widget.NewButton("Rename…", func() { m.rename(tag) }),
			widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { m.remove(tag) }),
		), widget.NewLabel(tag)))
	}
	if len(list) == 0 {
		m.rows.Add(widget.NewLabel("No tags yet: add the words the shop sorts calls by."))
	}
	chosen := m.e.chosenTags()
	if change != nil {
		chosen = change(chosen)
	}
	m.e.setTags(list, chosen)
}

func (m *tagManager) add() {
	tag := strings.TrimSpace(m.name.Text)
	if tag == "" {
		return
	}
	m.name.SetText("")
	list := append(slices.Clone(m.list), tag)
	m.change(func(db *storage.DB) error { return db.SaveTags(list) }, func(chosen []string) []string {
		return append(chosen, tag) // a tag just made is meant for this call
	})
}

func (m *tagManager) rename(from string) {
	to := newEscEntry()
	to.SetText(from)
	dialog.ShowForm("Rename tag “"+from+"”", "Rename", "Cancel", []*widget.FormItem{widget.NewFormItem("New name", to)}, func(ok bool) {
		next := strings.TrimSpace(to.Text)
		if !ok || next == "" || next == from {
			return
		}
		m.change(func(db *storage.DB) error { return db.RenameTag(from, next) }, func(chosen []string) []string {
			for i, t := range chosen {
				if t == from {
					chosen[i] = next
				}
			}
			return chosen
		})
	}, m.e.ui.win)
}

func (m *tagManager) remove(tag string) {
	list := slices.DeleteFunc(slices.Clone(m.list), func(t string) bool { return t == tag })
	m.change(func(db *storage.DB) error { return db.SaveTags(list) }, nil)
}
