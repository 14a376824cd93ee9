package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/storage"
)

// overridesPanel lists the names the shop gives to callers whose caller
// ID says nothing useful ("WIRELESS CALLER"), or to every number that
// starts alike (a branch office, a hospital's extensions).
type overridesPanel struct {
	ui    *UI
	list  *fyne.Container
	items []storage.Override
	// names are the titles of the contacts the overrides point at.
	names  map[int]string
	form   *overrideForm
	dialog *dialog.CustomDialog
}

const overridesHelp = "When a line sends a name that says nothing (WIRELESS CALLER), or all of a branch's numbers " +
	"start alike, the caller card can show a name you choose instead. A contact's own number always comes first."

func (v *contactsView) showOverrides() {
	p := &overridesPanel{ui: v.ui, list: container.NewVBox()}
	add := widget.NewButtonWithIcon("Add a name", theme.ContentAddIcon(), func() { p.openForm(storage.Override{}) })
	add.Importance = widget.HighImportance
	top := container.NewVBox(wrappedText(overridesHelp), container.NewHBox(add), widget.NewSeparator())
	p.dialog = dialog.NewCustom("Names for unhelpful caller IDs", "Close",
		container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.list)), v.ui.win)
	p.dialog.Resize(fyne.NewSize(760, 520))
	p.dialog.Show()
	v.names = p
	p.reload()
}

// reload reads the overrides and the contacts they name.
func (p *overridesPanel) reload() {
	db := p.ui.session.DB()
	go func() {
		items, err := db.Overrides()
		names := map[int]string{}
		for _, o := range items {
			if o.ContactID != 0 {
				if c, cerr := db.Contact(o.ContactID); cerr == nil {
					names[o.ContactID] = c.Title()
				}
			}
		}
		p.ui.bridge.run(func() {
			p.items, p.names = items, names
			p.list.RemoveAll()
			if err != nil {
				p.list.Add(wrappedText("The names could not be read: " + err.Error()))
			}
			if err == nil && len(items) == 0 {
				p.list.Add(wrappedText("No names yet. Example: caller-ID name WIRELESS* shown as “Mobile caller”."))
			}
			for _, o := range items {
				p.list.Add(p.row(o))
			}
			p.list.Refresh()
		})
	}()
}

func (p *overridesPanel) row(o storage.Override) fyne.CanvasObject {
	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { p.openForm(o) })
	remove := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { p.remove(o) })
	return container.NewBorder(nil, nil, nil, container.NewHBox(edit, remove), wrappedText(overrideText(o, p.names[o.ContactID])))
}

// overrideText says an override in one line: which callers, shown as what.
func overrideText(o storage.Override, contact string) string {
	which := "Numbers starting " + o.Pattern
	if o.OnName {
		which = "Caller-ID name " + o.Pattern
	}
	as := "“" + o.Label + "”"
	if o.ContactID != 0 {
		as = "the contact " + contact
	}
	return which + "  →  shown as " + as
}

func (p *overridesPanel) remove(o storage.Override) {
	db := p.ui.session.DB()
	go func() {
		err := db.DeleteOverride(o.ID)
		p.ui.bridge.run(func() {
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				dialog.ShowError(err, p.ui.win)
			}
			p.reload()
		})
	}()
}

const (
	matchNumber = "The number starts with"
	matchName   = "The caller-ID name matches"
	showLabel   = "A name"
	showContact = "A contact"
)

// overrideForm adds or changes one override.
type overrideForm struct {
	p       *overridesPanel
	o       storage.Override
	on      *widget.RadioGroup
	pattern *escEntry
	hint    *widget.Label
	as      *widget.RadioGroup
	label   *escEntry
	contact *escSelectEntry
	// contactIDs are the contacts offered under the contact box, by how
	// they are offered; asked numbers the look-ups, so an old one's
	// answer does not replace a newer one's.
	contactIDs map[string]int
	asked      int
	problem    *widget.Label
	body       *fyne.Container
	save       *widget.Button
	dialog     *dialog.CustomDialog
}

