package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/charts"
	"github.com/callboard-app/callboard/storage"
)

// campaignsView is the Lines & Campaigns screen: the numbers the shop
// advertises, each with the noise it had before any ad ran on it, and the
// ads that ran on them, each with the calls it brought.
type campaignsView struct {
	ui        *UI
	notice    *widget.Label
	lines     *fyne.Container
	campaigns *fyne.Container
	content   fyne.CanvasObject

	// onChanged runs after a line or a campaign was saved or removed, so
	// that other screens (Reports) count the calls again.
	onChanged func()

	data  campaignsData
	loads int // how many times the lists were filled: tests wait on it
	// The dialog open now, if any.
	lineForm     *lineForm
	campaignForm *campaignForm
}

// campaignsData is what the screen shows, read off the UI thread.
type campaignsData struct {
	lines []storage.LineBaseline
	// campaigns hold each campaign's calls over its whole run.
	campaigns []storage.CampaignFigures
	callLines []CallLine
	err       error
}

func newCampaignsView(u *UI) *campaignsView {
	v := &campaignsView{ui: u, notice: widget.NewLabel(""), lines: container.NewVBox(), campaigns: container.NewVBox()}
	v.notice.Wrapping = fyne.TextWrapWord
	v.notice.Hide()
	addLine := widget.NewButtonWithIcon("Add a tracking line", theme.ContentAddIcon(), func() { v.editLine(storage.TrackingLine{}) })
	addCampaign := widget.NewButtonWithIcon("Add a campaign", theme.ContentAddIcon(), func() { v.editCampaign(storage.Campaign{}) })
	addCampaign.Importance = widget.HighImportance
	heading := func(text string, action fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, action, widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	left := container.NewVBox(heading("Tracking lines", addLine), v.lines)
	right := container.NewVBox(heading("Campaigns", addCampaign), v.campaigns)
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(left)), container.NewVScroll(container.NewPadded(right)))
	split.Offset = 0.45
	v.content = container.NewBorder(container.NewPadded(v.notice), nil, nil, nil, split)
	// Read when the tab is opened (ui.go): ten years of campaign figures are
	// not what the window should wait for at start.
	return v
}

// reload reads the lines and campaigns again, off the UI thread: a
// campaign's calls over a long run come from many days.
func (v *campaignsView) reload() {
	s := v.ui.session
	go func() {
		d := loadCampaignsData(s, time.Now())
		v.ui.bridge.run(func() { v.show(d) })
	}()
}

func loadCampaignsData(s *Session, now time.Time) campaignsData {
	var d campaignsData
	db := s.DB()
	lines, err := db.Lines()
	if err != nil {
		d.err = err
		return d
	}
	for _, l := range lines {
		b, err := db.LineBaseline(l.ID)
		if err != nil {
			d.err = err
			return d
		}
		d.lines = append(d.lines, b)
	}
	campaigns, err := db.Campaigns()
	if err == nil {
		d.campaigns, err = campaignCalls(db, campaigns, now)
	}
	if err == nil {
		d.callLines, err = s.CallLines()
	}
	d.err = err
	return d
}

// campaignCalls counts each campaign's calls over its whole run, from one
// report that spans them all (read from the day rollups).
func campaignCalls(db *storage.DB, campaigns []storage.Campaign, now time.Time) ([]storage.CampaignFigures, error) {
	out := make([]storage.CampaignFigures, len(campaigns))
	if len(campaigns) == 0 {
		return out, nil
	}
	from, to := campaigns[0].Start, time.Time{}
	for i, c := range campaigns {
		out[i].Campaign = c
		if c.Start.Before(from) {
			from = c.Start
		}
		if end := runEnd(c, now); end.After(to) {
			to = end
		}
	}
	rep, err := db.Report(from, to, storage.ReportFilter{})
	if err != nil {
		return nil, err
	}
	for i := range out {
		for _, row := range rep.Campaigns {
			if row.Campaign.ID == out[i].Campaign.ID {
				out[i].Spend = row.Spend
			}
		}
	}
	return out, nil
}

