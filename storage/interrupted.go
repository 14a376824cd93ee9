package storage

import (
	"errors"
	"fmt"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// A call is saved the moment its caller ID is known and again when it ends.
// If Callboard dies in between (killed, a power cut), the call stays
// unfinished in the file: no outcome, in no day's figures. The ringing
// bucket names those calls, so the next start finds them without walking
// the months, and closes them as "outcome unknown".
const ringingBucket = "ringing"

// trackRinging keeps the ringing bucket equal to the calls saved unfinished.
func (t *txn) trackRinging(id int64, rec *callRecord) error {
	if rec.finished() {
		if b := t.tx.Bucket([]byte(ringingBucket)); b != nil {
			return b.Delete(callKey(id))
		}
		return nil
	}
	b, err := t.tx.CreateBucketIfNotExists([]byte(ringingBucket))
	if err != nil {
		return err
	}
	return b.Put(callKey(id), nil)
}

// CloseInterrupted closes the calls a previous run left ringing: each ends
// when it was last heard of (its caller ID, else its first ring) with the
// outcome unknown, and then counts in its day like any other call. Call it
// once at start, before any line is listened to: while the database is
// open no other Callboard can have a call ringing. It returns the calls it
// closed.
func (db *DB) CloseInterrupted() ([]callerid.Call, error) {
	// Most starts find nothing to close: no write, then.
	idle := false
	if err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(ringingBucket))
		idle = b != nil && b.Stats().KeyN == 0
		return nil
	}); err != nil || idle {
		return nil, err
	}
	var closed []callerid.Call
	err := db.update(func(t *txn) error {
		ids, err := t.ringingIDs()
		if err != nil {
			return err
		}
		for _, id := range ids {
			rec, err := t.load(id)
			if errors.Is(err, ErrNotFound) {
				// Deleted since: nothing to close.
				if err := t.tx.Bucket([]byte(ringingBucket)).Delete(callKey(id)); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			if rec.finished() {
				if err := t.trackRinging(id, &rec); err != nil {
					return err
				}
				continue
			}
			c := rec.call(id)
			c.Ended = c.Known
			if c.Ended.IsZero() {
				c.Ended = c.Started
			}
			c.Outcome, c.Exact = callerid.OutcomeUnknown, false
			if _, err := t.save(c); err != nil {
				return fmt.Errorf("close interrupted call %d: %w", id, err)
			}
			closed = append(closed, c)
		}
		return nil
	})
	return closed, err
}

// ringingIDs are the calls saved unfinished. A file from before the ringing
// bucket is searched once, in its last two months (a call rings for
// minutes, and Callboard started since then would have closed older ones
// had it known them).
func (t *txn) ringingIDs() ([]int64, error) {
	var ids []int64
	if b := t.tx.Bucket([]byte(ringingBucket)); b != nil {
		err := b.ForEach(func(k, _ []byte) error {
			ids = append(ids, keyInt(k))
			return nil
		})
		return ids, err
	}
	calls := t.tx.Bucket([]byte(callsBucket))
	if calls == nil {
		return nil, nil
	}
	c := calls.Cursor()
	months := 0
	for name, v := c.Last(); name != nil && months < 2; name, v = c.Prev() {
		if v != nil {
			continue
		}
		months++
		month := calls.Bucket(name)
		err := month.ForEach(func(k, v []byte) error {
			if v == nil {
				return nil
			}
			var r callRecord
			if err := (recordCodec{}).Unmarshal(v, &r); err != nil {
				return fmt.Errorf("read call %d: %w", keyInt(k), err)
			}
			if !r.finished() {
				ids = append(ids, keyInt(k))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if _, err := t.tx.CreateBucketIfNotExists([]byte(ringingBucket)); err != nil {
		return nil, err
	}
	return ids, nil
}
