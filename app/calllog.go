package app

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/charts"
	"github.com/callboard-app/callboard/storage"
)

// callLogView is the Calls screen: every call, newest first, searched,
// filtered and sorted. The table asks for the rows on screen only and the
// log reads them a page at a time, so ten years of calls scroll like a
// day's. Queries run off the UI thread; the answer to a query the staff
// have since changed is dropped.
type callLogView struct {
	ui      *UI
	content fyne.CanvasObject

	search    *widget.Entry
	period    *widget.Select
	from, to  *widget.DateEntry
	custom    *fyne.Container
	line      *widget.Select
	campaign  *widget.Select
	outcome   *widget.Select
	firstTime *widget.Check
	spam      *widget.Select
	tag       *widget.Select
	lead      *widget.Select
	count     *widget.Label
	bar       *fyne.Container // the count and the buttons
	problem   *widget.Label
	edit      *widget.Button
	headers   []fyne.CanvasObject
	table     *widget.Table

	sort storage.LogSort
	// choices are the lines, campaigns and tags the filters offer, in the
	// order of their options after the first ("All …").
	choices logChoices
	rows    *logRows
	// shown is the filter of the rows shown, for the export.
	shown storage.LogFilter
	// seq numbers the queries: only the newest one's answer is shown,
	// and shownSeq is the one shown.
	seq, shownSeq int
	typed         int // numbers the keystrokes in the search, for the debounce
	// searching: the staff typed and the log waits for them to finish.
	searching bool
	// quiet is set while the filters are set by the program, not the staff.
	quiet    bool
	selected int // the selected row, -1 for none
	// probeTop is the first row the table drew during a probe (see
	// topRow), -1 when not probing.
	probeTop int
}

// searchDelay: the log waits this long after the last keystroke before it
// searches, so that typing a name asks one question, not one per letter.
const searchDelay = 250 * time.Millisecond

// The periods the log offers, in order.
var logPeriods = []string{"Today", "This week", "This month", "Last 30 days", "This year", "All time", "Custom dates…"}

const (
	logAllTime     = "All time"
	logCustomDates = "Custom dates…"
)

// The outcome filter's options and the outcomes each keeps.
var logOutcomes = []struct {
	label    string
	outcomes []callerid.Outcome
}{
	{"All outcomes", nil},
	{"Answered", []callerid.Outcome{callerid.OutcomeAnswered}},
	{"Not answered", []callerid.Outcome{callerid.OutcomeMissed, callerid.OutcomeVoicemail, callerid.OutcomeAbandoned}},
	{"Missed", []callerid.Outcome{callerid.OutcomeMissed}},
	{"Voicemail", []callerid.Outcome{callerid.OutcomeVoicemail}},
	{"Abandoned", []callerid.Outcome{callerid.OutcomeAbandoned}},
	{"Blocked", []callerid.Outcome{callerid.OutcomeBlocked}},
	{"Outcome unknown", []callerid.Outcome{callerid.OutcomeUnknown}},
}

var logSpamChoices = []string{"Spam dimmed", "Hide spam", "Only spam"}

var logLeadChoices = []string{"Any lead status", storage.LeadGood.String(), storage.LeadNotALead.String(), storage.LeadNotScored.String()}

var logLeads = []storage.LeadStatus{storage.LeadGood, storage.LeadNotALead, storage.LeadNotScored}

