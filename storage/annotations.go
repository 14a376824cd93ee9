package storage

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/asdine/storm/v3"
	"github.com/callboard-app/callboard/callerid"
)

// What the staff enter about a call: a note, tags from the owner's list, a
// lead status, a money value, and a corrected outcome. They are kept on
// the call record itself, so that the log filters on them in the same scan
// as on everything else, and a later update from the line (a late end
// record, a corrected caller ID) keeps them.

// LeadStatus is what the staff made of a call as a sales lead.
type LeadStatus uint8

const (
	LeadNotScored LeadStatus = iota
	LeadGood
	LeadNotALead
)

func (l LeadStatus) String() string {
	switch l {
	case LeadGood:
		return "Good lead"
	case LeadNotALead:
		return "Not a lead"
	}
	return "Not scored"
}

// Annotation is everything the staff can enter about one call at once.
type Annotation struct {
	Note string
	// Tags are normally picked from Tags(); any text is kept.
	Tags       []string
	Lead       LeadStatus
	ValueCents int64
}

// Annotate replaces what the staff entered about call id. The value goes
// into its day's rollup, and a note becomes the caller's last note (what
// the pop-up shows) when the call is the caller's newest with a note;
// clearing that note brings back the one before it. Notes about the caller
// rather than a call belong on the contact.
func (db *DB) Annotate(id int64, a Annotation) error {
	if a.Lead > LeadNotALead {
		return fmt.Errorf("annotate call %d: no lead status %d", id, a.Lead)
	}
	return db.update(func(t *txn) error {
		old, err := t.load(id)
		if err != nil {
			return err
		}
		rec := old
		rec.Note = strings.TrimSpace(a.Note)
		rec.Tags = joinTags(a.Tags)
		rec.Lead = int(a.Lead)
		rec.ValueCents = a.ValueCents
		return t.replace(id, &old, &rec)
	})
}

// CorrectOutcome sets the outcome of a call that has ended, as a person
// who knows: it becomes exact and marked as corrected, later updates from
// the line keep it, and the day's figures, the caller's last outcome and
// the callback worklist follow in the same transaction.
func (db *DB) CorrectOutcome(id int64, o callerid.Outcome) error {
	if outcomeCode(o) == 0 {
		return fmt.Errorf("correct call %d: %q is not an outcome a person can give", id, o)
	}
	return db.update(func(t *txn) error {
		old, err := t.load(id)
		if err != nil {
			return err
		}
		if !old.finished() {
			return fmt.Errorf("correct call %d: it has not ended", id)
		}
		rec := old
		rec.Outcome, rec.Exact, rec.OutcomeCorrected = string(o), true, true
		if err := t.replace(id, &old, &rec); err != nil {
			return err
		}
		return t.recountOutcome(id, &old, &rec)
	})
}

// keepEntered carries what the staff entered from the stored call to the
// line's newer version of it.
func (r *callRecord) keepEntered(old *callRecord) {
	r.Note, r.Tags, r.Lead = old.Note, old.Tags, old.Lead
	if old.OutcomeCorrected {
		r.Outcome, r.Exact, r.OutcomeCorrected = old.Outcome, old.Exact, true
	}
}

// followCall brings what hangs off a call into line with its new version
// rec (old: the stored one, nil for a new call): the caller's last note,
// the callback worklist. Save and replace call it after writing the call.
func (t *txn) followCall(id int64, old, rec *callRecord) error {
	if err := t.followNote(id, old, rec); err != nil {
		return err
	}
	return t.followWorklist(id, old, rec, false)
}

// followNote keeps the caller's last note the note of their newest call
// that has one.
func (t *txn) followNote(id int64, old, rec *callRecord) error {
	key := rec.callerKey()
	if old != nil && old.Note != "" {
		if oldKey := old.callerKey(); oldKey != "" && oldKey != key {
			if err := t.refreshLastNote(oldKey, id); err != nil {
				return err
			}
		}
	}
	if key == "" {
		return nil
	}
	c, err := t.callers.get(key)
	if err != nil || !c.found {
		return err
	}
	switch {
	case rec.Note != "" && id >= c.rec.LastNoteCall:
		if c.rec.LastNote != rec.Note || c.rec.LastNoteCall != id {
			c.rec.LastNote, c.rec.LastNoteCall, c.dirty = rec.Note, id, true
		}
	case rec.Note == "" && c.rec.LastNoteCall == id:
		return t.refreshLastNote(key, id)
	}
	return nil
}

