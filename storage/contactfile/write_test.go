package contactfile

import (
	"bytes"
	"strings"
	"testing"
)

// shopContacts are contacts as Callboard saves them: keys worked out,
// labels from its own list.
var shopContacts = []Contact{
	{Name: "Maria Lopez", Company: "Lopez Bakery", Notes: "Prefers mornings\nSide door, \"ring twice\"; thanks",
		Numbers: []ContactNumber{num("(212) 555-0147", "+12125550147", "mobile"), num("212-555-0190", "+12125550190", "work")}},
	{Name: "José Núñez", Numbers: []ContactNumber{num("+44 20 7946 0018", "+442079460018", "home"),
		num("555-0100", "5550100", "fax"), num("x", "+12125550149", "pager")}},
	{Name: "=HYPERLINK(\"x\")", Company: "Acme, Inc.", Numbers: []ContactNumber{num("212 555 0148", "+12125550148", "main")}},
	{Name: "Solo", Numbers: []ContactNumber{num("212 555 0150", "+12125550150", "")}},
}

// roundTrip checks that what was written reads back as the same contacts
// (numbers in international form, as written).
func roundTrip(t *testing.T, write func(*bytes.Buffer) error) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	p, err := Parse(bytes.NewReader(buf.Bytes()), us)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(p.Skipped) > 0 || len(p.Drafts) != len(shopContacts) {
		t.Fatalf("read back %d drafts, skipped %v\n%s", len(p.Drafts), p.Skipped, buf.String())
	}
	for i, d := range p.Drafts {
		want := shopContacts[i]
		got := d.Contact
		if got.Name != want.Name || got.Company != want.Company || got.Notes != want.Notes {
			t.Errorf("contact %d: got %q %q %q, want %q %q %q", i, got.Name, got.Company, got.Notes, want.Name, want.Company, want.Notes)
		}
		if len(got.Numbers) != len(want.Numbers) {
			t.Fatalf("contact %d numbers: got %+v, want %+v", i, got.Numbers, want.Numbers)
		}
		for j, n := range got.Numbers {
			w := want.Numbers[j]
			if n.Key != w.Key || n.Label != w.Label && !(w.Label == "" && n.Label == "other") {
				t.Errorf("contact %d number %d: got %+v, want %+v", i, j, n, w)
			}
		}
	}
}

func TestCSVExportReadsBackTheSame(t *testing.T) {
	roundTrip(t, func(b *bytes.Buffer) error { return WriteCSV(b, shopContacts) })
}

func TestVCardExportReadsBackTheSame(t *testing.T) {
	roundTrip(t, func(b *bytes.Buffer) error { return WriteVCard(b, shopContacts) })
}

func TestCSVExportUsesGoogleHeadersAndInternationalNumbers(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, shopContacts[:1]); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(buf.String(), "\r\n", 3)
	wantHeader := "Name,Given Name,Family Name,Organization 1 - Name,Notes,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value"
	if lines[0] != wantHeader {
		t.Errorf("header:\n got %s\nwant %s", lines[0], wantHeader)
	}
	if !strings.HasPrefix(lines[1], "Maria Lopez,Maria,Lopez,Lopez Bakery,") ||
		!strings.Contains(buf.String(), "Mobile,+1 212-555-0147,Work,+1 212-555-0190") {
		t.Errorf("row: %q", buf.String())
	}
}

func TestCSVExportKeepsFormulasFromRunning(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, shopContacts[2:3]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"'=HYPERLINK(""x"")"`) {
		t.Errorf("a formula is written as it is:\n%s", buf.String())
	}
}

func TestVCardExportIsVersion3WithTypes(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteVCard(&buf, shopContacts[:1]); err != nil {
		t.Fatal(err)
	}
	want := []string{"BEGIN:VCARD", "VERSION:3.0", "FN:Maria Lopez", "N:Lopez;Maria;;;", "ORG:Lopez Bakery",
		`NOTE:Prefers mornings\nSide door\, "ring twice"; thanks`,
		"TEL;TYPE=CELL;TYPE=VOICE:+1 212-555-0147", "TEL;TYPE=WORK;TYPE=VOICE:+1 212-555-0190", "END:VCARD"}
	got := strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n")
	for _, line := range want {
		if !slicesContain(got, line) {
			t.Errorf("no line %q in\n%s", line, buf.String())
		}
	}
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
