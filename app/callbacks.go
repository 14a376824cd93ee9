package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/storage"
)

// callbacksView is the Callbacks screen: the callers whose missed,
// voicemail or abandoned calls nobody has answered since, the one waiting
// longest first, with what the desk needs to call them back; and, above
// them, how many of the shop's missed callers were reached in the end.
type callbacksView struct {
	ui *UI

	header   *widget.Label
	notice   *widget.Label
	recovery *callbacksRecovery
	list     *fyne.Container
	empty    fyne.CanvasObject
	more     *widget.Button
	content  fyne.CanvasObject

	// onCount is told how many callers wait after each load, so that the
	// tab's title can show it.
	onCount func(int)

	items []callbackItem
	cards []*callbackCard
	// shown is how many items have cards: a long list grows a page at a
	// time, so that a busy shop's backlog does not build thousands at once.
	shown int
	// gen numbers the loads, so that a slow one never overwrites a newer.
	gen   int
	loads int // how many loads were shown: tests wait on it
	// note is the note dialog open now, if any.
	note *callbackNoteDialog
}

// callbacksPage is how many more callers each "Show more" adds.
const callbacksPage = 50

// callbackItem is a caller waiting, with the names the desk knows them by.
type callbackItem struct {
	storage.WorkItem
	// name is the contact's (or an override's label), "" when none fits.
	name   string
	source Attribution
}

// callbacksData is what the screen shows, read off the UI thread.
type callbacksData struct {
	items   []callbackItem
	figures storage.RecoveryFigures
	period  Period
	err     error
}

