package storage

import (
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

func TestACallCutOffByACrashIsClosedAsUnknownOnTheNextStart(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	path := db.Path()
	done := ringing(utc(2026, 11, 3, 9, 0), "1", nanp("2125550147"))
	mustRecord(t, db, done)
	mustFinish(t, db, answered(done, time.Minute))
	cut := ringing(utc(2026, 11, 3, 9, 15), "1", nanp("2125550199"))
	mustRecord(t, db, cut)
	_ = db.Close() // killed mid-ring

	db, err := Open(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	closed, err := db.CloseInterrupted()
	if err != nil {
		t.Fatal(err)
	}
	if len(closed) != 1 || closed[0].ID != cut.ID {
		t.Fatalf("closed %+v, want only the call cut off (%d)", closed, cut.ID)
	}
	got, err := db.Call(cut.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Outcome != callerid.OutcomeUnknown || got.Exact || !got.Ended.Equal(cut.Known) {
		t.Errorf("cut-off call = outcome %q exact %v ended %v; want unknown, estimate, ended at its caller ID %v",
			got.Outcome, got.Exact, got.Ended, cut.Known)
	}
	if day, _ := db.Day(cut.Started); day.Calls != 2 {
		t.Errorf("day counts %d calls, want both", day.Calls)
	}
	if again, err := db.CloseInterrupted(); err != nil || len(again) != 0 {
		t.Errorf("second start closed %v (%v), want nothing", again, err)
	}
	if c := mustCaller(t, db, cut.Number.Key()); c.Calls != 1 {
		t.Errorf("caller counts %d calls, want 1", c.Calls)
	}
}

func TestAFileFromBeforeTheRingingListIsSearchedOnce(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	path := db.Path()
	cut := ringing(utc(2026, 10, 30, 17, 0), "1", nanp("2125550199"))
	mustRecord(t, db, cut)
	// An older Callboard kept no ringing list.
	if err := db.store.Bolt.Update(func(tx *bolt.Tx) error {
		return tx.DeleteBucket([]byte(ringingBucket))
	}); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()

	db, err := Open(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	closed, err := db.CloseInterrupted()
	if err != nil || len(closed) != 1 || closed[0].ID != cut.ID {
		t.Fatalf("closed %+v (%v), want the call left ringing", closed, err)
	}
}