// runEnd is the midnight after a campaign's last day, or after today while
// it runs.
func runEnd(c storage.Campaign, now time.Time) time.Time {
	if c.End.IsZero() {
		return midnight(now).AddDate(0, 0, 1)
	}
	return midnight(c.End).AddDate(0, 0, 1)
}

func (v *campaignsView) show(d campaignsData) {
	v.data = d
	v.loads++
	if d.err != nil {
		v.ui.showProblem(d.err)
	}
	v.lines.RemoveAll()
	if len(d.lines) == 0 {
		v.lines.Add(wrapped("No tracking line yet. Every number you advertise is a tracking line: add each one with the device line (or distinctive ring) it rings on, and your main number as the baseline. A line added today counts the calls its device took before, so you see how noisy the number is before you pay for an ad."))
	}
	for _, b := range d.lines {
		v.lines.Add(v.lineRow(b))
	}
	v.campaigns.RemoveAll()
	if len(d.campaigns) == 0 {
		v.campaigns.Add(wrapped("No campaign yet. Add each ad — newspaper, flyer, radio, Google Ads… — with its dates, its cost and the tracking lines it shows: the calls on those lines while it runs count for it, the ones already taken too."))
	}
	for _, c := range d.campaigns {
		v.campaigns.Add(v.campaignRow(c))
	}
	v.lines.Refresh()
	v.campaigns.Refresh()
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// dirtyShare is the spam share above which a number is called dirty: a
// clean number gets the odd robocall, a recycled one a steady stream.
const dirtyShare = 0.10

// lineRow shows a tracking line: its number and name, how its calls are
// recognised, and its noise before the first ad.
func (v *campaignsView) lineRow(b storage.LineBaseline) fyne.CanvasObject {
	l := b.Line
	title := widget.NewLabelWithStyle(v.lineTitle(l), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	head := fyne.CanvasObject(title)
	if l.Main {
		badge := widget.NewLabelWithStyle("main number (baseline)", fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
		badge.Importance = widget.HighImportance
		head = container.NewBorder(nil, nil, nil, badge, title)
	}
	rows := container.NewVBox(head, wrapped("Recognised by "+v.recognition(l)), wrapped(baselineText(b)))
	if dirty(b) {
		warn := wrapped(fmt.Sprintf("%s of calls on this number are spam: a dirty number. Ask your phone company for another one before you pay to advertise it.", percent(b.SpamShare)))
		warn.Importance = widget.DangerImportance
		rows.Add(warn)
	}
	rows.Add(container.NewHBox(
		widget.NewButtonWithIcon("Change", theme.DocumentCreateIcon(), func() { v.editLine(l) }),
		widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { v.removeLine(l) }),
	))
	rows.Add(widget.NewSeparator())
	return rows
}

func dirty(b storage.LineBaseline) bool { return b.Spam >= 2 && b.SpamShare >= dirtyShare }

func (v *campaignsView) lineTitle(l storage.TrackingLine) string {
	number := v.numberText(l.Number)
	switch {
	case number == "":
		return l.Label
	case l.Label == "":
		return number
	}
	return number + " · " + l.Label
}

// numberText writes a stored E.164 number the way the shop dials it.
func (v *campaignsView) numberText(e164 string) string {
	if e164 == "" {
		return ""
	}
	return v.ui.session.ParseNumber(e164).Display(v.ui.session.Config().Region)
}

// recognition says in words how the line's calls are told apart.
func (v *campaignsView) recognition(l storage.TrackingLine) string {
	var ways []string
	if l.Source != "" {
		on := "calls on " + v.ui.session.LineLabel(l.Source)
		if l.RingPattern != "" {
			on += " with the distinctive ring " + l.RingPattern
		}
		ways = append(ways, on)
	}
	if dialed := cmpOr(l.Dialed, l.Number); dialed != "" {
		ways = append(ways, "calls to "+v.numberText(v.ui.session.ParseNumber(dialed).E164)+" where the device reports the dialled number")
	}
	if len(ways) == 0 {
		return "nothing yet: pick the line it rings on"
	}
	return strings.Join(ways, "; ")
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// baselineText is the line's noise before its first campaign, in a line.
func baselineText(b storage.LineBaseline) string {
	when := "Before its first campaign"
	if b.FirstCampaignID == 0 {
		when = "No campaign yet"
	}
	if b.Days == 0 {
		return when + ": no calls on this line to measure its noise."
	}
	return fmt.Sprintf("%s: %s calls a day over %s, %s spam.", when,
		strconv.FormatFloat(b.PerDay, 'f', 1, 64), plural(b.Days, "day", "days"), percent(b.SpamShare))
}

func percent(share float64) string { return fmt.Sprintf("%.0f%%", share*100) }

// campaignRow shows a campaign: what, when, where, what it cost and the
// calls it brought.
func (v *campaignsView) campaignRow(f storage.CampaignFigures) fyne.CanvasObject {
	c := f.Campaign
	title := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	about := []string{capitalized(c.Medium), runText(c), v.costText(c)}
	lines := v.lineNames(c.Lines)
	if lines == "" {
		lines = "no tracking line: its calls cannot be told apart"
	}
	calls := fmt.Sprintf("%s · %s · %s answered", plural(f.Calls, "call", "calls"),
		plural(f.FirstTime, "first-time caller", "first-time callers"), percent(f.AnswerRate()))
	if f.Calls == 0 {
		calls = "No calls yet"
	}
	return container.NewVBox(
		title,
		wrapped(strings.Join(about, " · ")),
		wrapped("Lines: "+lines),
		widget.NewLabelWithStyle(calls, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(
			widget.NewButtonWithIcon("Change", theme.DocumentCreateIcon(), func() { v.editCampaign(c) }),
			widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { v.removeCampaign(c) }),
		),
		widget.NewSeparator(),
	)
}

func capitalized(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func runText(c storage.Campaign) string {
	if c.End.IsZero() {
		return "since " + dateText(c.Start) + ", still running"
	}
	return dateText(c.Start) + " – " + dateText(c.End)
}

func dateText(t time.Time) string { return t.Format("2 Jan 2006") }

func (v *campaignsView) costText(c storage.Campaign) string {
	cur := currencyOf(v.ui.session.Config().Region)
	total := charts.Money(cur, float64(c.CostCents)/100)
	switch n := len(c.Insertions); {
	case c.CostCents == 0 && n == 0:
		return "no cost entered"
	case n > 0:
		return total + " in " + plural(n, "insertion", "insertions")
	}
	return total
}

func (v *campaignsView) lineNames(ids []int) string {
	var names []string
	for _, id := range ids {
		for _, b := range v.data.lines {
			if b.Line.ID == id {
				names = append(names, v.lineTitle(b.Line))
			}
		}
	}
	return strings.Join(names, ", ")
}

// changed reloads this screen and tells the others.
func (v *campaignsView) changed(notice string) {
	v.notice.SetText(notice)
	v.notice.Show()
	v.reload()
	if v.onChanged != nil {
		v.onChanged()
	}
}

func (v *campaignsView) removeLine(l storage.TrackingLine) {
	name := v.lineTitle(l)
	dialog.ShowConfirm("Remove "+name+"?",
		"Its campaigns no longer count its calls; the calls themselves stay.", func(ok bool) {
			if ok {
				v.inBackground(func() error { return v.ui.session.DB().DeleteLine(l.ID) }, name+" removed.")
			}
		}, v.ui.win)
}

func (v *campaignsView) removeCampaign(c storage.Campaign) {
	dialog.ShowConfirm("Remove "+c.Name+"?",
		"Its calls go back to the campaign that ran beside it on their line, or to none. The calls themselves stay.", func(ok bool) {
			if ok {
				v.inBackground(func() error { return v.ui.session.DB().DeleteCampaign(c.ID) }, c.Name+" removed.")
			}
		}, v.ui.win)
}

// inBackground runs a change to the database off the UI thread (it may
// attribute many calls again) and then shows what it did.
func (v *campaignsView) inBackground(change func() error, notice string) {
	go func() {
		err := change()
		v.ui.bridge.run(func() {
			if err != nil {
				dialog.ShowError(err, v.ui.win)
				return
			}
			v.changed(notice)
		})
	}()
}

// lineForm is the dialog that adds or changes a tracking line.
type lineForm struct {
	v       *campaignsView
	line    storage.TrackingLine
	choices []CallLine // the lines calls ring on, in the order of source's options after noSource

	number, label, dialed *escEntry
	source                *widget.Select
	ring                  *escSelectEntry
	main                  *widget.Check
	problem               *widget.Label
	save                  *widget.Button
	dialog                *dialog.CustomDialog
}

const noSource = "None: recognise it by the dialled number"

func (v *campaignsView) editLine(l storage.TrackingLine) {
	f := &lineForm{v: v, line: l, choices: slices.Clone(v.data.callLines)}
	if l.Source != "" && !slices.ContainsFunc(f.choices, func(c CallLine) bool { return c.ID == l.Source }) {
		f.choices = append(f.choices, CallLine{ID: l.Source, Label: v.ui.session.LineLabel(l.Source)})
	}
	options := []string{noSource}
	selected := noSource
	for _, c := range f.choices {
		name := c.Label
		if name != c.ID {
			name += " (" + c.ID + ")"
		}
		options = append(options, name)
		if c.ID == l.Source {
			selected = name
		}
	}
	f.number = newEscEntry()
	f.number.SetText(v.numberText(l.Number))
	f.number.SetPlaceHolder("the number printed in the ad, e.g. (217) 555-0142")
	f.label = newEscEntry()
	f.label.SetText(l.Label)
	f.label.SetPlaceHolder("e.g. Newspaper line")
	f.ring = newEscSelectEntry(nil)
	f.ring.SetText(l.RingPattern)
	f.ring.SetPlaceHolder("any ring")
	f.source = widget.NewSelect(options, func(string) { f.ring.SetOptions(f.rings()) })
	f.source.SetSelected(selected)
	f.dialed = newEscEntry()
	f.dialed.SetText(l.Dialed)
	f.dialed.SetPlaceHolder("the ad's number, unless the device reports another")
	f.main = widget.NewCheck("This is the shop's main number: the baseline, in no campaign", nil)
	f.main.SetChecked(l.Main)
	f.problem = wrapped("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Number", f.number),
		widget.NewFormItem("Name", f.label),
		widget.NewFormItem("Rings on", f.source),
		widget.NewFormItem("Distinctive ring", f.ring),
		widget.NewFormItem("Dialled number", f.dialed),
		widget.NewFormItem("", f.main),
	)
	help := wrapped("Caller ID never says which number was dialled: a line is recognised by the device line it rings on, by its distinctive ring on a shared line, or by the dialled number where the device reports it (VoIP through NCID).")
	title := "Add a tracking line"
	if l.ID != 0 {
		title = "Change " + v.lineTitle(l)
	}
	f.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	for _, e := range []*escEntry{f.number, f.label, f.dialed} {
		e.OnSubmitted = func(string) { f.submit() }
	}
	f.ring.OnSubmitted = func(string) { f.submit() }
	f.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(help, form, f.problem), v.ui.win)
	f.dialog.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.dialog.Hide), f.save})
	f.dialog.SetOnClosed(func() {
		if v.lineForm == f {
			v.lineForm = nil
		}
	})
	v.lineForm = f
	f.dialog.Resize(fyne.NewSize(640, 480))
	f.dialog.Show()
}

