package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/asdine/storm/v3"
	bolt "go.etcd.io/bbolt"
)

// Backups are whole copies of the database in a "backups" folder beside it,
// named after the database and the moment they were made:
//
//	callboard-2026-11-28.db         the day's automatic backup
//	callboard-2026-11-28-093000.db  one made with Back up now
//
// The names use the computer's clock, since they are for the person at it.
// Automatic backups are pruned after the days the shop chose to keep them
// (never the newest one); backups made by hand are the shop's own and
// Callboard never deletes them.
const (
	backupFolder  = "backups"
	dailyLayout   = "2006-01-02"
	manualLayout  = "2006-01-02-150405"
	asideLayout   = "20060102-150405"
	tempMarker    = ".tmp-"
	staleTempFile = time.Hour
)

// DefaultKeepDays is how long daily backups are kept unless the shop says.
const DefaultKeepDays = 14

// BackupFile is one backup on disk.
type BackupFile struct {
	Path string
	// Time is when it was made: from its name, with the file's own time of
	// day for a daily backup.
	Time time.Time
	Size int64
	// Daily backups are made by Callboard and pruned; the others were made
	// with Back up now and are kept until the shop deletes them.
	Daily bool
}

// BackupDir is the folder that holds the backups of the database at dbPath.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), backupFolder)
}

// backupPrefix keeps the demo database's backups apart from the shop's:
// "callboard-" never parses a "callboard-demo-…" name as a date.
func backupPrefix(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-"
}

// Backups lists the backups of the database at dbPath, newest first. No
// folder yet means no backups.
func Backups(dbPath string) ([]BackupFile, error) {
	entries, err := os.ReadDir(BackupDir(dbPath))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list the backups: %w", err)
	}
	prefix := backupPrefix(dbPath)
	var out []BackupFile
	for _, e := range entries {
		name := e.Name()
		stamp, ok := strings.CutPrefix(name, prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		stamp, ok = strings.CutSuffix(stamp, ".db")
		if !ok {
			continue
		}
		b := BackupFile{Path: filepath.Join(BackupDir(dbPath), name)}
		info, err := e.Info()
		if err != nil {
			continue // deleted meanwhile
		}
		b.Size = info.Size()
		if t, err := time.ParseInLocation(manualLayout, stamp, time.Local); err == nil {
			b.Time = t
		} else if t, err := time.ParseInLocation(dailyLayout, stamp, time.Local); err == nil {
			b.Time, b.Daily = t, true
			if mod := info.ModTime().In(time.Local); dayKey(mod) == dayKey(t) {
				b.Time = mod
			}
		} else {
			continue
		}
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b BackupFile) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return out, nil
}

// Backup writes a consistent copy of the database to dest while it stays
// open for calls: one read transaction sees the file as of one moment, and
// writers carry on beside it. The copy appears at dest whole or not at all.
func (db *DB) Backup(dest string) error {
	if mustAbs(dest) == mustAbs(db.path) {
		return fmt.Errorf("a backup cannot replace the database itself")
	}
	err := writeAtomically(dest, func(f *os.File) error {
		return db.store.Bolt.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f)
			return err
		})
	})
	if err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	return nil
}

func mustAbs(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	return abs
}

// writeAtomically fills a private temporary file in dest's folder, makes it
// durable, then renames it over dest, so that a crash or a full disk never
// leaves half a file under a name Callboard would trust.
func writeAtomically(dest string, fill func(*os.File) error) (err error) {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	// CreateTemp makes the file 0600: readable by the user only.
	f, err := os.CreateTemp(dir, "."+filepath.Base(dest)+tempMarker+"*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err := fill(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), dest); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable where the platform allows it (not on
// Windows, where a folder cannot be opened for syncing); at worst the
// rename is lost in a power cut and the old name stays.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// BackupNow makes a backup by hand, kept until the shop deletes it, and
// returns its path. Two in the same second are one.
func (db *DB) BackupNow(now time.Time) (string, error) {
	path := filepath.Join(BackupDir(db.path), backupPrefix(db.path)+now.In(time.Local).Format(manualLayout)+".db")
	return path, db.Backup(path)
}

// DailyBackup makes today's backup unless one exists already (one made by
// hand counts), then deletes the daily backups older than keepDays days,
// today included, except the newest one, so a Callboard left off for a
// month still has its last backup. It returns the backup made, or "".
func (db *DB) DailyBackup(now time.Time, keepDays int) (made string, err error) {
	now = now.In(time.Local)
	list, err := Backups(db.path)
	if err != nil {
		return "", err
	}
	if !slices.ContainsFunc(list, func(b BackupFile) bool { return dayKey(b.Time) == dayKey(now) }) {
		path := filepath.Join(BackupDir(db.path), backupPrefix(db.path)+now.Format(dailyLayout)+".db")
		if err := db.Backup(path); err != nil {
			return "", err
		}
		made = path
		if list, err = Backups(db.path); err != nil {
			return made, err
		}
	}
	return made, prune(BackupDir(db.path), list, now, keepDays)
}

// prune deletes the daily backups past keeping, and what a backup cut short
// by a crash left behind.
func prune(dir string, list []BackupFile, now time.Time, keepDays int) error {
	y, m, d := now.Date()
	cutoff := time.Date(y, m, d-max(keepDays, 1)+1, 0, 0, 0, 0, time.Local)
	var errs []error
	newestDaily := true
	for _, b := range list {
		if !b.Daily {
			continue
		}
		if !newestDaily && b.Time.Before(cutoff) {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
		newestDaily = false
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") || !strings.Contains(e.Name(), tempMarker) {
			continue
		}
		// Not one being written right now by Back up now.
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleTempFile {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return errors.Join(errs...)
}

// CheckBackup opens a file read-only and makes sure it is a whole, sound
// Callboard database that this Callboard can open: errors wrap ErrCorrupt
// (damaged, cut short, someone else's file) or ErrNewerSchema. It reads
// every page, so it takes a few seconds for a large database.
func CheckBackup(path string) (err error) {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("read the backup: %w", err)
	}
	if info.Size() == 0 {
		return corrupt(path, errors.New("the file is empty"))
	}
	// A damaged file can point bolt past its end, into memory the system
	// refuses to read: that becomes a panic here rather than a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = corrupt(path, fmt.Errorf("%v", r))
		}
	}()
	// The free list is read now, on this goroutine, rather than inside
	// tx.Check's own, where a panic could not be caught.
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockTimeout, PreLoadFreelist: true})
	if err != nil {
		if aboutContent(err) {
			return corrupt(path, err)
		}
		return fmt.Errorf("read the backup %s: %w", path, err)
	}
	defer b.Close()
	if err := checkContents(path, b); err != nil {
		return err
	}
	return b.View(func(tx *bolt.Tx) error {
		if tx.Size() > info.Size() {
			return corrupt(path, fmt.Errorf("cut short: %d of %d bytes", info.Size(), tx.Size()))
		}
		meta := tx.Bucket([]byte(metaBucket))
		if meta == nil || meta.Get([]byte(schemaKey)) == nil {
			return corrupt(path, errors.New("it holds no Callboard data"))
		}
		// Reading every record first means tx.Check, which runs on a
		// goroutine of its own, meets no page this one could not read.
		if err := readAll(tx); err != nil {
			return corrupt(path, err)
		}
		var problems []error
		for err := range tx.Check() {
			problems = append(problems, err) // read to the end: Check stops when drained
		}
		if len(problems) > 0 {
			return corrupt(path, fmt.Errorf("%d problems, the first: %w", len(problems), problems[0]))
		}
		return nil
	})
}

