package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
)

// callCard is the big card for the current or last call: what the desk
// must read between the first and the second ring.
type callCard struct {
	region string
	label  func(line string) string

	view    CallView
	has     bool
	heading *widget.Label
	name    *canvas.Text
	telco   *widget.Label
	number  *canvas.Text
	place   *widget.Label
	line    *widget.Label
	state   *widget.Label
	history *widget.Label
	origin  *widget.Label
	// noteText is the caller's last note.
	noteText *widget.Label
	stripe   *canvas.Rectangle
	// actions act on the caller on the card; shown once the caller is known.
	actions *fyne.Container
	spam    *widget.Button
	contact *widget.Button
	note    *widget.Button
	fix     *widget.Button
	// The actions' handlers, set by the window: flag as spam, add or edit
	// the caller's contact, note the call, correct its outcome.
	onSpam, onContact, onNote, onCorrect func(CallView)

	content fyne.CanvasObject
}

func newCallCard(region string, label func(string) string) *callCard {
	c := &callCard{region: region, label: label}
	c.heading = widget.NewLabelWithStyle("Waiting for the phone to ring", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.name = canvas.NewText("No calls yet today", theme.Color(theme.ColorNameForeground))
	c.name.TextSize = 34
	c.name.TextStyle = fyne.TextStyle{Bold: true}
	c.telco = widget.NewLabel("")
	c.telco.Hide()
	c.number = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	c.number.TextSize = 24
	c.place = widget.NewLabel("When the phone rings, the caller shows here before the second ring.")
	c.place.Wrapping = fyne.TextWrapWord
	c.line = widget.NewLabel("")
	c.state = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.history = widget.NewLabel("")
	c.history.Wrapping = fyne.TextWrapWord
	c.origin = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	c.origin.Wrapping = fyne.TextWrapWord
	c.noteText = widget.NewLabel("")
	c.noteText.Wrapping = fyne.TextWrapWord
	c.noteText.Truncation = fyne.TextTruncateEllipsis
	c.noteText.Hide()
	c.stripe = canvas.NewRectangle(theme.Color(theme.ColorNameDisabled))
	c.stripe.SetMinSize(fyne.NewSize(8, 8))
	c.stripe.CornerRadius = 4
	c.number.Hide()
	c.line.Hide()
	c.state.Hide()
	c.history.Hide()
	c.origin.Hide()

	act := func(handler *func(CallView)) func() {
		return func() {
			if *handler != nil {
				(*handler)(c.view)
			}
		}
	}
	c.contact = widget.NewButtonWithIcon("Add contact", theme.AccountIcon(), act(&c.onContact))
	c.note = widget.NewButtonWithIcon("Add note", theme.DocumentCreateIcon(), act(&c.onNote))
	c.fix = widget.NewButtonWithIcon("Correct outcome", theme.ConfirmIcon(), act(&c.onCorrect))
	c.spam = widget.NewButtonWithIcon("Flag as spam", theme.ErrorIcon(), act(&c.onSpam))
	c.actions = container.NewHBox(c.contact, c.note, c.fix, c.spam)
	c.actions.Hide()
	body := container.NewVBox(c.heading, c.name, c.telco, c.number, c.place, c.line, c.state, c.history, c.origin, c.noteText, c.actions)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	c.content = container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, c.stripe, nil, container.NewPadded(body))))
	return c
}

