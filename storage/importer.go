package storage

import (
	"fmt"
	"slices"

	"github.com/callboard-app/callboard/callerid"
)

// importBatch: calls per transaction. Each commit is an fsync (~1 ms), so a
// call at a time would be bound by the disk; a few thousand keep a
// transaction's dirty pages small.
const importBatch = 5000

// ImportCalls stores finished calls in bulk (the demo's history, a move
// from another tool), with their attribution, callers and day rollups
// exactly as Record and Finish would have made them. They are taken oldest
// first, so that each caller's first call is the first counted. Each batch
// is one transaction that reads the lines and campaigns once and writes
// each day and caller it touched once.
func (db *DB) ImportCalls(calls []callerid.Call) error {
	sorted := slices.Clone(calls)
	slices.SortStableFunc(sorted, func(a, b callerid.Call) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	for start := 0; start < len(sorted); start += importBatch {
		batch := sorted[start:min(start+importBatch, len(sorted))]
		err := db.update(func(t *txn) error {
			for _, c := range batch {
				if c.Ended.IsZero() {
					return fmt.Errorf("import call %d: it has not ended", c.ID)
				}
				if _, err := t.save(c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("import calls (the first %d are saved): %w", start, err)
		}
	}
	return nil
}