func (f *lineForm) sourceID() string {
	if i := f.source.SelectedIndex(); i > 0 {
		return f.choices[i-1].ID
	}
	return ""
}

func (f *lineForm) rings() []string {
	if i := f.source.SelectedIndex(); i > 0 {
		return f.choices[i-1].Rings
	}
	return nil
}

// trackingLine reads the form.
func (f *lineForm) trackingLine() (storage.TrackingLine, error) {
	l := f.line
	l.Number = ""
	if raw := strings.TrimSpace(f.number.Text); raw != "" {
		n := f.v.ui.session.ParseNumber(raw)
		if n.E164 == "" {
			return l, fmt.Errorf("%q is not a phone number Callboard can read: type it as you would dial it", raw)
		}
		l.Number = n.E164
	}
	l.Label = strings.TrimSpace(f.label.Text)
	l.Source = f.sourceID()
	l.RingPattern = strings.TrimSpace(f.ring.Text)
	l.Dialed = strings.TrimSpace(f.dialed.Text)
	l.Main = f.main.Checked
	if l.Source == "" && l.Number == "" && l.Dialed == "" {
		return l, errors.New("pick the line it rings on, or give the number dialled to reach it")
	}
	return l, nil
}

func (f *lineForm) submit() {
	l, err := f.trackingLine()
	if err != nil {
		f.showProblem(err)
		return
	}
	f.save.Disable()
	db := f.v.ui.session.DB()
	go func() {
		saved, err := db.SaveLine(l)
		f.v.ui.bridge.run(func() {
			f.save.Enable()
			if err != nil {
				f.showProblem(err)
				return
			}
			f.dialog.Hide()
			f.v.changed(f.v.lineTitle(saved) + " saved. Its calls, past ones included, are counted for it.")
		})
	}()
}

