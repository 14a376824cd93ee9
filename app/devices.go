package app

import (
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/devices"
	"github.com/callboard-app/callboard/callerid/modem"
)

// devicesView is the Devices screen: the caller-ID devices Callboard
// listens to, each with its state, a Test view of what it says, names for
// its lines; and the serial ports of this computer, to find a new device.
type devicesView struct {
	ui      *UI
	sources *fyne.Container
	ports   *fyne.Container
	content fyne.CanvasObject
}

func newDevicesView(u *UI) *devicesView {
	v := &devicesView{ui: u, sources: container.NewVBox(), ports: container.NewVBox()}
	add := widget.NewButtonWithIcon("Add a device", theme.ContentAddIcon(), func() { v.editSource(callerid.SourceConfig{Kind: callerid.SourceModem}, true) })
	add.Importance = widget.HighImportance
	rescan := widget.NewButtonWithIcon("Look again", theme.ViewRefreshIcon(), v.refreshPorts)
	heading := func(text string, action fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, action, widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	body := container.NewVBox(
		heading("Your caller-ID devices", add), v.sources,
		widget.NewSeparator(),
		heading("Serial ports on this computer", rescan), v.ports,
	)
	v.content = container.NewVScroll(container.NewPadded(body))
	v.refresh()
	v.refreshPorts()
	return v
}

// refresh redraws the device list from the session and the latest states.
func (v *devicesView) refresh() {
	v.sources.RemoveAll()
	list := v.ui.session.Sources()
	if len(list) == 0 {
		empty := widget.NewLabel("No device yet. Plug in a USB modem, or add the device you have: a modem, a Whozz Calling unit, an NCID server on your network, or a caller-ID box.")
		empty.Wrapping = fyne.TextWrapWord
		v.sources.Add(empty)
	}
	for _, src := range list {
		v.sources.Add(v.sourceRow(src))
	}
	v.sources.Refresh()
}

func (v *devicesView) sourceRow(src SourceView) fyne.CanvasObject {
	c := src.Config
	st, ok := v.ui.status.status(c.Title())
	if !ok {
		st = callerid.DeviceStatus{Device: c.Title(), State: callerid.DeviceConnecting}
	}
	what := c.Kind.Label()
	if w := c.Where(); w != "" {
		what += " · " + w
	}
	light := canvas.NewCircle(theme.Color(stateColor(st.State)))
	title := widget.NewLabelWithStyle(c.Title()+"  ·  "+what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	state := st.State.String()
	if st.Detail != "" {
		state += " — " + st.Detail
	}
	detail := widget.NewLabel(state)
	detail.Wrapping = fyne.TextWrapWord
	info := container.NewVBox(title, detail)
	if st.Hint != "" && !st.State.OK() {
		hint := widget.NewLabel(st.Hint)
		hint.Wrapping = fyne.TextWrapWord
		info.Add(hint)
	}
	buttons := container.NewHBox(
		widget.NewButtonWithIcon("Test", theme.SearchIcon(), func() { v.showTest(c.Title()) }),
		widget.NewButtonWithIcon("Line names", theme.DocumentCreateIcon(), func() { v.editLabels(src) }),
	)
	if src.Saved() {
		buttons.Add(widget.NewButtonWithIcon("Change", theme.SettingsIcon(), func() { v.editSource(c, false) }))
	}
	if c.Kind != callerid.SourceSimulated || src.Saved() {
		buttons.Add(widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { v.remove(src) }))
	}
	lightBox := container.NewVBox(container.NewGridWrap(fyne.NewSize(14, 14), light))
	return container.NewVBox(
		container.NewBorder(nil, nil, container.NewPadded(lightBox), nil, info),
		buttons,
		widget.NewSeparator(),
	)
}

func (v *devicesView) refreshPorts() {
	v.ports.RemoveAll()
	ports, err := v.ui.session.Ports()
	if err != nil {
		v.ports.Add(widget.NewLabel("Callboard could not list the serial ports: " + err.Error()))
	}
	if err == nil && len(ports) == 0 {
		none := widget.NewLabel("No serial ports found. A USB modem shows up here a few seconds after it is plugged in. A device on the network (NCID, Whozz Calling Ethernet Link) needs no port: use Add a device.")
		none.Wrapping = fyne.TextWrapWord
		v.ports.Add(none)
	}
	for _, p := range ports {
		v.ports.Add(v.portRow(p))
	}
	v.ports.Refresh()
}

func (v *devicesView) portRow(p modem.PortInfo) fyne.CanvasObject {
	ask := widget.NewButtonWithIcon("Ask who it is", theme.QuestionIcon(), func() { v.probe(p.Path) })
	use := widget.NewButtonWithIcon("Add…", theme.ContentAddIcon(), func() {
		v.editSource(callerid.SourceConfig{Kind: callerid.SourceModem, Name: p.Product, Path: p.Path,
			USBVendor: p.VID, USBProduct: p.PID, USBSerial: p.Serial}, true)
	})
	return container.NewBorder(nil, nil, nil, container.NewHBox(ask, use), widget.NewLabel(p.String()))
}

func (v *devicesView) probe(path string) {
	win := v.ui.win
	wait := dialog.NewCustomWithoutButtons("Asking "+path+"…", widget.NewProgressBarInfinite(), win)
	wait.Show()
	go func() {
		res, err := v.ui.session.Probe(path)
		v.ui.bridge.run(func() {
			wait.Hide()
			if err != nil {
				dialog.ShowError(err, win)
				return
			}
			answer := "It did not answer like a modem. A caller-ID box (Whozz Calling, NetCallerID, TCI) stays quiet here: add it with its kind."
			if res.Identity != "" {
				answer = "It says: " + res.Identity
			}
			showText(win, path, answer, res.Conversation)
		})
	}()
}

func (v *devicesView) showTest(device string) {
	lines := v.ui.session.Tap(device)
	st, _ := v.ui.status.status(device)
	about := device + " — " + st.State.String()
	if st.Detail != "" {
		about += ": " + st.Detail
	}
	if len(lines) == 0 {
		lines = []string{"(nothing yet: the device has not said anything since Callboard opened it)"}
	}
	showText(v.ui.win, "What "+device+" says", about, lines)
}

func (v *devicesView) remove(src SourceView) {
	dialog.ShowConfirm("Remove "+src.Config.Title()+"?",
		"Callboard stops listening to this device. Calls already saved stay.",
		func(ok bool) {
			if !ok {
				return
			}
			go func() {
				err := v.ui.session.RemoveSource(src)
				v.ui.bridge.run(func() {
					if err != nil {
						dialog.ShowError(err, v.ui.win)
					}
					v.refresh()
				})
			}()
		}, v.ui.win)
}

// editLabels names the lines of a device: "Main line", "Newspaper ad"…
// Each line is one "line = name" row; a device with one line has one row.
func (v *devicesView) editLabels(src SourceView) {
	base := devices.LineID(src.Config)
	labels := map[string]string{base: ""}
	for line, name := range src.Config.Labels {
		labels[line] = name
	}
	lines := make([]string, 0, len(labels))
	for line := range labels {
		lines = append(lines, line)
	}
	sort.Strings(lines)
	var rows []string
	for _, line := range lines {
		rows = append(rows, line+" = "+labels[line])
	}
	entry := newEscMultiLineEntry()
	entry.SetText(strings.Join(rows, "\n"))
	entry.SetMinRowsVisible(6)
	help := widget.NewLabel("One line per row: the line as calls show it, '=', and the name your staff know it by. Multi-line units add /01, /02… (e.g. " + base + "/02 = Radio ad).")
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Line names — "+src.Config.Title(), "Save", "Cancel",
		container.NewBorder(help, nil, nil, nil, entry), func(ok bool) {
			if !ok {
				return
			}
			if err := v.ui.session.SaveLabels(src, parseLabels(entry.Text)); err != nil {
				dialog.ShowError(err, v.ui.win)
			}
			v.refresh()
			v.ui.today.list.Refresh()
		}, v.ui.win)
	d.Resize(fyne.NewSize(640, 360))
	d.Show()
}

