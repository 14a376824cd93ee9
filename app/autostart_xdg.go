//go:build !windows && !darwin

package app

import (
	"os"
	"path/filepath"
	"strings"
)

// On Linux and the BSDs a login entry is an XDG autostart desktop entry:
// every desktop that follows freedesktop.org (GNOME, KDE, Xfce, Cinnamon,
// MATE, LXQt…) starts what $XDG_CONFIG_HOME/autostart holds.

// loginEntryPath is where the autostart entry lives; os.UserConfigDir
// already prefers $XDG_CONFIG_HOME over ~/.config.
func loginEntryPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "autostart", "callboard.desktop"), nil
}

func writeLoginEntry(exe string) error {
	path, err := loginEntryPath()
	if err != nil {
		return err
	}
	return saveLoginEntry(path, []byte(loginDesktopEntry(exe)), 0o700)
}

// loginDesktopEntry is the autostart entry that starts exe in the tray.
func loginDesktopEntry(exe string) string {
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=Callboard\n" +
		"Comment=Shows who is calling; started at login in the tray\n" +
		"Exec=" + desktopExecArg(exe) + " " + minimizedFlag + "\n" +
		"Icon=" + AppID + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

// desktopExecArg quotes one argument of an Exec key as the Desktop Entry
// Specification asks: reserved characters need double quotes, inside which
// " ` $ and \ take a backslash; then the string escape doubles every
// backslash once more, and a literal % is written %%.
func desktopExecArg(arg string) string {
	if strings.ContainsAny(arg, " \t\n\"'\\><~|&;$*?#()`") {
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range arg {
			if strings.ContainsRune("\"`$\\", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
		arg = b.String()
	}
	arg = strings.ReplaceAll(arg, `\`, `\\`)
	return strings.ReplaceAll(arg, "%", "%%")
}
