// Package contactfile reads and writes the contact files that address
// books exchange: CSV as Google Contacts and Outlook export it (and the
// plain "Name,Phone" lists people make by hand), and vCard 3.0 and 4.0.
//
// Reading never stops at a bad row: every row becomes either a Draft,
// ready to be shown in an import preview, or a Skip that says why it was
// left out, so the shop sees exactly what a file would add before anything
// is saved. Only a file that is not a contact list at all is an error.
//
// The package is pure: it knows numbers (callerid) but not the database.
package contactfile

import (
	"cmp"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/callboard-app/callboard/callerid"
)

// ContactNumber is one of a contact's phone numbers.
type ContactNumber struct {
	// Raw is the number as the file or the shop wrote it.
	Raw string
	// Key is the caller key it stands for (callerid.Number.Key): E.164
	// for a dialable number, else its digits. Calls are matched on it.
	Key string
	// Label says which phone it is: "mobile", "work", "home", "main",
	// "fax", "pager", "other", or the file's own word.
	Label string
}

// Contact is a contact as a file carries it.
type Contact struct {
	Name, Company, Notes string
	Numbers              []ContactNumber
}

// Draft is a contact read from a file, not yet saved.
type Draft struct {
	// Row is where it was in the file: the row as a spreadsheet numbers a
	// CSV file (the header is row 1), or the card's place in a vCard file
	// (1: the first card).
	Row int
	Contact
}

// Skip is a row of the file that gives no contact, and why.
type Skip struct {
	Row    int
	Reason string
}

// Parsed is what a file gave.
type Parsed struct {
	Drafts  []Draft
	Skipped []Skip
}

// Parse reads a CSV or vCard file, telling them apart by their content.
func Parse(r io.Reader, z callerid.Normalizer) (Parsed, error) {
	text, err := readText(r)
	if err != nil {
		return Parsed{}, err
	}
	if looksLikeVCard(text) {
		return parseVCardText(text, z)
	}
	return parseCSVText(text, z)
}

// looksLikeVCard: a BEGIN:VCARD line near the top (some exporters put a
// line of their own before the first card).
func looksLikeVCard(text string) bool {
	head := text[:min(len(text), 4096)]
	for line := range strings.Lines(head) {
		if strings.EqualFold(strings.TrimSpace(line), "BEGIN:VCARD") {
			return true
		}
	}
	return false
}

// draftBuilder gathers one row's contact and numbers as written, before
// the numbers are read (which is the slow part, done for all rows at once).
type draftBuilder struct {
	row                  int
	name, company, notes string
	numbers              []rawNumber
	// nothing: the row held no value at all, and is passed over silently.
	nothing bool
}

type rawNumber struct {
	raw, label string
	number     callerid.Number
}

// finish reads every row's numbers, several rows at a time (reading a
// number with its country's rules takes tens of microseconds, and a shop's
// phone book may hold a hundred thousand), and turns each row into a
// draft or a skip, in file order.
func finish(rows []draftBuilder, z callerid.Normalizer) Parsed {
	normalizeAll(rows, z)
	var out Parsed
	for i := range rows {
		b := &rows[i]
		if b.nothing {
			continue
		}
		d, why := b.draft()
		if why != "" {
			out.Skipped = append(out.Skipped, Skip{Row: b.row, Reason: why})
			continue
		}
		out.Drafts = append(out.Drafts, d)
	}
	return out
}

func normalizeAll(rows []draftBuilder, z callerid.Normalizer) {
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	chunk := (len(rows) + workers - 1) / workers
	for start := 0; start < len(rows); start += chunk {
		part := rows[start:min(start+chunk, len(rows))]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range part {
				for j := range part[i].numbers {
					n := &part[i].numbers[j]
					n.number = z.Normalize(n.raw)
				}
			}
		}()
	}
	wg.Wait()
}

// draft checks the row: it needs a name or company, and at least one
// number a call could come from (Callboard's contacts exist to recognise
// callers, so an address-book entry with only an e-mail is left out).
func (b *draftBuilder) draft() (Draft, string) {
	d := Draft{Row: b.row, Contact: Contact{Name: b.name, Company: b.company, Notes: b.notes}}
	var bad []string
	seen := map[string]bool{}
	for _, n := range b.numbers {
		key, ok := Usable(n.number)
		if !ok {
			bad = append(bad, n.raw)
			continue
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		d.Numbers = append(d.Numbers, ContactNumber{Raw: n.raw, Key: key, Label: n.label})
	}
	// Outlook lists its fax columns before its phones; the first number is
	// the one shown, so a fax or pager goes last.
	slices.SortStableFunc(d.Numbers, func(a, b ContactNumber) int {
		return cmp.Compare(lastLabel(a.Label), lastLabel(b.Label))
	})
	switch {
	case len(d.Numbers) > 0:
		return d, ""
	case len(bad) > 0:
		return d, "no valid phone number (" + quoteList(bad) + ")"
	case d.Name == "" && d.Company == "":
		return d, "no name and no phone number"
	}
	return d, "no phone number"
}

// Usable says whether a number can identify a caller, and its key: a dialable number,
// or at least three digits the line might send as they are (an extension,
// a local number where no area code is set). Special values (PRIVATE,
// zeros) belong to no one contact.
func Usable(n callerid.Number) (string, bool) {
	if n.Special != "" {
		return "", false
	}
	key := n.Key()
	if n.E164 == "" && (len(key) < 3 || len(key) > 15) {
		return "", false
	}
	return key, true
}

func lastLabel(label string) int {
	if label == "fax" || label == "pager" {
		return 1
	}
	return 0
}

func quoteList(items []string) string {
	var b strings.Builder
	for i, s := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 3 {
			b.WriteString("…")
			break
		}
		b.WriteString(`"` + s + `"`)
	}
	return b.String()
}

// splitNumbers reads a cell that may hold several numbers: Google joins a
// contact's numbers of one kind with " ::: ".
func splitNumbers(cell string) []string {
	var out []string
	for _, part := range strings.Split(cell, ":::") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// joinName builds a name from its parts, skipping the empty ones.
func joinName(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " ")
}

// cleanText tidies a value: trimmed, Windows line ends made plain, and a
// spreadsheet's formula guard (see safeCell) taken off again.
func cleanText(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])) {
		s = s[1:]
	}
	return s
}
