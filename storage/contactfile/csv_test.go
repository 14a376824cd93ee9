package contactfile

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid"
)

var us = callerid.Normalizer{Region: "US"}

func parseFile(t *testing.T, name string) Parsed {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Parse(f, us)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func num(raw, key, label string) ContactNumber {
	return ContactNumber{Raw: raw, Key: key, Label: label}
}

func draft(row int, name, company, notes string, numbers ...ContactNumber) Draft {
	return Draft{Row: row, Contact: Contact{Name: name, Company: company, Notes: notes, Numbers: numbers}}
}

func checkParsed(t *testing.T, got Parsed, drafts []Draft, skips []Skip) {
	t.Helper()
	if !reflect.DeepEqual(got.Drafts, drafts) {
		t.Errorf("drafts:\n got %+v\nwant %+v", got.Drafts, drafts)
	}
	if !reflect.DeepEqual(got.Skipped, skips) {
		t.Errorf("skipped:\n got %+v\nwant %+v", got.Skipped, skips)
	}
}

func TestGoogleCSVTakesNamesCompaniesAndEveryNumberOfACell(t *testing.T) {
	checkParsed(t, parseFile(t, "google.csv"), []Draft{
		draft(2, "Maria Lopez", "Lopez Bakery", "Prefers mornings",
			num("(212) 555-0147", "+12125550147", "mobile"),
			// Google joins the numbers of one kind with " ::: ".
			num("212-555-0190", "+12125550190", "work"),
			num("212-555-0191", "+12125550191", "work")),
		// No "Name": the given and family names make it.
		draft(3, "Tom Baker", "", "", num("+1 718 555 0123", "+17185550123", "home")),
	}, []Skip{
		{Row: 4, Reason: "no phone number"},
		{Row: 5, Reason: `no valid phone number ("n/a")`},
		{Row: 6, Reason: "no name and no phone number"},
	})
}

func TestNewerGoogleCSVHasLabelsAndNoFullName(t *testing.T) {
	checkParsed(t, parseFile(t, "google-new.csv"), []Draft{
		draft(2, "Ann B. Carter", "Carter Plumbing", "Gate code 4411",
			num("+1 (212) 555-0101", "+12125550101", "mobile"),
			num("(212) 555-0102", "+12125550102", "work"),
			num("(212) 555-0103", "+12125550103", "work")),
		// A business without a person's name is a contact too.
		draft(3, "", "Acme Supply", "", num("212.555.0104", "+12125550104", "main")),
	}, nil)
}

func TestOutlookCSVReadsItsPhoneColumnsWithFaxesLast(t *testing.T) {
	checkParsed(t, parseFile(t, "outlook.csv"), []Draft{
		draft(2, "David Nguyen", "Nguyen Auto Repair", "Loyal customer since 2019",
			num("(518) 555-0110", "+15185550110", "work"),
			num("(518) 555-0112", "+15185550112", "mobile"),
			num("(518) 555-0111", "+15185550111", "fax")),
		draft(3, "Sara Kim", "", "", num("(518) 555-0120", "+15185550120", "home")),
	}, nil)
}

func TestSemicolonSeparatedExcelExportInGerman(t *testing.T) {
	checkParsed(t, parseFile(t, "semicolon.csv"), []Draft{
		draft(2, "Jürgen Weiß", "Weiß & Söhne GmbH", "Rückruf; bitte vormittags",
			num("+49 30 901820", "+4930901820", "work"),
			num("+49 151 23456789", "+4915123456789", "mobile")),
		draft(3, "Anna Schmidt", "", "", num("+1 212 555 0130", "+12125550130", "mobile")),
	}, nil)
}

func TestByteOrderMarkIsNotPartOfTheFirstColumnName(t *testing.T) {
	checkParsed(t, parseFile(t, "bom.csv"), []Draft{
		draft(2, "Zoë Adams", "", "", num("212-555-0140", "+12125550140", "")),
		draft(3, "Émile Roy", "", "", num("(212) 555-0141", "+12125550141", "")),
	}, nil)
}

func TestQuotedNewlinesStayInTheirNoteAndRowsCountAsASpreadsheetShowsThem(t *testing.T) {
	checkParsed(t, parseFile(t, "quoted-newlines.csv"), []Draft{
		draft(2, "Quinn, Harper", "", "Line one\nLine two, with a comma\nSays \"call after 5\"",
			num("212-555-0150", "+12125550150", "")),
		draft(3, "Rosa Diaz", "", "Single line", num("212-555-0151", "+12125550151", "")),
	}, nil)
}

func TestWindows1252FileIsReadWhenItIsNotUTF8(t *testing.T) {
	checkParsed(t, parseFile(t, "cp1252.csv"), []Draft{
		draft(2, "José Núñez", "Café Größe", "", num("212-555-0160", "+12125550160", "")),
		draft(3, "François Lefèvre", "Prix 5€", "", num("212-555-0161", "+12125550161", "")),
	}, nil)
}

func TestBrokenCSVSaysWhyEachRowIsLeftOut(t *testing.T) {
	checkParsed(t, parseFile(t, "broken.csv"), []Draft{
		draft(2, "Good Row", "", "fine", num("212-555-0190", "+12125550190", "")),
		// A number alone is kept: the card shows it, the shop names it later.
		draft(6, "", "", "number only", num("212-555-0191", "+12125550191", "")),
		// Extra cells are ignored; a stray quote inside a cell is text.
		draft(8, "Too Many", "", "a", num("212-555-0192", "+12125550192", "")),
		draft(9, `Stray "quote"`, "", "", num("212-555-0193", "+12125550193", "")),
	}, []Skip{
		// Row 3 is empty, and passed over without a word.
		{Row: 4, Reason: "no phone number"},
		{Row: 5, Reason: `no valid phone number ("call me")`},
		{Row: 7, Reason: "no phone number"},
		{Row: 10, Reason: "a quote opened in this row is never closed, so the rest of the file reads as one value; close it and import again"},
	})
}

func TestPlainListWithTabsAndExcelSepLine(t *testing.T) {
	p, err := ParseCSV(strings.NewReader("sep=;\r\nName;Phone\r\nAl;212-555-0101\r\n"), us)
	if err != nil {
		t.Fatal(err)
	}
	checkParsed(t, p, []Draft{draft(2, "Al", "", "", num("212-555-0101", "+12125550101", ""))}, nil)
	p, err = ParseCSV(strings.NewReader("Full Name\tMobile\nBo\t212-555-0102\n"), us)
	if err != nil {
		t.Fatal(err)
	}
	checkParsed(t, p, []Draft{draft(2, "Bo", "", "", num("212-555-0102", "+12125550102", "mobile"))}, nil)
}

func TestSevenDigitNumbersTakeTheShopsAreaCode(t *testing.T) {
	p, err := ParseCSV(strings.NewReader("Name,Phone\nCy,555-0103\n"), callerid.Normalizer{Region: "US", AreaCode: "212"})
	if err != nil {
		t.Fatal(err)
	}
	checkParsed(t, p, []Draft{draft(2, "Cy", "", "", num("555-0103", "+12125550103", ""))}, nil)
}

func TestAFileWithoutContactColumnsIsRefused(t *testing.T) {
	for _, text := range []string{"", "Date,Amount\n2026-01-01,5\n", "\x00\x01\x02"} {
		_, err := Parse(strings.NewReader(text), us)
		if !errors.Is(err, ErrNotContacts) {
			t.Errorf("%q: err = %v, want ErrNotContacts", text, err)
		}
	}
}
