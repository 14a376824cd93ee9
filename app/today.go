package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/charts"
	"github.com/callboard-app/callboard/storage"
)

// todayView is the Today screen: the big card for the current or last call,
// today's figures and chart, and the list of today's calls, newest first.
type todayView struct {
	db     *storage.DB
	region string
	now    func() time.Time
	label  func(line string) string
	// attribute names the call's line, campaign and the caller's origin.
	attribute func(callerid.Call, storage.Caller) Attribution

	card      *callCard
	day       time.Time // midnight of the day the list shows
	calls     []storage.CallRow
	list      *widget.List
	listEmpty *widget.Label
	listTitle *widget.Label
	summary   *widget.Label
	tiles     figureTiles
	chart     *hourChart

	content fyne.CanvasObject
}

func newTodayView(db *storage.DB, region string, label func(string) string, now func() time.Time) *todayView {
	v := &todayView{db: db, region: region, now: now, label: label, card: newCallCard(region, label)}
	v.list = widget.NewList(
		func() int { return len(v.calls) },
		newCallRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { v.updateRow(id, o) },
	)
	v.list.OnSelected = v.selected
	v.listEmpty = widget.NewLabelWithStyle("No calls yet today.\nEach call is listed here as it comes in.", fyne.TextAlignCenter, fyne.TextStyle{})
	v.listTitle = widget.NewLabelWithStyle("Today's calls", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.summary = widget.NewLabel("")
	v.summary.Hide() // spoken form of the tiles, for tests and screen readers
	v.tiles = newFigureTiles()
	v.chart = newHourChart()

	chartTitle := widget.NewLabelWithStyle("Calls by hour", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(
		container.NewVBox(v.card.content, v.tiles.content, chartTitle), nil, nil, nil, v.chart)
	right := container.NewBorder(v.listTitle, nil, nil, nil, container.NewStack(v.list, container.NewCenter(v.listEmpty)))
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.55
	v.content = split
	return v
}

// reload reads today's calls from the database.
func (v *todayView) reload() error {
	now := v.now()
	v.day = midnight(now)
	calls, err := v.db.Log(v.day, v.day.AddDate(0, 0, 1), 0)
	if err != nil {
		return err
	}
	v.calls = calls
	v.list.Refresh()
	if len(calls) > 0 && !v.card.has {
		v.showOnCard(calls[0].Call)
	}
	v.refreshFigures()
	return nil
}

// callChanged takes a call update from the bridge.
func (v *todayView) callChanged(cv CallView) {
	now := v.now()
	if !midnight(now).Equal(v.day) {
		_ = v.reload()
	}
	v.card.show(cv, now)
	if cv.Call.Known.IsZero() && cv.Kind != callerid.CallEnded {
		// Nothing to list until the caller is known: a ringing line
		// without caller ID yet shows on the card only.
		return
	}
	if v.upsert(storage.CallRow{Call: cv.Call, Spam: cv.History.Spam}) || cv.Kind == callerid.CallEnded {
		v.refreshFigures()
	}
}

// markSpam dims a caller's calls in the list once the shop flagged them.
func (v *todayView) markSpam(key string, spam bool) {
	for i := range v.calls {
		if v.calls[i].HasCallerID() && v.calls[i].Number.Key() == key {
			v.calls[i].Spam = spam
		}
	}
	v.list.Refresh()
	v.refreshFigures()
}

// upsert puts a call in the list and reports whether it is new there.
func (v *todayView) upsert(c storage.CallRow) bool {
	for i := range v.calls {
		if v.calls[i].ID == c.ID {
			c.Spam = c.Spam || v.calls[i].Spam
			v.calls[i] = c
			v.list.RefreshItem(i)
			return false
		}
	}
	v.calls = append([]storage.CallRow{c}, v.calls...)
	v.list.UnselectAll()
	v.list.Refresh()
	v.listEmpty.Hide()
	return true
}

func (v *todayView) selected(id widget.ListItemID) {
	if id < 0 || id >= len(v.calls) {
		return
	}
	v.showOnCard(v.calls[id].Call)
}

func (v *todayView) showOnCard(c callerid.Call) {
	view := CallView{Kind: callerid.CallEnded, Call: c}
	if c.HasCallerID() {
		h, ok, err := v.db.Caller(c.Number.Key())
		view.History, view.HasHistory, view.Totals = h, ok && err == nil, true
	}
	if v.attribute != nil {
		view.Source = v.attribute(c, view.History)
	}
	if c.HasCallerID() {
		view.Contact, view.ContactID, _ = v.db.DisplayName(c.Number, c.Name)
	}
	v.card.show(view, v.now())
}

// refreshFigures recounts today's totals and redraws the chart.
func (v *todayView) refreshFigures() {
	var hours [24]charts.HourCounts
	var missed, answered, counted int
	for _, c := range v.calls {
		if c.Spam {
			continue // spam leaves every figure
		}
		counted++
		if c.Active() {
			continue
		}
		h := &hours[c.Started.Local().Hour()]
		h.Hour = c.Started.Local().Hour()
		switch c.Outcome {
		case callerid.OutcomeAnswered:
			h.Answered++
			answered++
		case callerid.OutcomeMissed, callerid.OutcomeAbandoned:
			h.Missed++
			missed++
		default:
			h.Other++
		}
	}
	first := 0
	if d, err := v.db.Day(v.day); err == nil {
		first = d.FirstTime
	}
	v.summary.SetText(fmt.Sprintf("Today: %s · %d answered · %d missed · %s",
		plural(counted, "call", "calls"), answered, missed, plural(first, "first-time caller", "first-time callers")))
	v.tiles.set(counted, answered, missed, first)
	showIf(v.listEmpty, len(v.calls) == 0)
	v.listTitle.SetText("Today's calls")
	if len(v.calls) > 0 {
		v.listTitle.SetText(fmt.Sprintf("Today's calls (%d)", len(v.calls)))
	}
	v.chart.set(hours)
}

// A row of the calls list: time, name over number and place, outcome.
func newCallRow() fyne.CanvasObject {
	when := widget.NewLabel("00:00")
	name := widget.NewLabelWithStyle("Caller name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("(000) 000-0000")
	detail.Truncation = fyne.TextTruncateEllipsis
	outcome := widget.NewLabel("Outcome unknown")
	return container.NewBorder(nil, nil, when, outcome, container.NewGridWithRows(2, name, detail))
}

func (v *todayView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.calls) {
		return
	}
	c := v.calls[id]
	row := o.(*fyne.Container)
	grid := row.Objects[0].(*fyne.Container)
	name := callerName(c.Call, v.region)
	if c.HasCallerID() {
		if shop, _, ok := v.db.DisplayName(c.Number, c.Name); ok {
			name = shop
		}
	}
	nameLabel := grid.Objects[0].(*widget.Label)
	nameLabel.Importance = widget.MediumImportance
	if c.Spam {
		nameLabel.Importance = widget.LowImportance // dimmed: flagged as spam
	}
	nameLabel.SetText(name)
	var parts []string
	if n := numberText(c.Call, v.region); n != name {
		parts = append(parts, n)
	}
	if p := c.Number.Place(); p != "" {
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		parts = append(parts, "Line: "+v.label(c.Line))
	}
	detail := strings.Join(parts, " · ")
	grid.Objects[1].(*widget.Label).SetText(detail)
	row.Objects[1].(*widget.Label).SetText(c.Started.Local().Format("15:04"))
	outcome := row.Objects[2].(*widget.Label)
	outcome.Importance = outcomeImportance(c.Call)
	switch {
	case c.Spam:
		outcome.Importance = widget.LowImportance
		outcome.SetText("Spam")
	case c.Active():
		outcome.SetText("Ringing")
	default:
		outcome.SetText(c.Outcome.Label(c.Exact))
	}
}

// figureTiles are today's key figures, big enough to read across the room.
type figureTiles struct {
	calls, answered, missed, firstTime *canvas.Text
	content                            fyne.CanvasObject
}

func newFigureTiles() figureTiles {
	var f figureTiles
	tile := func(caption string, colour fyne.ThemeColorName) (*canvas.Text, fyne.CanvasObject) {
		n := canvas.NewText("0", theme.Color(colour))
		n.TextSize = 30
		n.TextStyle = fyne.TextStyle{Bold: true}
		label := widget.NewLabel(caption)
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		bg.CornerRadius = theme.InputRadiusSize() * 2
		return n, container.NewStack(bg, container.NewPadded(container.NewVBox(n, label)))
	}
	var a, b, c, d fyne.CanvasObject
	f.calls, a = tile("calls today", theme.ColorNameForeground)
	f.answered, b = tile("answered", theme.ColorNameSuccess)
	f.missed, c = tile("missed", theme.ColorNameError)
	f.firstTime, d = tile("first-time callers", theme.ColorNamePrimary)
	f.content = container.NewGridWithColumns(4, a, b, c, d)
	return f
}

func (f figureTiles) set(calls, answered, missed, firstTime int) {
	for _, t := range []struct {
		text *canvas.Text
		n    int
	}{{f.calls, calls}, {f.answered, answered}, {f.missed, missed}, {f.firstTime, firstTime}} {
		t.text.Text = fmt.Sprint(t.n)
		t.text.Refresh()
	}
}

func midnight(t time.Time) time.Time {
	t = t.Local()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}
