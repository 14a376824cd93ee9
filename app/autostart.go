package app

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Starting at login: each desktop keeps its own list of what to start (an
// XDG autostart entry, a LaunchAgent, the Run key), written in the
// autostart_*.go files. Every one of them starts this binary with
// minimizedFlag, so the desk finds Callboard already listening in the tray.

// minimizedFlag is the flag the login entry starts Callboard with.
const minimizedFlag = "--minimized"

// autostartExe is the binary the login entry starts; tests point it at a
// made-up path.
var autostartExe = installedExecutable

// errTemporaryBuild: `go run` deletes its binary on exit, so a login entry
// pointing at it would start nothing the next morning.
var errTemporaryBuild = errors.New("this Callboard runs from a temporary build (go run): install it first (make package), then turn this on")

// installedExecutable is the absolute path of the running binary, refused
// when it is a temporary build.
func installedExecutable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if temporaryBuild(exe, os.TempDir()) {
		return "", errTemporaryBuild
	}
	return exe, nil
}

// temporaryBuild reports whether exe is one of `go run`'s throwaway
// binaries under tmp.
func temporaryBuild(exe, tmp string) bool {
	rel, err := filepath.Rel(tmp, exe)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	return strings.HasPrefix(filepath.ToSlash(rel), "go-build")
}

// setAutostart turns starting Callboard at login on or off. Turning it on
// again rewrites the entry, so it follows a binary that was moved.
func setAutostart(on bool) error {
	if !on {
		return removeLoginEntry()
	}
	exe, err := autostartExe()
	if err != nil {
		return err
	}
	return writeLoginEntry(exe)
}

// autostartOn reports whether Callboard starts at login.
func autostartOn() bool { return loginEntryExists() }

// autostartSetting is the Settings screen's check for starting at login. A
// failure puts the check back and says why beneath it.
func autostartSetting(log *slog.Logger) fyne.CanvasObject {
	return newAutostartSetting(log).content
}

type autostartView struct {
	check   *widget.Check
	problem *widget.Label
	content fyne.CanvasObject
}

func newAutostartSetting(log *slog.Logger) *autostartView {
	v := &autostartView{problem: widget.NewLabel("")}
	v.problem.Wrapping = fyne.TextWrapWord
	v.problem.Importance = widget.DangerImportance
	v.problem.Hide()
	v.check = widget.NewCheck("Start Callboard when I log in (in the tray, where the desktop has one)", nil)
	v.check.SetChecked(autostartOn())
	v.check.OnChanged = v.changed(log)
	v.content = container.NewVBox(v.check, v.problem)
	return v
}

func (v *autostartView) changed(log *slog.Logger) func(bool) {
	var onChanged func(bool)
	onChanged = func(on bool) {
		err := setAutostart(on)
		if err == nil {
			v.problem.Hide()
			return
		}
		log.Warn("start at login", "on", on, "err", err)
		v.problem.SetText("Could not change starting at login: " + err.Error())
		v.problem.Show()
		v.check.OnChanged = nil
		v.check.SetChecked(autostartOn())
		v.check.OnChanged = onChanged
	}
	return onChanged
}

// trayAvailable reports whether the desktop will show Callboard's tray icon
// (and so its "Show Callboard" item): the same rule newTray follows.
func trayAvailable(a fyne.App) bool {
	if _, ok := a.(desktop.App); !ok {
		return false
	}
	return runtime.GOOS != "linux" || trayHost()
}
