package storage

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"weak"

	"github.com/vmihailenco/msgpack/v5"
	bolt "go.etcd.io/bbolt"
	"golang.org/x/text/unicode/norm"
)

// Search as you type must answer within a keystroke at 100,000 contacts,
// and a substring ("mit" finds Smith, "555 01" finds (212) 555-0147)
// cannot use a bolt index. So the contacts' searchable text is held in
// memory, loaded on the first search and kept up to date by every change
// to the contacts: per contact, its name and company folded (lower case,
// accents off) and its numbers' digits. All contacts' texts are laid end
// to end in name order in one string (and the digits in another), so a
// search is a run of strings.Index over a few megabytes, each hit mapped
// back to its contact by offset; only the contacts returned are read.

// contactIndex is one database's search index.
type contactIndex struct {
	// writing is held by every change to the contacts from before its
	// transaction until the index has it, and by the first load, so the
	// index takes the changes in the order they were committed.
	writing sync.Mutex
	mu      sync.RWMutex
	loaded  bool
	entries []searchEntry // by sort, then ID
	sortOf  map[int]string
	flat    flatTexts
}

// flatTexts are the entries' texts end to end, each followed by a
// newline (never inside one), with where each entry's starts.
type flatTexts struct {
	text, digits     string
	textAt, digitsAt []int
}

type searchEntry struct {
	id   int
	sort string // the folded title
	// text is the folded name and company, apart; digits are each
	// number's digits as typed and as E.164, apart.
	text, digits string
}

func (e searchEntry) compare(o searchEntry) int {
	if c := strings.Compare(e.sort, o.sort); c != 0 {
		return c
	}
	return e.id - o.id
}

// contactIndexes holds each open database's index without keeping the
// database alive.
var contactIndexes sync.Map // weak.Pointer[DB] → *contactIndex

func (db *DB) contactIndex() *contactIndex {
	key := weak.Make(db)
	if ix, ok := contactIndexes.Load(key); ok {
		return ix.(*contactIndex)
	}
	ix, loaded := contactIndexes.LoadOrStore(key, &contactIndex{})
	if !loaded {
		runtime.AddCleanup(db, func(k weak.Pointer[DB]) { contactIndexes.Delete(k) }, key)
	}
	return ix.(*contactIndex)
}

func newSearchEntry(c Contact) searchEntry {
	var digits []byte
	for _, n := range c.Numbers {
		digits = append(appendDigits(digits, n.Raw), ' ')
		digits = append(appendDigits(digits, n.Key), ' ')
	}
	name, company := foldText(c.Name), foldText(c.Company)
	sort := name
	if sort == "" {
		sort = company
	}
	return searchEntry{id: c.ID, sort: sort, text: name + "\x00" + company, digits: string(digits)}
}

// searchedContact decodes only what the index needs of a stored contact
// (its name, company and numbers, not its notes): the first search reads
// every contact.
func searchedContact(id int, raw []byte) (Contact, error) {
	c := Contact{ID: id}
	dec := msgpack.GetDecoder()
	defer msgpack.PutDecoder(dec)
	dec.Reset(bytes.NewReader(raw))
	n, err := dec.DecodeArrayLen()
	if err != nil {
		return c, err
	}
	for i := 0; i < n && err == nil; i++ {
		switch i {
		case 0:
			c.Name, err = dec.DecodeString()
		case 1:
			c.Company, err = dec.DecodeString()
		case 3:
			c.Numbers, err = searchedNumbers(dec)
		default:
			err = dec.Skip()
		}
	}
	return c, err
}

func searchedNumbers(dec *msgpack.Decoder) ([]ContactNumber, error) {
	n, err := dec.DecodeArrayLen()
	if err != nil || n <= 0 {
		return nil, err
	}
	out := make([]ContactNumber, n)
	for i := range out {
		fields, err := dec.DecodeArrayLen()
		if err != nil {
			return nil, err
		}
		for j := 0; j < fields && err == nil; j++ {
			switch j {
			case 0:
				out[i].Raw, err = dec.DecodeString()
			case 1:
				out[i].Key, err = dec.DecodeString()
			default:
				err = dec.Skip()
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// load reads every contact once, the first time the index is needed.
func (ix *contactIndex) load(db *DB) error {
	ix.mu.RLock()
	loaded := ix.loaded
	ix.mu.RUnlock()
	if loaded {
		return nil
	}
	ix.writing.Lock()
	defer ix.writing.Unlock()
	if ix.loaded {
		return nil
	}
	var entries []searchEntry
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(contactsBucket))
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if len(k) != 8 || v == nil {
				return nil
			}
			c, err := searchedContact(int(keyInt(k)), v)
			if err != nil {
				return fmt.Errorf("read contact %d: %w", keyInt(k), err)
			}
			entries = append(entries, newSearchEntry(c))
			return nil
		})
	})
	if err != nil {
		return err
	}
	slices.SortFunc(entries, searchEntry.compare)
	sortOf := make(map[int]string, len(entries))
	for _, e := range entries {
		sortOf[e.id] = e.sort
	}
	ix.mu.Lock()
	ix.entries, ix.sortOf, ix.loaded = entries, sortOf, true
	ix.flatten()
	ix.mu.Unlock()
	return nil
}