// newCallLogView builds the screen empty: refresh reads the log, when the
// screen is first shown and whenever calls change.
func newCallLogView(u *UI) *callLogView {
	v := &callLogView{ui: u, sort: storage.NewestFirst, selected: -1, probeTop: -1}
	v.rows = &logRows{}

	v.search = widget.NewEntry()
	v.search.SetPlaceHolder("Search calls by name or number")
	v.search.OnChanged = func(string) { v.searchTyped() }
	v.search.OnSubmitted = func(string) { v.typed++; v.run(false) }

	v.period = widget.NewSelect(logPeriods, func(string) { v.periodChanged() })
	v.from, v.to = widget.NewDateEntry(), widget.NewDateEntry()
	v.from.OnChanged = func(*time.Time) { v.changed() }
	v.to.OnChanged = func(*time.Time) { v.changed() }
	v.custom = container.NewHBox(widget.NewLabel("From"), logSized(v.from, 150), widget.NewLabel("to"), logSized(v.to, 150))
	v.custom.Hide()

	v.line = widget.NewSelect(nil, func(string) { v.changed() })
	v.campaign = widget.NewSelect(nil, func(string) { v.changed() })
	v.tag = widget.NewSelect(nil, func(string) { v.changed() })
	outcomes := make([]string, len(logOutcomes))
	for i, o := range logOutcomes {
		outcomes[i] = o.label
	}
	v.outcome = widget.NewSelect(outcomes, func(string) { v.changed() })
	v.spam = widget.NewSelect(logSpamChoices, func(string) { v.changed() })
	v.lead = widget.NewSelect(logLeadChoices, func(string) { v.changed() })
	v.firstTime = widget.NewCheck("First-time callers only", func(bool) { v.changed() })
	v.setChoices(logChoices{})
	v.resetFilters()

	v.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.problem = widget.NewLabel("")
	v.problem.Importance = widget.DangerImportance
	v.problem.Wrapping = fyne.TextWrapWord
	v.problem.Hide()
	clear := widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), v.clearFilters)
	v.edit = widget.NewButtonWithIcon("Edit call…", theme.DocumentCreateIcon(), v.editSelected)
	v.edit.Disable()
	export := widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), v.chooseExport)

	v.table = widget.NewTable(v.length, newLogCell, v.updateCell)
	v.table.OnSelected = func(id widget.TableCellID) { v.selectRow(id.Row) }
	v.headers = v.newHeaders()

	filters := container.NewGridWithColumns(4, v.period, v.line, v.campaign, v.outcome, v.spam, v.tag, v.lead, v.firstTime)
	v.bar = container.NewBorder(nil, nil, v.count, container.NewHBox(clear, v.edit, export))
	grid := container.New(&logTableLayout{v: v}, append(slices.Clone(v.headers), v.table)...)
	v.content = container.NewBorder(container.NewVBox(v.search, filters, v.custom, v.bar, v.problem), nil, nil, nil, grid)
	return v
}

