package app

import (
	"errors"

	"golang.org/x/sys/windows/registry"
)

// On Windows a login entry is a value under the user's Run key, which
// Explorer starts at sign-in and lists in Task Manager's Startup apps
// (where the user can turn it off too).

const (
	runKey   = `Software\Microsoft\Windows\CurrentVersion\Run`
	runValue = "Callboard"
)

func writeLoginEntry(exe string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return err
	}
	defer k.Close()
	return k.SetStringValue(runValue, `"`+exe+`" `+minimizedFlag)
}

func removeLoginEntry() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer k.Close()
	if err := k.DeleteValue(runValue); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return err
	}
	return nil
}

func loginEntryExists() bool {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if err != nil {
		return false
	}
	defer k.Close()
	_, _, err = k.GetStringValue(runValue)
	return err == nil
}
