package app

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/godbus/dbus/v5"

	"github.com/callboard-app/callboard/callerid"
)

// Preference keys for how the desk is told about a call.
const (
	prefNotify = "notify.desktop"
	prefSound  = "notify.sound"
)

// announce tells the desk about a caller who just became known: a desktop
// notification (on by default) and a sound (off by default), beside the
// card in the window.
func (u *UI) announce(v CallView) {
	prefs := u.app.Preferences()
	name := callerName(v.Call, u.session.Config().Region)
	if prefs.BoolWithFallback(prefNotify, true) {
		body := numberText(v.Call, u.session.Config().Region)
		if v.HasHistory {
			body += " · " + historyText(v.History, u.now())
		}
		if v.Source.Campaign != "" {
			body += " · " + v.Source.Campaign
		}
		u.app.SendNotification(fyne.NewNotification("Call: "+name, body))
	}
	if prefs.BoolWithFallback(prefSound, false) {
		go playRing()
	}
}

// playRing plays the desktop's incoming-call sound with whatever player the
// system has; no player, no sound (the notification still shows).
func playRing() {
	var candidates [][]string
	switch runtime.GOOS {
	case "darwin":
		candidates = [][]string{{"afplay", "/System/Library/Sounds/Glass.aiff"}}
	case "windows":
		candidates = [][]string{{"powershell", "-NoProfile", "-Command", "[System.Media.SystemSounds]::Asterisk.Play()"}}
	default:
		candidates = [][]string{
			{"canberra-gtk-play", "--id=phone-incoming-call"},
			{"paplay", "/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga"},
		}
	}
	for _, c := range candidates {
		if _, err := exec.LookPath(c[0]); err == nil {
			_ = exec.Command(c[0], c[1:]...).Run()
			return
		}
	}
}

// tray keeps the system-tray menu of the last calls, where the desktop has
// a tray. On Linux that means a tray host (a StatusNotifierWatcher) on the
// D-Bus session bus: without one a tray icon shows nowhere, and quitting
// with a tray menu set panics inside systray (fyne#6403) — so there is no
// tray at all then.
type tray struct {
	app   desktop.App
	show  func()
	calls []callerid.Call
	label func(callerid.Call) string
}

func newTray(a fyne.App, show func(), label func(callerid.Call) string) *tray {
	if !trayAvailable(a) {
		return nil
	}
	d := a.(desktop.App)
	t := &tray{app: d, show: show, label: label}
	d.SetSystemTrayIcon(a.Icon())
	t.render()
	return t
}

// add puts a known or finished call at the top of the tray's list.
func (t *tray) add(c callerid.Call) {
	if t == nil {
		return
	}
	for i := range t.calls {
		if t.calls[i].ID == c.ID {
			t.calls[i] = c
			t.render()
			return
		}
	}
	t.calls = append([]callerid.Call{c}, t.calls...)
	if len(t.calls) > 8 {
		t.calls = t.calls[:8]
	}
	t.render()
}

func (t *tray) render() {
	items := []*fyne.MenuItem{fyne.NewMenuItem("Show Callboard", t.show), fyne.NewMenuItemSeparator()}
	if len(t.calls) == 0 {
		none := fyne.NewMenuItem("No calls yet", nil)
		none.Disabled = true
		items = append(items, none)
	}
	for _, c := range t.calls {
		items = append(items, fyne.NewMenuItem(fmt.Sprintf("%s  %s", c.Started.Local().Format("15:04"), t.label(c)), t.show))
	}
	t.app.SetSystemTrayMenu(fyne.NewMenu("Callboard", items...))
}

// trayHost reports whether a Linux desktop shows tray icons: a
// StatusNotifierWatcher owns its name on the session bus.
func trayHost() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return false
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false
	}
	defer conn.Close()
	var has bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}