// logSized gives an object a minimum width.
func logSized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// focusSearch puts the cursor in the search, its text selected so that
// typing replaces it (Ctrl+F).
func (v *callLogView) focusSearch() {
	v.ui.win.Canvas().Focus(v.search)
	v.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// refresh reads the log again, for a call that came or ended, or a call
// edited: the filters stay, and so do the calls in view when the staff
// have scrolled down (at the top, the new calls show above).
func (v *callLogView) refresh() { v.run(true) }

func (v *callLogView) searchTyped() {
	if v.quiet {
		return
	}
	v.typed++
	typed := v.typed
	v.searching = true
	time.AfterFunc(searchDelay, func() {
		v.ui.bridge.run(func() {
			if typed == v.typed {
				v.run(false)
			}
		})
	})
}

func (v *callLogView) periodChanged() {
	if v.period.Selected == logCustomDates {
		v.custom.Show()
	} else {
		v.custom.Hide()
	}
	v.changed()
}

func (v *callLogView) changed() {
	if !v.quiet {
		v.run(false)
	}
}

// resetFilters sets every filter to show every call, without asking.
func (v *callLogView) resetFilters() {
	v.quiet = true
	defer func() { v.quiet = false }()
	v.search.SetText("")
	v.period.SetSelected(logAllTime)
	v.custom.Hide()
	v.from.SetDate(nil)
	v.to.SetDate(nil)
	for _, s := range []*widget.Select{v.line, v.campaign, v.outcome, v.spam, v.tag, v.lead} {
		s.SetSelectedIndex(0)
	}
	v.firstTime.SetChecked(false)
}

func (v *callLogView) clearFilters() {
	v.typed++
	v.resetFilters()
	v.run(false)
}

// logAsk is a query as the staff set it, read from the widgets on the UI
// thread for a goroutine to answer.
type logAsk struct {
	filter storage.LogFilter
	sort   storage.LogSort
}

// ask reads the filters.
func (v *callLogView) ask() logAsk {
	var f storage.LogFilter
	f.Search = strings.TrimSpace(v.search.Text)
	f.From, f.To = v.periodSpan()
	if i := v.line.SelectedIndex(); i > 0 {
		f.Lines = []int{v.choices.lineIDs[i-1]}
	}
	if i := v.campaign.SelectedIndex(); i > 0 {
		f.Campaigns = []int{v.choices.campaignIDs[i-1]}
	}
	if i := v.outcome.SelectedIndex(); i > 0 {
		f.Outcomes = logOutcomes[i].outcomes
	}
	if v.firstTime.Checked {
		yes := true
		f.FirstTime = &yes
	}
	switch v.spam.SelectedIndex() {
	case 1:
		no := false
		f.Spam = &no
	case 2:
		yes := true
		f.Spam = &yes
	}
	if i := v.tag.SelectedIndex(); i > 0 {
		f.Tag = v.tag.Selected
	}
	if i := v.lead.SelectedIndex(); i > 0 {
		lead := logLeads[i-1]
		f.Lead = &lead
	}
	return logAsk{filter: f, sort: v.sort}
}

// periodSpan is the chosen period in the shop's clock; zero times leave
// an end open.
func (v *callLogView) periodSpan() (from, to time.Time) {
	now := v.ui.now()
	today := midnight(now)
	switch v.period.Selected {
	case "Today":
		return today, today.AddDate(0, 0, 1)
	case "This week":
		p := ThisWeek.Period(now, time.Local)
		return p.From, p.To
	case "This month":
		p := ThisMonth.Period(now, time.Local)
		return p.From, p.To
	case "Last 30 days":
		return today.AddDate(0, 0, -29), today.AddDate(0, 0, 1)
	case "This year":
		p := ThisYear.Period(now, time.Local)
		return p.From, p.To
	case logCustomDates:
		first, last := v.from.Date, v.to.Date
		switch {
		case first != nil && last != nil:
			p := CustomPeriod(*first, *last, time.Local)
			return p.From, p.To
		case first != nil:
			return CustomPeriod(*first, *first, time.Local).From, time.Time{}
		case last != nil:
			return time.Time{}, CustomPeriod(*last, *last, time.Local).To
		}
	}
	return time.Time{}, time.Time{}
}

// logAnswer is what a query found: the calls and the first page of them,
// and the lines, campaigns and tags to filter by.
type logAnswer struct {
	rows    *logRows
	filter  storage.LogFilter
	choices logChoices
	err     error
}

// run asks the log for the calls the filters show. keep: the same calls
// again (refresh), so the selection and the scroll position stay.
func (v *callLogView) run(keep bool) {
	v.searching = false
	v.seq++
	seq, ask := v.seq, v.ask()
	s := v.ui.session
	format := &logFormat{db: s.DB(), region: s.Config().Region, lineLabel: s.LineLabel}
	go func() {
		answer := answerLog(s.DB(), ask, format)
		v.ui.bridge.run(func() {
			if seq == v.seq {
				v.shownSeq = seq
				v.show(answer, keep)
			}
		})
	}()
}

// answerLog opens the log a query asks for and reads its first page.
func answerLog(db *storage.DB, ask logAsk, format *logFormat) logAnswer {
	choices, err := readLogChoices(db)
	if err != nil {
		return logAnswer{err: err}
	}
	format.use(choices)
	f := ask.filter
	if strings.ContainsFunc(f.Search, unicode.IsLetter) {
		// The contacts whose name matches: their calls come up whatever
		// name the telco sent.
		contacts, err := db.SearchContacts(f.Search, searchContactsMax)
		if err != nil {
			return logAnswer{err: err}
		}
		for _, c := range contacts {
			for _, n := range c.Numbers {
				f.Keys = append(f.Keys, n.Key)
			}
		}
	}
	if ask.sort.Column == storage.LogByName {
		names, err := logContactNames(db)
		if err != nil {
			return logAnswer{err: err}
		}
		f.Names = names
	}
	view, err := db.OpenLog(f, ask.sort)
	if err != nil {
		return logAnswer{err: err}
	}
	rows := &logRows{view: view, format: format}
	if _, err := rows.page(0); err != nil {
		return logAnswer{err: err}
	}
	return logAnswer{rows: rows, filter: f, choices: choices}
}

// searchContactsMax bounds how many contacts a search by name brings in.
const searchContactsMax = 500

// logContactNames gives a caller's contact name by caller key, read once for
// the whole query: the log asks it inside its own read of the database,
// where opening another read could wait forever on a write that grows the
// file.
func logContactNames(db *storage.DB) (func(string) string, error) {
	contacts, err := db.Contacts()
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, c := range contacts {
		for _, n := range c.Numbers {
			names[n.Key] = c.Title()
		}
	}
	return func(key string) string { return names[key] }, nil
}

// settled: the log shows the answer to what the staff asked last.
func (v *callLogView) settled() bool { return !v.searching && v.shownSeq == v.seq }

func (v *callLogView) show(a logAnswer, keep bool) {
	if a.err != nil {
		v.problem.SetText("The call log could not be read: " + a.err.Error())
		v.problem.Show()
		return
	}
	v.problem.Hide()
	if v.setChoices(a.choices) {
		return // a line, campaign or tag chosen is gone: asked again
	}
	added := a.rows.len() - v.rows.len()
	top := 0
	if keep {
		top = v.topRow()
	}
	v.rows, v.shown = a.rows, a.filter
	v.count.SetText(logCallCount(a.rows.len()))
	v.bar.Refresh() // the count grew wider
	v.table.Refresh()
	switch {
	case !keep:
		v.table.UnselectAll()
		v.table.ScrollToTop()
	case top > 0 && added > 0 && v.sort == storage.NewestFirst:
		// The new calls came in above: the ones in view stay in view.
		v.scrollToRow(top + added)
	}
	if v.selected >= a.rows.len() {
		v.selectRow(-1)
	}
}

// topRow is the first row the table shows: it draws its rows again and
// notes the first one.
func (v *callLogView) topRow() int {
	v.probeTop = math.MaxInt
	v.table.Refresh()
	top := v.probeTop
	v.probeTop = -1
	if top == math.MaxInt {
		return 0
	}
	return top
}

// scrollToRow scrolls the table so that row is the first it shows.
func (v *callLogView) scrollToRow(row int) {
	// ScrollTo lays the table's rows out for their number now, which
	// ScrollToOffset does not: alone, it would be undone for a table
	// that had fewer rows when it was last laid out.
	v.table.ScrollTo(widget.TableCellID{Row: row})
	v.table.ScrollToOffset(fyne.NewPos(0, float32(row)*v.rowPitch()))
}

// rowPitch is how far apart the table's rows are.
func (v *callLogView) rowPitch() float32 {
	return newLogCell().MinSize().Height + logPadding()
}

// logCallCount is "1 call", "12,345 calls".
func logCallCount(n int) string {
	if n == 1 {
		return "1 call"
	}
	return thousands(n) + " calls"
}

func (v *callLogView) selectRow(row int) {
	v.selected = row
	if row < 0 {
		v.table.UnselectAll()
		v.edit.Disable()
		return
	}
	v.edit.Enable()
}

func (v *callLogView) editSelected() {
	line, ok := v.rows.line(v.selected)
	if !ok {
		return
	}
	v.ui.editCall(line.call, v.refresh)
}

func (v *callLogView) editRow(row int) {
	v.table.Select(widget.TableCellID{Row: row})
	v.editSelected()
}

// setSort sorts by a column, or turns the order round when it already is.
func (v *callLogView) setSort(c storage.LogColumn) {
	if v.sort.Column == c {
		v.sort.Desc = !v.sort.Desc
	} else {
		// Time, and amounts, read best largest first; words from A.
		v.sort = storage.LogSort{Column: c, Desc: c == storage.LogByTime || c == storage.LogByValue ||
			c == storage.LogByTalk || c == storage.LogByRings}
	}
	v.labelHeaders()
	v.run(false)
}

// exportTo writes the calls shown, as the table orders them, as CSV.
func (v *callLogView) exportTo(w io.Writer) error {
	f := v.shown
	if f.Names == nil {
		names, err := logContactNames(v.ui.session.DB())
		if err != nil {
			return err
		}
		f.Names = names
	}
	return v.ui.session.DB().ExportLog(w, f, v.sort)
}

func (v *callLogView) chooseExport() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.ui.win)
			return
		}
		if w == nil {
			return // the staff changed their mind
		}
		n := v.rows.len()
		go func() {
			err := v.exportTo(w)
			err = errors.Join(err, w.Close())
			v.ui.bridge.run(func() {
				if err != nil {
					dialog.ShowError(fmt.Errorf("export the calls: %w", err), v.ui.win)
					return
				}
				dialog.ShowInformation("Calls exported", plural(n, "call", "calls")+" written to "+w.URI().Name()+".", v.ui.win)
			})
		}()
	}, v.ui.win)
	save.SetFileName("calls-" + v.ui.now().Format("2006-01-02") + ".csv")
	save.Show()
}

