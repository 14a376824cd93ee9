package storage

import (
	"errors"
	"testing"

	"github.com/callboard-app/callboard/callerid"
)

func mustSaveOverride(t *testing.T, db *DB, o Override) Override {
	t.Helper()
	saved, err := db.SaveOverride(o)
	if err != nil {
		t.Fatalf("SaveOverride(%+v): %v", o, err)
	}
	return saved
}

type shown struct {
	name    string
	contact int
	ok      bool
}

func display(db *DB, n callerid.Number, telco string) shown {
	name, id, ok := db.DisplayName(n, telco)
	return shown{name, id, ok}
}

func TestDisplayNamePrefersTheContactThenTheLongestPrefixThenTheTelcoName(t *testing.T) {
	db := openTest(t, Options{})
	maria := mustSaveContact(t, db, Contact{Name: "Maria Lopez", Numbers: phones("212-555-0147")})
	office := mustSaveContact(t, db, Contact{Company: "City Hall", Numbers: phones("212-555-0100")})
	mustSaveOverride(t, db, Override{Pattern: "(212) 555", Label: "Manhattan office"})
	mustSaveOverride(t, db, Override{Pattern: "+1 212 555 01", ContactID: office.ID})
	mustSaveOverride(t, db, Override{Pattern: "wireless*", OnName: true, Label: "Mobile caller"})
	mustSaveOverride(t, db, Override{Pattern: "WIRELESS CALLER", OnName: true, Label: "Cell phone"})
	mustSaveOverride(t, db, Override{Pattern: "*caller", OnName: true, Label: "Some caller"})
	mustSaveOverride(t, db, Override{Pattern: "?? CITY", OnName: true, Label: "Two letters and city"})

	for _, tc := range []struct {
		number callerid.Number
		telco  string
		want   shown
	}{
		// The contact who owns the number, whatever the patterns say.
		{nanp("2125550147"), "WIRELESS CALLER", shown{"Maria Lopez", maria.ID, true}},
		// The longest prefix: +1212555 01 beats +1212555; it shows a contact.
		{nanp("2125550188"), "WIRELESS CALLER", shown{"City Hall", office.ID, true}},
		{nanp("2125559999"), "WIRELESS CALLER", shown{"Manhattan office", 0, true}},
		// No prefix fits: the most specific telco-name pattern, any case,
		// padding aside.
		{nanp("7185550123"), "WIRELESS CALLER", shown{"Cell phone", 0, true}},
		{nanp("7185550123"), "wireless   caller ", shown{"Cell phone", 0, true}},
		{nanp("7185550123"), "WIRELESS NY", shown{"Mobile caller", 0, true}},
		{nanp("7185550123"), "UNKNOWN CALLER", shown{"Some caller", 0, true}},
		{nanp("7185550123"), "NY CITY", shown{"Two letters and city", 0, true}},
		{nanp("7185550123"), "NEW YORK CITY", shown{}},
		{special("P", callerid.Private), "WIRELESS", shown{"Mobile caller", 0, true}},
		// Nothing fits: the telco's name stands.
		{nanp("7185550123"), "SMITH JOHN", shown{}},
		{nanp("7185550123"), "", shown{}},
	} {
		if got := display(db, tc.number, tc.telco); got != tc.want {
			t.Errorf("%s %q: got %+v, want %+v", tc.number.Key(), tc.telco, got, tc.want)
		}
	}
}

func TestNumberPrefixesAreStoredInInternationalForm(t *testing.T) {
	db := openTest(t, Options{})
	for _, tc := range []struct{ typed, region, want string }{
		{"(212) 555", "US", "+1212555"},
		{"1-212-555", "US", "+1212555"},
		{"+44 20 79", "US", "+442079"},
		{"020 79", "GB", "+442079"},
	} {
		if err := db.SaveSettings(Settings{Region: tc.region}); err != nil {
			t.Fatal(err)
		}
		o := mustSaveOverride(t, db, Override{Pattern: tc.typed, Label: "x"})
		if o.Pattern != tc.want {
			t.Errorf("%q in %s: stored %q, want %q", tc.typed, tc.region, o.Pattern, tc.want)
		}
	}
}

func TestOverridesAreKeptEditedAndDeleted(t *testing.T) {
	db := openTest(t, Options{})
	for _, bad := range []Override{
		{Pattern: "wireless*", OnName: true},               // shows nothing
		{Pattern: "**", OnName: true, Label: "x"},          // matches everyone
		{Pattern: "abc", Label: "x"},                       // not a number
		{Pattern: "212", ContactID: 42},                    // no such contact
		{ID: 7, Pattern: "212", Label: "no such override"}, // unknown ID
	} {
		if _, err := db.SaveOverride(bad); err == nil {
			t.Errorf("%+v was saved", bad)
		}
	}
	o := mustSaveOverride(t, db, Override{Pattern: "WIRELESS CALLER", OnName: true, Label: "Cell"})
	o.Label = "Mobile"
	mustSaveOverride(t, db, o)
	list, err := db.Overrides()
	if err != nil || len(list) != 1 || list[0] != o {
		t.Fatalf("Overrides() = %+v, %v", list, err)
	}
	if err := db.DeleteOverride(o.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteOverride(o.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	if got := display(db, nanp("7185550123"), "WIRELESS CALLER"); got.ok {
		t.Errorf("a deleted override still names the caller: %+v", got)
	}
}

func TestDeletingAContactDeletesTheOverridesThatShowIt(t *testing.T) {
	db := openTest(t, Options{})
	c := mustSaveContact(t, db, Contact{Name: "Branch", Numbers: phones("212-555-0100")})
	mustSaveOverride(t, db, Override{Pattern: "+1212555", ContactID: c.ID})
	keep := mustSaveOverride(t, db, Override{Pattern: "ACME*", OnName: true, Label: "Acme"})
	if err := db.DeleteContact(c.ID); err != nil {
		t.Fatal(err)
	}
	list, _ := db.Overrides()
	if len(list) != 1 || list[0] != keep {
		t.Errorf("overrides left: %+v", list)
	}
}

func TestWildcards(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"*", "", true}, {"A*", "A", true}, {"A*B", "AXXB", true}, {"A*B", "AXXBX", false},
		{"*AB*AB", "XABYABAB", true}, {"A?C", "ABC", true}, {"A?C", "AC", false},
		{"ÉT?", "ÉTÉ", true}, {"A**B", "AB", true},
	} {
		if got := wildcardMatch(tc.pattern, tc.name); got != tc.want {
			t.Errorf("%q ~ %q = %v", tc.pattern, tc.name, got)
		}
	}
}
