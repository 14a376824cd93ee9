package app

// startHidden reports whether the window stays hidden at start: only when
// asked to (--minimized, as the login entry does) and a tray icon is there
// to bring it back. Without a tray the window shows anyway: an app nobody
// can see or reach must never be the result.
func startHidden(cfg Config, trayReady bool) bool {
	return cfg.StartMinimized && trayReady
}
