package storage

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/vmihailenco/msgpack/v5"
	bolt "go.etcd.io/bbolt"
)

const campaignsBucket = "campaigns"

// Media are the kinds of advertising a campaign can be, in the shop's words.
var Media = []string{"newspaper", "magazine", "flyer", "direct mail", "radio", "TV",
	"billboard", "Google Ads", "website", "directory", "referral", "other"}

// Campaign is one advertisement run on one or more tracking lines between
// two dates. A line can carry one campaign after another; a call belongs
// to the campaign running on its line on the (shop's) day it rang. When
// two campaigns on a line overlap, the one that started later takes the
// calls from its first day, as a new ad replaces an old one (same start:
// the one saved later, the higher ID).
type Campaign struct {
	ID     int
	Name   string
	Medium string // one of Media
	// CostCents is the total cost. With Insertions it is their sum, and
	// a period's cost is the insertions dated in it; without, the total is
	// spread evenly over the campaign's days.
	CostCents  int64
	Insertions []Insertion
	// Start and End are the first and last day (inclusive) in the shop's
	// time zone; only the date counts. A zero End: still running.
	Start, End time.Time
	// Lines are the tracking lines' IDs.
	Lines []int
}

// Insertion is one paid appearance of the ad: a newspaper issue, a flyer
// drop, a week of radio spots.
type Insertion struct {
	Date      time.Time
	CostCents int64
	Note      string
}

// campaignRecord is a campaign as stored; the ID is the key.
type campaignRecord struct {
	ID         int
	Name       string
	Medium     string
	CostCents  int64
	Insertions []insertionRecord
	Start      int // day numbers (see dates.go); End 0: still running
	End        int
	Lines      []int
}

func (c *campaignRecord) fields() []any {
	return []any{&c.Name, &c.Medium, &c.CostCents, &c.Insertions, &c.Start, &c.End, &c.Lines}
}

type insertionRecord struct {
	Day       int
	CostCents int64
	Note      string
}

func (r *insertionRecord) fields() []any { return []any{&r.Day, &r.CostCents, &r.Note} }

// EncodeMsgpack writes an insertion as an array that can grow like a record's.
func (r insertionRecord) EncodeMsgpack(enc *msgpack.Encoder) error {
	return encodeFields(enc, r.fields())
}

// DecodeMsgpack reads what EncodeMsgpack wrote, by any release.
func (r *insertionRecord) DecodeMsgpack(dec *msgpack.Decoder) error {
	return decodeFields(dec, r.fields())
}

// lastDay is the campaign's last day for attribution: far away while it runs.
func (c campaignRecord) lastDay() int {
	if c.End == 0 {
		return math.MaxInt32
	}
	return c.End
}

func (c campaignRecord) campaign(loc *time.Location) Campaign {
	out := Campaign{ID: c.ID, Name: c.Name, Medium: c.Medium, CostCents: c.CostCents,
		Start: dayStart(c.Start, loc), Lines: slices.Clone(c.Lines)}
	if c.End != 0 {
		out.End = dayStart(c.End, loc)
	}
	for _, in := range c.Insertions {
		out.Insertions = append(out.Insertions, Insertion{Date: dayStart(in.Day, loc), CostCents: in.CostCents, Note: in.Note})
	}
	return out
}

// record checks a campaign the shop entered and turns it into its stored form.
func (c Campaign) record(lines []TrackingLine) (campaignRecord, error) {
	r := campaignRecord{ID: c.ID, Name: strings.TrimSpace(c.Name), CostCents: c.CostCents}
	if r.Name == "" {
		return r, errors.New("a campaign needs a name")
	}
	i := slices.IndexFunc(Media, func(m string) bool { return strings.EqualFold(m, strings.TrimSpace(c.Medium)) })
	if i < 0 {
		return r, fmt.Errorf("campaign %s: %q is not a medium (%s)", r.Name, c.Medium, strings.Join(Media, ", "))
	}
	r.Medium = Media[i]
	if c.Start.IsZero() {
		return r, fmt.Errorf("campaign %s: it needs a start date", r.Name)
	}
	r.Start = dayNumber(c.Start)
	if r.Start <= 0 {
		return r, fmt.Errorf("campaign %s: it cannot start before 1970", r.Name)
	}
	if !c.End.IsZero() {
		r.End = dayNumber(c.End)
		if r.End < r.Start {
			return r, fmt.Errorf("campaign %s ends before it starts", r.Name)
		}
	}
	if len(c.Insertions) > 0 {
		r.CostCents = 0
		for _, in := range c.Insertions {
			if in.Date.IsZero() {
				return r, fmt.Errorf("campaign %s: an insertion needs its date", r.Name)
			}
			r.CostCents += in.CostCents
			r.Insertions = append(r.Insertions, insertionRecord{Day: dayNumber(in.Date), CostCents: in.CostCents, Note: in.Note})
		}
		slices.SortStableFunc(r.Insertions, func(a, b insertionRecord) int { return a.Day - b.Day })
	}
	if r.CostCents < 0 {
		return r, fmt.Errorf("campaign %s: a cost cannot be negative", r.Name)
	}
	for _, id := range c.Lines {
		if !slices.ContainsFunc(lines, func(l TrackingLine) bool { return l.ID == id }) {
			return r, fmt.Errorf("campaign %s: tracking line %d: %w", r.Name, id, ErrNotFound)
		}
		if !slices.Contains(r.Lines, id) {
			r.Lines = append(r.Lines, id)
		}
	}
	return r, nil
}

