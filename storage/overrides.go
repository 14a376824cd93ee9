package storage

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	bolt "go.etcd.io/bbolt"

	"github.com/callboard-app/callboard/callerid"
)

// Name overrides put a useful name where the line's is useless: every
// mobile caller arrives as "WIRELESS CALLER", a branch office's numbers
// all start alike. The shop keeps a few dozen at most, so DisplayName
// reads them all on each call.
const overridesBucket = "overrides"

// Override maps callers to a contact or a label.
type Override struct {
	ID int
	// Pattern is a number prefix ("+1212555"; typed nationally, "212 555",
	// it is stored in international form), or with OnName a telco name
	// with wildcards: * any run of characters, ? one ("WIRELESS*",
	// "*CALLER"). Names compare without regard to case or repeated spaces.
	Pattern string
	OnName  bool
	// ContactID is the contact the callers are shown as; 0: Label is.
	ContactID int
	Label     string
}

func (o *Override) fields() []any {
	return []any{&o.Pattern, &o.OnName, &o.ContactID, &o.Label}
}

// SaveOverride adds an override (ID 0) or replaces one, and returns it as
// saved.
func (db *DB) SaveOverride(o Override) (Override, error) {
	o.Pattern, o.Label = strings.TrimSpace(o.Pattern), strings.TrimSpace(o.Label)
	if o.OnName {
		o.Pattern = namePattern(o.Pattern)
		if strings.Trim(o.Pattern, "*? ") == "" {
			return o, errors.New("a name pattern needs some letters besides * and ?")
		}
	} else {
		s, err := db.Settings()
		if err != nil {
			return o, err
		}
		if o.Pattern, err = numberPrefix(o.Pattern, s.Region); err != nil {
			return o, err
		}
	}
	if o.ContactID == 0 && o.Label == "" {
		return o, errors.New("an override needs a contact or a label to show")
	}
	err := db.update(func(t *txn) error {
		if o.ContactID != 0 {
			if _, found, err := readContact(t.tx, o.ContactID); err != nil || !found {
				if err == nil {
					err = fmt.Errorf("contact %d: %w", o.ContactID, ErrNotFound)
				}
				return err
			}
		}
		b, err := bucketIn(t.tx, overridesBucket)
		if err != nil {
			return err
		}
		if o.ID == 0 {
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			o.ID = int(seq)
		} else if b.Get(intKey(int64(o.ID))) == nil {
			return fmt.Errorf("override %d: %w", o.ID, ErrNotFound)
		}
		return putRecord(b, intKey(int64(o.ID)), &o)
	})
	return o, err
}

// numberPrefix is a typed number prefix in international form: "+44 20"
// stays, "(212) 555" becomes "+1212555" in the US and "020 79" "+4420 79"
// in the UK (the national trunk prefix goes, the country code comes).
func numberPrefix(p, region string) (string, error) {
	d := digitsOf(p)
	if d == "" {
		return "", fmt.Errorf("%q is not the start of a phone number", p)
	}
	if strings.HasPrefix(p, "+") {
		return "+" + d, nil
	}
	if np := phonenumbers.GetNddPrefixForRegion(region, true); np != "" && strings.HasPrefix(d, np) && len(d) > len(np) {
		d = d[len(np):]
	}
	return "+" + strconv.Itoa(phonenumbers.GetCountryCodeForRegion(region)) + d, nil
}

// namePattern is a name or pattern as compared: upper case, one space
// between words (telco names are padded to their field's width).
func namePattern(s string) string { return strings.Join(strings.Fields(strings.ToUpper(s)), " ") }

// Overrides returns the overrides in the order they were added.
func (db *DB) Overrides() ([]Override, error) {
	var out []Override
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var err error
		out, err = readOverrides(tx)
		return err
	})
	return out, err
}

