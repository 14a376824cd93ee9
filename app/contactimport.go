package app

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/storage"
	"github.com/callboard-app/callboard/storage/contactfile"
)

// Importing is three steps so that a file cannot surprise the shop: read
// it (off the UI thread: a phone book of 100,000 takes seconds), show row
// by row what it would do, and only then save it all in one transaction.

// importPlan is a read file and what importing it would do.
type importPlan struct {
	file    string
	preview storage.ImportPreview
	// lines are every row of the file in file order: the preview's, and
	// those the reader left out already (no number, a broken line).
	lines                    []importLine
	fresh, duplicates, skips int
}

// importLine is one row of the file as the preview lists it.
type importLine struct {
	row int
	who string
	// numbers are formatted only for the rows on screen: formatting takes
	// longer than reading, and a big file has a hundred thousand rows.
	numbers []storage.ContactNumber
	status  string // New, Duplicate of …, Skipped
	reason  string
}

// readImport reads a contact file and works out what it would do; it
// changes nothing.
func readImport(db *storage.DB, r io.Reader, file string) (importPlan, error) {
	z, err := db.Normalizer()
	if err != nil {
		return importPlan{}, err
	}
	parsed, err := contactfile.Parse(r, z)
	if err != nil {
		if errors.Is(err, contactfile.ErrNotContacts) {
			return importPlan{}, fmt.Errorf("“%s” cannot be imported: it is %w (Callboard reads CSV files from Google Contacts, Outlook or a spreadsheet, and vCard files)", file, err)
		}
		return importPlan{}, fmt.Errorf("“%s” cannot be imported: %w", file, err)
	}
	p, err := db.PreviewImport(parsed.Drafts)
	if err != nil {
		return importPlan{}, err
	}
	plan := importPlan{file: file, preview: p, fresh: p.New, duplicates: p.Duplicates, skips: p.Skipped + len(parsed.Skipped)}
	plan.lines = make([]importLine, 0, len(p.Rows)+len(parsed.Skipped))
	for _, row := range p.Rows {
		plan.lines = append(plan.lines, previewLine(row))
	}
	for _, s := range parsed.Skipped {
		plan.lines = append(plan.lines, importLine{row: s.Row, status: "Skipped", reason: s.Reason})
	}
	slices.SortStableFunc(plan.lines, func(a, b importLine) int { return cmp.Compare(a.row, b.row) })
	return plan, nil
}

func previewLine(row storage.ImportRow) importLine {
	l := importLine{row: row.Row, who: row.Name, numbers: row.Numbers, reason: row.Reason}
	if l.who == "" {
		l.who = row.Company
	} else if row.Company != "" {
		l.who += " (" + row.Company + ")"
	}
	switch row.Status {
	case storage.ImportNew:
		l.status = "New"
	case storage.ImportDuplicate:
		switch {
		case row.ContactName != "":
			l.status = "Duplicate of " + row.ContactName
		default:
			l.status = fmt.Sprintf("Duplicate of row %d", row.SameAsRow)
		}
	default:
		l.status = "Skipped"
	}
	return l
}

// chooseImport asks for a contact file, then previews it.
func (v *contactsView) chooseImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.ui.win)
			return
		}
		if r == nil {
			return // cancelled
		}
		v.importFrom(r, r.URI().Name())
	}, v.ui.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".csv", ".vcf", ".vcard", ".txt"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importFrom reads a contact file off the UI thread, with a progress
// indicator, and then shows its preview. It closes r.
func (v *contactsView) importFrom(r io.ReadCloser, file string) {
	wait := dialog.NewCustomWithoutButtons("Reading "+file+"…", widget.NewProgressBarInfinite(), v.ui.win)
	wait.Show()
	db := v.ui.session.DB()
	go func() {
		plan, err := readImport(db, r, file)
		_ = r.Close()
		v.ui.bridge.run(func() {
			wait.Hide()
			if err != nil {
				dialog.ShowError(err, v.ui.win)
				return
			}
			v.preview = newImportPreview(v, plan)
		})
	}()
}

