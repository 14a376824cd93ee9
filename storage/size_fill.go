package storage

import bolt "go.etcd.io/bbolt"

// bolt splits a full page in two halves, which suits keys that arrive in
// any order but leaves half of every page empty where keys only ever
// arrive at the end. These buckets are keyed by time, so a write
// transaction packs their pages (as calls/<month> does, callFillPercent):
// the missed calls waiting or resolved (keyed by call ID) and the day
// rollups (keyed by date). Keyed by caller, the callers and their lists
// keep bolt's halves.
var appendOnly = [][]string{
	{worklistBucket, recentWork},
	{worklistBucket, doneWork},
	{worklistBucket, unreachable},
	{daysBucket},
}

// appendFillPercent leaves a little room in each page for a record that
// grows later: a resolved item's callbacks, a day's late calls.
const appendFillPercent = 0.95

// packAppendOnly sets the fill of the append-only buckets for the rest of
// the transaction. It must run before the commit, which is when bolt
// splits pages; bolt keeps one Bucket per name in a write transaction, so
// the setting holds for whatever code wrote to them.
func packAppendOnly(tx *bolt.Tx) {
	for _, path := range appendOnly {
		if b := bucketAt(tx, path...); b != nil {
			b.FillPercent = appendFillPercent
		}
	}
}
