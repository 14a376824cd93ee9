package storage

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// txn is one write transaction and what it has gathered so far: the day
// rollups and caller records it changed, written once each at the end
// (an import touches a day or a regular caller hundreds of times), and the
// attribution rules, read once.
type txn struct {
	db      *DB
	tx      *bolt.Tx
	days    *dayBook
	callers *callerBook
	rules   *rules
	// changesRules: the transaction writes lines or campaigns, so what it
	// reads of them must not outlive it.
	changesRules bool
	// changed are the calls written, for the log cache (changedCall).
	changed []int64
}

// update runs fn in a write transaction and then writes what it changed.
func (db *DB) update(fn func(*txn) error) error {
	return db.store.Bolt.Update(func(tx *bolt.Tx) error {
		t := &txn{db: db, tx: tx}
		t.days = newDayBook(tx, db.loc)
		t.callers = newCallerBook(tx)
		if err := fn(t); err != nil {
			return err
		}
		if err := t.callers.flush(); err != nil {
			return err
		}
		t.afterCommit()
		return t.days.flush()
	})
}

// attribution returns the tracking lines and campaigns as this transaction
// sees them. Between changes they are the same for every call, so the last
// ones read are kept on the DB: write transactions run one at a time, and
// one that changes the rules drops the kept ones before anything else can
// read them (see changingRules).
func (t *txn) attribution() (*rules, error) {
	if t.rules != nil {
		return t.rules, nil
	}
	if !t.changesRules {
		t.rules = t.db.keptRules.Load()
	}
	if t.rules == nil {
		r, err := loadRules(t.tx, t.db.loc)
		if err != nil {
			return nil, err
		}
		t.rules = r
		if !t.changesRules {
			t.db.keptRules.Store(r)
		}
	}
	return t.rules, nil
}

// changingRules marks a transaction that writes lines or campaigns.
func (t *txn) changingRules() {
	t.changesRules, t.rules = true, nil
	t.db.keptRules.Store(nil)
}

// The records below go in and out of bolt directly, in the layout storm's
// key/value API uses (bucket path, int keys as 8 bytes big-endian, values
// through recordCodec), so that either can read what the other wrote; the
// hot paths spare storm's per-call bucket walk and reflection.

// bucketIn returns the bucket at path, creating it and its parents.
func bucketIn(tx *bolt.Tx, path ...string) (*bolt.Bucket, error) {
	b, err := tx.CreateBucketIfNotExists([]byte(path[0]))
	for _, name := range path[1:] {
		if err != nil {
			break
		}
		b, err = b.CreateBucketIfNotExists([]byte(name))
	}
	if err != nil {
		return nil, fmt.Errorf("bucket %v: %w", path, err)
	}
	return b, nil
}

// bucketAt returns the bucket at path, or nil when there is none.
func bucketAt(tx *bolt.Tx, path ...string) *bolt.Bucket {
	b := tx.Bucket([]byte(path[0]))
	for _, name := range path[1:] {
		if b == nil {
			return nil
		}
		b = b.Bucket([]byte(name))
	}
	return b
}

// getRecord reads key into v; found is false when there is no such key.
func getRecord(b *bolt.Bucket, key []byte, v fielder) (found bool, err error) {
	if b == nil {
		return false, nil
	}
	raw := b.Get(key)
	if raw == nil {
		return false, nil
	}
	return true, recordCodec{}.Unmarshal(raw, v)
}

func putRecord(b *bolt.Bucket, key []byte, v fielder) error {
	raw, err := recordCodec{}.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

// intKey is the key storm makes of an int or int64.
func intKey(id int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(id)) }

func keyInt(k []byte) int64 { return int64(binary.BigEndian.Uint64(k)) }