// importPreview is the dialog that shows what a file would do before it
// does it.
type importPreview struct {
	v       *contactsView
	plan    importPlan
	shown   []importLine // lines, as the filter leaves them
	summary *widget.Label
	effect  *widget.Label
	filter  *widget.Select
	list    *widget.List
	merge   *widget.Check
	ok      *widget.Button
	dialog  *dialog.CustomDialog
	// result is what the import did, once done, counting every row of
	// the file.
	result storage.ImportResult
	done   bool
}

const (
	showAllRows     = "All rows"
	showNewRows     = "New"
	showDuplicates  = "Duplicates"
	showSkippedRows = "Skipped"
)

func newImportPreview(v *contactsView, plan importPlan) *importPreview {
	p := &importPreview{v: v, plan: plan, shown: plan.lines}
	p.summary = widget.NewLabelWithStyle(fmt.Sprintf("%s: %s new, %s, %s skipped", plan.file,
		thousands(plan.fresh), plural(plan.duplicates, "duplicate", "duplicates"), thousands(plan.skips)),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.summary.Wrapping = fyne.TextWrapWord
	p.filter = widget.NewSelect([]string{showAllRows, showNewRows, showDuplicates, showSkippedRows}, p.show)
	p.filter.Selected = showAllRows
	p.list = widget.NewList(func() int { return len(p.shown) }, newImportRow, p.updateRow)
	p.merge = widget.NewCheck("Merge duplicates into the existing contacts (adding the numbers, company and notes they lack)",
		func(bool) { p.explain() })
	p.effect = wrappedText("")
	p.ok = widget.NewButtonWithIcon("Import", theme.DownloadIcon(), p.apply)
	p.ok.Importance = widget.HighImportance
	p.explain()
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { p.dialog.Hide() })
	top := container.NewVBox(p.summary, container.NewHBox(widget.NewLabel("Show"), p.filter))
	bottom := container.NewVBox(p.merge, p.effect)
	p.dialog = dialog.NewCustomWithoutButtons("Import contacts: check before saving",
		container.NewBorder(top, bottom, nil, nil, p.list), v.ui.win)
	p.dialog.SetButtons([]fyne.CanvasObject{cancel, p.ok})
	p.dialog.Resize(fyne.NewSize(900, 640))
	p.dialog.Show()
	return p
}

func newImportRow() fyne.CanvasObject {
	status := widget.NewLabelWithStyle("Duplicate of", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	status.Truncation = fyne.TextTruncateEllipsis
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	// A column of one width: rows are laid out once, not at each text.
	column := container.NewGridWrap(fyne.NewSize(220, status.MinSize().Height), status)
	return container.NewBorder(nil, nil, column, nil, text)
}

func (p *importPreview) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(p.shown) {
		return
	}
	l := p.shown[id]
	box := o.(*fyne.Container)
	text := l.text(p.v.ui.session.Config().Region)
	if l.status != "New" {
		text += " — " + l.reason
	}
	box.Objects[0].(*widget.Label).SetText(text)
	status := box.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	status.Text = l.status
	switch {
	case l.status == "New":
		status.Importance = widget.SuccessImportance
	case l.status == "Skipped":
		status.Importance = widget.DangerImportance
	default:
		status.Importance = widget.WarningImportance
	}
	status.Refresh()
}

// text is the row's place in the file and what it holds.
func (l importLine) text(region string) string {
	text := fmt.Sprintf("Row %d", l.row)
	if l.who != "" {
		text += "  " + l.who
	}
	for i, n := range l.numbers {
		if i == 0 {
			text += "  "
		} else {
			text += ", "
		}
		text += contactNumberText(n, region)
	}
	return text
}

func (p *importPreview) show(filter string) {
	if filter == showAllRows {
		p.shown = p.plan.lines
	} else {
		p.shown = nil
		for _, l := range p.plan.lines {
			if l.status == filter || filter == showDuplicates && strings.HasPrefix(l.status, "Duplicate") {
				p.shown = append(p.shown, l)
			}
		}
	}
	p.list.ScrollToTop()
	p.list.Refresh()
}

