package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// contactSearchLimit caps what a typed search shows: a word as short as
// "a" matches most of a big address book, and nobody scrolls past a few
// hundred names when typing one more letter narrows them.
const contactSearchLimit = 500

// contactFirstPage is how many contacts the list shows while it reads
// the rest: a screenful and then some.
const contactFirstPage = 200

// contactsView is the Contacts screen: search as you type over the
// address book, the chosen contact's numbers and what each has called, and
// the tools to add, import and export contacts and to name the callers
// whose caller ID says nothing useful.
type contactsView struct {
	ui     *UI
	search *escEntry
	count  *widget.Label
	list   *widget.List
	// found is what the list shows: every contact for an empty search, so
	// the list holds data, never widgets, for all of them (it is
	// virtualized: only the rows on screen exist).
	found []storage.Contact
	// seq numbers the searches; asked is the newest, answered the one
	// found shows. Searches run off the UI thread and may finish out of
	// order, so an answer older than the newest question is dropped.
	asked, answered int
	// searching counts the searches still running, stale ones included.
	searching int

	detail   *fyne.Container
	selected storage.Contact // ID 0: nothing chosen
	edit     *widget.Button
	remove   *widget.Button

	// form is the contact form open now, if any; preview the last import
	// preview; names the panel of name overrides.
	form    *contactForm
	preview *importPreview
	names   *overridesPanel

	content fyne.CanvasObject
}

// newContactsView builds the screen empty: reload fills it, when the tab
// is shown (reading a big address book at start-up would be wasted if the
// shop never looks).
func newContactsView(u *UI) *contactsView {
	v := &contactsView{ui: u, count: widget.NewLabel(""), detail: container.NewVBox()}
	v.search = newContactEntry(false)
	v.search.SetPlaceHolder("Search by name, company or any part of a number")
	v.search.OnChanged = func(string) { v.reload() }
	v.search.onEscape = func() { v.search.SetText("") }

	v.list = widget.NewList(func() int { return len(v.found) }, newContactRow, v.updateRow)
	v.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(v.found) {
			return
		}
		// A search that keeps the contact shown selects it again: it is
		// already on the pane, unless it changed.
		if c := v.found[id]; c.ID != v.selected.ID || !c.Updated.Equal(v.selected.Updated) {
			v.showContact(c)
		}
	}

	add := widget.NewButtonWithIcon("Add contact", theme.ContentAddIcon(), func() { v.openForm(storage.Contact{}) })
	add.Importance = widget.HighImportance
	v.edit = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { v.openForm(v.selected) })
	v.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), v.confirmDelete)
	tools := container.NewHBox(
		widget.NewButtonWithIcon("Import…", theme.DownloadIcon(), v.chooseImport),
		widget.NewButtonWithIcon("Export…", theme.UploadIcon(), v.chooseExport),
		widget.NewButtonWithIcon("Names for caller IDs…", theme.AccountIcon(), v.showOverrides),
		add,
	)
	top := container.NewBorder(nil, nil, nil, tools, v.search)
	left := container.NewBorder(nil, v.count, nil, nil, v.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(v.detail)))
	split.Offset = 0.45
	v.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	v.clearDetail()
	return v
}

// focusSearch puts the cursor in the search box (Ctrl+F).
func (v *contactsView) focusSearch() { v.ui.win.Canvas().Focus(v.search) }

// reload searches again for what the search box holds. With an empty
// box the list shows every contact: the first page at once, then all of
// them (reading 100,000 contacts takes most of a second).
func (v *contactsView) reload() {
	v.asked++
	seq, q := v.asked, strings.TrimSpace(v.search.Text)
	limit := contactSearchLimit
	if q == "" {
		limit = 0
	}
	db := v.ui.session.DB()
	v.searching++
	go func() {
		if q == "" {
			first, err := db.SearchContacts("", contactFirstPage)
			total, cerr := db.ContactCount()
			if err == nil && cerr == nil && total > len(first) {
				v.ui.bridge.run(func() {
					if seq == v.asked {
						v.showFound(q, first, total)
					}
				})
			}
		}
		found, err := db.SearchContacts(q, limit)
		v.ui.bridge.run(func() {
			v.searching--
			if seq != v.asked {
				return // the shop has typed on since
			}
			v.answered = seq
			if err != nil {
				v.count.SetText("Search failed: " + err.Error())
				return
			}
			v.showFound(q, found, len(found))
		})
	}()
}

// settled reports whether the list answers the newest search in full, and
// no older search is still to answer.
func (v *contactsView) settled() bool { return v.answered == v.asked && v.searching == 0 }

