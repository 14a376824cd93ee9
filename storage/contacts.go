package storage

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vmihailenco/msgpack/v5"
	bolt "go.etcd.io/bbolt"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage/contactfile"
)

// Contacts are the shop's address book. They are written in storm's
// key/value layout, not with Save: Save's hidden ID index makes each insert
// walk every contact (storm issue #222), which a 100,000-contact import
// cannot afford, while sequential keys make an insert an append.
//
//   - contacts/<ID>: the contact, its numbers inside it.
//   - contactNumbers/<caller key>: the ID of the contact that owns the
//     number, so the pop-up finds a caller's contact with one read. A
//     number belongs to at most one contact.
const (
	contactsBucket       = "contacts"
	contactNumbersBucket = "contactNumbers"
)

// ContactNumber is one of a contact's numbers: as typed (Raw), as calls
// are matched (Key, callerid.Number.Key), and which phone it is (Label:
// "mobile", "work", "home", "main", "fax", "pager", "other" or the
// shop's own word).
type ContactNumber = contactfile.ContactNumber

// Contact is a person or business the shop knows.
type Contact struct {
	ID      int
	Name    string
	Company string
	Notes   string
	Numbers []ContactNumber
	// Created and Updated are set by SaveContact.
	Created, Updated time.Time
}

// Title is what the shop calls the contact: the name, else the company.
func (c Contact) Title() string {
	if c.Name != "" {
		return c.Name
	}
	return c.Company
}

// File is the contact as a contact file carries it (for export).
func (c Contact) File() contactfile.Contact {
	return contactfile.Contact{Name: c.Name, Company: c.Company, Notes: c.Notes, Numbers: slices.Clone(c.Numbers)}
}

// ContactFiles are contacts as contact files carry them, for
// contactfile.WriteCSV and WriteVCard.
func ContactFiles(list []Contact) []contactfile.Contact {
	out := make([]contactfile.Contact, len(list))
	for i, c := range list {
		out[i] = c.File()
	}
	return out
}

// NumberTakenError: a number being saved already belongs to another
// contact. The shop can open that contact, or take the number off it.
type NumberTakenError struct {
	Number    string // as typed
	ContactID int
	Contact   string // its title
}

func (e *NumberTakenError) Error() string {
	return fmt.Sprintf("%s is already the number of %s", e.Number, e.Contact)
}

// contactRecord is a contact as stored; the ID is the key. Fields are only
// ever appended (see recordCodec).
type contactRecord struct {
	Name, Company, Notes string
	Numbers              []numberRecord
	Created, Updated     int64
}

func (r *contactRecord) fields() []any {
	return []any{&r.Name, &r.Company, &r.Notes, &r.Numbers, &r.Created, &r.Updated}
}

type numberRecord struct{ Raw, Key, Label string }

func (n *numberRecord) fields() []any { return []any{&n.Raw, &n.Key, &n.Label} }

// EncodeMsgpack writes a number as an array that can grow like a record's.
func (n numberRecord) EncodeMsgpack(enc *msgpack.Encoder) error { return encodeFields(enc, n.fields()) }

// DecodeMsgpack reads what EncodeMsgpack wrote, by any release.
func (n *numberRecord) DecodeMsgpack(dec *msgpack.Decoder) error {
	return decodeFields(dec, n.fields())
}

func newContactRecord(c Contact) contactRecord {
	r := contactRecord{Name: c.Name, Company: c.Company, Notes: c.Notes,
		Created: nanos(c.Created), Updated: nanos(c.Updated)}
	for _, n := range c.Numbers {
		r.Numbers = append(r.Numbers, numberRecord(n))
	}
	return r
}

func (r *contactRecord) contact(id int) Contact {
	c := Contact{ID: id, Name: r.Name, Company: r.Company, Notes: r.Notes,
		Created: fromNanos(r.Created), Updated: fromNanos(r.Updated)}
	for _, n := range r.Numbers {
		c.Numbers = append(c.Numbers, ContactNumber(n))
	}
	return c
}

