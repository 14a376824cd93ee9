package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	bolt "go.etcd.io/bbolt"

	"github.com/callboard-app/callboard/storage"
)

// damagedWithBackups makes a database with calls and the given number of
// backups, then scribbles over it, and returns its path and what opening
// it says.
func damagedWithBackups(t *testing.T, backups int) (string, []byte, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "callboard.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range backups {
		shopCall(t, db, "212555014"+string(rune('0'+i)), 60-i)
		if _, err := db.BackupNow(time.Now().Add(time.Duration(i-backups) * time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	_ = db.Close()
	damaged := []byte("shopping list: milk, eggs")
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	_, openErr := OpenSession(Config{DBPath: path}, quietLog(t))
	if !errors.Is(openErr, storage.ErrCorrupt) {
		t.Fatalf("opening the damaged database: %v", openErr)
	}
	return path, damaged, openErr
}

func TestADamagedDatabaseOffersTheNewestBackupAndRestoringItOpensCallboard(t *testing.T) {
	path, damaged, openErr := damagedWithBackups(t, 2)
	test.NewTempApp(t)
	q := make(uiThread, 16)
	var opened *Session
	v := newRecoveryView(Config{}, path, openErr, quietLog(t), q.do, func(s *Session) { opened = s }, func() { t.Error("quit") })
	if !containsAll(labelsIn(v.content), path+" is damaged", "Callboard has not changed it", "You can restore a backup") {
		t.Errorf("the window says %q", labelsIn(v.content))
	}
	list, _ := storage.Backups(path)
	if b, ok := v.picker.selected(); !ok || b.Path != list[0].Path {
		t.Errorf("chosen %v, want the newest %s", b.Path, list[0].Path)
	}

	test.Tap(v.restore)
	q.until(t, "the restored database to open", func() bool { return opened != nil })
	defer opened.Close()
	if n := savedCalls(t, opened.DB()); n != 2 {
		t.Errorf("the newest backup has %d calls, want 2", n)
	}
	aside, _ := filepath.Glob(path + ".before-restore-*")
	if len(aside) != 1 {
		t.Fatalf("put aside: %v", aside)
	}
	if kept, _ := os.ReadFile(aside[0]); !bytes.Equal(kept, damaged) {
		t.Error("the damaged file was not kept as it was")
	}
}

func TestABackupThatFailsItsCheckLeavesTheChoiceOpen(t *testing.T) {
	path, damaged, openErr := damagedWithBackups(t, 2)
	list, _ := storage.Backups(path)
	if err := os.WriteFile(list[0].Path, []byte("not a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	q := make(uiThread, 16)
	var opened *Session
	v := newRecoveryView(Config{}, path, openErr, quietLog(t), q.do, func(s *Session) { opened = s }, func() {})

	test.Tap(v.restore)
	if !v.restoring || !v.quit.Disabled() {
		t.Error("the window can be closed while the restore runs")
	}
	q.until(t, "the refusal", func() bool { return !v.restore.Disabled() })
	if v.restoring {
		t.Error("still restoring after the refusal")
	}
	if opened != nil || !containsAll([]string{v.status.Text}, "could not be restored", "Choose another") {
		t.Fatalf("status %q, opened %v", v.status.Text, opened != nil)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, damaged) {
		t.Error("the damaged file was touched")
	}

	v.picker.radio.SetSelected(backupLabel(list[1]))
	test.Tap(v.restore)
	q.until(t, "the older backup to open", func() bool { return opened != nil })
	defer opened.Close()
	if n := savedCalls(t, opened.DB()); n != 1 {
		t.Errorf("the older backup has %d calls, want 1", n)
	}
}

func TestADamagedDatabaseWithoutBackupsOffersOnlyQuit(t *testing.T) {
	path, _, openErr := damagedWithBackups(t, 0)
	test.NewTempApp(t)
	quit := false
	v := newRecoveryView(Config{}, path, openErr, quietLog(t), func(f func()) { f() }, func(*Session) {}, func() { quit = true })
	if v.restore != nil || v.picker != nil {
		t.Error("a restore is offered without a backup")
	}
	if !containsAll(labelsIn(v.content), "There is no backup of it in "+storage.BackupDir(path), "Callboard has not changed it") {
		t.Errorf("the window says %q", labelsIn(v.content))
	}
	test.Tap(v.quit)
	if !quit {
		t.Error("Quit does not quit")
	}
}

func TestADatabaseFromANewerCallboardIsRefusedWithOnlyQuit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "callboard.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket([]byte("meta"))
		if err != nil {
			return err
		}
		return meta.Put([]byte("schema"), []byte{0x7f}) // version 127
	})
	_ = b.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, openErr := OpenSession(Config{DBPath: path}, quietLog(t))
	if !errors.Is(openErr, storage.ErrNewerSchema) {
		t.Fatalf("opening: %v", openErr)
	}
	test.NewTempApp(t)
	v := newRecoveryView(Config{}, path, openErr, quietLog(t), func(f func()) { f() }, func(*Session) {}, func() {})
	if v.restore != nil {
		t.Error("a restore is offered for a newer database")
	}
	if !containsAll(labelsIn(v.content), "written by a newer version of Callboard", "has not changed it") {
		t.Errorf("the window says %q", labelsIn(v.content))
	}
}