// explain says what Import will do with the merge box as it is, and
// offers it only when it would do something.
func (p *importPreview) explain() {
	if p.plan.fresh == 0 && (p.plan.duplicates == 0 || !p.merge.Checked) {
		p.ok.Disable()
		p.effect.SetText("Nothing in this file would change the contacts.")
		if p.plan.duplicates > 0 {
			p.effect.SetText("Every contact in this file is here already. Tick the box to merge what the file adds.")
		}
		return
	}
	p.ok.Enable()
	text := fmt.Sprintf("Import adds %s.", plural(p.plan.fresh, "new contact", "new contacts"))
	if p.plan.duplicates > 0 {
		if p.merge.Checked {
			text += fmt.Sprintf(" %s merged into the contacts they share a number with.", plural(p.plan.duplicates, "duplicate is", "duplicates are"))
		} else {
			text += fmt.Sprintf(" %s left out.", plural(p.plan.duplicates, "duplicate is", "duplicates are"))
		}
	}
	text += " It is saved all at once: if anything fails, nothing changes."
	p.effect.SetText(text)
}

// apply saves the previewed file in one transaction, then says what it
// did.
func (p *importPreview) apply() {
	u := p.v.ui
	p.ok.Disable()
	p.dialog.Hide()
	wait := dialog.NewCustomWithoutButtons("Importing "+p.plan.file+"…", widget.NewProgressBarInfinite(), u.win)
	wait.Show()
	db, preview, merge := u.session.DB(), p.plan.preview, p.merge.Checked
	go func() {
		res, err := db.ApplyImport(preview, merge)
		u.bridge.run(func() {
			wait.Hide()
			if err != nil {
				dialog.ShowError(fmt.Errorf("nothing was imported: %w", err), u.win)
				return
			}
			// The reader's skipped rows never reached the database.
			res.Skipped += p.plan.skips - p.plan.preview.Skipped
			p.result, p.done = res, true
			dialog.ShowInformation("Contacts imported", importResultText(res), u.win)
			p.v.reload()
		})
	}()
}

func importResultText(r storage.ImportResult) string {
	text := fmt.Sprintf("Added %s.", plural(r.Added, "new contact", "new contacts"))
	if r.Merged > 0 {
		text += fmt.Sprintf(" Merged %s into existing contacts.", plural(r.Merged, "row", "rows"))
	}
	if r.Skipped > 0 {
		text += fmt.Sprintf(" Left out %s.", plural(r.Skipped, "row", "rows"))
	}
	return text
}

// contactFormat is a kind of contact file Callboard writes.
type contactFormat struct {
	label, ext string
	write      func(io.Writer, []contactfile.Contact) error
}

var contactFormats = []contactFormat{
	{"CSV (Google Contacts, Outlook, Excel)", "csv", contactfile.WriteCSV},
	{"vCard 3.0 (phones, Apple Contacts, Outlook)", "vcf", contactfile.WriteVCard},
}

// chooseExport asks which kind of file, then where to save it.
func (v *contactsView) chooseExport() {
	var d *dialog.CustomDialog
	choices := container.NewVBox(wrappedText("Every contact is written, with all its numbers and notes."))
	for _, f := range contactFormats {
		choices.Add(widget.NewButtonWithIcon(f.label, theme.DocumentSaveIcon(), func() {
			d.Hide()
			v.saveExport(f)
		}))
	}
	d = dialog.NewCustom("Export contacts", "Cancel", choices, v.ui.win)
	d.Show()
}

func (v *contactsView) saveExport(f contactFormat) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.ui.win)
			return
		}
		if w == nil {
			return // cancelled
		}
		db, name := v.ui.session.DB(), w.URI().Name()
		go func() {
			n, err := exportContacts(db, w, f)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			v.ui.bridge.run(func() {
				if err != nil {
					dialog.ShowError(err, v.ui.win)
					return
				}
				dialog.ShowInformation("Contacts exported", fmt.Sprintf("%s written to %s.", plural(n, "contact", "contacts"), name), v.ui.win)
			})
		}()
	}, v.ui.win)
	d.SetFileName("callboard-contacts." + f.ext)
	d.Show()
}

// exportContacts writes every contact, by name, and says how many.
func exportContacts(db *storage.DB, w io.Writer, f contactFormat) (int, error) {
	list, err := db.Contacts()
	if err != nil {
		return 0, err
	}
	return len(list), f.write(w, storage.ContactFiles(list))
}
