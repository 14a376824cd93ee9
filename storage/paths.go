package storage

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is where the shop's database lives: the per-user data folder
// of the platform. The demo gets a database of its own so that trying
// Callboard out never mixes invented calls with the shop's real ones.
func DefaultPath(demo bool) (string, error) {
	file := "callboard.db"
	if demo {
		file = "callboard-demo.db"
	}
	dir, err := dataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, file), nil
}

func dataDir() (string, error) {
	switch runtime.GOOS {
	case "darwin", "windows", "ios", "plan9":
		// ~/Library/Application Support and %AppData%: where the platform
		// keeps an app's own files.
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "Callboard"), nil
	}
	// The XDG base directories: data, not configuration, since the
	// database is the shop's call history.
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "callboard"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if home == "" {
		return "", errors.New("no home folder to keep the Callboard database in")
	}
	return filepath.Join(home, ".local", "share", "callboard"), nil
}