// logChoices are what the line, campaign and tag filters offer.
type logChoices struct {
	lines       []string
	lineIDs     []int
	campaigns   []string
	campaignIDs []int
	tags        []string
	lineNames   map[int]string
	campNames   map[int]string
}

func readLogChoices(db *storage.DB) (logChoices, error) {
	c := logChoices{lineNames: map[int]string{}, campNames: map[int]string{}}
	lines, err := db.Lines()
	if err != nil {
		return c, err
	}
	campaigns, err := db.Campaigns()
	if err != nil {
		return c, err
	}
	c.tags, err = db.Tags()
	if err != nil {
		return c, err
	}
	for _, l := range lines {
		c.lines = append(c.lines, l.Label)
		c.lineIDs = append(c.lineIDs, l.ID)
		c.lineNames[l.ID] = l.Label
	}
	c.lines = append(c.lines, "No tracking line")
	c.lineIDs = append(c.lineIDs, 0)
	for _, cp := range campaigns {
		c.campaigns = append(c.campaigns, cp.Name)
		c.campaignIDs = append(c.campaignIDs, cp.ID)
		c.campNames[cp.ID] = cp.Name
	}
	c.campaigns = append(c.campaigns, "No campaign")
	c.campaignIDs = append(c.campaignIDs, 0)
	return c, nil
}

