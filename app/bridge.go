package app

import (
	"sync/atomic"

	"github.com/callboard-app/callboard/callerid"
)

// Bridge is the one door through which news from the device and tracker
// goroutines enters the UI. Every widget change it makes runs on the Fyne
// thread via fyne.Do; nothing else outside a UI callback touches a widget.
type Bridge struct {
	ui *UI
	// do runs a function on the Fyne thread: fyne.Do, except in tests, where
	// the test goroutine plays the UI thread (Fyne's test driver runs
	// fyne.Do on the caller's goroutine, which would hide races).
	do func(func())
	// closed is set once the window is gone: news that arrives while the
	// session shuts down has nowhere to go.
	closed atomic.Bool
}

func (b *Bridge) run(f func()) {
	if b.closed.Load() {
		return
	}
	b.do(func() {
		if !b.closed.Load() {
			f()
		}
	})
}

// Close stops the bridge: later news is dropped.
func (b *Bridge) Close() { b.closed.Store(true) }

// CallChanged shows a call that started, rang, became known or ended.
func (b *Bridge) CallChanged(v CallView) {
	b.run(func() { b.ui.callChanged(v) })
}

// DeviceChanged updates a device's line in the status bar.
func (b *Bridge) DeviceChanged(st callerid.DeviceStatus) {
	b.run(func() { b.ui.status.set(st) })
}

// DeviceGone takes a device off the status bar.
func (b *Bridge) DeviceGone(device string) {
	b.run(func() { b.ui.status.remove(device) })
}

// Problem tells the user that something failed, e.g. a call could not be
// saved.
func (b *Bridge) Problem(err error) {
	b.run(func() { b.ui.showProblem(err) })
}
