package app

import (
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/callboard-app/callboard/assets"
	"github.com/callboard-app/callboard/storage"
)

// AppID is Callboard's reverse-DNS identity (preferences, desktop entry).
const AppID = "app.callboard.desktop"

// Run opens the database, shows the window and listens until the window is
// closed or the process is told to stop. The database is opened before any
// window appears, so a second Callboard fails fast with a clear message.
// A damaged or newer database gets a small window instead, which says so
// and offers the backups; after a restore the main window opens as usual.
func Run(cfg Config, log *slog.Logger) error {
	session, openErr := OpenSession(cfg, log)
	if openErr != nil && !errors.Is(openErr, storage.ErrCorrupt) && !errors.Is(openErr, storage.ErrNewerSchema) {
		return openErr
	}
	a := fyneapp.NewWithID(AppID)
	if a.Metadata().Icon == nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	}
	title := "Callboard"
	if cfg.Demo {
		title += " — demo"
	}
	// win and ui are set and read on the UI thread only (or before it runs).
	var win fyne.Window
	var ui *UI
	// Only the first window may start hidden: after a restore the desk is looking.
	hidden := session != nil && startHidden(cfg, trayAvailable(a))
	showMain := func(s *Session) {
		win = a.NewWindow(title)
		win.Resize(savedSize(a))
		win.SetMaster()
		w := win
		win.SetCloseIntercept(func() {
			saveSize(a, w)
			w.Close()
		})
		ui = New(a, win, s, log)
		ui.setUpTray() // before a.Run, or Fyne never starts the tray
		if hidden {
			log.Info("started in the tray")
			hidden = false
			return
		}
		win.Show()
	}

	// SIGTERM (logout, the smoke test, a service manager) closes the window
	// the normal way, so calls still ringing are closed and saved.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		if _, ok := <-sigs; ok {
			log.Info("stopping on signal")
			fyne.Do(func() {
				if win != nil {
					saveSize(a, win)
				}
				a.Quit()
			})
		}
	}()
	if session != nil {
		showMain(session)
		a.Lifecycle().SetOnStarted(func() {
			log.Info("window shown")
			ui.Start()
		})
	} else {
		showRecovery(a, cfg, openErr, log, func(s *Session) {
			showMain(s)
			log.Info("window shown after a restore")
			ui.Start()
		})
	}
	a.Run()
	signal.Stop(sigs)
	close(sigs)
	if ui == nil {
		// Quit without restoring: the database is still unopened.
		return openErr
	}
	ui.bridge.Close()
	return ui.Session().Close()
}

// showRecovery opens the window that offers a restore; opened is given the
// restored database's session, after which the window closes itself.
func showRecovery(a fyne.App, cfg Config, openErr error, log *slog.Logger, opened func(*Session)) {
	dbPath := cfg.DBPath
	if dbPath == "" {
		dbPath, _ = storage.DefaultPath(cfg.Demo)
	}
	w := a.NewWindow("Callboard — the database cannot be opened")
	v := newRecoveryView(cfg, dbPath, openErr, log, fyne.Do, func(s *Session) {
		opened(s)
		// After the main window is up, so the app always has one.
		w.Close()
	}, a.Quit)
	w.SetCloseIntercept(func() {
		if !v.restoring {
			w.Close()
		}
	})
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(640, 480))
	w.CenterOnScreen()
	w.Show()
}

// The window comes back at the size the desk left it.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

func savedSize(a fyne.App) fyne.Size {
	p := a.Preferences()
	w := p.FloatWithFallback(prefWidth, 1280)
	h := p.FloatWithFallback(prefHeight, 800)
	return fyne.NewSize(float32(max(w, 800)), float32(max(h, 560)))
}

func saveSize(a fyne.App, w fyne.Window) {
	size := w.Canvas().Size()
	if size.Width < 100 || size.Height < 100 {
		return
	}
	a.Preferences().SetFloat(prefWidth, float64(size.Width))
	a.Preferences().SetFloat(prefHeight, float64(size.Height))
}
