package app

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
	"github.com/callboard-app/callboard/storage/contactfile"
)

// googleExport is a Google Contacts CSV with one new contact, a broken
// number, a contact the shop has already, a second row for the new
// contact, and a row without a number.
const googleExport = "Name,Organization 1 - Name,Phone 1 - Type,Phone 1 - Value\r\n" +
	"Ann Lee,,Mobile,(212) 555-0101\r\n" +
	"Bad Number,,Mobile,12\r\n" +
	"John Again,,Work,212-555-0147\r\n" +
	"Ann Lee,Lee Studio,Home,2125550101\r\n" +
	"No Phone,Acme,,\r\n"

func previewFile(t *testing.T, q uiThread, v *contactsView, file, text string) *importPreview {
	t.Helper()
	v.preview = nil
	v.importFrom(io.NopCloser(strings.NewReader(text)), file)
	q.until(t, "the preview", func() bool { return v.preview != nil })
	return v.preview
}

func TestImportShowsWhatEachRowWouldDoAndAddsOnlyTheNewOnes(t *testing.T) {
	u, q, v := openContacts(t, contact("John Smith", "", "(212) 555-0147"))
	p := previewFile(t, q, v, "contacts.csv", googleExport)

	if got, want := p.summary.Text, "contacts.csv: 1 new, 2 duplicates, 2 skipped"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	type line struct{ row, status, reason string }
	var got []line
	for _, l := range p.plan.lines {
		got = append(got, line{l.text("US"), l.status, l.reason})
	}
	want := []line{
		{"Row 2  Ann Lee  (212) 555-0101", "New", ""},
		{"Row 3", "Skipped", `no valid phone number ("12")`},
		{"Row 4  John Again  (212) 555-0147", "Duplicate of John Smith", "212-555-0147 is already the number of John Smith"},
		{"Row 5  Ann Lee (Lee Studio)  (212) 555-0101", "Duplicate of row 2", "2125550101 is also in row 2"},
		{"Row 6", "Skipped", "no phone number"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("preview rows:\n%q\nwant\n%q", got, want)
	}
	p.filter.SetSelected(showSkippedRows)
	if len(p.shown) != 2 || p.list.Length() != 2 {
		t.Errorf("the Skipped filter shows %d rows", len(p.shown))
	}
	if !strings.HasPrefix(p.effect.Text, "Import adds 1 new contact. 2 duplicates are left out.") {
		t.Errorf("effect %q", p.effect.Text)
	}

	test.Tap(p.ok)
	q.until(t, "the import", func() bool { return p.done })
	if !strings.Contains(overlayText(u.win), "Added 1 new contact. Left out 4 rows.") {
		t.Errorf("summary dialog says %q", overlayText(u.win))
	}
	var names []string
	for _, c := range storedContacts(t, u) {
		names = append(names, c.Title()+" "+c.Company)
	}
	if !slices.Equal(names, []string{"Ann Lee ", "John Smith "}) {
		t.Errorf("database holds %q", names)
	}
	q.until(t, "the list", func() bool { return v.settled() && len(v.found) == 2 })
}

func TestImportCanMergeDuplicatesIntoTheContactsTheyMatch(t *testing.T) {
	u, q, v := openContacts(t, contact("John Smith", "", "(212) 555-0147"))
	p := previewFile(t, q, v, "contacts.csv", googleExport)
	test.Tap(p.merge)
	if !strings.Contains(p.effect.Text, "2 duplicates are merged") {
		t.Errorf("effect %q", p.effect.Text)
	}
	test.Tap(p.ok)
	q.until(t, "the import", func() bool { return p.done })
	if p.result != (storage.ImportResult{Added: 1, Merged: 2, Skipped: 2}) {
		t.Errorf("result %+v", p.result)
	}
	list := storedContacts(t, u)
	if len(list) != 2 || list[0].Name != "Ann Lee" || list[0].Company != "Lee Studio" {
		t.Errorf("database holds %+v", list)
	}
}

func TestCancellingAnImportOrABadFileAddsNothing(t *testing.T) {
	u, q, v := openContacts(t, contact("John Smith", "", "(212) 555-0147"))
	previewFile(t, q, v, "contacts.csv", googleExport)
	test.Tap(overlayButton(u.win, "Cancel"))
	if n := len(u.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d dialogs still open", n)
	}
	if got := storedContacts(t, u); len(got) != 1 {
		t.Errorf("a cancelled import stored %+v", got)
	}

	p := previewFile(t, q, v, "again.csv", "Name,Phone\r\nJohn,(212) 555-0147\r\n")
	if !p.ok.Disabled() || !strings.HasPrefix(p.effect.Text, "Every contact in this file is here already.") {
		t.Errorf("a file of known contacts offers: %q (Import disabled %v)", p.effect.Text, p.ok.Disabled())
	}
	test.Tap(p.merge)
	if p.ok.Disabled() {
		t.Error("merging a known contact is not offered")
	}
	p.dialog.Hide()

	v.importFrom(io.NopCloser(strings.NewReader("Date,Amount\r\n2026-03-01,12.50\r\n")), "bank.csv")
	q.until(t, "the refusal", func() bool {
		return strings.Contains(overlayText(u.win), "“bank.csv” cannot be imported: it is not a contact list")
	})
	if got := storedContacts(t, u); len(got) != 1 {
		t.Errorf("a file that is no contact list stored %+v", got)
	}
}

func TestExportWritesFilesThatReadBackTheSame(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "callboard.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []storage.Contact{
		contact("John Smith", "Acme Plumbing", "(212) 555-0147", "+44 20 7946 0018"),
		{Company: "Bob's Pizza", Notes: "Orders on Fridays\nAsk for Bob", Numbers: []storage.ContactNumber{{Raw: "646 555 0123", Label: "work"}}},
	} {
		if _, err := db.SaveContact(c); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range contactFormats {
		var buf bytes.Buffer
		n, err := exportContacts(db, &buf, f)
		if err != nil || n != 2 {
			t.Fatalf("%s: wrote %d contacts: %v", f.ext, n, err)
		}
		back, err := contactfile.Parse(&buf, callerid.Normalizer{Region: "US"})
		if err != nil || len(back.Skipped) != 0 || len(back.Drafts) != 2 {
			t.Fatalf("%s reads back as %+v (%v)", f.ext, back, err)
		}
		var got []string
		for _, d := range back.Drafts {
			var keys []string
			for _, n := range d.Numbers {
				keys = append(keys, n.Key+"/"+n.Label)
			}
			// A vCard names every card (FN), a company's by the company.
			got = append(got, storage.Contact{Name: d.Name, Company: d.Company}.Title()+"|"+d.Company+"|"+d.Notes+"|"+strings.Join(keys, ","))
		}
		want := []string{
			"Bob's Pizza|Bob's Pizza|Orders on Fridays\nAsk for Bob|+16465550123/work",
			"John Smith|Acme Plumbing||+12125550147/mobile,+442079460018/mobile",
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s reads back as\n%q\nwant\n%q", f.ext, got, want)
		}
	}
}
