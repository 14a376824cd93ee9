package app

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/charts"
	"github.com/callboard-app/callboard/storage"
)

// reportsView is the Reports screen, for the monthly look at what the ads
// did: a period, its key figures, the campaigns' table, the charts, and a
// campaign's before and after. Everything is counted and drawn off the UI
// thread, so a year of calls never freezes the window.
type reportsView struct {
	ui *UI
	// opened: the screen has been shown. Until then nothing is counted or
	// drawn: a month of charts is megabytes of images nobody looks at.
	opened bool

	period   *widget.Select
	from, to *widget.DateEntry
	custom   *fyne.Container
	compare  *widget.Check
	pdf      *widget.Button
	saved    *widget.Label // where the last export went
	heading  *widget.Label
	empty    *widget.Label
	body     *fyne.Container
	tiles    *fyne.Container
	notes    *widget.Label
	table    *widget.Table
	tableBox *fyne.Container
	cells    [][]string
	charts   []*reportChart

	campaign    *widget.Select
	campaignIDs []int
	baTable     *fyne.Container
	baLift      *widget.Label
	baChart     *reportChart
	ba          storage.BeforeAfter

	scroll *container.Scroll // the page: refreshed when its parts grow

	data  reportData
	gen   int // the latest reload asked for; older answers are dropped
	loads int // reports shown so far: tests wait on it

	content fyne.CanvasObject
}

// reportData is one period's report, read off the UI thread.
type reportData struct {
	period    Period
	compare   *Period
	chart     charts.Report
	store     storage.Report
	campaigns []storage.Campaign // all of them, for before/after
	err       error
}

const customPeriod = "Custom dates…"

// campaignColumns head the campaign table's columns, in the order of
// charts.CampaignTable's cells, at these widths: the header strip above
// the table uses the same.
var (
	campaignColumns      = []string{"Campaign", "Medium", "Calls", "First-time", "Answered", "Cost", "Per call", "Per first-time", "Value"}
	campaignColumnWidths = []float32{240, 110, 70, 90, 90, 110, 100, 120, 110}
)