func readOverrides(tx *bolt.Tx) ([]Override, error) {
	var out []Override
	b := tx.Bucket([]byte(overridesBucket))
	if b == nil {
		return nil, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		if len(k) != 8 || v == nil {
			return nil
		}
		o := Override{ID: int(keyInt(k))}
		if err := (recordCodec{}).Unmarshal(v, &o); err != nil {
			return fmt.Errorf("read override %d: %w", o.ID, err)
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// DeleteOverride removes an override.
func (db *DB) DeleteOverride(id int) error {
	return db.update(func(t *txn) error {
		b := bucketAt(t.tx, overridesBucket)
		if b == nil || b.Get(intKey(int64(id))) == nil {
			return fmt.Errorf("override %d: %w", id, ErrNotFound)
		}
		return b.Delete(intKey(int64(id)))
	})
}

// deleteOverridesOf removes the overrides that show a contact being
// deleted: without it they would name nobody.
func deleteOverridesOf(tx *bolt.Tx, contactID int) error {
	list, err := readOverrides(tx)
	if err != nil {
		return err
	}
	b := bucketAt(tx, overridesBucket)
	for _, o := range list {
		if o.ContactID == contactID {
			if err := b.Delete(intKey(int64(o.ID))); err != nil {
				return err
			}
		}
	}
	return nil
}

// DisplayName is the name the caller card shows for a caller: the contact
// that owns the number; else the override with the longest number prefix
// that fits; else the most specific telco-name pattern that fits (the one
// with the most letters besides wildcards). contactID is the contact's,
// 0 for a label; ok is false when nothing fits and the telco's name
// stands. A database error counts as nothing found: the card must show.
func (db *DB) DisplayName(n callerid.Number, telcoName string) (name string, contactID int, ok bool) {
	_ = db.store.Bolt.View(func(tx *bolt.Tx) error {
		if key := n.Key(); key != "" && !n.IsNone() {
			if c, found, err := contactForKey(tx, key); err == nil && found {
				name, contactID, ok = c.Title(), c.ID, true
				return nil
			}
		}
		list, err := readOverrides(tx)
		if err != nil || len(list) == 0 {
			return nil
		}
		for _, o := range bestOverrides(list, n, telcoName) {
			if o.ContactID != 0 {
				if c, found, err := readContact(tx, o.ContactID); err == nil && found {
					name, contactID, ok = c.Title(), c.ID, true
					return nil
				}
			}
			if o.Label != "" {
				name, contactID, ok = o.Label, 0, true
				return nil
			}
		}
		return nil
	})
	return name, contactID, ok
}

// bestOverrides are the overrides that fit, best first: number prefixes
// before names, longer prefixes and more specific names first, then the
// older override.
func bestOverrides(list []Override, n callerid.Number, telcoName string) []Override {
	key := n.Key()
	name := namePattern(telcoName)
	type fit struct {
		o      Override
		byName bool
		weight int
	}
	var fits []fit
	for _, o := range list {
		switch {
		case !o.OnName && strings.HasPrefix(key, "+") && strings.HasPrefix(key, o.Pattern):
			fits = append(fits, fit{o, false, len(o.Pattern)})
		case o.OnName && name != "" && wildcardMatch(o.Pattern, name):
			fits = append(fits, fit{o, true, utf8.RuneCountInString(strings.NewReplacer("*", "", "?", "").Replace(o.Pattern))})
		}
	}
	slices.SortStableFunc(fits, func(a, b fit) int {
		switch {
		case a.byName != b.byName:
			if a.byName {
				return 1
			}
			return -1
		case a.weight != b.weight:
			return b.weight - a.weight
		}
		return a.o.ID - b.o.ID
	})
	out := make([]Override, len(fits))
	for i, f := range fits {
		out[i] = f.o
	}
	return out
}

// wildcardMatch matches a whole name against a pattern of * (any run of
// characters) and ? (one character), going back to the last * on a
// mismatch, so it takes time linear in name × pattern at worst.
func wildcardMatch(pattern, name string) bool {
	p, s := []rune(pattern), []rune(name)
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
