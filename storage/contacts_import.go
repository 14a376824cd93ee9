package storage

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage/contactfile"
)

// Importing a contact file is two steps, so that the shop sees what a file
// would do before it does it: PreviewImport says, row by row, what is new,
// what duplicates a contact already known or an earlier row of the file
// (same number), and what is skipped and why; ApplyImport then saves it,
// all in one transaction, so that a file that fails halfway changes
// nothing.

// ImportStatus is what importing a row does.
type ImportStatus int

const (
	// ImportNew: the row becomes a new contact.
	ImportNew ImportStatus = iota
	// ImportDuplicate: a number of the row is already a contact's, or an
	// earlier row's. Merging adds what the row brings to that contact;
	// otherwise the row is left out.
	ImportDuplicate
	// ImportSkipped: the row gives no contact (Reason says why).
	ImportSkipped
)

// ImportRow is one row of a file as the preview shows it.
type ImportRow struct {
	contactfile.Draft
	Status ImportStatus
	// ContactID and ContactName: the contact a duplicate shares a number
	// with (for a duplicate of an earlier row, that row's contact if it
	// is itself a duplicate, else 0).
	ContactID   int
	ContactName string
	// SameAsRow: the earlier row of the file a duplicate shares a number
	// with; 0 when it is a contact already known.
	SameAsRow int
	// Number is the number the duplicate shares, as the file has it.
	Number string
	// Reason is the row's status in words, for the shop.
	Reason string
}

// ImportPreview is what a file would do, row by row, in file order.
type ImportPreview struct {
	Rows                     []ImportRow
	New, Duplicates, Skipped int
}

// ImportResult is what an import did.
type ImportResult struct {
	// Added new contacts; Merged rows into contacts (known or added);
	// Skipped rows, duplicates included when they were not merged.
	Added, Merged, Skipped int
}

// importFault, in tests, fails an import at a row, to show that a failure
// changes nothing.
var importFault func(row int) error

// PreviewImport says what importing drafts would do, changing nothing.
// Drafts are what contactfile parsed with db.Normalizer(); a number
// without a Key is read here.
func (db *DB) PreviewImport(drafts []contactfile.Draft) (ImportPreview, error) {
	z, err := db.Normalizer()
	if err != nil {
		return ImportPreview{}, err
	}
	var p ImportPreview
	err = db.store.Bolt.View(func(tx *bolt.Tx) error {
		p, err = classify(tx, drafts, z)
		return err
	})
	return p, err
}

func classify(tx *bolt.Tx, drafts []contactfile.Draft, z callerid.Normalizer) (ImportPreview, error) {
	idx := bucketAt(tx, contactNumbersBucket)
	p := ImportPreview{Rows: make([]ImportRow, len(drafts))}
	inFile := map[string]int{} // caller key → index of the first row with it
	names := map[int]string{}  // contact ID → title, read once
	for i, d := range drafts {
		row := &p.Rows[i]
		row.Draft = d
		if row.Row == 0 {
			// Drafts made by hand: number them, so rows can name each other.
			row.Row = i + 1
		}
		row.Numbers = draftNumbers(d.Numbers, z)
		switch {
		case len(row.Numbers) == 0 && len(d.Numbers) > 0:
			row.Status, row.Reason = ImportSkipped, "no valid phone number"
		case len(row.Numbers) == 0 && d.Name == "" && d.Company == "":
			row.Status, row.Reason = ImportSkipped, "no name and no phone number"
		case len(row.Numbers) == 0:
			row.Status, row.Reason = ImportSkipped, "no phone number"
		}
		if row.Status == ImportSkipped {
			p.Skipped++
			continue
		}
		for _, n := range row.Numbers {
			if id := numberOwner(idx, n.Key); id != 0 {
				name, ok := names[id]
				if !ok {
					c, _, err := readContact(tx, id)
					if err != nil {
						return p, err
					}
					name = c.Title()
					names[id] = name
				}
				row.Status, row.ContactID, row.ContactName, row.Number = ImportDuplicate, id, name, n.Raw
				row.Reason = fmt.Sprintf("%s is already the number of %s", n.Raw, name)
				break
			}
			if j, ok := inFile[n.Key]; ok {
				first := p.Rows[j]
				row.Status, row.SameAsRow, row.Number = ImportDuplicate, first.Row, n.Raw
				row.ContactID, row.ContactName = first.ContactID, first.ContactName
				if first.SameAsRow != 0 {
					row.SameAsRow = first.SameAsRow
				}
				row.Reason = fmt.Sprintf("%s is also in row %d", n.Raw, row.SameAsRow)
				break
			}
		}
		if row.Status == ImportDuplicate {
			p.Duplicates++
		} else {
			p.New++
		}
		for _, n := range row.Numbers {
			if _, ok := inFile[n.Key]; !ok {
				inFile[n.Key] = i
			}
		}
	}
	return p, nil
}

// draftNumbers are a draft's numbers with their keys, once each, leaving
// out those that cannot identify a caller.
func draftNumbers(numbers []ContactNumber, z callerid.Normalizer) []ContactNumber {
	var out []ContactNumber
	for _, n := range numbers {
		if n.Key == "" {
			key, ok := numberKey(z, n.Raw)
			if !ok {
				continue
			}
			n.Key = key
		}
		if !slices.ContainsFunc(out, func(m ContactNumber) bool { return m.Key == n.Key }) {
			out = append(out, n)
		}
	}
	return out
}