func (p *overridesPanel) openForm(o storage.Override) *overrideForm {
	f := &overrideForm{p: p, o: o, contactIDs: map[string]int{}}
	f.pattern = newContactEntry(false)
	f.pattern.SetText(o.Pattern)
	f.pattern.OnSubmitted = func(string) { f.submit() }
	f.pattern.onEscape = f.close
	f.hint = wrappedText("")
	f.on = widget.NewRadioGroup([]string{matchNumber, matchName}, f.matchChanged)
	f.on.Horizontal = true
	f.label = newContactEntry(false)
	f.label.SetText(o.Label)
	f.label.SetPlaceHolder("e.g. Mobile caller, Mercy Hospital")
	f.label.OnSubmitted = func(string) { f.submit() }
	f.label.onEscape = f.close
	f.contact = newEscSelectEntry(nil)
	f.contact.SetPlaceHolder("Type part of the contact's name")
	if o.ContactID != 0 {
		name := p.names[o.ContactID]
		f.contactIDs[name] = o.ContactID
		f.contact.SetText(name)
	}
	f.contact.OnChanged = f.lookUp
	f.contact.OnSubmitted = func(string) { f.submit() }
	f.as = widget.NewRadioGroup([]string{showLabel, showContact}, f.showAsChanged)
	f.as.Horizontal = true
	f.problem = wrappedText("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()

	on, as := matchNumber, showLabel
	if o.OnName {
		on = matchName
	}
	if o.ContactID != 0 {
		as = showContact
	}
	f.on.SetSelected(on)
	f.as.SetSelected(as)
	form := widget.NewForm(
		widget.NewFormItem("Callers whose", f.on),
		widget.NewFormItem("", container.NewVBox(f.pattern, f.hint)),
		widget.NewFormItem("Show as", f.as),
		widget.NewFormItem("", container.NewVBox(f.label, f.contact)),
	)
	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.close)
	title := "Add a name for caller IDs"
	if o.ID != 0 {
		title = "Change a name for caller IDs"
	}
	f.body = container.NewVBox(form, f.problem)
	f.dialog = dialog.NewCustomWithoutButtons(title, f.body, p.ui.win)
	f.dialog.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.dialog.Resize(fyne.NewSize(640, 360))
	f.dialog.Show()
	p.ui.win.Canvas().Focus(f.pattern)
	p.form = f
	return f
}

func (f *overrideForm) matchChanged(on string) {
	if on == matchName {
		f.pattern.SetPlaceHolder("WIRELESS*")
		f.hint.SetText("The name as the line sends it. * stands for any letters, ? for one: WIRELESS* also catches WIRELESS CUST.")
	} else {
		f.pattern.SetPlaceHolder("(212) 555")
		f.hint.SetText("The start of the number, as you would dial it: every number that starts so gets the name.")
	}
}

func (f *overrideForm) showAsChanged(as string) {
	showIf(f.label, as != showContact)
	showIf(f.contact, as == showContact)
	if f.body != nil {
		f.body.Refresh()
	}
}

// lookUp offers the contacts whose name holds what is typed.
func (f *overrideForm) lookUp(text string) {
	if _, ok := f.contactIDs[text]; ok || strings.TrimSpace(text) == "" {
		return
	}
	f.asked++
	seq, db := f.asked, f.p.ui.session.DB()
	go func() {
		found, err := db.SearchContacts(text, 8)
		f.p.ui.bridge.run(func() {
			if err != nil || seq != f.asked {
				return
			}
			options := make([]string, 0, len(found))
			for _, c := range found {
				title := c.Title()
				if c.Name != "" && c.Company != "" {
					title += " (" + c.Company + ")"
				}
				f.contactIDs[title] = c.ID
				options = append(options, title)
			}
			f.contact.SetOptions(options)
		})
	}()
}

func (f *overrideForm) submit() {
	o := f.o
	o.OnName = f.on.Selected == matchName
	o.Pattern = strings.TrimSpace(f.pattern.Text)
	o.ContactID, o.Label = 0, ""
	if f.as.Selected == showContact {
		o.ContactID = f.contactIDs[f.contact.Text]
		if o.ContactID == 0 {
			f.fail(errors.New("choose the contact from the list: type part of their name, then pick it"))
			return
		}
	} else {
		o.Label = strings.TrimSpace(f.label.Text)
	}
	switch {
	case o.Pattern == "":
		f.fail(errors.New("type the start of the numbers, or the name the line sends"))
		return
	case o.ContactID == 0 && o.Label == "":
		f.fail(errors.New("type the name to show for these callers"))
		return
	}
	f.save.Disable()
	db := f.p.ui.session.DB()
	go func() {
		_, err := db.SaveOverride(o)
		f.p.ui.bridge.run(func() {
			f.save.Enable()
			if err != nil {
				f.fail(err)
				return
			}
			f.close()
			f.p.reload()
		})
	}()
}

func (f *overrideForm) fail(err error) {
	f.problem.SetText(fmt.Sprintf("%s.", capitalized(err.Error())))
	f.problem.Show()
	f.body.Refresh() // lay out the line that appeared
	f.body.Refresh() // again: the wrapped problem knows its height once it has its width
}

func (f *overrideForm) close() {
	f.dialog.Hide()
	if f.p.form == f {
		f.p.form = nil
	}
}
