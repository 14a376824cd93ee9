package storage

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// withCalls records n finished calls, a minute apart from start.
func withCalls(t testing.TB, db *DB, start time.Time, n int) {
	t.Helper()
	for i := range n {
		c := ringing(start.Add(time.Duration(i)*time.Minute), "main", nanp(fmt.Sprintf("21255501%02d", i%100)))
		mustRecord(t, db, c)
		mustFinish(t, db, missed(c, 4))
	}
}

func callCount(t testing.TB, db *DB) int {
	t.Helper()
	calls, err := db.Calls(time.Time{}, time.Now().Add(time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(calls)
}

func openPath(t testing.TB, path string) *DB {
	t.Helper()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s has mode %o, want %o", path, got, want)
	}
}

func TestABackupTakenWhileCallsArriveIsWholeAndOpens(t *testing.T) {
	db := openTest(t, Options{})
	start := utc(2026, 11, 2, 9, 0)
	withCalls(t, db, start, 50)

	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			c := ringing(start.Add(time.Duration(100+i)*time.Minute), "main", nanp("2125550199"))
			if _, err := db.Record(c); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	dest := filepath.Join(BackupDir(db.Path()), "during-calls.db")
	err := db.Backup(dest)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}

	if err := CheckBackup(dest); err != nil {
		t.Fatalf("the backup does not check: %v", err)
	}
	wantMode(t, dest, 0o600)
	wantMode(t, BackupDir(db.Path()), 0o700)
	copied := openPath(t, dest)
	if n, total := callCount(t, copied), callCount(t, db); n < 50 || n > total {
		t.Errorf("the backup holds %d calls; it should hold the 50 from before and at most the %d there are now", n, total)
	}
	leftovers, _ := filepath.Glob(filepath.Join(BackupDir(db.Path()), ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestBackupsAreListedNewestFirstAndOnlyTheirOwn(t *testing.T) {
	db := openTest(t, Options{})
	dir := BackupDir(db.Path())
	if list, err := Backups(db.Path()); err != nil || len(list) != 0 {
		t.Fatalf("before any backup: %v, %v", list, err)
	}
	morning := time.Date(2020, 3, 14, 9, 30, 0, 0, time.Local)
	made, err := db.DailyBackup(morning, 14)
	if err != nil || made != filepath.Join(dir, "callboard-2020-03-14.db") {
		t.Fatalf("DailyBackup made %q, %v", made, err)
	}
	byHand := []time.Time{morning.Add(2 * time.Hour), morning.Add(5 * time.Hour)}
	for _, at := range byHand {
		if _, err := db.BackupNow(at); err != nil {
			t.Fatal(err)
		}
	}
	// The demo's backups and anything else in the folder are not ours.
	for _, stray := range []string{"callboard-demo-2020-03-15.db", "notes.txt", "callboard-latest.db"} {
		if err := os.WriteFile(filepath.Join(dir, stray), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	list, err := Backups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range list {
		names = append(names, filepath.Base(b.Path))
		if b.Size == 0 {
			t.Errorf("%s has no size", b.Path)
		}
	}
	want := "callboard-2020-03-14-143000.db callboard-2020-03-14-113000.db callboard-2020-03-14.db"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("backups = %s, want %s", got, want)
	}
	if !list[0].Time.Equal(byHand[1]) || list[0].Daily || !list[2].Daily {
		t.Errorf("newest %+v, oldest %+v", list[0], list[2])
	}
}

func TestTheDailyBackupIsMadeOnceADayAndOldOnesArePruned(t *testing.T) {
	db := openTest(t, Options{})
	day := func(d int) time.Time { return time.Date(2020, 1, d, 8, 0, 0, 0, time.Local) }
	if made, err := db.DailyBackup(day(1), 3); err != nil || made == "" {
		t.Fatalf("first day: %q, %v", made, err)
	}
	if made, err := db.DailyBackup(day(1).Add(6*time.Hour), 3); err != nil || made != "" {
		t.Fatalf("same day again: made %q, %v; want nothing", made, err)
	}
	kept, err := db.BackupNow(day(2).Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for d := 2; d <= 10; d++ {
		if _, err := db.DailyBackup(day(d), 3); err != nil {
			t.Fatal(err)
		}
	}
	names := func() string {
		list, err := Backups(db.Path())
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, b := range list {
			out = append(out, filepath.Base(b.Path))
		}
		return strings.Join(out, " ")
	}
	// Day 2's daily backup was not made: the one by hand stood for it.
	want := "callboard-2020-01-10.db callboard-2020-01-09.db callboard-2020-01-08.db " + filepath.Base(kept)
	if got := names(); got != want {
		t.Errorf("after ten days, keeping three:\n got %s\nwant %s", got, want)
	}

	// Callboard left off for weeks, then a backup by hand on its first day
	// back: the newest daily backup stays however old it is.
	if _, err := db.BackupNow(day(30)); err != nil {
		t.Fatal(err)
	}
	if made, err := db.DailyBackup(day(30).Add(time.Hour), 3); err != nil || made != "" {
		t.Fatalf("day 30: made %q, %v", made, err)
	}
	if got := names(); !strings.Contains(got, "callboard-2020-01-10.db") || strings.Contains(got, "callboard-2020-01-09.db") {
		t.Errorf("on day 30: %s", got)
	}
}

func TestALeftoverFromABackupCutShortIsClearedAway(t *testing.T) {
	db := openTest(t, Options{})
	dir := BackupDir(db.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, ".callboard-2020-01-01.db"+tempMarker+"123")
	fresh := filepath.Join(dir, ".callboard-2020-01-02-100000.db"+tempMarker+"456")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("half a backup"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	if err := os.Chtimes(old, now.Add(-2*time.Hour), now.Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DailyBackup(now, 14); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old leftover is still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a backup being written now was deleted: %v", err)
	}
}

// goodBackup is a closed database with calls, and its backup.
func goodBackup(t *testing.T) (dbPath, backup string) {
	t.Helper()
	db := openTest(t, Options{})
	withCalls(t, db, utc(2026, 11, 2, 9, 0), 60)
	backup, err := db.BackupNow(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return db.Path(), backup
}

func TestCheckBackupPassesASoundBackup(t *testing.T) {
	_, backup := goodBackup(t)
	if err := CheckBackup(backup); err != nil {
		t.Fatal(err)
	}
}

func TestCheckBackupRefusesWhatCannotBeRestored(t *testing.T) {
	_, backup := goodBackup(t)
	sound, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(6, 6))
	for i := range garbage {
		garbage[i] = byte(r.Uint32())
	}
	// Every page after the metadata scribbled over, one at a time, in a copy.
	pageSize := os.Getpagesize()
	var scribbled [][]byte
	for off := 2 * pageSize; off+pageSize <= len(sound); off += pageSize {
		b := bytes.Clone(sound)
		copy(b[off:off+pageSize], garbage)
		scribbled = append(scribbled, b)
	}

	cases := map[string]struct {
		content []byte
		want    error
	}{
		"empty":         {nil, ErrCorrupt},
		"random bytes":  {garbage, ErrCorrupt},
		"a text file":   {[]byte("shopping list: milk, eggs"), ErrCorrupt},
		"cut in half":   {sound[:len(sound)/2], ErrCorrupt},
		"cut short":     {sound[:len(sound)-pageSize], ErrCorrupt},
		"another's app": {boltFile(t, "widgets", nil), ErrCorrupt},
		"a bare bolt":   {boltFile(t, "", nil), ErrCorrupt},
		"newer":         {boltFile(t, metaBucket, []byte{0x7f}), ErrNewerSchema},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "backup.db")
			if err := os.WriteFile(path, c.content, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := CheckBackup(path); !errors.Is(err, c.want) {
				t.Errorf("CheckBackup = %v, want %v", err, c.want)
			}
		})
	}
	t.Run("any page scribbled over", func(t *testing.T) {
		passed := 0
		for i, content := range scribbled {
			path := filepath.Join(t.TempDir(), "backup.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			err := CheckBackup(path)
			switch {
			case err == nil:
				passed++ // a free page: nothing to lose
			case !errors.Is(err, ErrCorrupt):
				t.Errorf("page %d: %v, want ErrCorrupt", i+2, err)
			}
		}
		t.Logf("%d of %d damaged copies passed", passed, len(scribbled))
		if passed == len(scribbled) {
			t.Errorf("all %d damaged copies passed", passed)
		}
	})
	if err := CheckBackup(filepath.Join(t.TempDir(), "missing.db")); err == nil || errors.Is(err, ErrCorrupt) {
		t.Errorf("a missing file: %v, want a plain error", err)
	}
}

// boltFile is a bolt file with one bucket (none if name is ""); with a
// schema, the bucket holds it as Callboard's meta does.
func boltFile(t *testing.T, bucket string, schema []byte) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bucket != "" {
		err = b.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucket([]byte(bucket))
			if err != nil {
				return err
			}
			if schema != nil {
				return bk.Put([]byte(schemaKey), schema)
			}
			return bk.Put([]byte("w1"), []byte("blue"))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	_ = b.Close()
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return content
}

func TestRestorePutsTheCurrentDatabaseAsideAndBringsBackTheBackup(t *testing.T) {
	db := openTest(t, Options{})
	withCalls(t, db, utc(2026, 11, 2, 9, 0), 20)
	backup, err := db.BackupNow(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	withCalls(t, db, utc(2026, 11, 3, 9, 0), 5)
	_ = db.Close()
	current, _ := os.ReadFile(db.Path())

	aside, err := Restore(db.Path(), backup)
	if err != nil {
		t.Fatal(err)
	}
	if dir, name := filepath.Split(aside); dir != filepath.Dir(db.Path())+string(filepath.Separator) || !strings.HasPrefix(name, "callboard.db.before-restore-") {
		t.Errorf("put aside as %s", aside)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, current) {
		t.Error("the database put aside is not the one that was in place")
	}
	wantMode(t, db.Path(), 0o600)
	if n := callCount(t, openPath(t, db.Path())); n != 20 {
		t.Errorf("the restored database holds %d calls, want the backup's 20", n)
	}
	if n := callCount(t, openPath(t, aside)); n != 25 {
		t.Errorf("the database put aside holds %d calls, want 25", n)
	}
}

func TestRestoreReplacesADamagedOrMissingDatabase(t *testing.T) {
	dbPath, backup := goodBackup(t)
	damaged := []byte("shopping list: milk, eggs")
	if err := os.WriteFile(dbPath, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	aside, err := Restore(dbPath, backup)
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, damaged) {
		t.Error("the damaged file was not kept")
	}
	if n := callCount(t, openPath(t, dbPath)); n != 60 {
		t.Errorf("restored %d calls, want 60", n)
	}

	missing := filepath.Join(t.TempDir(), "new", "callboard.db")
	aside, err = Restore(missing, backup)
	if err != nil || aside != "" {
		t.Fatalf("restore to a missing database: %q, %v", aside, err)
	}
	wantMode(t, filepath.Dir(missing), 0o700)
	if n := callCount(t, openPath(t, missing)); n != 60 {
		t.Errorf("restored %d calls, want 60", n)
	}
}

func TestAFailedRestoreChangesNothing(t *testing.T) {
	dbPath, backup := goodBackup(t)
	content, _ := os.ReadFile(backup)
	if err := os.WriteFile(backup, content[:len(content)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(dbPath)
	entries, _ := os.ReadDir(filepath.Dir(dbPath))

	if _, err := Restore(dbPath, backup); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("restoring half a backup: %v, want ErrCorrupt", err)
	}
	if after, _ := os.ReadFile(dbPath); !bytes.Equal(before, after) {
		t.Error("the database was changed")
	}
	if now, _ := os.ReadDir(filepath.Dir(dbPath)); len(now) != len(entries) {
		t.Errorf("the folder held %d files, now %d", len(entries), len(now))
	}
}

func TestRestoreRefusesADatabaseInUse(t *testing.T) {
	db := openTest(t, Options{})
	backup, err := db.BackupNow(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(db.Path(), backup); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("restore over an open database: %v, want ErrAlreadyRunning", err)
	}
}

func TestBackupSettingsKeepTwoWeeksUntilChanged(t *testing.T) {
	db := openTest(t, Options{})
	s, err := db.BackupSettings()
	if err != nil || s != (BackupSettings{KeepDays: 14}) {
		t.Fatalf("fresh: %+v, %v", s, err)
	}
	if err := db.SaveBackupSettings(BackupSettings{KeepDays: 30, Off: true}); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.BackupSettings(); s != (BackupSettings{KeepDays: 30, Off: true}) {
		t.Errorf("saved: %+v", s)
	}
	if shop, err := db.Settings(); err != nil || shop.Region != "US" {
		t.Errorf("the shop's settings beside them: %+v, %v", shop, err)
	}
}

// BenchmarkMillionBackup measures Back up now and the check before a
// restore on the million-call database (see millionDB):
//
//	go test ./storage -run '^$' -bench MillionBackup -benchtime 3x
func BenchmarkMillionBackup(b *testing.B) {
	db := millionDB(b, false)
	dest := filepath.Join(b.TempDir(), "backup.db")
	b.Run("backup", func(b *testing.B) {
		for b.Loop() {
			if err := db.Backup(dest); err != nil {
				b.Fatal(err)
			}
		}
		if info, err := os.Stat(dest); err == nil {
			b.SetBytes(info.Size())
		}
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			if err := CheckBackup(dest); err != nil {
				b.Fatal(err)
			}
		}
	})
}