// flatten lays the texts end to end again after a change: a few
// milliseconds at 100,000 contacts, once per save. The entries' own texts
// are then cut from the new strings, so they are held once.
func (ix *contactIndex) flatten() {
	size, digits := 0, 0
	for _, e := range ix.entries {
		size += len(e.text) + 1
		digits += len(e.digits) + 1
	}
	var text, num strings.Builder
	text.Grow(size)
	num.Grow(digits)
	f := flatTexts{textAt: make([]int, len(ix.entries)+1), digitsAt: make([]int, len(ix.entries)+1)}
	for i, e := range ix.entries {
		f.textAt[i], f.digitsAt[i] = text.Len(), num.Len()
		text.WriteString(e.text)
		text.WriteByte('\n')
		num.WriteString(e.digits)
		num.WriteByte('\n')
	}
	f.textAt[len(ix.entries)], f.digitsAt[len(ix.entries)] = text.Len(), num.Len()
	f.text, f.digits = text.String(), num.String()
	for i := range ix.entries {
		ix.entries[i].text = f.text[f.textAt[i] : f.textAt[i+1]-1]
		ix.entries[i].digits = f.digits[f.digitsAt[i] : f.digitsAt[i+1]-1]
	}
	ix.flat = f
}

// apply takes in contacts saved and IDs deleted, once committed (the
// caller holds writing). Before the first load there is nothing to keep.
func (ix *contactIndex) apply(saved []Contact, deleted []int) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.loaded {
		return
	}
	defer ix.flatten()
	if len(saved)+len(deleted) > 64 {
		ix.applyMany(saved, deleted)
		return
	}
	for _, id := range deleted {
		ix.remove(id)
	}
	for _, c := range saved {
		ix.remove(c.ID)
		e := newSearchEntry(c)
		i, _ := slices.BinarySearchFunc(ix.entries, e, searchEntry.compare)
		ix.entries = slices.Insert(ix.entries, i, e)
		ix.sortOf[c.ID] = e.sort
	}
}

func (ix *contactIndex) remove(id int) {
	sort, ok := ix.sortOf[id]
	if !ok {
		return
	}
	if i, found := slices.BinarySearchFunc(ix.entries, searchEntry{id: id, sort: sort}, searchEntry.compare); found {
		ix.entries = slices.Delete(ix.entries, i, i+1)
	}
	delete(ix.sortOf, id)
}

// applyMany takes an import's thousands of changes with one sort.
func (ix *contactIndex) applyMany(saved []Contact, deleted []int) {
	gone := make(map[int]bool, len(saved)+len(deleted))
	for _, id := range deleted {
		gone[id] = true
	}
	for _, c := range saved {
		gone[c.ID] = true
	}
	ix.entries = slices.DeleteFunc(ix.entries, func(e searchEntry) bool { return gone[e.id] })
	for id := range gone {
		delete(ix.sortOf, id)
	}
	for _, c := range saved {
		e := newSearchEntry(c)
		ix.entries = append(ix.entries, e)
		ix.sortOf[c.ID] = e.sort
	}
	slices.SortFunc(ix.entries, searchEntry.compare)
}

// SearchContacts finds contacts as the shop types: every word of q must
// be in the name or the company (anywhere: "mit" finds Smith; case and
// accents aside), or, for words of digits, in one of the numbers in any
// format ("555 01" finds (212) 555-0147). Names that start with the text
// come first, then names with a word that does, then the rest; each group
// by name. An empty q lists the contacts by name. limit <= 0: no limit.
func (db *DB) SearchContacts(q string, limit int) ([]Contact, error) {
	ix := db.contactIndex()
	if err := ix.load(db); err != nil {
		return nil, err
	}
	ids := ix.search(parseQuery(q), limit)
	out := make([]Contact, 0, len(ids))
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		for _, id := range ids {
			c, found, err := readContact(tx, id)
			if err != nil {
				return err
			}
			if found {
				out = append(out, c)
			}
		}
		return nil
	})
	return out, err
}

