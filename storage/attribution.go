package storage

import (
	"cmp"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// rules are the tracking lines and campaigns as one transaction reads
// them: a few dozen records, read once and kept for its calls.
type rules struct {
	loc   *time.Location
	lines []TrackingLine
	// onLine lists each line's campaigns, the one that wins an overlap
	// first: the later start, then the higher ID.
	onLine map[int][]campaignRecord
}

func loadRules(tx *bolt.Tx, loc *time.Location) (*rules, error) {
	lines, err := readLines(tx)
	if err != nil {
		return nil, err
	}
	campaigns, err := readCampaigns(tx)
	if err != nil {
		return nil, err
	}
	r := &rules{loc: loc, lines: lines, onLine: map[int][]campaignRecord{}}
	slices.SortFunc(campaigns, func(a, b campaignRecord) int {
		return cmp.Or(cmp.Compare(b.Start, a.Start), cmp.Compare(b.ID, a.ID))
	})
	for _, c := range campaigns {
		for _, l := range c.Lines {
			r.onLine[l] = append(r.onLine[l], c)
		}
	}
	return r, nil
}

// attribute sets the call's tracking line and, for a call that came in,
// the campaign running on that line on the shop's day the call rang.
func (r *rules) attribute(rec *callRecord) {
	rec.LineID, rec.CampaignID = matchLine(r.lines, rec), 0
	if rec.LineID == 0 || rec.Outbound {
		return
	}
	day := callDay(rec.Started, r.loc)
	for _, c := range r.onLine[rec.LineID] {
		if c.Start <= day && day <= c.lastDay() {
			rec.CampaignID = c.ID
			return
		}
	}
}

// reattribute attributes again, under the rules as they are now, the calls
// in [lo, hi) (UTC nanoseconds) for which touches says a change is
// possible, and moves each call that changed in its day and caller.
func (t *txn) reattribute(lo, hi int64, touches func(*callRecord) bool) error {
	t.changingRules()
	rules, err := t.attribution()
	if err != nil {
		return err
	}
	type change struct {
		id       int64
		old, rec callRecord
	}
	var changed []change
	return forEachMonth(t.tx, lo, hi, func(id int64, r *callRecord) error {
		if !touches(r) {
			return nil
		}
		rec := *r
		rules.attribute(&rec)
		if rec.LineID != r.LineID || rec.CampaignID != r.CampaignID {
			changed = append(changed, change{id, *r, rec})
		}
		return nil
	}, func() error {
		for i := range changed {
			c := &changed[i]
			if err := t.replace(c.id, &c.old, &c.rec); err != nil {
				return err
			}
		}
		changed = changed[:0]
		return nil
	})
}
