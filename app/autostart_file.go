//go:build !windows

package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Where a login entry is a file (an XDG desktop entry, a LaunchAgent), the
// platform's file names it (loginEntryPath) and says what it holds.

// saveLoginEntry writes the entry aside and renames it, so that the desktop
// never reads half an entry.
func saveLoginEntry(path string, content []byte, folderMode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), folderMode); err != nil {
		return err
	}
	tmp := path + ".new"
	if err := os.WriteFile(tmp, content, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func removeLoginEntry() error {
	path, err := loginEntryPath()
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func loginEntryExists() bool {
	path, err := loginEntryPath()
	if err != nil {
		return false
	}
	_, err = os.Stat(path)
	return err == nil
}