// Campaigns returns every campaign, in ID order.
func (db *DB) Campaigns() ([]Campaign, error) {
	var out []Campaign
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		records, err := readCampaigns(tx)
		for _, c := range records {
			out = append(out, c.campaign(db.loc))
		}
		return err
	})
	return out, err
}

// Campaign returns one campaign; the error wraps ErrNotFound if there is
// none.
func (db *DB) Campaign(id int) (Campaign, error) {
	c := campaignRecord{ID: id}
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		found, err := getRecord(tx.Bucket([]byte(campaignsBucket)), intKey(int64(id)), &c)
		switch {
		case err != nil:
			return fmt.Errorf("read campaign %d: %w", id, err)
		case !found:
			return fmt.Errorf("campaign %d: %w", id, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return Campaign{}, err
	}
	return c.campaign(db.loc), nil
}

func readCampaigns(tx *bolt.Tx) ([]campaignRecord, error) {
	var out []campaignRecord
	b := tx.Bucket([]byte(campaignsBucket))
	if b == nil {
		return out, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		if len(k) != 8 || v == nil {
			return nil
		}
		c := campaignRecord{ID: int(keyInt(k))}
		if err := (recordCodec{}).Unmarshal(v, &c); err != nil {
			return fmt.Errorf("read campaign %d: %w", c.ID, err)
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

func putCampaign(tx *bolt.Tx, c campaignRecord) error {
	b, err := bucketIn(tx, campaignsBucket)
	if err != nil {
		return err
	}
	if err := putRecord(b, intKey(int64(c.ID)), &c); err != nil {
		return fmt.Errorf("save campaign %s: %w", c.Name, err)
	}
	return nil
}

// SaveCampaign adds a campaign (ID 0: it gets the next ID) or replaces one,
// and returns it as saved. The calls it covered before and covers now (its
// lines, its old and new dates) are attributed again, and their days
// corrected, in the same transaction.
func (db *DB) SaveCampaign(c Campaign) (Campaign, error) {
	err := db.update(func(t *txn) error {
		t.changingRules()
		lines, err := readLines(t.tx)
		if err != nil {
			return err
		}
		r, err := c.record(lines)
		if err != nil {
			return err
		}
		b, err := bucketIn(t.tx, campaignsBucket)
		if err != nil {
			return err
		}
		var old campaignRecord
		if r.ID == 0 {
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			r.ID = int(seq)
		} else if found, err := getRecord(b, intKey(int64(r.ID)), &old); err != nil || !found {
			if err == nil {
				err = fmt.Errorf("campaign %d: %w", r.ID, ErrNotFound)
			}
			return err
		}
		if err := putCampaign(t.tx, r); err != nil {
			return err
		}
		c = r.campaign(db.loc)
		return t.reattributeCampaign(old, r)
	})
	return c, err
}

// DeleteCampaign removes a campaign; its calls go to the campaign that ran
// beside it on their line, or to none.
func (db *DB) DeleteCampaign(id int) error {
	return db.update(func(t *txn) error {
		t.changingRules()
		b := bucketAt(t.tx, campaignsBucket)
		var old campaignRecord
		found, err := getRecord(b, intKey(int64(id)), &old)
		if err != nil || !found {
			if err == nil {
				err = fmt.Errorf("campaign %d: %w", id, ErrNotFound)
			}
			return err
		}
		if err := b.Delete(intKey(int64(id))); err != nil {
			return err
		}
		return t.reattributeCampaign(old, campaignRecord{})
	})
}

// reattributeCampaign attributes again the calls on the lines of either
// version of a campaign, between the earliest start and the latest end of
// the two: no other call can change campaign. A zero version (new or
// deleted) adds nothing.
func (t *txn) reattributeCampaign(old, now campaignRecord) error {
	lines := map[int]bool{}
	lo, hi := math.MaxInt, math.MinInt
	for _, c := range []campaignRecord{old, now} {
		if c.Start == 0 {
			continue
		}
		for _, l := range c.Lines {
			lines[l] = true
		}
		lo, hi = min(lo, c.Start), max(hi, c.lastDay())
	}
	if len(lines) == 0 {
		return nil
	}
	from := dayStart(lo, t.db.loc).UnixNano()
	to := int64(math.MaxInt64)
	if hi < math.MaxInt32 {
		to = dayStart(hi+1, t.db.loc).UnixNano()
	}
	return t.reattribute(from, to, func(r *callRecord) bool { return lines[r.LineID] })
}