// readAll touches every key and value of every bucket.
func readAll(tx *bolt.Tx) error {
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v != nil {
				return nil
			}
			child := b.Bucket(k)
			if child == nil {
				return fmt.Errorf("bucket %q cannot be read", k)
			}
			return walk(child)
		})
	}
	return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) })
}

// Restore replaces the database at dbPath with a backup, which must be
// closed: no Callboard may have it open. The backup is checked first, and
// nothing is touched if it fails. The database in place, if any, is kept
// beside it as <name>.before-restore-<date>-<time>, whose path is returned:
// Restore never deletes a database, even a damaged one.
func Restore(dbPath, backupPath string) (asidePath string, err error) {
	if err := CheckBackup(backupPath); err != nil {
		return "", err
	}
	// inspect takes the lock a running Callboard holds, and does not mind
	// a damaged file: that is what one restores over.
	if err := inspect(dbPath); errors.Is(err, ErrAlreadyRunning) {
		return "", err
	}
	src, err := os.Open(backupPath)
	if err != nil {
		return "", fmt.Errorf("read the backup: %w", err)
	}
	defer src.Close()
	// The copy is made whole under a temporary name before the database in
	// place is moved, so a full disk leaves everything as it was.
	err = writeAtomically(dbPath, func(f *os.File) error {
		if _, err := io.Copy(f, src); err != nil {
			return fmt.Errorf("copy the backup: %w", err)
		}
		if err := f.Sync(); err != nil {
			return fmt.Errorf("copy the backup: %w", err)
		}
		if _, err := os.Lstat(dbPath); err == nil {
			asidePath = freeName(dbPath + ".before-restore-" + time.Now().Format(asideLayout))
			if err := os.Rename(dbPath, asidePath); err != nil {
				asidePath = ""
				return fmt.Errorf("put the current database aside: %w", err)
			}
		}
		return nil
	})
	if err != nil && asidePath != "" {
		// The backup did not take the database's place: put it back.
		if berr := os.Rename(asidePath, dbPath); berr != nil {
			return asidePath, fmt.Errorf("restore: %w; the database is now %s", err, asidePath)
		}
		asidePath = ""
	}
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	return asidePath, nil
}

// freeName is path, or path-2, path-3… if that is taken.
func freeName(path string) string {
	name := path
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d", path, i)
	}
}

// BackupSettings say whether and how long Callboard keeps daily backups.
// They live in the database, so a restored backup brings its own.
type BackupSettings struct {
	// KeepDays: daily backups are deleted after this many days (today
	// counts); zero means DefaultKeepDays.
	KeepDays int
	// Off stops the daily backup. Back up now still works.
	Off bool
}

func (s *BackupSettings) fields() []any { return []any{&s.KeepDays, &s.Off} }

const backupSettingsKey = "backups"

// BackupSettings returns the saved backup settings, KeepDays defaulted.
func (db *DB) BackupSettings() (BackupSettings, error) {
	var s BackupSettings
	err := db.store.Get(settingsBucket, backupSettingsKey, &s)
	if err != nil && !errors.Is(err, storm.ErrNotFound) {
		return BackupSettings{}, fmt.Errorf("read the backup settings: %w", err)
	}
	if s.KeepDays <= 0 {
		s.KeepDays = DefaultKeepDays
	}
	return s, nil
}

// SaveBackupSettings replaces the backup settings.
func (db *DB) SaveBackupSettings(s BackupSettings) error {
	if err := db.store.Set(settingsBucket, backupSettingsKey, &s); err != nil {
		return fmt.Errorf("save the backup settings: %w", err)
	}
	return nil
}
