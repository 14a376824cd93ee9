package storage

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func mustSaveContact(t testing.TB, db *DB, c Contact) Contact {
	t.Helper()
	saved, err := db.SaveContact(c)
	if err != nil {
		t.Fatalf("SaveContact(%+v): %v", c, err)
	}
	return saved
}

func phones(raws ...string) []ContactNumber {
	var out []ContactNumber
	for _, r := range raws {
		out = append(out, ContactNumber{Raw: r})
	}
	return out
}

func TestContactIsFoundByAnyOfItsNumbersInWhateverFormatItWasTyped(t *testing.T) {
	db := openTest(t, Options{})
	saved := mustSaveContact(t, db, Contact{Name: " Maria Lopez ", Company: "Lopez Bakery",
		Numbers: []ContactNumber{{Raw: "(212) 555-0147", Label: "mobile"}, {Raw: "212.555.0190", Label: "work"}}})
	if saved.ID == 0 || saved.Name != "Maria Lopez" || saved.Created.IsZero() || saved.Updated.IsZero() {
		t.Fatalf("saved as %+v", saved)
	}
	want := []ContactNumber{{Raw: "(212) 555-0147", Key: "+12125550147", Label: "mobile"},
		{Raw: "212.555.0190", Key: "+12125550190", Label: "work"}}
	if !reflect.DeepEqual(saved.Numbers, want) {
		t.Errorf("numbers %+v, want %+v", saved.Numbers, want)
	}
	for _, key := range []string{"+12125550147", "+12125550190"} {
		c, ok, err := db.ContactForNumber(key)
		if err != nil || !ok || c.ID != saved.ID || c.Company != "Lopez Bakery" {
			t.Errorf("ContactForNumber(%s) = %+v, %v, %v", key, c, ok, err)
		}
	}
	if _, ok, _ := db.ContactForNumber("+12125550199"); ok {
		t.Error("a stranger's number finds a contact")
	}
	got, err := db.Contact(saved.ID)
	if err != nil || !reflect.DeepEqual(got, saved) {
		t.Errorf("Contact(%d) = %+v, %v; want %+v", saved.ID, got, err, saved)
	}
}

func TestSevenDigitNumberTakesTheAreaCodeFromTheSettings(t *testing.T) {
	db := openTest(t, Options{})
	if err := db.SaveSettings(Settings{Region: "US", AreaCode: "518"}); err != nil {
		t.Fatal(err)
	}
	c := mustSaveContact(t, db, Contact{Name: "Sara Kim", Numbers: phones("555-0120")})
	if c.Numbers[0].Key != "+15185550120" {
		t.Errorf("key %q", c.Numbers[0].Key)
	}
}

func TestANumberBelongsToOneContact(t *testing.T) {
	db := openTest(t, Options{})
	maria := mustSaveContact(t, db, Contact{Name: "Maria Lopez", Numbers: phones("212-555-0147")})
	_, err := db.SaveContact(Contact{Name: "Tom Baker", Numbers: phones("718-555-0123", "+1 212 555 0147")})
	var taken *NumberTakenError
	if !errors.As(err, &taken) || taken.ContactID != maria.ID || taken.Contact != "Maria Lopez" {
		t.Fatalf("err = %v, want the number taken by Maria", err)
	}
	if err.Error() != "+1 212 555 0147 is already the number of Maria Lopez" {
		t.Errorf("message %q", err)
	}
	if _, ok, _ := db.ContactForNumber("+17185550123"); ok {
		t.Error("the refused contact's other number was saved")
	}
	// Moving the number: take it off Maria, then Tom can have it.
	maria.Numbers = phones("212-555-0190")
	mustSaveContact(t, db, maria)
	tom := mustSaveContact(t, db, Contact{Name: "Tom Baker", Numbers: phones("+1 212 555 0147")})
	if c, _, _ := db.ContactForNumber("+12125550147"); c.ID != tom.ID {
		t.Errorf("the number is %+v's", c)
	}
}

