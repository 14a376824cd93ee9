//go:build !windows && !darwin

package app

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// installedAt makes the login entry point at exe, as if Callboard were
// installed there.
func installedAt(t *testing.T, exe string) {
	t.Helper()
	was := autostartExe
	autostartExe = func() (string, error) { return exe, nil }
	t.Cleanup(func() { autostartExe = was })
}

func TestAutostartEntryGoesWhereXDGConfigHomeSaysAndGoesAwayWhenOff(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	installedAt(t, "/usr/local/bin/callboard")
	entry := filepath.Join(config, "autostart", "callboard.desktop")

	if autostartOn() {
		t.Fatal("autostart on before it was turned on")
	}
	if err := setAutostart(true); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(entry)
	if err != nil {
		t.Fatalf("no entry in $XDG_CONFIG_HOME/autostart: %v", err)
	}
	lines := strings.Split(string(data), "\n")
	if lines[0] != "[Desktop Entry]" {
		t.Errorf("entry starts with %q", lines[0])
	}
	for _, want := range []string{"Type=Application", "Name=Callboard", "Exec=/usr/local/bin/callboard --minimized", "Icon=" + AppID} {
		if !containsLine(lines, want) {
			t.Errorf("entry has no line %q:\n%s", want, data)
		}
	}
	if !autostartOn() {
		t.Error("autostart reads as off after turning it on")
	}

	if err := setAutostart(false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(entry); !os.IsNotExist(err) {
		t.Errorf("entry still there after turning autostart off (%v)", err)
	}
	if autostartOn() {
		t.Error("autostart reads as on after turning it off")
	}
	if err := setAutostart(false); err != nil {
		t.Errorf("turning off what is already off: %v", err)
	}
}

func TestAutostartEntryFallsBackToDotConfig(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", home)
	installedAt(t, "/usr/local/bin/callboard")
	if err := setAutostart(true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, ".config", "autostart", "callboard.desktop")); err != nil {
		t.Errorf("no entry in ~/.config/autostart: %v", err)
	}
}

func TestAutostartExecQuotesPathsAsTheDesktopEntrySpecAsks(t *testing.T) {
	for _, c := range []struct{ path, exec string }{
		{"/usr/local/bin/callboard", `/usr/local/bin/callboard`},
		{"/home/ann/My Apps/callboard", `"/home/ann/My Apps/callboard"`},
		{"/opt/100%/callboard", `/opt/100%%/callboard`},
		// $ is escaped inside the quotes (\$), then the backslash itself (\\$).
		{"/home/a$b/callboard", `"/home/a\\$b/callboard"`},
	} {
		if got := desktopExecArg(c.path); got != c.exec {
			t.Errorf("Exec argument for %q = %s, want %s", c.path, got, c.exec)
		}
	}
}

func TestAutostartRefusesGoRunsThrowawayBinary(t *testing.T) {
	for _, c := range []struct {
		exe  string
		temp bool
	}{
		{"/tmp/go-build2291/b001/exe/callboard", true},
		{"/usr/local/bin/callboard", false},
		{"/tmp/callboard", false},
		{"/home/ann/.local/bin/callboard", false},
	} {
		if got := temporaryBuild(c.exe, "/tmp"); got != c.temp {
			t.Errorf("temporaryBuild(%q) = %v, want %v", c.exe, got, c.temp)
		}
	}
}

func TestAutostartSettingTurnsItOnAndPutsTheCheckBackWhenItCannot(t *testing.T) {
	test.NewTempApp(t)
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	installedAt(t, "/usr/local/bin/callboard")
	log := slog.New(slog.DiscardHandler)

	v := newAutostartSetting(log)
	if v.check.Checked {
		t.Fatal("checked before autostart was on")
	}
	test.Tap(v.check)
	if !autostartOn() || v.problem.Visible() {
		t.Fatalf("tapping the check: autostart on %v, problem %q", autostartOn(), v.problem.Text)
	}
	if !newAutostartSetting(log).check.Checked {
		t.Error("a new Settings screen does not show autostart on")
	}
	test.Tap(v.check)
	if autostartOn() {
		t.Fatal("unchecking left autostart on")
	}

	// A file where the autostart folder should go: the entry cannot be written.
	blocked := filepath.Join(config, "blocked")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", blocked)
	test.Tap(v.check)
	if v.check.Checked || !v.problem.Visible() || !strings.Contains(v.problem.Text, "Could not") {
		t.Errorf("after a failure: checked %v, problem shown %v %q", v.check.Checked, v.problem.Visible(), v.problem.Text)
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}