func (f *lineForm) showProblem(err error) {
	f.problem.SetText(err.Error())
	f.problem.Show()
}

// campaignForm is the dialog that adds or changes a campaign.
type campaignForm struct {
	v        *campaignsView
	campaign storage.Campaign

	name       *escEntry
	medium     *widget.Select
	costMode   *widget.RadioGroup
	total      *escEntry
	insertions []*insertionRow
	costBox    *fyne.Container
	start, end *widget.DateEntry
	lines      *widget.CheckGroup
	lineIDs    map[string]int
	problem    *widget.Label
	save       *widget.Button
	dialog     *dialog.CustomDialog
}

const (
	costTotal        = "A total for the whole run"
	costPerInsertion = "Per insertion, with its date"
)

// insertionRow is one paid appearance of the ad in the form.
type insertionRow struct {
	date       *widget.DateEntry
	cost, note *escEntry
	content    fyne.CanvasObject
}

func (v *campaignsView) editCampaign(c storage.Campaign) {
	f := &campaignForm{v: v, campaign: c, lineIDs: map[string]int{}}
	f.name = newEscEntry()
	f.name.SetText(c.Name)
	f.name.SetPlaceHolder("e.g. Spring flyer")
	f.medium = widget.NewSelect(storage.Media, nil)
	f.medium.PlaceHolder = "(pick the kind of ad)"
	if c.Medium != "" {
		f.medium.SetSelected(c.Medium)
	}
	f.total = newEscEntry()
	f.total.SetPlaceHolder("e.g. 450.00")
	if c.CostCents != 0 && len(c.Insertions) == 0 {
		f.total.SetText(centsText(c.CostCents))
	}
	f.costBox = container.NewVBox()
	for _, in := range c.Insertions {
		f.addInsertion(in)
	}
	f.costMode = widget.NewRadioGroup([]string{costTotal, costPerInsertion}, func(string) { f.showCost() })
	f.costMode.Horizontal = true
	if len(c.Insertions) > 0 {
		f.costMode.SetSelected(costPerInsertion)
	} else {
		f.costMode.SetSelected(costTotal)
	}
	f.start, f.end = widget.NewDateEntry(), widget.NewDateEntry()
	start := c.Start
	if start.IsZero() {
		start = midnight(time.Now())
	}
	f.start.SetDate(&start)
	if !c.End.IsZero() {
		end := c.End
		f.end.SetDate(&end)
	}
	f.end.SetPlaceHolder("empty: still running")
	var options, checked []string
	for _, b := range v.data.lines {
		name := v.lineTitle(b.Line)
		if b.Line.Main {
			name += " (baseline)"
		}
		options = append(options, name)
		f.lineIDs[name] = b.Line.ID
		if slices.Contains(c.Lines, b.Line.ID) {
			checked = append(checked, name)
		}
	}
	f.lines = widget.NewCheckGroup(options, nil)
	f.lines.SetSelected(checked)
	var linesItem fyne.CanvasObject = f.lines
	if len(options) == 0 {
		linesItem = wrapped("No tracking line yet: add the ad's number under Tracking lines first.")
	}
	f.problem = wrapped("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Medium", f.medium),
		widget.NewFormItem("Starts", f.start),
		widget.NewFormItem("Ends", f.end),
		widget.NewFormItem("Cost", container.NewVBox(f.costMode, f.costBox)),
		widget.NewFormItem("Tracking lines", linesItem),
	)
	title := "Add a campaign"
	if c.ID != 0 {
		title = "Change " + c.Name
	}
	f.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.name.OnSubmitted = func(string) { f.submit() }
	f.total.OnSubmitted = func(string) { f.submit() }
	help := wrapped("Calls on its lines between its dates count for it — the calls already taken too, as soon as you save.")
	f.dialog = dialog.NewCustomWithoutButtons(title, container.NewVScroll(container.NewVBox(help, form, f.problem)), v.ui.win)
	f.dialog.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.dialog.Hide), f.save})
	f.dialog.SetOnClosed(func() {
		if v.campaignForm == f {
			v.campaignForm = nil
		}
	})
	v.campaignForm = f
	f.dialog.Resize(fyne.NewSize(720, 620))
	f.dialog.Show()
}