func newCallbacksView(u *UI) *callbacksView {
	v := &callbacksView{ui: u, list: container.NewVBox()}
	v.header = widget.NewLabelWithStyle("Missed calls waiting for a callback", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.notice = widget.NewLabel("")
	v.notice.Wrapping = fyne.TextWrapWord
	v.notice.Hide()
	v.recovery = newCallbacksRecovery(v.refresh)
	v.more = widget.NewButton("Show more", func() { v.showMore(callbacksPage) })
	v.more.Hide()

	nobody := widget.NewLabelWithStyle("Nobody is waiting for a callback.", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	how := widget.NewLabelWithStyle("When a call is missed, goes to voicemail, or the caller hangs up before anybody answers, "+
		"the caller is listed here until somebody reaches them — or they call again and get through.",
		fyne.TextAlignCenter, fyne.TextStyle{})
	how.Wrapping = fyne.TextWrapWord
	v.empty = container.NewVBox(nobody, how)
	v.empty.Hide()

	top := container.NewVBox(v.recovery.content, v.header, v.notice)
	body := container.NewVScroll(container.NewVBox(v.list, container.NewCenter(v.more)))
	v.content = container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewStack(container.NewPadded(body), container.NewPadded(v.empty)))
	// Read once the window is up (UI.Start) and whenever the tab is opened.
	return v
}

// count is how many callers wait for a callback, as of the latest load.
func (v *callbacksView) count() int { return len(v.items) }

// refresh reads the worklist and the recovery figures again, off the UI
// thread. Call it when a call ends: a new missed call joins the list, and
// a caller who called again and got through leaves it.
func (v *callbacksView) refresh() {
	v.gen++
	gen, s := v.gen, v.ui.session
	period := v.recovery.period(v.ui.now())
	go func() {
		d := loadCallbacks(s, period)
		v.ui.bridge.run(func() {
			if gen == v.gen {
				v.show(d)
			}
		})
	}()
}

func loadCallbacks(s *Session, period Period) callbacksData {
	d := callbacksData{period: period}
	db := s.DB()
	work, err := db.Worklist()
	if err != nil {
		d.err = err
		return d
	}
	d.items = make([]callbackItem, len(work))
	for i, w := range work {
		item := callbackItem{WorkItem: w, source: s.attribute(w.Call.Call, w.Caller)}
		if name, _, ok := db.DisplayName(w.Call.Number, w.Call.Name); ok {
			item.name = name
		}
		d.items[i] = item
	}
	d.figures, d.err = db.Recovery(period.From, period.To)
	return d
}

func (v *callbacksView) show(d callbacksData) {
	v.loads++
	if d.err != nil {
		// Keep what is shown: an empty list would say nobody waits.
		v.say(widget.DangerImportance, "Problem: "+d.err.Error())
		return
	}
	v.recovery.set(d.figures, d.period)
	v.items = d.items
	v.header.SetText(waitingText(v.items, v.ui.now()))
	v.list.RemoveAll()
	v.cards = nil
	n := max(v.shown, callbacksPage)
	v.shown = 0
	v.showMore(n)
	// The empty state says it in full.
	showIf(v.header, len(v.items) > 0)
	showIf(v.empty, len(v.items) == 0)
	if v.onCount != nil {
		v.onCount(len(v.items))
	}
}

// showMore adds cards for up to n more callers.
func (v *callbacksView) showMore(n int) {
	now := v.ui.now()
	region := v.ui.session.Config().Region
	for ; n > 0 && v.shown < len(v.items); n-- {
		c := newCallbackCard(v, v.items[v.shown], region, now)
		v.cards = append(v.cards, c)
		v.list.Add(c.content)
		v.shown++
	}
	rest := len(v.items) - v.shown
	v.more.SetText(fmt.Sprintf("Show %d more (%d not shown)", min(rest, callbacksPage), rest))
	showIf(v.more, rest > 0)
	v.list.Refresh()
}

// say shows a line of news above the list.
func (v *callbacksView) say(importance widget.Importance, text string) {
	v.notice.Importance = importance
	v.notice.SetText(text)
	v.notice.Show()
}

// waitingText is the screen's heading: how many wait, and for how long the
// first of them has.
func waitingText(items []callbackItem, now time.Time) string {
	if len(items) == 0 {
		return "Nobody waiting"
	}
	span := waitSpan(items[0].FirstMissed, now)
	if len(items) == 1 {
		if !strings.HasPrefix(span, "since") {
			span = "for " + span
		}
		return "1 caller waiting, " + span
	}
	return fmt.Sprintf("%d callers waiting, oldest %s", len(items), span)
}

// waitText says how long a caller has waited, the way the desk would:
// "waiting 2 h" the same day, "since yesterday", then in days.
func waitText(first, now time.Time) string {
	span := waitSpan(first, now)
	if strings.HasPrefix(span, "since") {
		return span
	}
	return "waiting " + span
}

// waitSpan is a wait in round figures: minutes or hours the same day,
// then calendar days, as the desk counts them.
func waitSpan(first, now time.Time) string {
	d := now.Sub(first)
	today := midnight(now)
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	case !first.Before(today):
		return fmt.Sprintf("%d h", int(d/time.Hour))
	case !first.Before(today.AddDate(0, 0, -1)):
		return "since yesterday"
	}
	// Rounded: a day with a daylight-saving change is not 24 hours.
	return plural(int(today.Sub(midnight(first)).Hours()/24+0.5), "day", "days")
}

// act runs what the desk did about a caller off the UI thread, then says
// so and reads the list again.
func (v *callbacksView) act(c *callbackCard, done string, do func(db *storage.DB) error) {
	c.busy(true)
	db := v.ui.session.DB()
	go func() {
		err := do(db)
		v.ui.bridge.run(func() {
			c.busy(false)
			if err != nil {
				v.say(widget.DangerImportance, "Problem: "+err.Error())
			} else {
				v.say(widget.SuccessImportance, done)
			}
			v.refresh()
		})
	}()
}

// callBack asks for an optional note on a callback, then records it.
func (v *callbacksView) callBack(c *callbackCard, result storage.CallbackResult) {
	id, who := c.item.Call.ID, c.who()
	var title, confirm, done string
	switch result {
	case storage.CallbackReached:
		title, confirm = "Called back "+who+" — reached", "Reached"
		done = who + " was reached: off the list."
	case storage.CallbackNoAnswer:
		title, confirm = "Called back "+who+" — no answer", "No answer"
		done = who + ": no answer, noted. They stay on the list."
	case storage.CallbackLeftMessage:
		title, confirm = "Called back "+who+" — left a message", "Left a message"
		done = who + ": message left, noted. They stay on the list until they are reached."
	}
	v.askNote(title, confirm, func(note string) {
		at := v.ui.now()
		v.act(c, done, func(db *storage.DB) error { return db.LogCallback(id, result, at, note) })
	})
}

