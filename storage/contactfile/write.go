package contactfile

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-vcard"
	"github.com/nyaruka/phonenumbers"
)

// WriteCSV writes contacts in the layout of Google Contacts' "Google CSV":
// Name, Given Name, Family Name, Organization 1 - Name, Notes, then a
// "Phone N - Type" / "Phone N - Value" pair per number. Google, Outlook's
// import wizard (which maps the columns), Apple Contacts and Thunderbird
// take it, and so does Callboard. The file is UTF-8 without a byte-order
// mark, which Google's importer would read as part of the first column's
// name. Numbers are written in international format, so that a phone in
// another country dials them right. A cell a spreadsheet would run as a
// formula is prefixed with an apostrophe, which reading takes off again.
func WriteCSV(w io.Writer, contacts []Contact) error {
	phones := 1
	for _, c := range contacts {
		phones = max(phones, len(c.Numbers))
	}
	header := []string{"Name", "Given Name", "Family Name", "Organization 1 - Name", "Notes"}
	for i := 1; i <= phones; i++ {
		header = append(header, fmt.Sprintf("Phone %d - Type", i), fmt.Sprintf("Phone %d - Value", i))
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	for _, c := range contacts {
		clear(row)
		given, family := splitName(c.Name)
		row[0], row[1], row[2], row[3] = safeCell(c.Name), safeCell(given), safeCell(family), safeCell(c.Company)
		row[4] = safeCell(strings.ReplaceAll(c.Notes, "\r\n", "\n"))
		for i, n := range c.Numbers {
			row[5+2*i], row[6+2*i] = googleType(n.Label), exportNumber(n)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// splitName guesses given and family names for the importers that ignore
// a full name (Outlook's): the last word is the family name. Joined with a
// space they are the name again, so nothing is lost either way.
func splitName(name string) (given, family string) {
	name = strings.TrimSpace(name)
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return name, ""
	}
	return strings.TrimSpace(name[:i]), name[i+1:]
}

// googleType is the word Google Contacts uses for a label.
func googleType(label string) string {
	switch label {
	case "mobile":
		return "Mobile"
	case "work":
		return "Work"
	case "home":
		return "Home"
	case "main":
		return "Main"
	case "fax":
		return "Work Fax"
	case "pager":
		return "Pager"
	case "", "other":
		return "Other"
	}
	return label
}

// exportNumber is the number in international format where it is a
// dialable one, else as the shop wrote it.
func exportNumber(n ContactNumber) string {
	if strings.HasPrefix(n.Key, "+") {
		if p, err := phonenumbers.Parse(n.Key, ""); err == nil {
			return phonenumbers.Format(p, phonenumbers.INTERNATIONAL)
		}
		return n.Key
	}
	if n.Raw != "" {
		return n.Raw
	}
	return n.Key
}

// safeCell keeps a spreadsheet from running a cell as a formula. Numbers
// in international format ("+1 212...") keep their plus.
func safeCell(s string) string {
	if s == "" || !strings.ContainsRune(formulaStarts, rune(s[0])) {
		return s
	}
	if s[0] == '+' || s[0] == '-' {
		if rest := strings.TrimLeft(s[1:], " "); rest != "" && strings.ContainsRune("0123456789(", rune(rest[0])) &&
			!strings.ContainsAny(rest, "=@") {
			return s
		}
	}
	return "'" + s
}

// WriteVCard writes contacts as vCard 3.0. 4.0 is newer, but 3.0 is what
// address books read best: it is what iPhones, macOS and Google Contacts
// export, Android and Google import it, and Outlook for Windows imports
// 2.1 and 3.0 but not 4.0. Lines end in CRLF, as both versions require.
func WriteVCard(w io.Writer, contacts []Contact) error {
	bw := bufio.NewWriter(w)
	enc := vcard.NewEncoder(bw)
	for _, c := range contacts {
		if err := enc.Encode(card(c)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func card(c Contact) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, "3.0")
	name := c.Name
	if name == "" {
		name = c.Company
	}
	card.SetValue(vcard.FieldFormattedName, oneLine(name))
	given, family := splitName(c.Name)
	card.SetName(&vcard.Name{GivenName: noSemicolons(given), FamilyName: noSemicolons(family)})
	if c.Company != "" {
		card.SetValue(vcard.FieldOrganization, noSemicolons(oneLine(c.Company)))
	}
	if c.Notes != "" {
		// The library writes \n as the escape; a lone CR would end the line.
		card.SetValue(vcard.FieldNote, strings.ReplaceAll(strings.ReplaceAll(c.Notes, "\r\n", "\n"), "\r", "\n"))
	}
	for _, n := range c.Numbers {
		f := &vcard.Field{Value: exportNumber(n), Params: vcard.Params{}}
		for _, t := range vcardTypes(n.Label) {
			f.Params.Add(vcard.ParamType, t)
		}
		card.Add(vcard.FieldTelephone, f)
	}
	return card
}

// vcardTypes are the TYPE values of vCard 3.0 for a label; a label of the
// shop's own is left out (3.0 has no place for it that all readers know).
func vcardTypes(label string) []string {
	switch label {
	case "mobile":
		return []string{"CELL", "VOICE"}
	case "work":
		return []string{"WORK", "VOICE"}
	case "home":
		return []string{"HOME", "VOICE"}
	case "main":
		return []string{"VOICE", "PREF"}
	case "fax":
		return []string{"FAX"}
	case "pager":
		return []string{"PAGER"}
	}
	return []string{"VOICE"}
}

// noSemicolons keeps a structured value (N, ORG) in one component: ";"
// separates them, and the library would double the backslash of an
// escaped one, so a rare semicolon in a company name becomes a comma.
func noSemicolons(s string) string { return strings.ReplaceAll(s, ";", ",") }

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
