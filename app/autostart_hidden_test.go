package app

import "testing"

func TestAutostartStartsHiddenOnlyWithATrayToComeBackFrom(t *testing.T) {
	for _, c := range []struct {
		minimized, tray, hidden bool
	}{
		{minimized: true, tray: true, hidden: true},
		{minimized: true, tray: false, hidden: false}, // no tray: the window shows anyway
		{minimized: false, tray: true, hidden: false},
		{minimized: false, tray: false, hidden: false},
	} {
		if got := startHidden(Config{StartMinimized: c.minimized}, c.tray); got != c.hidden {
			t.Errorf("--minimized %v, tray %v: hidden %v, want %v", c.minimized, c.tray, got, c.hidden)
		}
	}
}
