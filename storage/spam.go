package storage

import "fmt"

// SetSpam flags a caller as spam, or clears the flag. A spam caller's calls
// drop out of every figure: each of their calls is marked and taken out of
// (or put back into) its day's rollup in the same transaction, found
// through the caller's list of call IDs, so the cost is the caller's calls,
// not the database's. Their calls stay in the log, marked, and each day
// keeps the count of spam calls per line for the line's noise baseline.
func (db *DB) SetSpam(key string, spam bool) error {
	return db.update(func(t *txn) error {
		c, err := t.callers.get(key)
		if err != nil {
			return err
		}
		if !c.found {
			return fmt.Errorf("caller %s: %w", key, ErrNotFound)
		}
		if c.rec.Spam == spam {
			return nil
		}
		c.rec.Spam, c.dirty = spam, true
		list, err := t.callers.calls(key)
		if err != nil {
			return err
		}
		for _, id := range list.ids {
			old, err := t.load(id)
			if err != nil {
				return fmt.Errorf("calls of caller %s: %w", key, err)
			}
			rec := old
			rec.Spam = spam
			if err := t.replace(id, &old, &rec); err != nil {
				return err
			}
		}
		return nil
	})
}