// show puts a call on the card.
func (c *callCard) show(v CallView, now time.Time) {
	if c.has && c.view.Call.ID == v.Call.ID && !v.HasHistory {
		// Rings and the end of the call carry no history: keep the one
		// looked up when the caller became known.
		v.History, v.HasHistory, v.Totals, v.Source = c.view.History, c.view.HasHistory, c.view.Totals, c.view.Source
		v.Contact, v.ContactID = c.view.Contact, c.view.ContactID
	}
	c.view, c.has = v, true
	call := v.Call
	switch {
	case call.Active() && call.Known.IsZero():
		c.heading.SetText("The phone is ringing…")
	case call.Active():
		c.heading.SetText("Calling now · " + call.Started.Local().Format("15:04"))
	default:
		c.heading.SetText("Last call · " + dayText(call.Started, now))
	}
	c.name.Text = viewName(v, c.region)
	c.telco.SetText(telcoAside(v))
	showIf(c.telco, c.telco.Text != "")
	c.number.Text = numberText(call, c.region)
	showIf(c.number, c.number.Text != c.name.Text)
	c.place.SetText(placeText(call))
	showIf(c.place, c.place.Text != "")
	c.line.SetText(lineText(v, c.label))
	c.line.Show()
	c.state.SetText(stateText(call))
	c.state.Importance = outcomeImportance(call)
	c.state.Show()
	c.state.Refresh()
	switch {
	case !v.HasHistory:
		c.history.SetText("")
	case v.Totals:
		c.history.SetText(totalsText(v.History, now))
	default:
		c.history.SetText(historyText(v.History, now))
	}
	showIf(c.history, c.history.Text != "")
	c.origin.SetText(v.Source.Origin)
	showIf(c.origin, v.Source.Origin != "")
	c.noteText.SetText("")
	if v.HasHistory && v.History.LastNote != "" {
		c.noteText.SetText("Last note (" + dayText(v.History.LastNoteAt, now) + "): " + v.History.LastNote)
	}
	showIf(c.noteText, c.noteText.Text != "")
	showIf(c.actions, call.HasCallerID())
	showIf(c.contact, call.Number.E164 != "" && c.onContact != nil)
	showIf(c.spam, call.Number.E164 != "")
	showIf(c.note, c.onNote != nil)
	// An outcome can be corrected once the call is over; an estimate is
	// what most needs it.
	showIf(c.fix, !call.Active() && c.onCorrect != nil)
	if v.ContactID != 0 {
		c.contact.SetText("Edit contact")
	} else {
		c.contact.SetText("Add contact")
	}
	if v.History.Spam {
		c.spam.SetText("Spam (click to unflag)")
	} else {
		c.spam.SetText("Flag as spam")
	}
	c.stripe.FillColor = outcomeColor(call)
	c.refreshColors()
}

func (c *callCard) refreshColors() {
	fg := theme.Color(theme.ColorNameForeground)
	c.name.Color, c.number.Color = fg, fg
	c.name.Refresh()
	c.number.Refresh()
	c.stripe.Refresh()
}

// lineText names the advertised line and campaign the call came in on.
func lineText(v CallView, label func(string) string) string {
	line := v.Source.Line
	if line == "" {
		line = label(v.Call.Line)
	}
	text := "Line: " + line
	if v.Source.Campaign != "" {
		text += " · Campaign: " + v.Source.Campaign
		if v.Source.Medium != "" {
			text += " (" + v.Source.Medium + ")"
		}
	}
	return text
}

func showIf(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

func outcomeImportance(call callerid.Call) widget.Importance {
	if call.Active() {
		return widget.HighImportance
	}
	switch call.Outcome {
	case callerid.OutcomeAnswered:
		return widget.SuccessImportance
	case callerid.OutcomeMissed, callerid.OutcomeAbandoned:
		return widget.DangerImportance
	case callerid.OutcomeVoicemail:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

func outcomeColor(call callerid.Call) color.Color {
	if call.Active() {
		return theme.Color(theme.ColorNamePrimary)
	}
	switch call.Outcome {
	case callerid.OutcomeAnswered:
		return theme.Color(theme.ColorNameSuccess)
	case callerid.OutcomeMissed, callerid.OutcomeAbandoned:
		return theme.Color(theme.ColorNameError)
	case callerid.OutcomeVoicemail:
		return theme.Color(theme.ColorNameWarning)
	}
	return theme.Color(theme.ColorNameDisabled)
}