// setChoices fills the filters' options, keeping what is chosen where it
// is still offered. When a choice is gone it asks the log again, and says
// so.
func (v *callLogView) setChoices(c logChoices) (askedAgain bool) {
	v.quiet = true
	defer func() { v.quiet = false }()
	lost := false
	offer := func(s *widget.Select, all string, options []string) {
		was := s.Selected
		s.SetOptions(append([]string{all}, options...))
		if was != "" && was != all && !slices.Contains(options, was) {
			lost = true
			was = ""
		}
		if was == "" {
			was = all
		}
		s.SetSelected(was)
	}
	offer(v.line, "All lines", uniqueLabels(c.lines))
	offer(v.campaign, "All campaigns", uniqueLabels(c.campaigns))
	offer(v.tag, "Any tag", c.tags)
	v.choices = c
	if lost {
		v.quiet = false
		v.run(false)
	}
	return lost
}

// uniqueLabels numbers repeated labels ("Radio", "Radio (2)"), so that
// each option picks one line or campaign.
func uniqueLabels(labels []string) []string {
	out := make([]string, len(labels))
	seen := map[string]int{}
	for i, l := range labels {
		seen[l]++
		out[i] = l
		if seen[l] > 1 {
			out[i] = fmt.Sprintf("%s (%d)", l, seen[l])
		}
	}
	return out
}

// The columns of the log.
var logColumns = []struct {
	title string
	sort  storage.LogColumn // "": the column does not sort
	width float32           // at a comfortable window width
	grow  float32           // share of the room a wider window gives
}{
	{"Time", storage.LogByTime, 150, 0},
	{"Name", storage.LogByName, 150, 1},
	{"Number", storage.LogByNumber, 120, 0},
	{"Place", "", 105, 0},
	{"Line", storage.LogByLine, 100, 0},
	{"Campaign", storage.LogByCampaign, 100, 0},
	{"Outcome", storage.LogByOutcome, 145, 0},
	{"Rings", storage.LogByRings, 55, 0},
	{"Talk", storage.LogByTalk, 50, 0},
	{"Value", storage.LogByValue, 85, 0},
	{"Tags", "", 70, 0.5},
	{"Note", "", 105, 2},
}

const (
	colName = 1
	colOut  = 6
)