// showCost shows the total's entry or the list of insertions.
func (f *campaignForm) showCost() {
	f.costBox.RemoveAll()
	if f.costMode.Selected == costPerInsertion {
		for _, in := range f.insertions {
			f.costBox.Add(in.content)
		}
		f.costBox.Add(widget.NewButtonWithIcon("Add an insertion", theme.ContentAddIcon(), func() {
			f.addInsertion(storage.Insertion{})
			f.showCost()
		}))
	} else {
		f.costBox.Add(f.total)
	}
	f.costBox.Refresh()
}

func (f *campaignForm) addInsertion(in storage.Insertion) {
	row := &insertionRow{date: widget.NewDateEntry(), cost: newEscEntry(), note: newEscEntry()}
	date := in.Date
	if date.IsZero() {
		date = midnight(time.Now())
	}
	row.date.SetDate(&date)
	row.cost.SetPlaceHolder("cost")
	if in.CostCents != 0 {
		row.cost.SetText(centsText(in.CostCents))
	}
	row.note.SetPlaceHolder("note, e.g. Sunday issue")
	row.note.SetText(in.Note)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		f.insertions = slices.DeleteFunc(f.insertions, func(r *insertionRow) bool { return r == row })
		f.showCost()
	})
	row.content = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(3, row.date, row.cost, row.note))
	f.insertions = append(f.insertions, row)
}

