package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// shopCall saves a finished call from number, minutes ago.
func shopCall(t *testing.T, db *storage.DB, number string, minutesAgo int) {
	t.Helper()
	at := time.Now().Add(-time.Duration(minutesAgo) * time.Minute)
	c := callerid.Call{ID: at.UnixNano(), Line: "modem", Started: at, Known: at, Ended: at.Add(20 * time.Second),
		Number: callerid.Normalizer{}.Normalize(number), Name: "SMITH JOHN", Rings: 5, Outcome: callerid.OutcomeMissed}
	if _, err := db.Record(c); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(c); err != nil {
		t.Fatal(err)
	}
}

func savedCalls(t *testing.T, db *storage.DB) int {
	t.Helper()
	calls, err := db.Calls(time.Time{}, time.Now().Add(time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(calls)
}

func TestTheBackupsSectionBacksUpNowAndSavesHowLongToKeep(t *testing.T) {
	u, q := startUI(t, Config{})
	v := newSettingsView(u).backups
	if v.latest.Text != "No backup yet." {
		t.Errorf("before any backup: %q", v.latest.Text)
	}
	test.Tap(v.now)
	q.until(t, "the backup", func() bool { return strings.HasPrefix(v.result.Text, "Backed up to ") })
	list, err := storage.Backups(u.Session().DB().Path())
	if err != nil || len(list) != 1 {
		t.Fatalf("backups %v, %v", list, err)
	}
	if v.result.Text != "Backed up to "+list[0].Path {
		t.Errorf("result %q, made %s", v.result.Text, list[0].Path)
	}
	if want := "Latest backup: " + backupLabel(list[0]); v.latest.Text != want || !strings.HasSuffix(want, "made by hand") {
		t.Errorf("latest %q, want %q", v.latest.Text, want)
	}
	if v.now.Disabled() {
		t.Error("Back up now stays disabled")
	}

	if v.keep.Selected != "14" || !v.daily.Checked {
		t.Errorf("fresh: keep %q, daily %v", v.keep.Selected, v.daily.Checked)
	}
	v.keep.SetSelected("30")
	test.Tap(v.daily)
	set, err := u.Session().DB().BackupSettings()
	if err != nil || set != (storage.BackupSettings{KeepDays: 30, Off: true}) {
		t.Errorf("saved %+v, %v", set, err)
	}
}

func TestRestoringFromSettingsBringsTheBackupBackAndReopens(t *testing.T) {
	u, q := startUI(t, Config{})
	db := u.Session().DB()
	shopCall(t, db, "2125550147", 30)
	if _, err := u.Session().BackupNow(); err != nil {
		t.Fatal(err)
	}
	shopCall(t, db, "2125550148", 10)
	old := u.Session()
	v := newSettingsView(u).backups

	v.chooseBackup()
	test.Tap(overlayButton(u.win, "Restore…"))
	confirm := overlayButton(u.win, "Restore")
	if confirm == nil {
		t.Fatal("no confirmation asked")
	}
	test.Tap(confirm)
	q.until(t, "the restored database", func() bool { return u.Session() != old })

	if n := savedCalls(t, u.Session().DB()); n != 1 {
		t.Errorf("the restored database holds %d calls, want the backup's 1", n)
	}
	aside, _ := filepath.Glob(u.Session().DB().Path() + ".before-restore-*")
	if len(aside) != 1 {
		t.Fatalf("put aside: %v", aside)
	}
	kept, err := storage.Open(aside[0], storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	if n := savedCalls(t, kept); n != 2 {
		t.Errorf("the database put aside holds %d calls, want 2", n)
	}
	if overlayButton(u.win, "OK") == nil {
		t.Error("no word that the backup was restored")
	}
}

func TestTheConfirmationSaysWhatRestoringDoes(t *testing.T) {
	b := storage.BackupFile{Time: time.Date(2026, 11, 28, 9, 30, 0, 0, time.Local), Daily: true}
	got := restoreSentence("/home/shop/.local/share/callboard/callboard.db", b)
	for _, want := range []string{
		"close the database",
		"put the current one aside as callboard.db.before-restore-<date and time>",
		"nothing is deleted",
		"restore the backup of Saturday 28 November 2026, 09:30",
		"Calls saved since that backup stay in the database put aside",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%q does not say %q", got, want)
		}
	}
}

func TestTheDailyBackupIsMadeAtStartUnlessTurnedOff(t *testing.T) {
	s, err := OpenSession(Config{DBPath: filepath.Join(t.TempDir(), "callboard.db")}, quietLog(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	defer func(d time.Duration) { backupFirstAfter = d }(backupFirstAfter)
	backupFirstAfter = 0
	ctx, cancel := context.WithCancel(context.Background())
	s.StartDailyBackup(ctx)
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := storage.Backups(s.DB().Path())
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 1 && list[0].Daily {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no daily backup: %v", list)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	s.devices.Wait()

	tomorrow := time.Now().AddDate(0, 0, 1)
	if err := s.DB().SaveBackupSettings(storage.BackupSettings{Off: true}); err != nil {
		t.Fatal(err)
	}
	if made := s.dailyBackup(tomorrow); made != "" {
		t.Errorf("turned off, it still made %s", made)
	}
	if err := s.DB().SaveBackupSettings(storage.BackupSettings{}); err != nil {
		t.Fatal(err)
	}
	if made := s.dailyBackup(tomorrow); made == "" {
		t.Error("turned on again, it made nothing for the next day")
	}
}

func TestTheDemoIsNotBackedUp(t *testing.T) {
	// No database: the demo's session never reaches for one.
	s := &Session{cfg: Config{Demo: true}, log: quietLog(t)}
	s.StartDailyBackup(context.Background())
	s.devices.Wait()
}
