package storage

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestSecondOpenSaysAlreadyRunning(t *testing.T) {
	db := openTest(t, Options{})
	_, err := Open(db.Path(), Options{})
	if !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("err = %v, want ErrAlreadyRunning", err)
	}
	want := "Callboard is already running (database " + db.Path() + " is in use)"
	if err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
}

// refusedUnchanged opens path, expects the error target, and checks the
// file was not touched.
func refusedUnchanged(t *testing.T, path string, target error) error {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, Options{})
	if err == nil {
		_ = db.Close()
	}
	if !errors.Is(err, target) {
		t.Fatalf("err = %v, want %v", err, target)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Errorf("the file was changed: %d bytes before, %d after", len(before), len(after))
	}
	return err
}

func TestDamagedFileIsRefusedAndLeftAlone(t *testing.T) {
	garbage := make([]byte, 20000)
	r := rand.New(rand.NewPCG(1, 1))
	for i := range garbage {
		garbage[i] = byte(r.Uint32())
	}
	for name, content := range map[string][]byte{
		"random bytes": garbage,
		"a short note": []byte("shopping list: milk, eggs"),
		"one bad page": garbage[:4096],
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "callboard.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			err := refusedUnchanged(t, path, ErrCorrupt)
			if !strings.Contains(err.Error(), path+" is not a Callboard database or is damaged; it was not changed") {
				t.Errorf("message = %q", err)
			}
		})
	}
}

func TestAnotherAppsBoltFileIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		w, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return w.Put([]byte("w1"), []byte("blue"))
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = b.Close()
	refusedUnchanged(t, path, ErrCorrupt)
}

func TestNewerSchemaIsRefused(t *testing.T) {
	db := openTest(t, Options{})
	if err := db.store.Set(metaBucket, schemaKey, currentSchema+1); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	refusedUnchanged(t, db.Path(), ErrNewerSchema)
}

func TestReopenKeepsTheSchema(t *testing.T) {
	db := openTest(t, Options{})
	_ = db.Close()
	db, err := Open(db.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.store.Get(metaBucket, schemaKey, &v); err != nil || v != currentSchema {
		t.Errorf("schema = %d, %v; want %d", v, err, currentSchema)
	}
}

func TestFileIsPrivateToTheUser(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no unix permissions")
	}
	dir := filepath.Join(t.TempDir(), "data", "callboard")
	db, err := Open(filepath.Join(dir, "callboard.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for path, want := range map[string]os.FileMode{dir: 0o700, db.Path(): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %o, want %o", path, got, want)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG folders are Linux's")
	}
	t.Setenv("XDG_DATA_HOME", "/home/shop/.data")
	got, err := DefaultPath(false)
	if want := "/home/shop/.data/callboard/callboard.db"; got != want || err != nil {
		t.Errorf("DefaultPath(false) = %q, %v; want %q", got, err, want)
	}
	got, _ = DefaultPath(true)
	if want := "/home/shop/.data/callboard/callboard-demo.db"; got != want {
		t.Errorf("DefaultPath(true) = %q, want %q", got, want)
	}

	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/shop")
	got, _ = DefaultPath(false)
	if want := "/home/shop/.local/share/callboard/callboard.db"; got != want {
		t.Errorf("without XDG_DATA_HOME: %q, want %q", got, want)
	}
}