// showFound lists contacts found for q, of total.
func (v *contactsView) showFound(q string, found []storage.Contact, total int) {
	v.found = found
	switch {
	case q == "" && total == 0:
		v.count.SetText("No contacts yet")
	case q == "" && total == 1:
		v.count.SetText("1 contact")
	case q == "":
		v.count.SetText(thousands(total) + " contacts")
	case len(found) == 0:
		v.count.SetText("Nobody matches “" + q + "”")
	case len(found) >= contactSearchLimit:
		v.count.SetText(fmt.Sprintf("The first %d found: type more to narrow the search", len(found)))
	default:
		v.count.SetText(fmt.Sprintf("%s found", thousands(len(found))))
	}
	v.list.UnselectAll()
	v.list.Refresh()
	if v.selected.ID == 0 {
		return
	}
	for i, c := range found {
		if c.ID == v.selected.ID {
			v.list.Select(i)
			v.list.ScrollTo(i)
			return
		}
	}
}

func newContactRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	more := widget.NewLabel("")
	more.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(name, more)
}

func (v *contactsView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(v.found) {
		return
	}
	c := v.found[id]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(c.Title())
	var more []string
	if c.Name != "" && c.Company != "" {
		more = append(more, c.Company)
	}
	for _, n := range c.Numbers {
		more = append(more, contactNumberText(n, v.ui.session.Config().Region))
	}
	box.Objects[1].(*widget.Label).SetText(strings.Join(more, " · "))
}

// contactNumberText is a contact's number as the shop reads it: national
// format for the home country's numbers, else as it was typed.
func contactNumberText(n storage.ContactNumber, region string) string {
	if strings.HasPrefix(n.Key, "+") {
		return callerid.Number{Raw: n.Raw, E164: n.Key}.Display(region)
	}
	if n.Raw != "" {
		return n.Raw
	}
	return n.Key
}

func (v *contactsView) clearDetail() {
	v.selected = storage.Contact{}
	v.detail.RemoveAll()
	v.detail.Add(wrappedText("Choose a contact to see their numbers and calls. " +
		"To bring in the address book you have, use Import… with a CSV file from Google or Outlook, or a vCard file from a phone."))
	v.edit.Disable()
	v.remove.Disable()
	v.detail.Refresh()
}

