package app

import (
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/callboard-app/callboard/assets"
)

// AppID is Callboard's reverse-DNS identity (preferences, desktop entry).
const AppID = "app.callboard.desktop"

// Run opens the database, shows the window and listens until the window is
// closed or the process is told to stop. The database is opened before any
// window appears, so a second Callboard fails fast with a clear message.
func Run(cfg Config, log *slog.Logger) error {
	session, err := OpenSession(cfg, log)
	if err != nil {
		return err
	}
	a := fyneapp.NewWithID(AppID)
	if a.Metadata().Icon == nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	}
	title := "Callboard"
	if cfg.Demo {
		title += " — demo"
	}
	w := a.NewWindow(title)
	w.Resize(savedSize(a))
	w.SetMaster()
	w.SetCloseIntercept(func() {
		saveSize(a, w)
		w.Close()
	})
	ui := New(a, w, session, log)

	// SIGTERM (logout, the smoke test, a service manager) closes the window
	// the normal way, so calls still ringing are closed and saved.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		if _, ok := <-sigs; ok {
			log.Info("stopping on signal")
			fyne.Do(func() {
				saveSize(a, w)
				a.Quit()
			})
		}
	}()
	a.Lifecycle().SetOnStarted(func() {
		log.Info("window shown")
		ui.Start()
	})
	w.ShowAndRun()
	signal.Stop(sigs)
	close(sigs)
	ui.bridge.Close()
	return ui.Session().Close()
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
