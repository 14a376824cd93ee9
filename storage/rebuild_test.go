package storage

import (
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A database of schema 1 has calls and callers but neither the new rollup
// fields nor the callers' call lists; opening it rebuilds both.
func TestOpeningAnOlderDatabaseRebuildsTheRollups(t *testing.T) {
	start := utc(2026, 1, 31, 6, 0)
	db := openTest(t, Options{Location: time.UTC})
	if err := db.ImportCalls(history(300, 30, start, 7)); err != nil {
		t.Fatal(err)
	}
	end := start.Add(3 * 24 * time.Hour)
	want, _ := db.Days(start, end)
	err := db.store.Bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{daysBucket, callerCallsBucket} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return db.store.WithTransaction(tx).Set(metaBucket, schemaKey, 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	_ = db.Close()

	db, err = Open(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.store.Get(metaBucket, schemaKey, &v); err != nil || v != currentSchema {
		t.Errorf("schema = %d, %v", v, err)
	}
	got, _ := db.Days(start, end)
	if !reflect.DeepEqual(got, want) || want[0].Calls == 0 {
		t.Errorf("rebuilt days\n %+v\nwant\n %+v", got, want)
	}
	// The call lists are back: flagging a caller takes all their calls out.
	key := nanp("2125550007").Key()
	c := mustCaller(t, db, key)
	if err := db.SetSpam(key, true); err != nil {
		t.Fatal(err)
	}
	rep, err := db.Report(start, end, ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Spam != c.Calls {
		t.Errorf("spam = %d, want the caller's %d calls", rep.Spam, c.Calls)
	}
}