// showContact fills the detail pane: what is known at once, then each
// number's calls, read off the UI thread.
func (v *contactsView) showContact(c storage.Contact) {
	v.selected = c
	v.edit.Enable()
	v.remove.Enable()
	region := v.ui.session.Config().Region
	title := widget.NewLabelWithStyle(c.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	v.detail.RemoveAll()
	v.detail.Add(title)
	if c.Name != "" && c.Company != "" {
		v.detail.Add(wrappedText(c.Company))
	}
	v.detail.Add(widget.NewSeparator())
	calls := make([]*widget.Label, len(c.Numbers))
	for i, n := range c.Numbers {
		label := n.Label
		if label == "" {
			label = "phone"
		}
		v.detail.Add(widget.NewLabelWithStyle(contactNumberText(n, region)+"  ·  "+label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		calls[i] = wrappedText("…")
		v.detail.Add(calls[i])
	}
	if c.Notes != "" {
		v.detail.Add(widget.NewSeparator())
		v.detail.Add(widget.NewLabelWithStyle("Notes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		v.detail.Add(wrappedText(c.Notes))
	}
	v.detail.Add(widget.NewSeparator())
	v.detail.Add(container.NewHBox(v.edit, v.remove))
	v.detail.Refresh()

	db, now := v.ui.session.DB(), v.ui.now()
	go func() {
		texts := make([]string, len(c.Numbers))
		for i, n := range c.Numbers {
			texts[i] = numberCallsText(db, n.Key, now)
		}
		v.ui.bridge.run(func() {
			if v.selected.ID != c.ID || v.detail.Objects[0] != title {
				return // another contact is shown by now
			}
			for i, t := range texts {
				calls[i].SetText(t)
			}
		})
	}()
}

// numberCallsText is what a number has called: how often, when first
// and last, how the last call went, and the ad that first brought the
// caller (their original source).
func numberCallsText(db *storage.DB, key string, now time.Time) string {
	h, found, err := db.Caller(key)
	switch {
	case err != nil:
		return "Calls unknown: " + err.Error()
	case !found || h.Calls == 0:
		return "No calls from this number yet"
	}
	last := ""
	if h.LastOutcome != "" {
		last = ", " + lower(h.LastOutcome.Label(h.LastExact))
	}
	text := fmt.Sprintf("%s calls · first %s · last %s%s", thousands(h.Calls), dayText(h.FirstCall, now), dayText(h.LastCall, now), last)
	if h.Calls == 1 {
		text = "1 call, " + dayText(h.FirstCall, now) + last
	}
	if origin := originalSource(db, h); origin != "" {
		text += "\n" + origin
	}
	if h.Spam {
		text += "\nFlagged as spam: their calls count in no figure"
	}
	return text
}

// originalSource names the tracking line or campaign of a caller's first
// call, as the caller card does.
func originalSource(db *storage.DB, h storage.Caller) string {
	month := h.FirstCall.Local().Format("January 2006")
	if h.FirstCampaignID != 0 {
		if camp, err := db.Campaign(h.FirstCampaignID); err == nil {
			return fmt.Sprintf("First called from the %s, %s", camp.Name, month)
		}
	}
	if h.FirstLineID != 0 {
		if l, err := db.Line(h.FirstLineID); err == nil && l.Label != "" {
			return fmt.Sprintf("First called on %s, %s", l.Label, month)
		}
	}
	return ""
}

func wrappedText(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// openForm opens the contact form for the screen: a saved contact is
// shown and found in the list.
func (v *contactsView) openForm(c storage.Contact) {
	v.form = v.ui.openContactForm(c, func(saved storage.Contact) {
		v.showContact(saved)
		v.reload()
	})
	v.form.openOther = v.openForm
	v.form.onClosed = func(f *contactForm) {
		if v.form == f {
			v.form = nil
		}
	}
}

func (v *contactsView) confirmDelete() {
	c := v.selected
	if c.ID == 0 {
		return
	}
	d := dialog.NewConfirm("Delete "+c.Title()+"?",
		"Their calls stay, shown as an unknown caller's. Names for caller IDs that point to this contact go too.",
		func(ok bool) {
			if !ok {
				return
			}
			go func() {
				err := v.ui.session.DB().DeleteContact(c.ID)
				v.ui.bridge.run(func() {
					if err != nil && !errors.Is(err, storage.ErrNotFound) {
						dialog.ShowError(err, v.ui.win)
						return
					}
					if v.selected.ID == c.ID {
						v.clearDetail()
					}
					v.reload()
				})
			}()
		}, v.ui.win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// newContactEntry is a field of the contact screens; Esc closes its dialog.
func newContactEntry(multiLine bool) *escEntry {
	if multiLine {
		return newEscMultiLineEntry()
	}
	return newEscEntry()
}

// contactLabels are the kinds of phone the form offers; a file's own word
// is kept for the number that has it.
var contactLabels = []string{"mobile", "work", "home", "main", "fax", "other"}

// contactForm adds or edits a contact: a name or company, the numbers it
// calls from (each with its kind), notes. Enter saves, Esc cancels. It
// stays open on a problem, saying what to fix.
type contactForm struct {
	ui      *UI
	contact storage.Contact
	name    *escEntry
	company *escEntry
	notes   *escEntry
	rows    []*numberRow
	numbers *fyne.Container
	problem *widget.Label
	body    *fyne.Container
	// open shows the contact that owns a number this one tried to take.
	open   *widget.Button
	taken  *storage.NumberTakenError
	save   *widget.Button
	dialog *dialog.CustomDialog
	saving bool

	onSaved   func(storage.Contact)
	openOther func(storage.Contact)
	onClosed  func(*contactForm)
}

type numberRow struct {
	number *escEntry
	label  *widget.Select
	box    fyne.CanvasObject
}

// openContactForm opens the form to add a contact (ID 0; numbers may be
// filled in, e.g. the caller's on the card) or to change one; onSaved gets
// the contact as saved.
func (u *UI) openContactForm(c storage.Contact, onSaved func(storage.Contact)) *contactForm {
	f := &contactForm{ui: u, contact: c, onSaved: onSaved}
	f.openOther = func(o storage.Contact) { u.openContactForm(o, onSaved) }
	f.name = f.entry(false)
	f.name.SetText(c.Name)
	f.name.SetPlaceHolder("e.g. Maria Garcia")
	f.company = f.entry(false)
	f.company.SetText(c.Company)
	f.company.SetPlaceHolder("e.g. Garcia Dental")
	f.notes = f.entry(true)
	f.notes.SetText(c.Notes)
	f.notes.SetMinRowsVisible(3)
	f.notes.SetPlaceHolder("Anything the desk should know (Shift+Enter saves)")
	f.numbers = container.NewVBox()
	for _, n := range c.Numbers {
		f.addNumber(n)
	}
	if len(c.Numbers) == 0 {
		f.addNumber(storage.ContactNumber{Label: "mobile"})
	}
	another := widget.NewButtonWithIcon("Add another number", theme.ContentAddIcon(), func() {
		r := f.addNumber(storage.ContactNumber{Label: "work"})
		f.focus(r.number)
	})
	f.problem = wrappedText("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	f.open = widget.NewButtonWithIcon("", theme.AccountIcon(), f.openOwner)
	f.open.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Company", f.company),
		widget.NewFormItem("Numbers", container.NewVBox(f.numbers, container.NewHBox(another))),
		widget.NewFormItem("Notes", f.notes),
	)
	title := "New contact"
	if c.ID != 0 {
		title = "Edit " + c.Title()
	}
	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.close)
	f.body = container.NewVBox(form, f.problem, container.NewHBox(f.open))
	f.dialog = dialog.NewCustomWithoutButtons(title, f.body, u.win)
	f.dialog.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.dialog.Resize(fyne.NewSize(620, 480))
	f.dialog.Show()
	f.focus(f.name)
	return f
}

func (f *contactForm) entry(multiLine bool) *escEntry {
	e := newContactEntry(multiLine)
	e.OnSubmitted = func(string) { f.submit() }
	e.onEscape = f.close
	return e
}

func (f *contactForm) focus(o fyne.Focusable) { f.ui.win.Canvas().Focus(o) }

func (f *contactForm) addNumber(n storage.ContactNumber) *numberRow {
	r := &numberRow{number: f.entry(false)}
	r.number.SetPlaceHolder("(212) 555-0147")
	if n.Raw != "" {
		r.number.SetText(n.Raw)
	} else {
		r.number.SetText(n.Key)
	}
	options := contactLabels
	if n.Label != "" && !slices.Contains(options, n.Label) {
		options = append([]string{n.Label}, options...)
	}
	r.label = widget.NewSelect(options, nil)
	r.label.PlaceHolder = "phone"
	r.label.Selected = n.Label
	remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.removeNumber(r) })
	// Wide enough for "mobile": a select shrinks to its arrow otherwise.
	kind := container.NewGridWrap(fyne.NewSize(130, r.label.MinSize().Height), r.label)
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(kind, remove), r.number)
	f.rows = append(f.rows, r)
	f.numbers.Add(r.box)
	return r
}

// removeNumber takes a number row off; the last one is emptied instead,
// so there is always a row to type in.
func (f *contactForm) removeNumber(r *numberRow) {
	if len(f.rows) == 1 {
		r.number.SetText("")
		return
	}
	for i, x := range f.rows {
		if x == r {
			f.rows = append(f.rows[:i], f.rows[i+1:]...)
		}
	}
	f.numbers.Remove(r.box)
}

// submit checks what the form can check itself, then saves off the UI
// thread; storage reads the numbers and refuses one that is taken.
func (f *contactForm) submit() {
	if f.saving {
		return
	}
	c := f.contact
	c.Name, c.Company, c.Notes = strings.TrimSpace(f.name.Text), strings.TrimSpace(f.company.Text), strings.TrimSpace(f.notes.Text)
	c.Numbers = nil
	for _, r := range f.rows {
		if raw := strings.TrimSpace(r.number.Text); raw != "" {
			c.Numbers = append(c.Numbers, storage.ContactNumber{Raw: raw, Label: r.label.Selected})
		}
	}
	switch {
	case c.Name == "" && c.Company == "":
		f.fail(errors.New("type a name or a company"))
		f.focus(f.name)
		return
	case len(c.Numbers) == 0:
		f.fail(errors.New("add a phone number: Callboard knows a contact by the numbers they call from"))
		f.focus(f.rows[0].number)
		return
	}
	f.saving = true
	f.save.Disable()
	db := f.ui.session.DB()
	go func() {
		saved, err := db.SaveContact(c)
		f.ui.bridge.run(func() {
			f.saving = false
			f.save.Enable()
			if err != nil {
				f.fail(err)
				return
			}
			f.close()
			if f.onSaved != nil {
				f.onSaved(saved)
			}
		})
	}()
}

// fail says what stops the save. A number that is another contact's says
// whose, and offers to open that contact.
func (f *contactForm) fail(err error) {
	f.taken = nil
	f.open.Hide()
	var taken *storage.NumberTakenError
	if errors.As(err, &taken) {
		f.taken = taken
		f.problem.SetText(fmt.Sprintf("%s is already the number of %s. A number belongs to one contact: "+
			"remove it here, or open %s and take it off there.", taken.Number, taken.Contact, taken.Contact))
		f.open.SetText("Open " + taken.Contact)
		f.open.Show()
	} else {
		f.problem.SetText(capitalized(err.Error()) + ".")
	}
	f.problem.Show()
	f.body.Refresh() // lay out the lines that appeared
	f.body.Refresh() // again: the wrapped problem knows its height once it has its width
}

// openOwner leaves this form for the contact that owns the number.
func (f *contactForm) openOwner() {
	if f.taken == nil {
		return
	}
	id := f.taken.ContactID
	f.close()
	db := f.ui.session.DB()
	go func() {
		other, err := db.Contact(id)
		f.ui.bridge.run(func() {
			if err != nil {
				dialog.ShowError(err, f.ui.win)
				return
			}
			f.openOther(other)
		})
	}()
}

func (f *contactForm) close() {
	f.dialog.Hide()
	if f.onClosed != nil {
		f.onClosed(f)
	}
}
