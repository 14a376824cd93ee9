package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/asdine/storm/v3"
	"github.com/vmihailenco/msgpack/v5"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// currentSchema is the layout this code writes. A release that changes the
// meaning of stored data raises it and migrates older files on Open.
//
//  1. calls by month, callers, day rollups.
//  2. attribution, spam and values on the calls; per-caller call lists;
//     day rollups by line, campaign, hour, place and caller (rebuilt from
//     the calls on the first Open, see rebuild).
//  3. shorter records: a call's Raw as its layout's number, callers'
//     copied fields as nil, a one-call caller's list empty (this code reads
//     either form; see migrate).
const currentSchema = 3

// lockTimeout is how long Open waits for another Callboard to let go of the
// file before saying it is already running, rather than hanging.
const lockTimeout = time.Second

// Buckets at the root of the file.
const (
	metaBucket     = "meta"
	callsBucket    = "calls"
	callersBucket  = "callers"
	daysBucket     = "days"
	settingsBucket = "settings"
	schemaKey      = "schema"
)

var (
	// ErrAlreadyRunning: another Callboard holds the database.
	ErrAlreadyRunning = errors.New("callboard is already running")
	// ErrCorrupt: the file is not a Callboard database, or is damaged.
	// Open leaves such a file exactly as it found it.
	ErrCorrupt = errors.New("not a Callboard database or damaged")
	// ErrNewerSchema: a newer Callboard wrote the file; this one must not
	// touch it.
	ErrNewerSchema = errors.New("database written by a newer Callboard")
	// ErrNotFound: no such record. It is storm's, so errors.Is works with
	// either name.
	ErrNotFound = storm.ErrNotFound
)

// Options tune Open.
type Options struct {
	// Location is the shop's time zone: the days and hours of the rollups
	// are its local time. Default time.Local. Changing it for an existing
	// database leaves the days already rolled up as they were.
	Location *time.Location
}

// DB is the shop's database. All its methods are safe for concurrent use:
// bolt runs one writer at a time beside any number of readers, and every
// method is one transaction.
type DB struct {
	store *storm.DB
	path  string
	loc   *time.Location
	// now is the clock that says how far a running campaign has got, for
	// its cost; tests stop it.
	now func() time.Time
	// keptRules are the lines and campaigns last read (see txn.attribution).
	keptRules atomic.Pointer[rules]
}

// Open opens the database at path, creating the folder (0700) and the file
// (0600) if needed.
func Open(path string, opts Options) (*DB, error) {
	loc := opts.Location
	if loc == nil {
		loc = time.Local
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the folder for the database: %w", err)
	}
	// Look before writing: storm.Open stamps its own version into any bolt
	// file it opens, and on Windows bolt grows a file while mapping it.
	if err := inspect(path); err != nil {
		return nil, err
	}
	s, err := storm.Open(path,
		storm.BoltOptions(0o600, &bolt.Options{Timeout: lockTimeout}),
		storm.Codec(recordCodec{}))
	if err != nil {
		return nil, openError(path, err)
	}
	// The file grows by 4 MB at a time rather than bolt's 16: a shop's
	// database grows by a few kilobytes a day.
	s.Bolt.AllocSize = 4 << 20
	db := &DB{store: s, path: path, loc: loc, now: time.Now}
	if err := db.claimSchema(); err != nil {
		_ = s.Close()
		return nil, err
	}
	return db, nil
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close releases the file for the next Callboard.
func (db *DB) Close() error { return db.store.Close() }

// inspect opens an existing file read-only and refuses it, unchanged, if it
// is not a Callboard database, is damaged, or was written by a newer one.
func inspect(path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.Size() == 0 {
		// bolt's own first step on a new file; nothing to lose.
		return nil
	}
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockTimeout})
	if err != nil {
		if aboutContent(err) {
			return corrupt(path, err)
		}
		return openError(path, err)
	}
	defer b.Close()
	return checkContents(path, b)
}

// aboutContent tells, of bolt failing to open a file, whether the file's
// content is at fault: past the lock and the operating system, whatever
// bolt dislikes is ("file size too small" is not even a variable).
func aboutContent(err error) bool {
	var pathErr *fs.PathError
	var errno syscall.Errno
	return !errors.Is(err, berrors.ErrTimeout) && !errors.As(err, &pathErr) && !errors.As(err, &errno)
}

func checkContents(path string, b *bolt.DB) (err error) {
	// A valid header over damaged pages makes bolt panic on the read.
	defer func() {
		if r := recover(); r != nil {
			err = corrupt(path, fmt.Errorf("%v", r))
		}
	}()
	return b.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte(metaBucket))
		if meta == nil {
			return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
				// storm's own bucket alone is a first Open cut short.
				if !strings.HasPrefix(string(name), "__storm") {
					return corrupt(path, errors.New("it holds no Callboard data"))
				}
				return nil
			})
		}
		raw := meta.Get([]byte(schemaKey))
		if raw == nil {
			return nil
		}
		var v int
		if err := msgpack.Unmarshal(raw, &v); err != nil {
			return corrupt(path, fmt.Errorf("schema: %w", err))
		}
		if v > currentSchema {
			return newerSchema(path, v)
		}
		return nil
	})
}

// claimSchema stamps a new file with the current schema, checks an old one
// again now that this process holds the lock, and brings an older one up
// to date in the same transaction.
func (db *DB) claimSchema() error {
	return db.update(func(t *txn) error {
		n := db.store.WithTransaction(t.tx)
		var v int
		err := n.Get(metaBucket, schemaKey, &v)
		switch {
		case errors.Is(err, storm.ErrNotFound):
		case err != nil:
			return fmt.Errorf("read the data version: %w", err)
		case v > currentSchema:
			return newerSchema(db.path, v)
		case v == currentSchema:
			return nil
		default:
			if err := t.migrate(v); err != nil {
				return fmt.Errorf("update the data from version %d: %w", v, err)
			}
		}
		return n.Set(metaBucket, schemaKey, currentSchema)
	})
}

// pathError gives the shop a sentence to read while errors.Is still finds
// both the package's sentinel and bolt's cause.
type pathError struct {
	msg  string
	errs []error
}

func (e *pathError) Error() string   { return e.msg }
func (e *pathError) Unwrap() []error { return e.errs }

func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return &pathError{
			msg:  fmt.Sprintf("Callboard is already running (database %s is in use)", path),
			errs: []error{ErrAlreadyRunning, err},
		}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch):
		return corrupt(path, err)
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

func corrupt(path string, cause error) error {
	return &pathError{
		msg:  fmt.Sprintf("%s is not a Callboard database or is damaged; it was not changed (%v)", path, cause),
		errs: []error{ErrCorrupt, cause},
	}
}

func newerSchema(path string, v int) error {
	return &pathError{
		msg: fmt.Sprintf("%s was written by a newer Callboard (data version %d, this one reads up to %d); "+
			"update Callboard to open it", path, v, currentSchema),
		errs: []error{ErrNewerSchema},
	}
}