func (v *callLogView) newHeaders() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(logColumns))
	for i, c := range logColumns {
		if c.sort == "" {
			out[i] = widget.NewLabelWithStyle(c.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			continue
		}
		b := widget.NewButton(c.title, func() { v.setSort(c.sort) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		out[i] = b
	}
	v.headers = out
	v.labelHeaders()
	return out
}

// labelHeaders puts the arrow on the column the log is sorted by.
func (v *callLogView) labelHeaders() {
	for i, c := range logColumns {
		b, ok := v.headers[i].(*widget.Button)
		if !ok {
			continue
		}
		text := c.title
		if c.sort == v.sort.Column {
			text += map[bool]string{true: " ↓", false: " ↑"}[v.sort.Desc]
		}
		b.SetText(text)
	}
}

// logTableLayout lays the header strip over the table, each header as
// wide as its column: a table header of Fyne's own would lay out every
// row (see reference/libraries.md). The columns share the width, so the
// table never scrolls sideways away from its headers.
type logTableLayout struct {
	v      *callLogView
	widths []float32
}

func (l *logTableLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	headers, table := objects[:len(objects)-1], objects[len(objects)-1]
	h := float32(0)
	for _, o := range headers {
		h = max(h, o.MinSize().Height)
	}
	widths := logColumnWidths(size.Width)
	x := float32(0)
	for i, o := range headers {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(widths[i], h))
		x += widths[i] + logPadding()
	}
	if !slices.Equal(widths, l.widths) {
		l.widths = widths
		for i, w := range widths {
			l.v.table.SetColumnWidth(i, w)
		}
	}
	table.Move(fyne.NewPos(0, h))
	table.Resize(fyne.NewSize(size.Width, size.Height-h))
}

func (l *logTableLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects[:len(objects)-1] {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(600, h+8*newLogCell().MinSize().Height)
}

// logColumnWidths shares a width among the columns: a narrow window shrinks
// them all alike, a wide one gives the extra room to the name, tags and
// note.
func logColumnWidths(width float32) []float32 {
	room := width - float32(len(logColumns)-1)*logPadding()
	var base, grow float32
	for _, c := range logColumns {
		base += c.width
		grow += c.grow
	}
	out := make([]float32, len(logColumns))
	for i, c := range logColumns {
		if room <= base {
			out[i] = float32(math.Floor(float64(c.width * max(room, 0) / base)))
		} else {
			out[i] = float32(math.Floor(float64(c.width + (room-base)*c.grow/grow)))
		}
	}
	return out
}

func (v *callLogView) length() (int, int) { return v.rows.len(), len(logColumns) }

// logCell is a cell of the log: a label that selects its row when
// clicked and opens the call when double-clicked.
type logCell struct {
	widget.Label
	v   *callLogView
	row int
}

func newLogCell() fyne.CanvasObject {
	c := &logCell{row: -1}
	c.Truncation = fyne.TextTruncateClip
	c.ExtendBaseWidget(c)
	return c
}

func (c *logCell) Tapped(*fyne.PointEvent) {
	if c.v != nil && c.row >= 0 {
		c.v.table.Select(widget.TableCellID{Row: c.row})
	}
}

func (c *logCell) DoubleTapped(*fyne.PointEvent) {
	if c.v != nil && c.row >= 0 {
		c.v.editRow(c.row)
	}
}

func (v *callLogView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*logCell)
	cell.v, cell.row = v, id.Row
	if v.probeTop >= 0 {
		v.probeTop = min(v.probeTop, id.Row)
	}
	line, ok := v.rows.line(id.Row)
	if !ok {
		if err := v.rows.err; err != nil && !v.problem.Visible() {
			v.problem.SetText("The call log could not be read: " + err.Error())
			v.problem.Show()
		}
		cell.SetText("")
		return
	}
	importance := widget.MediumImportance
	switch {
	case line.call.Spam:
		importance = widget.LowImportance // dimmed: flagged as spam
	case id.Col == colOut:
		importance = outcomeImportance(line.call.Call)
	}
	bold := id.Col == colName && line.call.FirstTime
	text := line.cells[id.Col]
	// Laying out text is most of a scroll's cost: a cell that shows the
	// same as before is left alone.
	if cell.Importance == importance && cell.TextStyle.Bold == bold && cell.Text == text {
		return
	}
	cell.Importance, cell.TextStyle.Bold, cell.Text = importance, bold, text
	cell.Refresh()
}

// logPageSize is how many calls the log reads at once; logPagesKept how
// many pages it keeps, a few screens either way.
const (
	logPageSize  = 200
	logPagesKept = 16
)

// logRows are the calls one query shows, read a page at a time as the
// table scrolls, each row's cells written once.
type logRows struct {
	view   *storage.LogView
	format *logFormat
	pages  map[int][]logLine
	// kept are the pages in the order they were read, to drop the oldest.
	kept []int
	err  error
}

type logLine struct {
	call  storage.CallRow
	cells []string
}

func (r *logRows) len() int {
	if r.view == nil {
		return 0
	}
	return r.view.Len()
}

// line is row i, read with its page if need be.
func (r *logRows) line(i int) (logLine, bool) {
	if i < 0 || i >= r.len() {
		return logLine{}, false
	}
	page, err := r.page(i / logPageSize)
	if err != nil || i%logPageSize >= len(page) {
		return logLine{}, false
	}
	return page[i%logPageSize], true
}

func (r *logRows) page(p int) ([]logLine, error) {
	if page, ok := r.pages[p]; ok {
		return page, nil
	}
	calls, err := r.view.Rows(p*logPageSize, logPageSize)
	if err != nil {
		r.err = err
		return nil, err
	}
	page := make([]logLine, len(calls))
	for i, c := range calls {
		page[i] = logLine{call: c, cells: r.format.cells(c)}
	}
	if r.pages == nil {
		r.pages = map[int][]logLine{}
	}
	if len(r.kept) >= logPagesKept {
		delete(r.pages, r.kept[0])
		r.kept = r.kept[1:]
	}
	r.pages[p] = page
	r.kept = append(r.kept, p)
	return page, nil
}

// logFormat writes a call's cells. It reads the database for the names,
// so one query's rows are written by one goroutine at a time: the query's
// own for the first page, the UI thread's after.
type logFormat struct {
	db        *storage.DB
	region    string
	currency  string
	lineLabel func(string) string
	lines     map[int]string
	campaigns map[int]string
	names     map[string]string
}

// use takes the names of the lines and campaigns.
func (f *logFormat) use(c logChoices) {
	f.currency = currencyOf(f.region)
	f.lines, f.campaigns, f.names = c.lineNames, c.campNames, map[string]string{}
}

func (f *logFormat) cells(c storage.CallRow) []string {
	name := f.name(c.Call)
	if c.FirstTime {
		name = "New · " + name
	}
	line := f.lines[c.LineID]
	if line == "" && c.Line != "" {
		line = f.lineLabel(c.Line)
	}
	outcome := c.Outcome.Label(c.Exact)
	switch {
	case c.Ended.IsZero():
		outcome = "On the line"
	case c.OutcomeCorrected:
		outcome += " · corrected"
	}
	if c.Spam {
		outcome = "Spam · " + outcome
	}
	talk := ""
	if secs, known := callTalkSeconds(c.Call); known {
		talk = talkText(time.Duration(secs) * time.Second)
	}
	value := ""
	if c.ValueCents != 0 {
		value = charts.Money(f.currency, float64(c.ValueCents)/100)
	}
	note, _, _ := strings.Cut(c.Note, "\n")
	return []string{
		c.Started.Local().Format("2 Jan 2006 15:04"),
		name,
		c.Number.Display(f.region),
		c.Number.Place(),
		line,
		f.campaigns[c.CampaignID],
		outcome,
		fmt.Sprint(c.Rings),
		talk,
		value,
		strings.Join(c.Tags, ", "),
		note,
	}
}

// name is the caller's name as the shop knows it: the contact, a name
// override, else the telco's name or the number.
func (f *logFormat) name(c callerid.Call) string {
	if !c.HasCallerID() {
		return callerName(c, f.region)
	}
	key := c.Number.Key() + "\x00" + c.Name
	if name, ok := f.names[key]; ok {
		return name
	}
	name := callerName(c, f.region)
	if shop, _, ok := f.db.DisplayName(c.Number, c.Name); ok {
		name = shop
	}
	f.names[key] = name
	return name
}

// callTalkSeconds is how long the caller was talked to, known only where the
// line saw the call answered, as the storage's log counts it.
func callTalkSeconds(c callerid.Call) (int64, bool) {
	if c.Ended.IsZero() || !c.Exact || c.Outcome != callerid.OutcomeAnswered {
		return 0, false
	}
	from := c.Answered
	for _, t := range []time.Time{c.Known, c.Started} {
		if from.IsZero() {
			from = t
		}
	}
	if !c.Ended.After(from) {
		return 0, true
	}
	return int64(c.Ended.Sub(from) / time.Second), true
}

// logPadding is the room the table leaves between its columns and rows.
func logPadding() float32 { return theme.Size(theme.SizeNamePadding) }