// ContactCount is how many contacts there are.
func (db *DB) ContactCount() (int, error) {
	ix := db.contactIndex()
	if err := ix.load(db); err != nil {
		return 0, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.entries), nil
}

// query is a search split into what it asks of the text and the numbers.
type query struct {
	words  []string // folded
	digits []string
}

// parseQuery: a query with no letters is one number, however spaced
// ("555 01"); otherwise each word is text, or a number if it has no
// letters ("acme 555").
func parseQuery(q string) query {
	q = foldText(q)
	if !strings.ContainsFunc(q, unicode.IsLetter) {
		if d := digitsOf(q); d != "" {
			return query{digits: []string{d}}
		}
		return query{}
	}
	var out query
	for _, w := range strings.Fields(q) {
		if strings.ContainsFunc(w, unicode.IsLetter) {
			out.words = append(out.words, w)
		} else if d := digitsOf(w); d != "" {
			out.digits = append(out.digits, d)
		}
	}
	return out
}

// Ranks of a match: the title starts with the first word or number, a
// word in it does, or it is inside.
const (
	rankStart = iota
	rankWord
	rankInside
	ranks
)

func (ix *contactIndex) search(q query, limit int) []int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if limit <= 0 {
		limit = len(ix.entries)
	}
	// Walk the hits of the first term, in name order; the other terms are
	// checked on each hit's own text.
	hay, at, term := ix.flat.text, ix.flat.textAt, ""
	switch {
	case len(q.words) > 0:
		term = q.words[0]
	case len(q.digits) > 0:
		hay, at, term = ix.flat.digits, ix.flat.digitsAt, q.digits[0]
	}
	var found [ranks][]int
	for pos := 0; pos < len(hay); {
		i := 0
		if term != "" {
			hit := strings.Index(hay[pos:], term)
			if hit < 0 {
				break
			}
			// The entry holding the hit: the last one starting at or before it.
			i, _ = slices.BinarySearch(at, pos+hit+1)
			i--
		} else {
			i, _ = slices.BinarySearch(at, pos)
		}
		pos = at[i+1]
		e := &ix.entries[i]
		rank, ok := q.match(e)
		if !ok || len(found[rank]) >= limit {
			continue
		}
		found[rank] = append(found[rank], e.id)
		if rank == rankStart && len(found[rankStart]) >= limit {
			break // nothing can rank before these
		}
	}
	out := make([]int, 0, limit)
	for _, ids := range found {
		out = append(out, ids[:min(len(ids), limit-len(out))]...)
	}
	return out
}

func (q query) match(e *searchEntry) (int, bool) {
	for _, w := range q.words {
		if !strings.Contains(e.text, w) {
			return 0, false
		}
	}
	for _, d := range q.digits {
		if !strings.Contains(e.digits, d) {
			return 0, false
		}
	}
	switch {
	case len(q.words) > 0:
		return wordRank(e.text, q.words[0]), true
	case len(q.digits) > 0:
		return wordRank(e.digits, q.digits[0]), true
	}
	return rankStart, true
}

// wordRank says where in text the term is found first at a word start.
func wordRank(text, term string) int {
	if strings.HasPrefix(text, term) {
		return rankStart
	}
	for i := 1; i+len(term) <= len(text); i++ {
		if isWordStart(text, i) && strings.HasPrefix(text[i:], term) {
			return rankWord
		}
	}
	return rankInside
}

func isWordStart(text string, i int) bool {
	prev := text[i-1]
	return prev == ' ' || prev == 0 || prev == '-' || prev == '(' || prev == '.' || prev == '&' || prev == '\''
}

// foldText is text as search compares it: lower case without accents,
// so "jose" finds José.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= utf8.RuneSelf:
			r = baseLetter(unicode.ToLower(r))
		}
		b.WriteRune(r)
	}
	return b.String()
}

// baseLetter is a letter without its accents (é: e), or the letter itself
// when it is more than an accented one (ß, ø).
func baseLetter(r rune) rune {
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Properties(buf[:utf8.EncodeRune(buf[:], r)]).Decomposition()
	if len(d) == 0 {
		return r
	}
	base, size := utf8.DecodeRune(d)
	for rest := d[size:]; len(rest) > 0; rest = rest[size:] {
		var mark rune
		mark, size = utf8.DecodeRune(rest)
		if !unicode.Is(unicode.Mn, mark) {
			return r
		}
	}
	return base
}

// appendDigits appends the digits of s.
func appendDigits(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}
