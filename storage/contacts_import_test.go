package storage

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/storage/contactfile"
)

func parseContacts(t *testing.T, db *DB, csv string) contactfile.Parsed {
	t.Helper()
	z, err := db.Normalizer()
	if err != nil {
		t.Fatal(err)
	}
	p, err := contactfile.ParseCSV(strings.NewReader(csv), z)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const importFile = `Name,Company,Phone,Phone 2,Notes
Maria Lopez,,212-555-0147,,from the file
Tom Baker,Baker Bros,718-555-0123,,
Tom B.,,+1 718 555 0123,718-555-0124,second row for Tom
Ann Carter,,212-555-0101,,
Nobody,,,,
`

func statuses(p ImportPreview) []string {
	var out []string
	for _, r := range p.Rows {
		s := [...]string{"new", "duplicate", "skipped"}[r.Status]
		out = append(out, s+": "+r.Reason)
	}
	return out
}

func TestPreviewTellsNewDuplicatesOfContactsAndOfEarlierRows(t *testing.T) {
	db := openTest(t, Options{})
	maria := mustSaveContact(t, db, Contact{Name: "Maria L.", Numbers: phones("(212) 555-0147")})
	parsed := parseContacts(t, db, importFile)
	if want := []contactfile.Skip{{Row: 6, Reason: "no phone number"}}; !reflect.DeepEqual(parsed.Skipped, want) {
		t.Errorf("parse skipped %+v", parsed.Skipped)
	}
	p, err := db.PreviewImport(parsed.Drafts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"duplicate: 212-555-0147 is already the number of Maria L.",
		"new: ",
		"duplicate: +1 718 555 0123 is also in row 3",
		"new: ",
	}
	if got := statuses(p); !reflect.DeepEqual(got, want) {
		t.Errorf("preview:\n got %q\nwant %q", got, want)
	}
	if p.Rows[0].ContactID != maria.ID || p.Rows[2].SameAsRow != 3 || p.Rows[2].ContactID != 0 {
		t.Errorf("rows %+v", p.Rows)
	}
	if p.New != 2 || p.Duplicates != 2 || p.Skipped != 0 {
		t.Errorf("counts %d new, %d duplicates, %d skipped", p.New, p.Duplicates, p.Skipped)
	}
	if n, _ := db.ContactCount(); n != 1 {
		t.Errorf("the preview saved something: %d contacts", n)
	}
}

func TestImportWithoutMergingLeavesDuplicatesOut(t *testing.T) {
	db := openTest(t, Options{})
	mustSaveContact(t, db, Contact{Name: "Maria L.", Numbers: phones("(212) 555-0147")})
	p, err := db.PreviewImport(parseContacts(t, db, importFile).Drafts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.ApplyImport(p, false)
	if err != nil {
		t.Fatal(err)
	}
	if res != (ImportResult{Added: 2, Skipped: 2}) {
		t.Errorf("result %+v", res)
	}
	if got := searchTitles(t, db, "", 0); !reflect.DeepEqual(got, []string{"Ann Carter", "Maria L.", "Tom Baker"}) {
		t.Errorf("contacts %v", got)
	}
	if _, ok, _ := db.ContactForNumber("+17185550124"); ok {
		t.Error("a duplicate row's number was added")
	}
}

func TestImportMergingAddsWhatDuplicatesBring(t *testing.T) {
	db := openTest(t, Options{})
	maria := mustSaveContact(t, db, Contact{Name: "Maria L.", Numbers: phones("(212) 555-0147")})
	p, err := db.PreviewImport(parseContacts(t, db, importFile).Drafts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.ApplyImport(p, true)
	if err != nil {
		t.Fatal(err)
	}
	if res != (ImportResult{Added: 2, Merged: 2}) {
		t.Errorf("result %+v", res)
	}
	got, _ := db.Contact(maria.ID)
	if got.Name != "Maria L." || got.Notes != "from the file" {
		t.Errorf("Maria merged as %+v", got)
	}
	tom, ok, _ := db.ContactForNumber("+17185550124")
	if !ok || tom.Name != "Tom Baker" || tom.Company != "Baker Bros" || tom.Notes != "second row for Tom" || len(tom.Numbers) != 2 {
		t.Errorf("Tom merged as %+v", tom)
	}
	if got := searchTitles(t, db, "tom", 0); !reflect.DeepEqual(got, []string{"Tom Baker"}) {
		t.Errorf("search after import: %v", got)
	}
	// The same file again: everything is a duplicate now, and merging adds
	// nothing twice.
	p, _ = db.PreviewImport(parseContacts(t, db, importFile).Drafts)
	if p.New != 0 || p.Duplicates != 4 {
		t.Errorf("second preview: %q", statuses(p))
	}
	if _, err := db.ApplyImport(p, true); err != nil {
		t.Fatal(err)
	}
	tom, _, _ = db.ContactForNumber("+17185550124")
	if tom.Notes != "second row for Tom" || len(tom.Numbers) != 2 {
		t.Errorf("Tom after a second merge: %+v", tom)
	}
	if n, _ := db.ContactCount(); n != 3 {
		t.Errorf("%d contacts", n)
	}
}

func TestImportLooksAgainAtApplyTime(t *testing.T) {
	db := openTest(t, Options{})
	p, err := db.PreviewImport(parseContacts(t, db, "Name,Phone\nAnn,212-555-0101\n").Drafts)
	if err != nil || p.New != 1 {
		t.Fatalf("%+v %v", p, err)
	}
	// Between preview and import, someone saves Ann by hand.
	mustSaveContact(t, db, Contact{Name: "Ann C.", Numbers: phones("212-555-0101")})
	res, err := db.ApplyImport(p, false)
	if err != nil || res != (ImportResult{Skipped: 1}) {
		t.Errorf("result %+v, %v", res, err)
	}
	if n, _ := db.ContactCount(); n != 1 {
		t.Errorf("Ann was imported twice: %d contacts", n)
	}
}

func TestAFailedImportChangesNothing(t *testing.T) {
	db := openTest(t, Options{})
	maria := mustSaveContact(t, db, Contact{Name: "Maria L.", Numbers: phones("(212) 555-0147")})
	searchTitles(t, db, "", 0) // load the search index, which must not change either
	p, err := db.PreviewImport(parseContacts(t, db, importFile).Drafts)
	if err != nil {
		t.Fatal(err)
	}
	disk := errors.New("disk full")
	importFault = func(row int) error {
		if row == 5 {
			return disk
		}
		return nil
	}
	defer func() { importFault = nil }()
	if _, err := db.ApplyImport(p, true); !errors.Is(err, disk) {
		t.Fatalf("err = %v", err)
	}
	if got := searchTitles(t, db, "", 0); !reflect.DeepEqual(got, []string{"Maria L."}) {
		t.Errorf("contacts after a failed import: %v", got)
	}
	if got, _ := db.Contact(maria.ID); got.Notes != "" {
		t.Errorf("Maria was merged: %+v", got)
	}
	for _, key := range []string{"+17185550123", "+12125550101"} {
		if _, ok, _ := db.ContactForNumber(key); ok {
			t.Errorf("%s was saved", key)
		}
	}
	importFault = nil
	if res, err := db.ApplyImport(p, true); err != nil || res.Added != 2 {
		t.Errorf("the import after the failure: %+v, %v", res, err)
	}
}

func TestHandMadeDraftsGetRowsAndKeys(t *testing.T) {
	db := openTest(t, Options{})
	drafts := []contactfile.Draft{
		{Contact: contactfile.Contact{Name: "A", Numbers: phones("212-555-0101")}},
		{Contact: contactfile.Contact{Name: "B", Numbers: phones("(212) 555-0101")}},
		{Contact: contactfile.Contact{Name: "C", Numbers: phones("n/a")}},
		{Contact: contactfile.Contact{}},
	}
	p, err := db.PreviewImport(drafts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"new: ", "duplicate: (212) 555-0101 is also in row 1", "skipped: no valid phone number", "skipped: no name and no phone number"}
	if got := statuses(p); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