func newReportsView(u *UI) *reportsView {
	v := &reportsView{ui: u}
	var names []string
	for _, k := range PeriodKinds {
		names = append(names, k.String())
	}
	v.period = widget.NewSelect(append(names, customPeriod), func(string) {
		showIf(v.custom, v.period.Selected == customPeriod)
		v.reload()
	})
	v.from, v.to = widget.NewDateEntry(), widget.NewDateEntry()
	customChanged := func(*time.Time) {
		if v.period.Selected == customPeriod {
			v.reload()
		}
	}
	v.from.OnChanged, v.to.OnChanged = customChanged, customChanged
	v.custom = container.NewHBox(widget.NewLabel("from"), sized(v.from, 150), widget.NewLabel("to"), sized(v.to, 150))
	v.custom.Hide()
	v.compare = widget.NewCheck("Compare with the period before", func(bool) { v.reload() })
	v.pdf = widget.NewButtonWithIcon("Monthly report (PDF)", theme.DocumentPrintIcon(), v.savePDF)
	v.pdf.Importance = widget.HighImportance
	v.pdf.Disable()
	recount := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), v.reload)
	v.saved = widget.NewLabel("")
	v.saved.Truncation = fyne.TextTruncateEllipsis
	toolbar := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("Period"), v.period, v.compare, recount), v.pdf, v.saved),
		v.custom)

	v.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.SizeName = theme.SizeNameSubHeadingText
	v.empty = wrapped("")
	v.empty.Alignment = fyne.TextAlignCenter
	v.empty.Hide()
	v.tiles = container.NewGridWrap(fyne.NewSize(220, 118))
	v.notes = wrapped("")
	v.notes.SizeName = theme.SizeNameCaptionText
	v.table = widget.NewTable(func() (int, int) { return len(v.cells), len(campaignColumnWidths) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			text := ""
			if id.Row < len(v.cells) && id.Col < len(v.cells[id.Row]) {
				text = v.cells[id.Row][id.Col]
			}
			o.(*widget.Label).SetText(text)
		})
	for i, w := range campaignColumnWidths {
		v.table.SetColumnWidth(i, w)
	}
	v.tableBox = container.NewStack(canvas.NewRectangle(nil), v.table)

	chartCards := container.NewGridWithColumns(2)
	for _, c := range []struct{ name, title string }{
		{"calls-over-time", "Calls over time, by how they ended"},
		{"first-time-and-repeat", "First-time and repeat callers"},
		{"calls-by-campaign", "Calls by campaign"},
		{"calls-by-medium", "Calls by medium"},
		{"calls-by-hour", "Calls by hour and weekday"},
		{"missed-by-hour", "Missed calls by hour and weekday"},
		{"calls-by-area-code", "Calls by area code"},
		{"calls-by-city", "Calls by city"},
	} {
		ch := newReportChart(u.bridge, c.name, c.title)
		v.charts = append(v.charts, ch)
		chartCards.Add(v.chartCard(ch))
	}
	v.body = container.NewVBox(
		sectionHeading("Key figures", widget.NewButtonWithIcon("Export CSV", theme.DownloadIcon(), func() { v.saveCSV("key-figures.csv") })),
		v.tiles, v.notes,
		sectionHeading("Campaigns", widget.NewButtonWithIcon("Export CSV", theme.DownloadIcon(), func() { v.saveCSV("campaigns.csv") })),
		// The strip and the table scroll sideways together in a narrow
		// window; the table scrolls down by itself past ten campaigns.
		container.NewHScroll(container.NewVBox(headerStrip(campaignColumns), v.tableBox)),
		widget.NewSeparator(),
		chartCards,
	)

	v.campaign = widget.NewSelect(nil, func(string) { v.loadBeforeAfter() })
	v.campaign.PlaceHolder = "(pick a campaign)"
	v.baTable = container.NewVBox()
	v.baLift = wrapped("")
	v.baChart = newReportChart(u.bridge, "before-and-after", "Before and after")
	v.baChart.set(func(title string, w, h int, th charts.Theme) ([]byte, error) {
		return charts.EmptyState("Pick a campaign to see the calls before, during and after it", w, h, th)
	})
	beforeAfter := container.NewVBox(
		sectionHeading("Before and after a campaign", sized(v.campaign, 380)),
		wrapped("The calls on a campaign's lines while it ran, against as many days just before it (the baseline) and just after it (the tail). Calls on the main number show whether the ad also sent people to it."),
		v.baTable, v.baLift, v.chartCard(v.baChart),
	)

	page := container.NewVBox(v.heading, v.empty, v.body, widget.NewSeparator(), beforeAfter)
	v.scroll = container.NewVScroll(container.NewPadded(page))
	v.content = container.NewBorder(container.NewPadded(toolbar), nil, nil, nil, v.scroll)
	v.period.SetSelected(ThisMonth.String())
	return v
}

// sized gives a widget a fixed width in an HBox.
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

func sectionHeading(text string, action fyne.CanvasObject) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	return container.NewBorder(nil, nil, nil, action, title)
}