// book marks the caller as booked: reached, and a job or an appointment
// came of it. A note is kept as the callback that reached them.
func (v *callbacksView) book(c *callbackCard) {
	id, who := c.item.Call.ID, c.who()
	v.askNote("Booked "+who, "Booked", func(note string) {
		at := v.ui.now()
		v.act(c, who+" booked: off the list, and counted as booked.", func(db *storage.DB) error {
			if note != "" {
				if err := db.LogCallback(id, storage.CallbackReached, at, note); err != nil {
					return err
				}
			}
			return db.MarkBooked(id)
		})
	})
}

// callbackNoteDialog is the small dialog that asks for a note: Enter
// saves, Esc cancels.
type callbackNoteDialog struct {
	dialog *dialog.FormDialog
	entry  *escEntry
}

func (v *callbacksView) askNote(title, confirm string, save func(note string)) {
	entry := newEscEntry()
	entry.SetPlaceHolder("Note, if any — e.g. call after 5 pm")
	d := dialog.NewForm(title, confirm, "Cancel", []*widget.FormItem{
		widget.NewFormItem("Note", entry),
	}, func(ok bool) {
		v.note = nil
		if ok {
			save(strings.TrimSpace(entry.Text))
		}
	}, v.ui.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	entry.onEscape = d.Hide
	v.note = &callbackNoteDialog{dialog: d, entry: entry}
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
	v.ui.win.Canvas().Focus(entry)
}

// callbackCard is one caller on the list.
type callbackCard struct {
	item    callbackItem
	region  string
	name    *widget.Label
	number  *widget.Hyperlink
	wait    *widget.Label
	how     *widget.Label
	history *widget.Label
	tries   *widget.Label
	content fyne.CanvasObject

	reached, noAnswer, message, booked *widget.Button
	buttons                            []*widget.Button
}

func newCallbackCard(v *callbacksView, item callbackItem, region string, now time.Time) *callbackCard {
	c := &callbackCard{item: item, region: region}
	call := item.Call.Call
	c.name = widget.NewLabelWithStyle(c.nameText(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.name.Truncation = fyne.TextTruncateEllipsis
	c.wait = widget.NewLabelWithStyle(waitText(item.FirstMissed, now), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	c.wait.Importance = widget.WarningImportance
	if now.Sub(item.FirstMissed) > 24*time.Hour {
		c.wait.Importance = widget.DangerImportance
	}

	// The number is what the desk dials: big, and a click copies it for a
	// softphone.
	number := call.Number.Display(region)
	c.number = widget.NewHyperlink(number, nil)
	c.number.SizeName = theme.SizeNameHeadingText
	c.number.TextStyle = fyne.TextStyle{Bold: true}
	copied := widget.NewLabel("")
	copied.Importance = widget.LowImportance
	c.number.OnTapped = func() {
		v.ui.app.Clipboard().SetContent(number)
		copied.SetText("copied")
	}
	c.how = widget.NewLabel(howText(item.WorkItem, now))
	c.how.Truncation = fyne.TextTruncateEllipsis
	dial := container.NewBorder(nil, nil, container.NewHBox(c.number, copied), nil,
		container.NewVBox(layout.NewSpacer(), c.how, layout.NewSpacer()))

	c.history = widget.NewLabel(callerStoryText(item, now))
	c.history.Wrapping = fyne.TextWrapWord
	c.tries = widget.NewLabel(triesText(item.Callbacks, now))
	c.tries.Wrapping = fyne.TextWrapWord
	showIf(c.tries, c.tries.Text != "")

	c.reached = widget.NewButtonWithIcon("Called back — reached", theme.ConfirmIcon(), func() { v.callBack(c, storage.CallbackReached) })
	c.reached.Importance = widget.HighImportance
	c.noAnswer = widget.NewButton("No answer", func() { v.callBack(c, storage.CallbackNoAnswer) })
	c.message = widget.NewButton("Left a message", func() { v.callBack(c, storage.CallbackLeftMessage) })
	c.booked = widget.NewButtonWithIcon("Booked", theme.DocumentCreateIcon(), func() { v.book(c) })
	c.buttons = []*widget.Button{c.reached, c.noAnswer, c.message, c.booked}

	body := container.NewVBox(
		container.NewBorder(nil, nil, nil, c.wait, c.name),
		dial, c.history, c.tries,
		container.NewHBox(c.reached, c.noAnswer, c.message, c.booked),
	)
	stripe := canvas.NewRectangle(outcomeColor(call))
	stripe.SetMinSize(fyne.NewSize(6, 6))
	stripe.CornerRadius = 3
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	c.content = container.NewPadded(container.NewStack(bg,
		container.NewPadded(container.NewBorder(nil, nil, stripe, nil, body))))
	return c
}

// who names the caller in the screen's messages.
func (c *callbackCard) who() string {
	if c.item.name != "" {
		return c.item.name
	}
	return callerName(c.item.Call.Call, c.region)
}

// nameText is the contact's name, with the telco's beside it when it
// says something else; or the telco's alone.
func (c *callbackCard) nameText() string {
	call := c.item.Call.Call
	telco := ""
	if call.Name != "" && !isPlaceholderName(call.Name) {
		telco = call.Name
	}
	switch {
	case c.item.name != "" && telco != "" && !strings.EqualFold(c.item.name, telco):
		return c.item.name + "  ·  caller ID: " + telco
	case c.item.name != "":
		return c.item.name
	case telco != "":
		return telco
	}
	return "No name sent"
}

func (c *callbackCard) busy(on bool) {
	for _, b := range c.buttons {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// howText says where the number is from, and when and how they called:
// "≈ New York, NY · Voicemail today at 09:14 · 3 calls since yesterday at
// 16:02".
func howText(w storage.WorkItem, now time.Time) string {
	c := w.Call.Call
	text := c.Outcome.Label(c.Exact) + " " + dayText(c.Started, now)
	if p := placeText(c); p != "" {
		text = p + " · " + text
	}
	if w.Missed > 1 {
		text += fmt.Sprintf(" · %d calls since %s", w.Missed, strings.TrimPrefix(dayText(w.FirstMissed, now), "on "))
	}
	return text
}

// callerStoryText is the caller's history: their calls, the last that was
// answered, where they first came from, the line this call rang on, and
// the last note on a line of its own.
func callerStoryText(item callbackItem, now time.Time) string {
	h := item.Caller
	var parts []string
	if h.Calls <= 1 {
		parts = append(parts, "First-time caller")
	} else {
		parts = append(parts, fmt.Sprintf("%s in all since %s", plural(h.Calls, "call", "calls"), h.FirstCall.Local().Format("January 2006")))
	}
	switch {
	case !h.LastAnswered.IsZero():
		parts = append(parts, "last answered "+dayText(h.LastAnswered, now))
	case h.Calls > 1:
		parts = append(parts, "never answered so far")
	}
	// An origin without a line or a campaign only repeats the month above.
	if item.source.Origin != "" && (h.FirstCampaignID != 0 || h.FirstLineID != 0) {
		parts = append(parts, item.source.Origin)
	}
	parts = append(parts, lineText(CallView{Call: item.Call.Call, Source: item.source}, func(l string) string { return l }))
	text := strings.Join(parts, " · ")
	if h.LastNote != "" {
		text += "\nLast note: " + h.LastNote
	}
	return text
}

// triesText lists the callbacks so far, one a line.
func triesText(tries []storage.Callback, now time.Time) string {
	lines := make([]string, len(tries))
	for i, t := range tries {
		lines[i] = "Called back " + dayText(t.At, now) + " — " + t.Result.String()
		if t.Note != "" {
			lines[i] += ": “" + t.Note + "”"
		}
	}
	return strings.Join(lines, "\n")
}

// callbacksRecovery is the strip over the list: of the callers missed in
// a period, how many the shop reached, and how soon.
type callbacksRecovery struct {
	choice *widget.Select
	title  *widget.Label
	// The figures, and the captions that carry the shares.
	missed, day, week, booked, waiting, private *canvas.Text
	dayCaption, weekCaption                     *widget.Label
	// summary says it all in one sentence, for tests and screen readers.
	summary *widget.Label
	content fyne.CanvasObject
}

// The periods the strip offers; this month is the default.
var recoveryPeriods = []string{"This week", "This month", "Last 30 days", "This year"}

func newCallbacksRecovery(changed func()) *callbacksRecovery {
	r := &callbacksRecovery{}
	r.title = widget.NewLabelWithStyle("Missed callers reached", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.choice = widget.NewSelect(recoveryPeriods, nil)
	r.choice.SetSelected("This month")
	r.choice.OnChanged = func(string) { changed() }
	tile := func(caption string, colour fyne.ThemeColorName) (*canvas.Text, *widget.Label, fyne.CanvasObject) {
		n := canvas.NewText("–", theme.Color(colour))
		n.TextSize = 26
		n.TextStyle = fyne.TextStyle{Bold: true}
		l := widget.NewLabel(caption)
		l.Wrapping = fyne.TextWrapWord
		return n, l, container.NewVBox(n, l)
	}
	var tiles [6]fyne.CanvasObject
	r.missed, _, tiles[0] = tile("callers missed", theme.ColorNameForeground)
	r.day, r.dayCaption, tiles[1] = tile("reached within a day", theme.ColorNameSuccess)
	r.week, r.weekCaption, tiles[2] = tile("reached within a week", theme.ColorNameSuccess)
	r.booked, _, tiles[3] = tile("booked", theme.ColorNamePrimary)
	r.waiting, _, tiles[4] = tile("still waiting", theme.ColorNameError)
	r.private, _, tiles[5] = tile("calls from private numbers — no number to call back", theme.ColorNameDisabled)
	r.summary = widget.NewLabel("")
	r.summary.Hide()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	r.content = container.NewStack(bg, container.NewPadded(container.NewVBox(
		container.NewBorder(nil, nil, nil, r.choice, r.title),
		container.NewGridWithColumns(len(tiles), tiles[:]...),
		r.summary,
	)))
	return r
}

// period is the period picked, around now.
func (r *callbacksRecovery) period(now time.Time) Period {
	switch r.choice.Selected {
	case "This week":
		return ThisWeek.Period(now, time.Local)
	case "Last 30 days":
		today := midnight(now)
		return newPeriod(today.AddDate(0, 0, -29), today.AddDate(0, 0, 1))
	case "This year":
		return ThisYear.Period(now, time.Local)
	}
	return ThisMonth.Period(now, time.Local)
}

func (r *callbacksRecovery) set(f storage.RecoveryFigures, p Period) {
	r.title.SetText("Missed callers reached · " + p.Label)
	for _, t := range []struct {
		text *canvas.Text
		n    int
	}{{r.missed, f.Missed}, {r.day, f.ReachedWithinDay}, {r.week, f.ReachedWithinWeek},
		{r.booked, f.Booked}, {r.waiting, f.StillWaiting}, {r.private, f.CannotCallBack}} {
		t.text.Text = fmt.Sprint(t.n)
		t.text.Refresh()
	}
	r.dayCaption.SetText("reached within a day" + shareText(f.ReachedWithinDay, f.Missed))
	r.weekCaption.SetText("reached within a week" + shareText(f.ReachedWithinWeek, f.Missed))
	when := strings.ToLower(r.choice.Selected)
	if r.choice.Selected == "Last 30 days" {
		when = "in the last 30 days"
	}
	r.summary.SetText(recoveryText(f, when))
}

// shareText is " (58%)", or nothing when nobody was missed.
func shareText(n, of int) string {
	if of == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d%%)", (200*n+of)/(2*of))
}

// recoveryText says the figures in a sentence.
func recoveryText(f storage.RecoveryFigures, period string) string {
	var b strings.Builder
	if f.Missed == 0 {
		fmt.Fprintf(&b, "No caller was missed %s.", period)
	} else {
		fmt.Fprintf(&b, "Of %s missed %s, %d reached within a day%s and %d within a week%s; %d booked; %d still waiting.",
			plural(f.Missed, "caller", "callers"), period,
			f.ReachedWithinDay, shareText(f.ReachedWithinDay, f.Missed),
			f.ReachedWithinWeek, shareText(f.ReachedWithinWeek, f.Missed), f.Booked, f.StillWaiting)
	}
	if f.CannotCallBack > 0 {
		fmt.Fprintf(&b, " %s could not be called back.", plural(f.CannotCallBack, "call from a private number", "calls from private numbers"))
	}
	return b.String()
}