// refreshLastNote finds the caller's newest call with a note other than
// call skip, walking their calls newest first.
func (t *txn) refreshLastNote(key string, skip int64) error {
	c, err := t.callers.get(key)
	if err != nil || !c.found {
		return err
	}
	list, err := t.callers.calls(key)
	if err != nil {
		return err
	}
	note, at := "", int64(0)
	for _, id := range slices.Backward(list.ids) {
		if id == skip {
			continue
		}
		r, err := t.load(id)
		if err != nil {
			return err
		}
		if r.Note != "" {
			note, at = r.Note, id
			break
		}
	}
	c.rec.LastNote, c.rec.LastNoteCall, c.dirty = note, at, true
	return nil
}

// recountOutcome brings the caller's last outcome and last answered call
// into line with a corrected call.
func (t *txn) recountOutcome(id int64, old, rec *callRecord) error {
	key := rec.callerKey()
	if key == "" {
		return nil
	}
	c, err := t.callers.get(key)
	if err != nil || !c.found {
		return err
	}
	c.rec.noteOutcome(id, rec)
	c.dirty = true
	wasAnswered := old.Outcome == string(callerid.OutcomeAnswered)
	if !wasAnswered || rec.Outcome == old.Outcome {
		return nil
	}
	// The call may have been the caller's last answered one: look again.
	list, err := t.callers.calls(key)
	if err != nil {
		return err
	}
	now, before := int64(0), int64(0)
	for _, other := range slices.Backward(list.ids) {
		r, err := t.load(other)
		if err != nil {
			return err
		}
		if !r.finished() || r.Outcome != string(callerid.OutcomeAnswered) {
			continue
		}
		now = max(now, r.Started)
		if other < c.rec.BeforeFor {
			before = max(before, r.Started)
			break
		}
	}
	c.rec.Now.LastAnswered = now
	if c.rec.BeforeFor != 0 {
		c.rec.Before.LastAnswered = before
	}
	return nil
}

// The owner's tag list is one value in the settings bucket. Dropping a tag
// from the list leaves it on the calls that carry it (the log still shows
// and filters it) but takes it out of the pickers; RenameTag changes the
// calls too.
const tagsKey = "tags"

// Tags returns the owner's list of tags, in the owner's order.
func (db *DB) Tags() ([]string, error) {
	var list []string
	err := db.store.Get(settingsBucket, tagsKey, &list)
	if err != nil && !errors.Is(err, storm.ErrNotFound) {
		return nil, fmt.Errorf("read tags: %w", err)
	}
	return list, nil
}

// SaveTags replaces the owner's list of tags. Blank and repeated tags are
// dropped; a line break inside a tag becomes a space.
func (db *DB) SaveTags(tags []string) error {
	if err := db.store.Set(settingsBucket, tagsKey, cleanTags(tags)); err != nil {
		return fmt.Errorf("save tags: %w", err)
	}
	return nil
}

// RenameTag renames a tag on the owner's list and on every call that
// carries it, in one transaction. It reads every call (about a second at
// a million calls) and rewrites those with the tag.
func (db *DB) RenameTag(from, to string) error {
	from, to = cleanTag(from), cleanTag(to)
	if from == "" || to == "" {
		return errors.New("rename tag: a tag cannot be blank")
	}
	list, err := db.Tags()
	if err != nil {
		return err
	}
	for i, tag := range list {
		if tag == from {
			list[i] = to
		}
	}
	return db.update(func(t *txn) error {
		if err := db.store.WithTransaction(t.tx).Set(settingsBucket, tagsKey, cleanTags(list)); err != nil {
			return fmt.Errorf("save tags: %w", err)
		}
		var ids []int64
		err := scanCalls(t.tx, 0, maxID, false, func(id int64, r *rawCall) bool {
			if r.hasTag(from) {
				ids = append(ids, id)
			}
			return true
		})
		if err != nil {
			return err
		}
		for _, id := range ids {
			old, err := t.load(id)
			if err != nil {
				return err
			}
			rec := old
			tags := splitTags(old.Tags)
			for i, tag := range tags {
				if tag == from {
					tags[i] = to
				}
			}
			rec.Tags = joinTags(tags)
			if err := t.replace(id, &old, &rec); err != nil {
				return err
			}
		}
		return nil
	})
}

func cleanTag(tag string) string {
	return strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(tag))
}

func cleanTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, tag := range tags {
		if tag = cleanTag(tag); tag != "" && !slices.Contains(out, tag) {
			out = append(out, tag)
		}
	}
	return out
}

func joinTags(tags []string) string { return strings.Join(cleanTags(tags), "\n") }

func splitTags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