// headerStrip is the campaign table's header, kept out of the table: a
// table header makes Fyne lay out every row (see libraries.md).
func headerStrip(names []string) fyne.CanvasObject {
	strip := container.New(columnsLayout(campaignColumnWidths))
	for _, n := range names {
		l := widget.NewLabelWithStyle(n, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		strip.Add(l)
	}
	return strip
}

// columnsLayout puts objects side by side at fixed widths, a padding
// apart, as a widget.Table places its columns.
type columnsLayout []float32

func (c columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objects {
		if i >= len(c) {
			o.Hide()
			continue
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(c[i], size.Height))
		x += c[i] + theme.Padding()
	}
}

func (c columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for i, o := range objects {
		if i < len(c) {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(c.width(), h)
}

// width is the columns' width with the padding between them.
func (c columnsLayout) width() float32 {
	w := float32(0)
	for i, cw := range c {
		if i > 0 {
			w += theme.Padding()
		}
		w += cw
	}
	return w
}

// chartCard is a chart under its title, with a button to save it.
func (v *reportsView) chartCard(ch *reportChart) fyne.CanvasObject {
	save := widget.NewButtonWithIcon("Save PNG", theme.DocumentSaveIcon(), func() { v.savePNG(ch) })
	save.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle(ch.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(container.NewBorder(nil, nil, nil, save, title), nil, nil, nil, ch)
}

// chosenPeriod is the period picked, and the one to compare it with; ok
// is false while custom dates are incomplete.
func (v *reportsView) chosenPeriod(now time.Time) (p Period, compare *Period, ok bool) {
	if v.period.Selected == customPeriod {
		from, err1 := dateIn(v.from, "from")
		to, err2 := dateIn(v.to, "to")
		if err1 != nil || err2 != nil || from.IsZero() || to.IsZero() {
			return Period{}, nil, false
		}
		p = CustomPeriod(from, to, time.Local)
	} else {
		for _, k := range PeriodKinds {
			if k.String() == v.period.Selected {
				p, ok = k.Period(now, time.Local), true
			}
		}
		if !ok {
			return Period{}, nil, false
		}
	}
	if v.compare.Checked {
		prev := Previous(p)
		compare = &prev
	}
	return p, compare, true
}

// reload counts the chosen period again, off the UI thread.
func (v *reportsView) reload() {
	if v.compare == nil || !v.opened {
		return // still being built, or not looked at yet
	}
	p, compare, ok := v.chosenPeriod(time.Now())
	if !ok {
		return
	}
	v.gen++
	gen := v.gen
	v.heading.SetText(p.Label + " · counting…")
	db := v.ui.session.DB()
	go func() {
		d := loadReport(db, p, compare)
		v.ui.bridge.run(func() {
			if gen == v.gen {
				v.show(d)
			}
		})
	}()
}

func loadReport(db *storage.DB, p Period, compare *Period) reportData {
	d := reportData{period: p, compare: compare}
	d.chart, d.store, d.err = BuildReport(db, p, compare, "")
	if d.err == nil {
		d.campaigns, d.err = db.Campaigns()
	}
	return d
}

func (v *reportsView) show(d reportData) {
	v.data = d
	v.loads++
	heading := d.period.Label
	if d.compare != nil {
		heading += " · compared with " + d.compare.Label
	}
	v.heading.SetText(heading)
	if d.err != nil {
		v.ui.showProblem(d.err)
	}
	noCalls := d.err == nil && d.store.Calls == 0
	v.empty.SetText(emptyText(d))
	showIf(v.empty, noCalls)
	showIf(v.body, d.err == nil && !noCalls)
	if noCalls || d.err != nil {
		v.pdf.Disable()
	} else {
		v.pdf.Enable()
	}
	v.showFigures(d.chart)
	v.showTable(d)
	v.showCharts(d)
	v.showCampaignChoice(d)
	v.scroll.Refresh()
}

// emptyText explains a period without calls: never an error, and never a
// blank screen.
func emptyText(d reportData) string {
	text := "No calls in " + d.period.Label + "."
	switch {
	case d.store.Spam > 0:
		text += fmt.Sprintf(" (%s from spam callers, which count in no figure.)", plural(d.store.Spam, "call", "calls"))
	case d.period.From.After(time.Now()):
		text += " That period has not begun yet."
	default:
		text += " Pick another period: calls are counted here as they come in."
	}
	return text
}

func (v *reportsView) showFigures(r charts.Report) {
	v.tiles.RemoveAll()
	for _, f := range r.Figures {
		v.tiles.Add(figureTile(f, r.Comparison))
	}
	v.tiles.Refresh()
	v.notes.SetText(strings.Join(r.Notes, "\n"))
	showIf(v.notes, len(r.Notes) > 0)
}

// figureTile is one key figure, big, with its change and its caveat.
func figureTile(f charts.Figure, comparison string) fyne.CanvasObject {
	value := canvas.NewText(f.Value, theme.Color(theme.ColorNameForeground))
	value.TextSize = 26
	value.TextStyle = fyne.TextStyle{Bold: true}
	label := widget.NewLabel(f.Label)
	label.Truncation = fyne.TextTruncateEllipsis
	rows := container.NewVBox(value, label)
	var small []string
	if f.Delta != "" {
		small = append(small, f.Delta+" vs "+comparison)
	}
	if f.Note != "" {
		small = append(small, f.Note)
	}
	if len(small) > 0 {
		extra := widget.NewLabelWithStyle(strings.Join(small, " · "), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		extra.SizeName = theme.SizeNameCaptionText
		extra.Truncation = fyne.TextTruncateEllipsis
		rows.Add(extra)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	return container.NewStack(bg, container.NewPadded(rows))
}

func (v *reportsView) showTable(d reportData) {
	_, v.cells = charts.CampaignTable(d.chart.Campaigns, d.chart.Currency)
	for i, c := range d.store.Campaigns {
		if c.Campaign.ID == 0 && i < len(v.cells) {
			// Calls with no campaign running cost nothing: no cost per
			// call to speak of.
			for col := 5; col <= 7; col++ {
				v.cells[i][col] = "—"
			}
		}
	}
	height := float32(max(1, min(len(v.cells), 10))) * rowHeight()
	width := columnsLayout(campaignColumnWidths).width()
	v.tableBox.Objects[0].(*canvas.Rectangle).SetMinSize(fyne.NewSize(width, height))
	v.table.Refresh()
	v.tableBox.Refresh()
}

// rowHeight is a table row's height: a label's, and the padding the
// table puts between rows.
func rowHeight() float32 {
	return widget.NewLabel("Ag").MinSize().Height + theme.Padding()
}

func (v *reportsView) showCharts(d reportData) {
	r := d.chart
	var places []charts.Bar
	for _, t := range d.store.Places.Top {
		places = append(places, charts.Bar{Label: t.Name, Value: float64(t.Calls)})
	}
	draws := []chartDraw{
		func(_ string, w, h int, th charts.Theme) ([]byte, error) {
			return charts.CallsOverTime(r.Days, w, h, th)
		},
		func(_ string, w, h int, th charts.Theme) ([]byte, error) {
			return charts.FirstTimeVsRepeat(r.FirstTime, r.Repeat, w, h, th)
		},
		bars(r.ByCampaign),
		bars(r.ByMedium),
		func(title string, w, h int, th charts.Theme) ([]byte, error) {
			return charts.Heatmap(title, r.CallsHeat, w, h, th)
		},
		func(title string, w, h int, th charts.Theme) ([]byte, error) {
			return charts.Heatmap(title, r.MissedHeat, w, h, th)
		},
		bars(r.ByArea),
		bars(places),
	}
	for i, draw := range draws {
		v.charts[i].set(draw)
	}
}

func bars(b []charts.Bar) chartDraw {
	return func(title string, w, h int, th charts.Theme) ([]byte, error) {
		return charts.BarsBy(title, b, w, h, th)
	}
}

// showCampaignChoice lists every campaign for the before/after, keeping
// the one picked; at first it picks the latest that ran in the period.
func (v *reportsView) showCampaignChoice(d reportData) {
	var names []string
	v.campaignIDs = nil
	for _, c := range d.campaigns {
		names = append(names, c.Name+" ("+runText(c)+")")
		v.campaignIDs = append(v.campaignIDs, c.ID)
	}
	picked := v.campaign.Selected
	v.campaign.SetOptions(names)
	for _, n := range names {
		if n == picked {
			v.loadBeforeAfter() // its calls may have moved since
			return
		}
	}
	latest := ""
	for _, row := range d.store.Campaigns {
		for i, id := range v.campaignIDs {
			if id != 0 && id == row.Campaign.ID {
				latest = names[i]
			}
		}
	}
	if latest == "" && len(names) > 0 {
		latest = names[len(names)-1]
	}
	if latest != "" {
		v.campaign.SetSelected(latest)
	}
}

// loadBeforeAfter compares the picked campaign with the days around it.
func (v *reportsView) loadBeforeAfter() {
	i := v.campaign.SelectedIndex()
	if i < 0 || i >= len(v.campaignIDs) {
		return
	}
	id := v.campaignIDs[i]
	db := v.ui.session.DB()
	go func() {
		ba, err := db.BeforeAfter(id)
		v.ui.bridge.run(func() {
			if i := v.campaign.SelectedIndex(); i < 0 || i >= len(v.campaignIDs) || v.campaignIDs[i] != id {
				return // another campaign was picked meanwhile
			}
			if err != nil {
				v.baLift.SetText("Callboard could not compare this campaign: " + err.Error())
				return
			}
			v.showBeforeAfter(ba)
		})
	}()
}

func (v *reportsView) showBeforeAfter(ba storage.BeforeAfter) {
	v.ba = ba
	v.baTable.RemoveAll()
	for r, row := range beforeAfterRows(ba) {
		line := container.New(columnsLayout{220, 160, 160, 160})
		for i, cell := range row {
			style := fyne.TextStyle{Bold: i == 0 || r == 0}
			line.Add(widget.NewLabelWithStyle(cell, fyne.TextAlignLeading, style))
		}
		v.baTable.Add(line)
	}
	v.baTable.Refresh()
	v.baLift.SetText(liftSummary(ba))
	v.scroll.Refresh()
	bars := []charts.Bar{
		{Label: "Before", Value: float64(ba.Before.Lines.Calls), Secondary: float64(ba.Before.Lines.FirstTime)},
		{Label: "While it ran", Value: float64(ba.During.Lines.Calls), Secondary: float64(ba.During.Lines.FirstTime)},
	}
	if ba.After.Days > 0 {
		bars = append(bars, charts.Bar{Label: "After", Value: float64(ba.After.Lines.Calls), Secondary: float64(ba.After.Lines.FirstTime)})
	}
	v.baChart.set(func(title string, w, h int, th charts.Theme) ([]byte, error) {
		if ba.During.Days == 0 {
			return charts.EmptyState("The campaign has not started yet", w, h, th)
		}
		return charts.BarsBy(title, bars, w, h, th)
	})
}

// beforeAfterRows is the before/after table, header first.
func beforeAfterRows(ba storage.BeforeAfter) [][]string {
	windows := []storage.Window{ba.Before, ba.During, ba.After}
	row := func(name string, cell func(storage.Window) string) []string {
		out := []string{name}
		for _, w := range windows {
			if w.Days == 0 {
				out = append(out, "—")
				continue
			}
			out = append(out, cell(w))
		}
		return out
	}
	perDay := func(pick func(storage.Window) storage.Counts) func(storage.Window) string {
		return func(w storage.Window) string { return strconv.FormatFloat(w.PerDay(pick(w)), 'f', 1, 64) }
	}
	lines := func(w storage.Window) storage.Counts { return w.Lines }
	main := func(w storage.Window) storage.Counts { return w.Main }
	return [][]string{
		{"", "Before", "While it ran", "After"},
		row("Days", spanText),
		row("", func(w storage.Window) string { return plural(w.Days, "day", "days") }),
		row("Calls on its lines", func(w storage.Window) string { return strconv.Itoa(w.Lines.Calls) }),
		row("  a day", perDay(lines)),
		row("First-time callers", func(w storage.Window) string { return strconv.Itoa(w.Lines.FirstTime) }),
		row("Main number calls", func(w storage.Window) string { return strconv.Itoa(w.Main.Calls) }),
		row("  a day", perDay(main)),
	}
}

// spanText is a window's first and last day: "3 Mar – 16 Mar".
func spanText(w storage.Window) string {
	last := w.To.AddDate(0, 0, -1)
	if w.Days == 1 {
		return w.From.Format("2 Jan")
	}
	return w.From.Format("2 Jan") + " – " + last.Format("2 Jan")
}

// liftText is a change in calls a day: "+40%"; a dash when there is
// nothing to compare with.
func liftText(l storage.Lift) string {
	if !l.Known {
		return "—"
	}
	return fmt.Sprintf("%+.0f%%", l.Change*100)
}

func liftSummary(ba storage.BeforeAfter) string {
	if ba.During.Days == 0 {
		return ba.Campaign.Name + " has not started yet."
	}
	if !ba.LinesLift.Known {
		return "Lift on its lines: no calls before it to compare with — the lines were new, or not yet set up."
	}
	text := fmt.Sprintf("Lift on its lines: %s calls a day while it ran", liftText(ba.LinesLift))
	if ba.LinesTail.Known {
		text += fmt.Sprintf(", %s in as many days after it ended (the tail)", liftText(ba.LinesTail))
	}
	text += "."
	if ba.MainLift.Known {
		text += fmt.Sprintf(" On the main number: %s.", liftText(ba.MainLift))
	}
	return text
}

// fileName makes a name for a saved file from the period: "callboard-
// october-2026-campaigns.csv".
func (v *reportsView) fileName(what, ext string) string {
	var b strings.Builder
	b.WriteString("callboard-")
	dash := false
	for _, r := range strings.ToLower(v.data.period.Label) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-") + "-" + what + "." + ext
}

// saveFile asks where to save, then writes there off the UI thread.
func (v *reportsView) saveFile(name string, write func(io.Writer) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.ui.win)
			return
		}
		if w == nil {
			return // cancelled
		}
		go func() {
			err := write(w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			v.ui.bridge.run(func() {
				if err != nil {
					dialog.ShowError(err, v.ui.win)
					return
				}
				v.saved.SetText("Saved " + w.URI().Path())
			})
		}()
	}, v.ui.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(860, 560))
	d.Show()
}

func (v *reportsView) saveCSV(table string) {
	data := v.data
	v.saveFile(v.fileName(strings.TrimSuffix(table, ".csv"), "csv"), func(w io.Writer) error { return writeCSV(data, table, w) })
}

// writeCSV writes one of the report's tables, as ReportCSVs has it.
func writeCSV(d reportData, table string, w io.Writer) error {
	csv, ok := ReportCSVs(d.store)[table]
	if !ok {
		return fmt.Errorf("no table %s in the report", table)
	}
	_, err := w.Write(csv)
	return err
}

func (v *reportsView) savePDF() {
	data, paper := v.data, paperFor(v.ui.session.Config().Region)
	v.saveFile(v.fileName("report", "pdf"), func(w io.Writer) error { return writePDF(data, paper, w) })
}

// writePDF writes the printable report of the period shown.
func writePDF(d reportData, paper string, w io.Writer) error {
	if d.err != nil {
		return d.err
	}
	if d.period.From.IsZero() {
		return errors.New("no report to print yet")
	}
	pdf, err := charts.MonthlyReportPDF(d.chart, paper)
	if err != nil {
		return err
	}
	_, err = w.Write(pdf)
	return err
}

// paperFor is the paper size of the shop's country.
func paperFor(region string) string {
	switch region {
	case "US", "CA", "MX", "PH", "CL", "CO", "VE":
		return "Letter"
	}
	return "A4"
}

func (v *reportsView) savePNG(ch *reportChart) {
	draw, title := ch.draw, ch.title
	v.saveFile(v.fileName(ch.name, "png"), func(w io.Writer) error { return writeChartPNG(draw, title, w) })
}

// reportChart is a chart of the Reports screen. It is drawn at the size it
// is given (at twice the pixels, for HiDPI screens) in a goroutine, one
// drawing at a time, and shown through the bridge.
type reportChart struct {
	widget.BaseWidget
	bridge *Bridge
	name   string // for the saved file
	title  string
	image  *canvas.Image

	draw    chartDraw
	version int // of draw
	drawn   chartKey
	busy    bool
}

// chartScale is device pixels per logical pixel of the screen's charts:
// twice, for HiDPI screens. Tests lower it, since race-checked drawing at
// full resolution is slow and the layout does not depend on it.
var chartScale float32 = 2

// chartDraw draws a chart at w×h device pixels; an empty title leaves
// the title out (the screen writes it above the chart).
type chartDraw func(title string, w, h int, th charts.Theme) ([]byte, error)

// chartKey is what a drawing was made for.
type chartKey struct {
	size    fyne.Size
	dark    bool
	version int
}

func newReportChart(b *Bridge, name, title string) *reportChart {
	c := &reportChart{bridge: b, name: name, title: title, image: canvas.NewImageFromResource(nil)}
	c.image.FillMode = canvas.ImageFillStretch
	c.image.ScaleMode = canvas.ImageScaleSmooth
	c.ExtendBaseWidget(c)
	return c
}

// set changes what the chart draws, and draws it again.
func (c *reportChart) set(draw chartDraw) {
	c.draw = draw
	c.version++
	c.request()
}

// request draws the chart for its size and theme unless that is done or
// under way; a drawing that finishes out of date asks for the next.
func (c *reportChart) request() {
	size := c.Size()
	dark := fyne.CurrentApp() != nil && fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
	key := chartKey{size: size, dark: dark, version: c.version}
	if c.draw == nil || c.busy || key == c.drawn || size.Width < 10 || size.Height < 10 {
		return
	}
	c.busy = true
	draw := c.draw
	scale := chartScale
	go func() {
		png, err := draw("", int(size.Width*scale), int(size.Height*scale), charts.Theme{Dark: dark, Scale: float64(scale)})
		c.bridge.run(func() {
			c.busy = false
			if err == nil {
				c.drawn = key
				c.image.Resource = fyne.NewStaticResource(c.name+".png", png)
				c.image.Image = nil
				c.image.Refresh()
			}
			if err == nil || key.version != c.version {
				c.request()
			}
		})
	}()
}

// ready reports whether the chart shows its latest data.
func (c *reportChart) ready() bool { return c.drawn.version == c.version && c.version > 0 }

// writeChartPNG draws a chart for a document: light, titled, 1600×900.
func writeChartPNG(draw chartDraw, title string, w io.Writer) error {
	if draw == nil {
		return errors.New("nothing to draw yet")
	}
	png, err := draw(title, 1600, 900, charts.Theme{Scale: 2})
	if err != nil {
		return err
	}
	_, err = w.Write(png)
	return err
}

func (c *reportChart) CreateRenderer() fyne.WidgetRenderer { return &reportChartRenderer{c} }

type reportChartRenderer struct{ c *reportChart }

func (r *reportChartRenderer) Layout(size fyne.Size) {
	r.c.image.Resize(size)
	r.c.request()
}
func (r *reportChartRenderer) MinSize() fyne.Size           { return fyne.NewSize(360, 240) }
func (r *reportChartRenderer) Refresh()                     { r.c.request() }
func (r *reportChartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.image} }
func (r *reportChartRenderer) Destroy()                     {}
