package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

func TestWithoutADeviceTheWindowOffersTheDemoLine(t *testing.T) {
	u, q := startUI(t, Config{})
	u.bridge.DeviceChanged(callerid.DeviceStatus{
		Device: "Modem", State: callerid.DeviceNotFound,
		Detail: "no USB modem found", Hint: "Plug in a USB modem.",
	})
	q.until(t, "the status line", func() bool { _, ok := u.status.status("Modem"); return ok })
	if !u.status.offerDemo.Visible() {
		t.Fatal("no demo line offered while no device works")
	}
	u.bridge.DeviceChanged(callerid.DeviceStatus{Device: "/dev/ttyACM0", State: callerid.DeviceListening})
	q.until(t, "the modem", func() bool { _, ok := u.status.status("/dev/ttyACM0"); return ok })
	if u.status.offerDemo.Visible() {
		t.Fatal("demo line still offered while a modem listens")
	}
}

func TestStatusLineSaysWhatToDo(t *testing.T) {
	u, q := startUI(t, Config{})
	u.bridge.DeviceChanged(callerid.DeviceStatus{
		Device: "/dev/ttyUSB0", State: callerid.DevicePermissionDenied,
		Detail: "not allowed to open /dev/ttyUSB0", Hint: "sudo usermod -aG dialout $USER",
	})
	q.until(t, "the status line", func() bool { _, ok := u.status.status("/dev/ttyUSB0"); return ok })
	texts := labelsIn(u.status.rows)
	if !containsAll(texts, "/dev/ttyUSB0 — permission denied", "sudo usermod -aG dialout $USER") {
		t.Fatalf("status bar shows %q", texts)
	}
}

func TestTryingTheDemoSwitchesToTheDemoDatabase(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	u, q := startUI(t, Config{})
	real := u.Session().DB().Path()
	u.bridge.DeviceChanged(callerid.DeviceStatus{Device: "Modem", State: callerid.DeviceNotFound})
	q.until(t, "the offer", func() bool { return u.status.offerDemo.Visible() })
	test.Tap(u.status.offerDemo)
	q.until(t, "the demo session", func() bool { return u.Session().Demo() })
	demo := u.Session().DB().Path()
	if demo == real || !strings.Contains(demo, "demo") {
		t.Fatalf("demo database %q next to real %q", demo, real)
	}
	days, err := u.Session().DB().Days(time.Now().AddDate(0, -3, 0), time.Now())
	if err != nil || len(days) < 30 {
		t.Fatalf("demo history has %d days (err %v)", len(days), err)
	}
	q.until(t, "the demo line to listen", func() bool {
		st, ok := u.status.status(demoDevice)
		return ok && st.State == callerid.DeviceListening
	})
}

func TestAProblemIsShown(t *testing.T) {
	u, q := startUI(t, Config{})
	u.bridge.Problem(errors.New("disk full"))
	q.until(t, "the problem", func() bool { return u.problem.Visible() })
	if !strings.Contains(u.problem.Text, "disk full") {
		t.Fatalf("problem text %q", u.problem.Text)
	}
}

func TestHistoryText(t *testing.T) {
	now := time.Date(2026, 11, 28, 15, 0, 0, 0, time.Local)
	cases := []struct {
		h    storage.Caller
		want string
	}{
		{storage.Caller{}, "First-time caller"},
		{storage.Caller{Calls: 4, LastCall: time.Date(2026, 10, 12, 9, 0, 0, 0, time.Local), LastOutcome: callerid.OutcomeAnswered, LastExact: true},
			"5th call, last on 12 Oct, answered"},
		{storage.Caller{Calls: 1, LastCall: now.Add(-2 * time.Hour), LastOutcome: callerid.OutcomeMissed},
			"2nd call, last today at 13:00, missed (estimate)"},
		{storage.Caller{Calls: 10, LastCall: time.Date(2025, 3, 1, 9, 0, 0, 0, time.Local)}, "11th call, last on 1 Mar 2025"},
	}
	for _, tc := range cases {
		if got := historyText(tc.h, now); got != tc.want {
			t.Errorf("historyText(%+v) = %q, want %q", tc.h, got, tc.want)
		}
	}
}
