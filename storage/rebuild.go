package storage

import (
	"errors"
	"math"

	berrors "go.etcd.io/bbolt/errors"
)

// migrate brings a database of an older schema up to this one, in the
// transaction that claims it (see claimSchema):
//
//   - from 1: everything derived from the calls is made again (rebuild);
//   - from 2: nothing. Schema 3 only writes records shorter (a call's Raw
//     as the number of its layout, a caller's copied fields as nil, a
//     one-call caller's list empty; see size_raw.go, size_callers.go and
//     callerbook.go), and this code reads both forms: the records of
//     schema 2 stay as they are until they are next written. The new
//     number keeps a Callboard of schema 2 out, which cannot read them.
func (t *txn) migrate(from int) error {
	if from < 2 {
		return t.rebuild()
	}
	return nil
}

// rebuild makes everything that is derived from the calls again from the
// calls: the day rollups and the callers' call lists, and each call's
// attribution under the current lines and campaigns. It is how a database
// of an older schema gets the rollups this one reads (about 5 s for a
// million calls, once). Caller records are kept: they carry what the calls
// do not (the spam flag).
func (t *txn) rebuild() error {
	for _, name := range []string{daysBucket, callerCallsBucket} {
		if err := t.tx.DeleteBucket([]byte(name)); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
	}
	rules, err := t.attribution()
	if err != nil {
		return err
	}
	type change struct {
		id       int64
		old, rec callRecord
	}
	var changed []change
	err = forEachMonth(t.tx, 0, math.MaxInt64, func(id int64, r *callRecord) error {
		rec := *r
		rules.attribute(&rec)
		if key := rec.callerKey(); key != "" {
			c, err := t.callers.get(key)
			if err != nil {
				return err
			}
			rec.Spam = c.rec.Spam
			if err := t.callers.addCall(key, id); err != nil {
				return err
			}
		}
		if rec != *r {
			// Written after the month's walk, with its day part: see below.
			changed = append(changed, change{id, *r, rec})
			return nil
		}
		if rec.finished() {
			return t.days.add(&rec, +1)
		}
		return nil
	}, func() error {
		for i := range changed {
			c := &changed[i]
			// The day never held the old version: add the new one only.
			if err := t.replace(c.id, nil, &c.rec); err != nil {
				return err
			}
		}
		changed = changed[:0]
		return nil
	})
	if err != nil {
		return err
	}
	// An older database has no callback worklist yet: make it from the
	// missed calls, as if it had been kept all along.
	return t.rebuildWorklist()
}