func TestContactRefusesWhatIsNotANumberAndKeepsARepeatedOneOnce(t *testing.T) {
	db := openTest(t, Options{})
	for _, raw := range []string{"private", "12", "0000000000"} {
		if _, err := db.SaveContact(Contact{Name: "X", Numbers: phones(raw)}); err == nil {
			t.Errorf("%q was taken as a number", raw)
		}
	}
	if _, err := db.SaveContact(Contact{Numbers: phones("")}); err == nil {
		t.Error("an empty contact was saved")
	}
	c := mustSaveContact(t, db, Contact{Name: "X", Numbers: phones("212-555-0101", "(212) 555-0101")})
	if len(c.Numbers) != 1 {
		t.Errorf("numbers %+v", c.Numbers)
	}
}

func TestEditingAContactFreesTheNumbersItDropsAndKeepsItsCreationTime(t *testing.T) {
	db := openTest(t, Options{})
	clock := utc(2026, 3, 1, 9, 0)
	db.now = func() time.Time { return clock }
	c := mustSaveContact(t, db, Contact{Name: "Ann", Numbers: phones("212-555-0101", "212-555-0102")})
	clock = clock.Add(time.Hour)
	c.Numbers = phones("212-555-0102", "212-555-0103")
	c.Notes = "moved office"
	c = mustSaveContact(t, db, c)
	if !c.Created.Equal(utc(2026, 3, 1, 9, 0)) || !c.Updated.Equal(clock) {
		t.Errorf("created %v updated %v", c.Created, c.Updated)
	}
	if _, ok, _ := db.ContactForNumber("+12125550101"); ok {
		t.Error("the dropped number still finds the contact")
	}
	for _, key := range []string{"+12125550102", "+12125550103"} {
		if got, ok, _ := db.ContactForNumber(key); !ok || got.Notes != "moved office" {
			t.Errorf("%s: %+v %v", key, got, ok)
		}
	}
	if _, err := db.SaveContact(Contact{ID: 99, Name: "Ghost"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving an unknown ID: %v", err)
	}
}

func TestDeletingAContactForgetsItsNumbers(t *testing.T) {
	db := openTest(t, Options{})
	c := mustSaveContact(t, db, Contact{Name: "Ann", Numbers: phones("212-555-0101")})
	if err := db.DeleteContact(c.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.ContactForNumber("+12125550101"); ok {
		t.Error("the number still finds the deleted contact")
	}
	if _, err := db.Contact(c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Contact after delete: %v", err)
	}
	if err := db.DeleteContact(c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	mustSaveContact(t, db, Contact{Name: "Bo", Numbers: phones("212-555-0101")})
}

func TestContactsAreListedByNameOrCompany(t *testing.T) {
	db := openTest(t, Options{})
	for _, c := range []Contact{{Name: "zed"}, {Company: "Acme"}, {Name: "Émile"}, {Name: "Bob"}} {
		mustSaveContact(t, db, c)
	}
	list, err := db.Contacts()
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, c := range list {
		titles = append(titles, c.Title())
	}
	if want := []string{"Acme", "Bob", "Émile", "zed"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("titles %v, want %v", titles, want)
	}
}

func searchTitles(t *testing.T, db *DB, q string, limit int) []string {
	t.Helper()
	found, err := db.SearchContacts(q, limit)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, c := range found {
		out = append(out, c.Title())
	}
	return out
}

func TestSearchAsYouTypeByNameCompanyOrAnyPartOfANumber(t *testing.T) {
	db := openTest(t, Options{})
	mustSaveContact(t, db, Contact{Name: "Maria Lopez", Company: "Lopez Bakery", Numbers: phones("(212) 555-0147")})
	mustSaveContact(t, db, Contact{Name: "John Smith", Company: "Smith & Sons Plumbing", Numbers: phones("718-555-0123")})
	mustSaveContact(t, db, Contact{Name: "Ann Goldsmith", Numbers: phones("+44 20 7946 0018")})
	mustSaveContact(t, db, Contact{Name: "José Núñez", Company: "Bakery Núñez", Numbers: phones("212 555 0199")})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		// Inside a word too, with names starting with it first.
		{"smi", []string{"John Smith", "Ann Goldsmith"}},
		{"SMITH", []string{"John Smith", "Ann Goldsmith"}},
		{"bakery", []string{"José Núñez", "Maria Lopez"}},
		{"plumb", []string{"John Smith"}},
		// Accents aside.
		{"nunez", []string{"José Núñez"}},
		// Digits in any format, across the number's punctuation.
		{"555 01", []string{"John Smith", "José Núñez", "Maria Lopez"}},
		{"555 014", []string{"Maria Lopez"}},
		// A number typed from its start comes first.
		{"718", []string{"John Smith"}},
		{"(212) 555", []string{"José Núñez", "Maria Lopez"}},
		{"2125550147", []string{"Maria Lopez"}},
		{"+1 212-555-0147", []string{"Maria Lopez"}},
		{"7946", []string{"Ann Goldsmith"}},
		// Words and digits together must all match.
		{"lopez 0147", []string{"Maria Lopez"}},
		{"lopez 0123", []string{}},
		{"nobody", []string{}},
		// Nothing typed: everyone, by name.
		{"", []string{"Ann Goldsmith", "John Smith", "José Núñez", "Maria Lopez"}},
	} {
		if got := searchTitles(t, db, tc.q, 10); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %v, want %v", tc.q, got, tc.want)
		}
	}
	if got := searchTitles(t, db, "", 2); len(got) != 2 {
		t.Errorf("limit 2 gave %v", got)
	}
}

func TestSearchFollowsEveryChangeToTheContacts(t *testing.T) {
	db := openTest(t, Options{})
	ann := mustSaveContact(t, db, Contact{Name: "Ann", Numbers: phones("212-555-0101")})
	if got := searchTitles(t, db, "ann", 10); !reflect.DeepEqual(got, []string{"Ann"}) {
		t.Fatalf("before: %v", got)
	}
	// The index is loaded now; changes must reach it.
	ann.Name = "Annabel"
	ann.Numbers = phones("212-555-0177")
	mustSaveContact(t, db, ann)
	mustSaveContact(t, db, Contact{Name: "Annette", Numbers: phones("212-555-0102")})
	if got := searchTitles(t, db, "ann", 10); !reflect.DeepEqual(got, []string{"Annabel", "Annette"}) {
		t.Errorf("after saves: %v", got)
	}
	if got := searchTitles(t, db, "0101", 10); len(got) != 0 {
		t.Errorf("old number still found: %v", got)
	}
	if err := db.DeleteContact(ann.ID); err != nil {
		t.Fatal(err)
	}
	if got := searchTitles(t, db, "ann", 10); !reflect.DeepEqual(got, []string{"Annette"}) {
		t.Errorf("after delete: %v", got)
	}
	if n, err := db.ContactCount(); err != nil || n != 1 {
		t.Errorf("ContactCount = %d, %v", n, err)
	}
}

func TestContactsSurviveReopening(t *testing.T) {
	db := openTest(t, Options{})
	c := mustSaveContact(t, db, Contact{Name: "Ann", Company: "Acme", Notes: "line 1\nline 2",
		Numbers: []ContactNumber{{Raw: "212-555-0101", Label: "fax"}}})
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, ok, err := db.ContactForNumber("+12125550101")
	if err != nil || !ok || !reflect.DeepEqual(got, c) {
		t.Errorf("got %+v %v %v, want %+v", got, ok, err, c)
	}
	if got := searchTitles(t, db, "acme", 10); !reflect.DeepEqual(got, []string{"Ann"}) {
		t.Errorf("search after reopening: %v", got)
	}
}