// campaignFromForm reads the form.
func (f *campaignForm) campaignFromForm() (storage.Campaign, error) {
	c := f.campaign
	c.Name = strings.TrimSpace(f.name.Text)
	c.Medium = f.medium.Selected
	if c.Name == "" {
		return c, errors.New("give the campaign a name")
	}
	if c.Medium == "" {
		return c, errors.New("pick the campaign's medium")
	}
	var err error
	if c.Start, err = dateIn(f.start, "start"); err != nil {
		return c, err
	}
	if c.Start.IsZero() {
		return c, errors.New("give the day the campaign starts")
	}
	if c.End, err = dateIn(f.end, "end"); err != nil {
		return c, err
	}
	c.CostCents, c.Insertions = 0, nil
	if f.costMode.Selected == costPerInsertion {
		for i, row := range f.insertions {
			in := storage.Insertion{Note: strings.TrimSpace(row.note.Text)}
			if in.Date, err = dateIn(row.date, fmt.Sprintf("insertion %d", i+1)); err != nil {
				return c, err
			}
			if in.CostCents, err = parseMoney(row.cost.Text); err != nil {
				return c, fmt.Errorf("insertion %d: %w", i+1, err)
			}
			c.Insertions = append(c.Insertions, in)
		}
	} else if c.CostCents, err = parseMoney(f.total.Text); err != nil {
		return c, err
	}
	c.Lines = nil
	for _, name := range f.lines.Selected {
		c.Lines = append(c.Lines, f.lineIDs[name])
	}
	slices.Sort(c.Lines)
	return c, nil
}