// ApplyImport saves a previewed import in one transaction: new rows become
// contacts; duplicates are merged into the contact they share a number
// with when mergeDuplicates is set (numbers it lacks, a company or name it
// lacks, notes added below its own), and left out otherwise. The rows are
// looked at again inside the transaction, so a contact saved since the
// preview is not duplicated. If anything fails, nothing is saved.
func (db *DB) ApplyImport(p ImportPreview, mergeDuplicates bool) (ImportResult, error) {
	z, err := db.Normalizer()
	if err != nil {
		return ImportResult{}, err
	}
	drafts := make([]contactfile.Draft, len(p.Rows))
	for i, r := range p.Rows {
		drafts[i] = r.Draft
	}
	ix := db.contactIndex()
	ix.writing.Lock()
	defer ix.writing.Unlock()
	var res ImportResult
	var saved []Contact
	err = db.update(func(t *txn) error {
		now, err := classify(t.tx, drafts, z)
		if err != nil {
			return err
		}
		im := &importer{tx: t.tx, idx: bucketAt(t.tx, contactNumbersBucket), merge: mergeDuplicates,
			known: map[int]*Contact{}, byRow: map[int]*Contact{}, claimed: map[string]*Contact{}}
		for _, row := range now.Rows {
			if importFault != nil {
				if err := importFault(row.Row); err != nil {
					return err
				}
			}
			if err := im.take(row); err != nil {
				return fmt.Errorf("import row %d: %w", row.Row, err)
			}
		}
		saved, err = im.write(t.db.now().UTC())
		res = im.result
		return err
	})
	if err != nil {
		return ImportResult{}, err
	}
	ix.apply(saved, nil)
	return res, nil
}

// importer gathers an import's contacts in memory and writes each once.
type importer struct {
	tx    *bolt.Tx
	idx   *bolt.Bucket
	merge bool
	// added are the new contacts in row order; known the contacts already
	// stored that rows merge into; byRow the contact each row went to.
	added   []*Contact
	known   map[int]*Contact
	byRow   map[int]*Contact
	claimed map[string]*Contact // the numbers this import gives out
	result  ImportResult
}

func (im *importer) take(row ImportRow) error {
	switch {
	case row.Status == ImportNew:
		c := &Contact{Name: row.Name, Company: row.Company, Notes: row.Notes, Numbers: row.Numbers}
		im.added = append(im.added, c)
		im.byRow[row.Row] = c
		for _, n := range c.Numbers {
			im.claimed[n.Key] = c
		}
		im.result.Added++
		return nil
	case row.Status == ImportDuplicate && im.merge:
		dst, err := im.target(row)
		if err != nil {
			return err
		}
		im.byRow[row.Row] = dst
		im.mergeInto(dst, row)
		im.result.Merged++
		return nil
	}
	im.result.Skipped++
	return nil
}

// target is the contact a duplicate merges into.
func (im *importer) target(row ImportRow) (*Contact, error) {
	if row.SameAsRow != 0 && row.ContactID == 0 {
		return im.byRow[row.SameAsRow], nil
	}
	if c := im.known[row.ContactID]; c != nil {
		return c, nil
	}
	c, found, err := readContact(im.tx, row.ContactID)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("contact %d: %w", row.ContactID, ErrNotFound)
	}
	im.known[c.ID] = &c
	return &c, nil
}

// mergeInto adds to dst what the row brings: its numbers that belong to
// nobody else, a name or company dst lacks, and notes dst does not have.
func (im *importer) mergeInto(dst *Contact, row ImportRow) {
	for _, n := range row.Numbers {
		if owner := im.claimed[n.Key]; owner != nil && owner != dst {
			continue
		}
		if id := numberOwner(im.idx, n.Key); id != 0 && id != dst.ID {
			continue
		}
		if !slices.ContainsFunc(dst.Numbers, func(m ContactNumber) bool { return m.Key == n.Key }) {
			dst.Numbers = append(dst.Numbers, n)
			im.claimed[n.Key] = dst
		}
	}
	if dst.Name == "" {
		dst.Name = row.Name
	}
	if dst.Company == "" {
		dst.Company = row.Company
	}
	if row.Notes != "" && !strings.Contains(dst.Notes, row.Notes) {
		dst.Notes = strings.TrimSpace(dst.Notes + "\n" + row.Notes)
	}
}

// write stores the new and merged contacts, then their numbers' index
// entries in key order (bolt's fastest way to put many keys), and returns
// the contacts as saved.
func (im *importer) write(now time.Time) ([]Contact, error) {
	b, err := bucketIn(im.tx, contactsBucket)
	if err != nil {
		return nil, err
	}
	idx, err := bucketIn(im.tx, contactNumbersBucket)
	if err != nil {
		return nil, err
	}
	// New IDs only grow, so new contacts append; fill pages up.
	b.FillPercent = 0.9
	saved := make([]Contact, 0, len(im.added)+len(im.known))
	type entry struct {
		key string
		id  int
	}
	var entries []entry
	put := func(c *Contact) error {
		rec := newContactRecord(*c)
		if err := putRecord(b, intKey(int64(c.ID)), &rec); err != nil {
			return fmt.Errorf("save contact %s: %w", c.Title(), err)
		}
		for _, n := range c.Numbers {
			entries = append(entries, entry{n.Key, c.ID})
		}
		saved = append(saved, *c)
		return nil
	}
	for _, c := range im.added {
		seq, err := b.NextSequence()
		if err != nil {
			return nil, err
		}
		c.ID, c.Created, c.Updated = int(seq), now, now
		if err := put(c); err != nil {
			return nil, err
		}
	}
	for _, c := range sortedByID(im.known) {
		c.Updated = now
		if err := put(c); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	for _, e := range entries {
		if err := idx.Put([]byte(e.key), intKey(int64(e.id))); err != nil {
			return nil, err
		}
	}
	return saved, nil
}

func sortedByID(m map[int]*Contact) []*Contact {
	out := make([]*Contact, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *Contact) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