// Normalizer reads numbers the way the shop's settings say (country, and
// the area code of seven-digit numbers): what contact files are parsed
// with, so that their numbers match the calls.
func (db *DB) Normalizer() (callerid.Normalizer, error) {
	s, err := db.Settings()
	if err != nil {
		return callerid.Normalizer{}, err
	}
	return callerid.Normalizer{Region: s.Region, AreaCode: s.AreaCode}, nil
}

// SaveContact adds a contact (ID 0: it gets the next ID) or replaces one,
// and returns it as saved. Each number is read with the shop's settings
// (Key is worked out from Raw); a number given twice is kept once; a
// number that cannot identify a caller, or that belongs to another
// contact (a *NumberTakenError), refuses the save.
func (db *DB) SaveContact(c Contact) (Contact, error) {
	z, err := db.Normalizer()
	if err != nil {
		return c, err
	}
	c, err = tidyContact(c, z)
	if err != nil {
		return c, err
	}
	ix := db.contactIndex()
	ix.writing.Lock()
	defer ix.writing.Unlock()
	err = db.update(func(t *txn) error {
		_, _, err := t.putContact(&c)
		return err
	})
	if err != nil {
		return c, err
	}
	ix.apply([]Contact{c}, nil)
	return c, nil
}

// tidyContact trims the text and reads the numbers.
func tidyContact(c Contact, z callerid.Normalizer) (Contact, error) {
	c.Name, c.Company, c.Notes = strings.TrimSpace(c.Name), strings.TrimSpace(c.Company), strings.TrimSpace(c.Notes)
	var numbers []ContactNumber
	seen := map[string]bool{}
	for _, n := range c.Numbers {
		n.Raw, n.Label = strings.TrimSpace(n.Raw), strings.TrimSpace(n.Label)
		if n.Raw == "" && n.Key == "" {
			continue
		}
		if n.Raw != "" {
			key, ok := numberKey(z, n.Raw)
			if !ok {
				return c, fmt.Errorf("%q is not a phone number a call could come from", n.Raw)
			}
			n.Key = key
		}
		if !seen[n.Key] {
			seen[n.Key] = true
			numbers = append(numbers, n)
		}
	}
	c.Numbers = numbers
	if c.Name == "" && c.Company == "" && len(c.Numbers) == 0 {
		return c, errors.New("a contact needs a name, a company or a number")
	}
	return c, nil
}

// numberKey is the caller key of a contact's number, if it can be one: a
// dialable number, or three to fifteen digits (an extension, or a local
// number where no area code is set). Special callers belong to no contact.
func numberKey(z callerid.Normalizer, raw string) (string, bool) {
	return contactfile.Usable(z.Normalize(raw))
}

// putContact writes c (giving a new one its ID and times) and its numbers'
// index entries, and returns the contact it replaced.
func (t *txn) putContact(c *Contact) (found bool, old contactRecord, err error) {
	b, err := bucketIn(t.tx, contactsBucket)
	if err != nil {
		return false, old, err
	}
	idx, err := bucketIn(t.tx, contactNumbersBucket)
	if err != nil {
		return false, old, err
	}
	now := t.db.now().UTC()
	if c.ID == 0 {
		seq, err := b.NextSequence()
		if err != nil {
			return false, old, err
		}
		c.ID, c.Created = int(seq), now
	} else {
		found, err = getRecord(b, intKey(int64(c.ID)), &old)
		if err != nil {
			return false, old, fmt.Errorf("read contact %d: %w", c.ID, err)
		}
		if !found {
			return false, old, fmt.Errorf("contact %d: %w", c.ID, ErrNotFound)
		}
		c.Created = fromNanos(old.Created)
	}
	c.Updated = now
	for _, n := range c.Numbers {
		owner := numberOwner(idx, n.Key)
		if owner != 0 && owner != c.ID {
			return found, old, t.numberTaken(n, owner)
		}
	}
	for _, n := range old.Numbers {
		if !slices.ContainsFunc(c.Numbers, func(m ContactNumber) bool { return m.Key == n.Key }) {
			if err := idx.Delete([]byte(n.Key)); err != nil {
				return found, old, err
			}
		}
	}
	for _, n := range c.Numbers {
		if err := idx.Put([]byte(n.Key), intKey(int64(c.ID))); err != nil {
			return found, old, err
		}
	}
	rec := newContactRecord(*c)
	if err := putRecord(b, intKey(int64(c.ID)), &rec); err != nil {
		return found, old, fmt.Errorf("save contact %s: %w", c.Title(), err)
	}
	return found, old, nil
}

func (t *txn) numberTaken(n ContactNumber, owner int) error {
	other, _, err := readContact(t.tx, owner)
	if err != nil {
		return err
	}
	raw := n.Raw
	if raw == "" {
		raw = n.Key
	}
	return &NumberTakenError{Number: raw, ContactID: owner, Contact: other.Title()}
}

// numberOwner is the contact that owns a caller key, 0 for none.
func numberOwner(idx *bolt.Bucket, key string) int {
	if idx == nil || key == "" {
		return 0
	}
	if v := idx.Get([]byte(key)); len(v) == 8 {
		return int(keyInt(v))
	}
	return 0
}

func readContact(tx *bolt.Tx, id int) (Contact, bool, error) {
	var r contactRecord
	found, err := getRecord(bucketAt(tx, contactsBucket), intKey(int64(id)), &r)
	if err != nil || !found {
		if err != nil {
			err = fmt.Errorf("read contact %d: %w", id, err)
		}
		return Contact{}, false, err
	}
	return r.contact(id), true, nil
}

// Contact returns one contact; the error wraps ErrNotFound if there is
// none.
func (db *DB) Contact(id int) (Contact, error) {
	var c Contact
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var found bool
		var err error
		c, found, err = readContact(tx, id)
		if err == nil && !found {
			err = fmt.Errorf("contact %d: %w", id, ErrNotFound)
		}
		return err
	})
	return c, err
}

// ContactForNumber is the caller card's look-up: the contact that owns a
// caller key (callerid.Number.Key), and whether there is one.
func (db *DB) ContactForNumber(key string) (Contact, bool, error) {
	var c Contact
	var found bool
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var err error
		c, found, err = contactForKey(tx, key)
		return err
	})
	return c, found, err
}

func contactForKey(tx *bolt.Tx, key string) (Contact, bool, error) {
	id := numberOwner(bucketAt(tx, contactNumbersBucket), key)
	if id == 0 {
		return Contact{}, false, nil
	}
	return readContact(tx, id)
}

// DeleteContact removes a contact, its numbers and the name overrides that
// point at it. Calls from its numbers stay, as an unknown caller's.
func (db *DB) DeleteContact(id int) error {
	ix := db.contactIndex()
	ix.writing.Lock()
	defer ix.writing.Unlock()
	err := db.update(func(t *txn) error {
		b := bucketAt(t.tx, contactsBucket)
		var old contactRecord
		found, err := getRecord(b, intKey(int64(id)), &old)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("contact %d: %w", id, ErrNotFound)
		}
		if idx := bucketAt(t.tx, contactNumbersBucket); idx != nil {
			for _, n := range old.Numbers {
				if numberOwner(idx, n.Key) == id {
					if err := idx.Delete([]byte(n.Key)); err != nil {
						return err
					}
				}
			}
		}
		if err := deleteOverridesOf(t.tx, id); err != nil {
			return err
		}
		return b.Delete(intKey(int64(id)))
	})
	if err != nil {
		return err
	}
	ix.apply(nil, []int{id})
	return nil
}

// Contacts returns every contact, by title (for export, and the list).
func (db *DB) Contacts() ([]Contact, error) {
	var out []Contact
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		return forEachContact(tx, func(c Contact) error {
			out = append(out, c)
			return nil
		})
	})
	slices.SortStableFunc(out, func(a, b Contact) int {
		return strings.Compare(foldText(a.Title()), foldText(b.Title()))
	})
	return out, err
}

func forEachContact(tx *bolt.Tx, fn func(Contact) error) error {
	b := tx.Bucket([]byte(contactsBucket))
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		if len(k) != 8 || v == nil {
			return nil
		}
		var r contactRecord
		if err := (recordCodec{}).Unmarshal(v, &r); err != nil {
			return fmt.Errorf("read contact %d: %w", keyInt(k), err)
		}
		return fn(r.contact(int(keyInt(k))))
	})
}