// dateIn reads a day from a date entry: zero when it is empty. A typed
// date the entry could not read is an error, not the last good one it
// still holds.
func dateIn(e *widget.DateEntry, what string) (time.Time, error) {
	text := strings.TrimSpace(e.Text)
	if text == "" {
		return time.Time{}, nil
	}
	if e.Date == nil || (e.Validator != nil && e.Validator(text) != nil) {
		return time.Time{}, fmt.Errorf("the %s date %q is not a date: pick it from the calendar", what, text)
	}
	d := *e.Date
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.Local), nil
}

func (f *campaignForm) submit() {
	c, err := f.campaignFromForm()
	if err != nil {
		f.showProblem(err)
		return
	}
	f.save.Disable()
	db := f.v.ui.session.DB()
	go func() {
		saved, err := db.SaveCampaign(c)
		var calls storage.Spend
		if err == nil {
			calls, err = campaignCallsNow(db, saved, time.Now())
		}
		f.v.ui.bridge.run(func() {
			f.save.Enable()
			if err != nil {
				f.showProblem(err)
				return
			}
			f.dialog.Hide()
			f.v.changed(savedText(saved, calls))
		})
	}()
}

// campaignCallsNow counts a campaign's calls over its run, as attributed
// now: the calls taken before it was entered included.
func campaignCallsNow(db *storage.DB, c storage.Campaign, now time.Time) (storage.Spend, error) {
	rows, err := campaignCalls(db, []storage.Campaign{c}, now)
	if err != nil {
		return storage.Spend{}, err
	}
	return rows[0].Spend, nil
}

func savedText(c storage.Campaign, s storage.Spend) string {
	if len(c.Lines) == 0 {
		return fmt.Sprintf("%s saved. It has no tracking line yet: tick the lines its ad shows, so its calls count for it.", c.Name)
	}
	return fmt.Sprintf("%s saved: %s so far (%s), the calls taken before you entered it included.",
		c.Name, plural(s.Calls, "call", "calls"), plural(s.FirstTime, "first-time caller", "first-time callers"))
}

func (f *campaignForm) showProblem(err error) {
	f.problem.SetText(err.Error())
	f.problem.Show()
}

// parseMoney reads an amount as the shop types it: "450", "$1,200.50",
// "1.200,50". Empty is zero.
func parseMoney(s string) (int64, error) {
	var kept strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9', r == '.', r == ',':
			kept.WriteRune(r)
		case r == '-':
			return 0, fmt.Errorf("%q: a cost cannot be negative", s)
		}
	}
	text := kept.String()
	if text == "" {
		if strings.TrimSpace(s) != "" {
			return 0, fmt.Errorf("%q is not an amount", s)
		}
		return 0, nil
	}
	// The last separator followed by one or two digits is the decimal
	// point; any other is a thousands separator.
	whole, frac := text, ""
	if i := strings.LastIndexAny(text, ".,"); i >= 0 && len(text)-i-1 <= 2 {
		whole, frac = text[:i], text[i+1:]
	}
	whole = strings.NewReplacer(",", "", ".", "").Replace(whole)
	if whole == "" {
		whole = "0"
	}
	units, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || units > 1e13 {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	cents := int64(0)
	switch len(frac) {
	case 1:
		cents = int64(frac[0]-'0') * 10
	case 2:
		cents = int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	}
	return units*100 + cents, nil
}

// centsText writes cents for an entry the shop edits: "1200.50".
func centsText(cents int64) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }
