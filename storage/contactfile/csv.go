package contactfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/callboard-app/callboard/callerid"
)

// ErrNotContacts: the file has no column Callboard can take a contact
// from (no name, company or phone column in its first row).
var ErrNotContacts = errors.New("not a contact list")

// ParseCSV reads a CSV contact list. The first row names the columns, in
// any of the ways Google Contacts (old and new exports), Outlook,
// Thunderbird and hand-made lists ("Name,Phone") name them; the separator
// is a comma, a semicolon (Excel where the decimal point is a comma) or a
// tab, whichever the first row uses; the text is UTF-8, with or without a
// byte-order mark, UTF-16 with one, or else Windows-1252.
func ParseCSV(r io.Reader, z callerid.Normalizer) (Parsed, error) {
	text, err := readText(r)
	if err != nil {
		return Parsed{}, err
	}
	return parseCSVText(text, z)
}

func parseCSVText(text string, z callerid.Normalizer) (Parsed, error) {
	sep, text := separator(text)
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	// Hand-edited files have stray quotes ("6" Main St"); take them as text.
	cr.LazyQuotes = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Parsed{}, fmt.Errorf("%w: the file is empty", ErrNotContacts)
	}
	if err != nil {
		return Parsed{}, fmt.Errorf("%w: its first row cannot be read: %v", ErrNotContacts, err)
	}
	cols := readHeader(header)
	if !cols.useful() {
		return Parsed{}, fmt.Errorf("%w: no name, company or phone column among %s",
			ErrNotContacts, quoteList(header))
	}
	var rows []draftBuilder
	var broken []Skip
	for row := 2; ; row++ {
		before := cr.InputOffset()
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !errors.Is(err, csv.ErrFieldCount) {
			broken = append(broken, Skip{Row: row, Reason: "cannot be read: " + csvProblem(err)})
			if cr.InputOffset() == before {
				break
			}
			continue
		}
		if unclosedQuote(text[before:cr.InputOffset()], cr.InputOffset() == int64(len(text))) {
			broken = append(broken, Skip{Row: row, Reason: "a quote opened in this row is never closed, " +
				"so the rest of the file reads as one value; close it and import again"})
			continue
		}
		rows = append(rows, cols.row(row, rec))
	}
	out := finish(rows, z)
	out.Skipped = mergeSkips(out.Skipped, broken)
	return out, nil
}

// unclosedQuote spots a row that swallowed the rest of the file: it runs
// to the end, over more than one line, with an odd number of quotes
// (quoting, and doubled quotes inside it, always come in pairs).
func unclosedQuote(raw string, atEnd bool) bool {
	return atEnd && strings.Contains(strings.TrimRight(raw, "\r\n"), "\n") && strings.Count(raw, `"`)%2 == 1
}

func csvProblem(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// separator picks the separator the first row uses most. Excel may put a
// "sep=;" line before it to say which; that line is taken off.
func separator(text string) (rune, string) {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimRight(first, "\r")
	if len(first) == 5 && strings.EqualFold(first[:4], "sep=") {
		_, rest, _ := strings.Cut(text, "\n")
		return rune(first[4]), rest
	}
	best, count := ',', 0
	for _, sep := range []rune{',', ';', '\t'} {
		if n := countOutsideQuotes(first, sep); n > count {
			best, count = sep, n
		}
	}
	return best, text
}

func countOutsideQuotes(line string, sep rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == sep && !quoted:
			n++
		}
	}
	return n
}

// columns says what each column of a file holds.
type columns struct {
	name, given, middle, family, nick, company []int
	notes                                      []int
	phones                                     []phoneColumn
}

// phoneColumn is a column of numbers, with their label: fixed by the
// header (Outlook's "Mobile Phone"), or read from a sibling column
// (Google's "Phone 1 - Type" beside "Phone 1 - Value").
type phoneColumn struct {
	value, labelCol int // labelCol -1: the label is fixed
	label           string
}

var googlePhone = regexp.MustCompile(`^phone (\d+) - (type|label|value)$`)