func parseLabels(text string) map[string]string {
	out := map[string]string{}
	for _, row := range strings.Split(text, "\n") {
		line, name, ok := strings.Cut(row, "=")
		line, name = strings.TrimSpace(line), strings.TrimSpace(name)
		if ok && line != "" && name != "" {
			out[line] = name
		}
	}
	return out
}

// countries are the AT+GCI codes (ITU-T T.35) of the countries whose lines
// Callboard's users report most; any other code can be typed.
var countries = []string{"B5 United States", "20 Canada", "B4 United Kingdom", "3D France", "42 Germany", "09 Australia"}

// editSource is the form to add a device or change one.
func (v *devicesView) editSource(c callerid.SourceConfig, isNew bool) {
	kinds := make([]string, len(callerid.SourceKinds))
	for i, k := range callerid.SourceKinds {
		kinds[i] = k.Label()
	}
	name := newEscEntry()
	name.SetText(c.Name)
	name.SetPlaceHolder("e.g. Front desk modem")
	var portNames []string
	if ports, err := v.ui.session.Ports(); err == nil {
		for _, p := range ports {
			portNames = append(portNames, p.Path)
		}
	}
	port := newEscSelectEntry(portNames)
	port.SetText(c.Path)
	port.SetPlaceHolder("/dev/ttyACM0 or COM3")
	addr := newEscEntry()
	addr.SetText(c.Addr)
	baud := newEscEntry()
	if c.Baud > 0 {
		baud.SetText(strconv.Itoa(c.Baud))
	}
	country := newEscSelectEntry(countries)
	country.SetText(c.Country)
	country.SetPlaceHolder("leave empty to keep the modem's setting")
	distinctive := widget.NewCheck("Report distinctive ring (several numbers on one line)", nil)
	distinctive.SetChecked(c.DistinctiveRing)
	raw := widget.NewCheck("Raw caller ID (for modems whose caller-ID text is garbled)", nil)
	raw.SetChecked(c.RawCallerID)
	pickup := widget.NewCheck("Detect when a phone is picked up (voice modems with AT-STE): exact answered/missed", nil)
	pickup.SetChecked(c.ExtensionPickup)
	hangUp := widget.NewCheck("Hang up on callers flagged as spam (the modem picks up and drops the call; your phones may ring once)", nil)
	hangUp.SetChecked(c.HangUpSpam)

	kind := widget.NewSelect(kinds, nil)
	form := widget.NewForm()
	// The form shows only what the chosen kind of device needs.
	kind.OnChanged = func(label string) {
		k := kindOfLabel(label)
		items := []*widget.FormItem{widget.NewFormItem("Kind", kind), widget.NewFormItem("Name", name)}
		if k.Serial() {
			baud.SetPlaceHolder(strconv.Itoa(k.DefaultBaud()))
			items = append(items, widget.NewFormItem("Serial port", port), widget.NewFormItem("Speed (baud)", baud))
		}
		switch k {
		case callerid.SourceNCID:
			addr.SetPlaceHolder("192.168.1.10 (port 3333 unless you write host:port)")
			items = append(items, widget.NewFormItem("Server address", addr))
		case callerid.SourceWhozzUDP:
			addr.SetPlaceHolder(":3520 (where the unit sends its packets)")
			items = append(items, widget.NewFormItem("Listen on", addr))
		case callerid.SourceModem:
			items = append(items, widget.NewFormItem("Country", country), widget.NewFormItem("", raw), widget.NewFormItem("", pickup), widget.NewFormItem("", hangUp))
		}
		if k == callerid.SourceModem || k == callerid.SourceWhozzSerial || k == callerid.SourceWhozzUDP {
			items = append(items, widget.NewFormItem("", distinctive))
		}
		form.Items = items
		form.Refresh()
	}
	kind.SetSelected(c.Kind.Label())

	title, action := "Add a caller-ID device", "Add"
	if !isNew {
		title, action = "Change "+c.Title(), "Save"
	}
	d := dialog.NewCustomConfirm(title, action, "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		c.Kind = kindOfLabel(kind.Selected)
		c.Name, c.Path, c.Addr = strings.TrimSpace(name.Text), strings.TrimSpace(port.Text), strings.TrimSpace(addr.Text)
		c.Baud, _ = strconv.Atoi(strings.TrimSpace(baud.Text))
		c.Country = countryCode(country.Text)
		c.DistinctiveRing, c.RawCallerID, c.ExtensionPickup = distinctive.Checked, raw.Checked, pickup.Checked
		c.HangUpSpam = hangUp.Checked
		if c.Kind == callerid.SourceWhozzUDP && c.Addr == "" {
			c.Addr = ":3520"
		}
		var err error
		if isNew {
			_, err = v.ui.session.AddSource(c)
		} else {
			err = v.ui.session.UpdateSource(c)
		}
		if err != nil {
			dialog.ShowError(err, v.ui.win)
			return
		}
		v.refresh()
	}, v.ui.win)
	for _, e := range []*escEntry{name, addr, baud} {
		e.OnSubmitted = func(string) { d.Confirm() }
	}
	for _, e := range []*escSelectEntry{port, country} {
		e.OnSubmitted = func(string) { d.Confirm() }
	}
	d.Resize(fyne.NewSize(620, 480))
	d.Show()
}

func kindOfLabel(label string) callerid.SourceKind {
	for _, k := range callerid.SourceKinds {
		if k.Label() == label {
			return k
		}
	}
	return callerid.SourceModem
}

// countryCode takes the T.35 code from "B4 United Kingdom" or "b4".
func countryCode(s string) string {
	code, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return strings.ToUpper(code)
}

// showText shows lines of device talk in a scrollable, selectable box, so
// they can be copied into a support request.
func showText(win fyne.Window, title, about string, lines []string) {
	text := newEscMultiLineEntry()
	text.SetText(strings.Join(lines, "\n"))
	text.TextStyle = fyne.TextStyle{Monospace: true}
	text.Wrapping = fyne.TextWrapOff
	header := widget.NewLabel(about)
	header.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Close", container.NewBorder(header, nil, nil, nil, text), win)
	d.Resize(fyne.NewSize(820, 520))
	d.Show()
}
