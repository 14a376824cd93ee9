package app

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
)

// statusBar shows one line per device: a light, what it is doing, and
// when something is wrong, what to do about it.
type statusBar struct {
	devices map[string]callerid.DeviceStatus
	rows    *fyne.Container
	// offerDemo is shown while no device is working and this is not the
	// demo already: a newcomer without a modem can still see Callboard work.
	offerDemo *widget.Button
	demo      bool
	// onChange tells the Devices screen that a state changed.
	onChange func()

	content fyne.CanvasObject
}

func newStatusBar(demo bool, onDemo func()) *statusBar {
	s := &statusBar{devices: map[string]callerid.DeviceStatus{}, demo: demo}
	s.rows = container.NewVBox()
	s.offerDemo = widget.NewButtonWithIcon("Try the demo line", theme.MediaPlayIcon(), onDemo)
	s.offerDemo.Importance = widget.HighImportance
	s.offerDemo.Hide()
	s.content = container.NewBorder(widget.NewSeparator(), nil, nil, container.NewCenter(s.offerDemo), s.rows)
	s.render()
	return s
}

func (s *statusBar) set(st callerid.DeviceStatus) {
	s.devices[st.Device] = st
	s.render()
}

func (s *statusBar) remove(device string) {
	delete(s.devices, device)
	s.render()
}

// status returns a device's last known status.
func (s *statusBar) status(device string) (callerid.DeviceStatus, bool) {
	st, ok := s.devices[device]
	return st, ok
}

func (s *statusBar) render() {
	names := make([]string, 0, len(s.devices))
	working := false
	for name, st := range s.devices {
		names = append(names, name)
		working = working || st.State.OK()
	}
	sort.Strings(names)
	s.rows.RemoveAll()
	if len(names) == 0 {
		names = append(names, "")
	}
	// One chip per device, three to a row, so that several devices still
	// leave the window to the calls; the first device in trouble says what
	// to do on a line of its own (the Devices screen has them all).
	chips := container.NewGridWithColumns(min(len(names), 3))
	var trouble *callerid.DeviceStatus
	for _, name := range names {
		st, ok := s.devices[name]
		if !ok {
			st = callerid.DeviceStatus{Device: "Caller ID", State: callerid.DeviceConnecting, Detail: "looking for a device…"}
		}
		chips.Add(statusRow(st, len(names) == 1))
		if !st.State.OK() && st.Hint != "" && trouble == nil {
			trouble = &st
		}
	}
	s.rows.Add(chips)
	if trouble != nil && len(names) > 1 {
		hint := widget.NewLabelWithStyle(trouble.Device+": "+trouble.Hint, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		hint.Wrapping = fyne.TextWrapWord
		s.rows.Add(hint)
	}
	if !working && !s.demo {
		s.offerDemo.Show()
	} else {
		s.offerDemo.Hide()
	}
	s.rows.Refresh()
	if s.onChange != nil {
		s.onChange()
	}
}

// statusRow is one device: its light and its state, and when asked, what
// to do about trouble.
func statusRow(st callerid.DeviceStatus, withHint bool) fyne.CanvasObject {
	light := canvas.NewCircle(theme.Color(stateColor(st.State)))
	lightBox := container.NewGridWrap(fyne.NewSize(12, 12), light)
	text := st.Device + " — " + st.State.String()
	switch {
	case st.Detail == "":
	case st.State.OK():
		// The light says it works; the detail says how.
		text = st.Device + " — " + st.Detail
	default:
		text += ": " + st.Detail
	}
	label := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: !st.State.OK()})
	label.Truncation = fyne.TextTruncateEllipsis
	row := container.NewBorder(nil, nil, container.NewCenter(lightBox), nil, label)
	if !withHint || st.Hint == "" || st.State.OK() {
		return row
	}
	hint := widget.NewLabelWithStyle(st.Hint, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	hint.Wrapping = fyne.TextWrapWord
	return container.NewVBox(row, hint)
}

func stateColor(s callerid.DeviceState) fyne.ThemeColorName {
	switch s {
	case callerid.DeviceListening:
		return theme.ColorNameSuccess
	case callerid.DeviceConnecting:
		return theme.ColorNameWarning
	case callerid.DeviceStopped:
		return theme.ColorNameDisabled
	}
	return theme.ColorNameError
}
