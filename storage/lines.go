package storage

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/callboard-app/callboard/callerid"
)

const linesBucket = "lines"

// TrackingLine is one advertised phone number, and how Callboard recognises
// the calls made to it. Caller ID never says which number was dialled, so
// a line is recognised by where the call rang: the device line it arrives
// on, its distinctive ring, or the dialled number where a source reports
// one (NCID from VoIP, some ETSI lines).
type TrackingLine struct {
	ID int
	// Number is the number as advertised, E.164.
	Number string
	Label  string
	// Source is the callerid.Call.Line the calls ring on: "/dev/ttyACM0",
	// "wc/01".
	Source string
	// RingPattern is the distinctive ring of the number on a shared line;
	// "" matches any ring on Source.
	RingPattern string
	// Dialed matches Call.Dialed where a source reports it; "" falls back to
	// Number.
	Dialed string
	// Main marks the shop's own, untracked number: the baseline the
	// campaigns' lines are compared with.
	Main bool
}

func (l *TrackingLine) fields() []any {
	return []any{&l.Number, &l.Label, &l.Source, &l.RingPattern, &l.Dialed, &l.Main}
}

// A call matches the first of these that fits, each in line ID order:
//  1. the dialled number, where the source reports one (never for a call
//     the shop made, where it is the number the shop called);
//  2. its source and distinctive ring;
//  3. its source, on a line that takes any ring.
//
// A call that fits none belongs to no line (reports call it Unassigned).
func matchLine(lines []TrackingLine, c *callRecord) int {
	if c.Dialed != "" && !c.Outbound {
		for _, l := range lines {
			if sameNumber(l.dialed(), c.Dialed) {
				return l.ID
			}
		}
	}
	for _, l := range lines {
		if l.Source != "" && l.Source == c.Line && l.RingPattern != "" && l.RingPattern == c.RingPattern {
			return l.ID
		}
	}
	for _, l := range lines {
		if l.Source != "" && l.Source == c.Line && l.RingPattern == "" {
			return l.ID
		}
	}
	return 0
}

func (l TrackingLine) dialed() string {
	if l.Dialed != "" {
		return l.Dialed
	}
	return l.Number
}

// sameNumber compares two numbers as dialled, whatever the punctuation and
// the North American trunk prefix: "+1 (217) 555-0100" is "2175550100".
func sameNumber(a, b string) bool {
	da, db := nationalDigits(a), nationalDigits(b)
	return da != "" && da == db
}

func nationalDigits(s string) string {
	d := digitsOf(s)
	if len(d) == 11 && d[0] == '1' {
		return d[1:]
	}
	return d
}

// digitsOf is callerid's rule for comparing numbers by their digits.
var digitsOf = callerid.Digits

// sameRules reports whether two versions of a line take the same calls.
func (l TrackingLine) sameRules(o TrackingLine) bool {
	return l.Source == o.Source && l.RingPattern == o.RingPattern &&
		nationalDigits(l.dialed()) == nationalDigits(o.dialed())
}

// Lines returns the tracking lines in ID order.
func (db *DB) Lines() ([]TrackingLine, error) {
	var out []TrackingLine
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var err error
		out, err = readLines(tx)
		return err
	})
	return out, err
}

// Line returns one tracking line; the error wraps ErrNotFound if there is
// none.
func (db *DB) Line(id int) (TrackingLine, error) {
	lines, err := db.Lines()
	if err != nil {
		return TrackingLine{}, err
	}
	i := slices.IndexFunc(lines, func(l TrackingLine) bool { return l.ID == id })
	if i < 0 {
		return TrackingLine{}, fmt.Errorf("tracking line %d: %w", id, ErrNotFound)
	}
	return lines[i], nil
}

func readLines(tx *bolt.Tx) ([]TrackingLine, error) {
	var out []TrackingLine
	b := tx.Bucket([]byte(linesBucket))
	if b == nil {
		return out, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		if len(k) != 8 || v == nil {
			return nil
		}
		l := TrackingLine{ID: int(keyInt(k))}
		if err := (recordCodec{}).Unmarshal(v, &l); err != nil {
			return fmt.Errorf("read tracking line %d: %w", l.ID, err)
		}
		out = append(out, l)
		return nil
	})
	return out, err
}

// SaveLine adds a tracking line (ID 0: it gets the next ID) or replaces
// one, and returns it as saved. When the way the line is recognised
// changes, every call it may gain or lose is attributed again, with its
// campaign and day, in the same transaction: a line set up today claims
// the calls its source took before, which is its noise baseline.
func (db *DB) SaveLine(l TrackingLine) (TrackingLine, error) {
	l.Number, l.Label = strings.TrimSpace(l.Number), strings.TrimSpace(l.Label)
	l.Source, l.RingPattern, l.Dialed = strings.TrimSpace(l.Source), strings.TrimSpace(l.RingPattern), strings.TrimSpace(l.Dialed)
	switch {
	case l.Number == "" && l.Label == "":
		return l, errors.New("a tracking line needs a number or a label")
	case l.RingPattern != "" && l.Source == "":
		return l, errors.New("a distinctive ring needs the line it rings on")
	}
	err := db.update(func(t *txn) error {
		t.changingRules()
		b, err := bucketIn(t.tx, linesBucket)
		if err != nil {
			return err
		}
		var old TrackingLine
		isNew := l.ID == 0
		if isNew {
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			l.ID = int(seq)
		} else if found, err := getRecord(b, intKey(int64(l.ID)), &old); err != nil || !found {
			if err == nil {
				err = fmt.Errorf("tracking line %d: %w", l.ID, ErrNotFound)
			}
			return err
		}
		if err := putRecord(b, intKey(int64(l.ID)), &l); err != nil {
			return fmt.Errorf("save tracking line %s: %w", l.Label, err)
		}
		if !isNew && old.sameRules(l) {
			return nil
		}
		return t.reattribute(0, math.MaxInt64, func(r *callRecord) bool {
			return r.LineID == l.ID || r.Dialed != "" || (r.Line != "" && (r.Line == l.Source || r.Line == old.Source))
		})
	})
	return l, err
}

// DeleteLine removes a tracking line and takes it off its campaigns; its
// calls go to whichever line recognises them now, or to none.
func (db *DB) DeleteLine(id int) error {
	return db.update(func(t *txn) error {
		t.changingRules()
		b := bucketAt(t.tx, linesBucket)
		if b == nil || b.Get(intKey(int64(id))) == nil {
			return fmt.Errorf("tracking line %d: %w", id, ErrNotFound)
		}
		if err := b.Delete(intKey(int64(id))); err != nil {
			return err
		}
		campaigns, err := readCampaigns(t.tx)
		if err != nil {
			return err
		}
		for _, c := range campaigns {
			if slices.Contains(c.Lines, id) {
				c.Lines = slices.DeleteFunc(c.Lines, func(l int) bool { return l == id })
				if err := putCampaign(t.tx, c); err != nil {
					return err
				}
			}
		}
		return t.reattribute(0, math.MaxInt64, func(r *callRecord) bool { return r.LineID == id })
	})
}