// The header words of the exports Callboard knows, lowercased, by what
// they hold. Outlook's localized exports name a few in the user's language.
var headerRoles = map[string]string{
	"name": "name", "full name": "name", "display name": "name", "contact name": "name",
	"contact": "name", "fullname": "name",
	"given name": "given", "first name": "given", "firstname": "given", "first": "given",
	"vorname": "given", "prénom": "given", "nombre": "given",
	"additional name": "middle", "middle name": "middle", "weitere vornamen": "middle",
	"family name": "family", "last name": "family", "lastname": "family", "surname": "family",
	"last": "family", "nachname": "family", "nom": "family", "apellidos": "family", "apellido": "family",
	"nickname":              "nick",
	"organization 1 - name": "company", "organization name": "company", "company": "company",
	"company name": "company", "organization": "company", "organisation": "company",
	"business": "company", "firma": "company", "société": "company", "empresa": "company",
	"notes": "notes", "note": "notes", "comments": "notes", "comment": "notes",
	"notizen": "notes", "remarques": "notes", "notas": "notes",
}

// phoneWords make a column a phone column when its header holds one.
var phoneWords = map[string]bool{
	"phone": true, "telephone": true, "tel": true, "telefon": true, "téléphone": true,
	"teléfono": true, "mobile": true, "cell": true, "fax": true, "pager": true,
	"mobiltelefon": true, "handy": true, "portable": true, "number": true, "callback": true,
}

func readHeader(header []string) columns {
	var c columns
	google := map[string][2]int{} // "1" → type column, value column
	var googleOrder []string
	for i, h := range header {
		h = strings.Join(strings.Fields(strings.ToLower(strings.Trim(h, "\ufeff \""))), " ")
		if m := googlePhone.FindStringSubmatch(h); m != nil {
			cols, seen := google[m[1]]
			if !seen {
				cols = [2]int{-1, -1}
				googleOrder = append(googleOrder, m[1])
			}
			if m[2] == "value" {
				cols[1] = i
			} else {
				cols[0] = i
			}
			google[m[1]] = cols
			continue
		}
		switch headerRoles[h] {
		case "name":
			c.name = append(c.name, i)
		case "given":
			c.given = append(c.given, i)
		case "middle":
			c.middle = append(c.middle, i)
		case "family":
			c.family = append(c.family, i)
		case "nick":
			c.nick = append(c.nick, i)
		case "company":
			c.company = append(c.company, i)
		case "notes":
			c.notes = append(c.notes, i)
		default:
			if isPhoneHeader(h) {
				c.phones = append(c.phones, phoneColumn{value: i, labelCol: -1, label: normalizeLabel(h)})
			}
		}
	}
	for _, n := range googleOrder {
		if cols := google[n]; cols[1] >= 0 {
			c.phones = append(c.phones, phoneColumn{value: cols[1], labelCol: cols[0]})
		}
	}
	return c
}

func isPhoneHeader(h string) bool {
	if strings.Contains(h, "mail") || strings.Contains(h, "type") || strings.Contains(h, "label") {
		return false
	}
	for _, w := range strings.FieldsFunc(h, func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '\'' || r == '_' }) {
		if phoneWords[w] {
			return true
		}
	}
	return false
}

func (c columns) useful() bool {
	return len(c.name)+len(c.given)+len(c.family)+len(c.company)+len(c.phones) > 0
}

func (c columns) row(row int, rec []string) draftBuilder {
	cell := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return cleanText(rec[i])
	}
	first := func(idx []int) string {
		for _, i := range idx {
			if v := cell(i); v != "" {
				return v
			}
		}
		return ""
	}
	b := draftBuilder{row: row, nothing: true}
	for i := range rec {
		if cell(i) != "" {
			b.nothing = false
			break
		}
	}
	b.name = first(c.name)
	if b.name == "" {
		b.name = joinName(first(c.given), first(c.middle), first(c.family))
	}
	if b.name == "" {
		b.name = first(c.nick)
	}
	b.company = first(c.company)
	var notes []string
	for _, i := range c.notes {
		if v := cell(i); v != "" {
			notes = append(notes, v)
		}
	}
	b.notes = strings.Join(notes, "\n")
	for _, p := range c.phones {
		label := p.label
		if p.labelCol >= 0 {
			label = normalizeLabel(cell(p.labelCol))
		}
		for _, raw := range splitNumbers(cell(p.value)) {
			b.numbers = append(b.numbers, rawNumber{raw: raw, label: label})
		}
	}
	return b
}

// mergeSkips puts two lists of skips, each in row order, into one.
func mergeSkips(a, b []Skip) []Skip {
	if len(b) == 0 {
		return a
	}
	out := make([]Skip, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || (len(a) > 0 && a[0].Row <= b[0].Row) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}
