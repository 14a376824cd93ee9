package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// openContacts shows the Contacts screen in the test window, over a
// database holding the contacts given.
func openContacts(t *testing.T, contacts ...storage.Contact) (*UI, uiThread, *contactsView) {
	t.Helper()
	u, q := startUI(t, Config{})
	for _, c := range contacts {
		if _, err := u.Session().DB().SaveContact(c); err != nil {
			t.Fatalf("save %s: %v", c.Title(), err)
		}
	}
	v := newContactsView(u)
	u.win.SetContent(v.content)
	v.reload()
	q.until(t, "the contacts", v.settled)
	return u, q, v
}

func contact(name, company string, numbers ...string) storage.Contact {
	c := storage.Contact{Name: name, Company: company}
	for _, n := range numbers {
		c.Numbers = append(c.Numbers, storage.ContactNumber{Raw: n, Label: "mobile"})
	}
	return c
}

func listed(v *contactsView) []string {
	var out []string
	for _, c := range v.found {
		out = append(out, c.Title())
	}
	return out
}

func storedContacts(t *testing.T, u *UI) []storage.Contact {
	t.Helper()
	list, err := u.Session().DB().Contacts()
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func press(e fyne.Focusable, key fyne.KeyName) { e.TypedKey(&fyne.KeyEvent{Name: key}) }

func TestAContactAddedThroughTheFormShowsInTheList(t *testing.T) {
	u, q, v := openContacts(t)
	if got := v.count.Text; got != "No contacts yet" {
		t.Errorf("empty address book says %q", got)
	}

	test.Tap(findButton(v.content, "Add contact"))
	f := v.form
	if f == nil || u.win.Canvas().Focused() != f.name {
		t.Fatal("Add contact opened no form with the cursor in the name")
	}
	test.Type(f.name, "Maria Garcia")
	test.Type(f.company, "Garcia Dental")
	test.Type(f.rows[0].number, "(212) 555-0147")
	test.Tap(overlayButton(u.win, "Add another number"))
	test.Type(f.rows[1].number, "212 555 0199")
	f.rows[1].label.SetSelected("main")
	test.Type(f.notes, "Prefers mornings")
	test.Tap(overlayButton(u.win, "Save"))

	q.until(t, "the new contact in the list", func() bool {
		return v.settled() && slices.Equal(listed(v), []string{"Maria Garcia"})
	})
	if v.form != nil || len(u.win.Canvas().Overlays().List()) != 0 {
		t.Error("the form stayed open after saving")
	}
	saved := storedContacts(t, u)
	want := []storage.ContactNumber{{Raw: "(212) 555-0147", Key: "+12125550147", Label: "mobile"},
		{Raw: "212 555 0199", Key: "+12125550199", Label: "main"}}
	if len(saved) != 1 || saved[0].Company != "Garcia Dental" || saved[0].Notes != "Prefers mornings" || !slices.Equal(saved[0].Numbers, want) {
		t.Fatalf("database holds %+v", saved)
	}
	if v.count.Text != "1 contact" {
		t.Errorf("count %q", v.count.Text)
	}
	q.until(t, "the contact's calls", func() bool {
		return containsAll(labelsIn(v.detail), "No calls from this number yet")
	})
	if got := labelsIn(v.detail); !containsAll(got, "Maria Garcia", "Garcia Dental", "(212) 555-0147  ·  mobile", "(212) 555-0199  ·  main", "Prefers mornings") {
		t.Errorf("detail pane shows %q", got)
	}
}

func TestSearchNarrowsTheListByNameCompanyOrDigits(t *testing.T) {
	_, q, v := openContacts(t,
		contact("John Smith", "Acme Plumbing", "(212) 555-0147"),
		contact("Maria Garcia", "Garcia Dental", "212-555-0199"),
		contact("", "Bob's Pizza", "646 555 0123"),
	)
	if got := listed(v); !slices.Equal(got, []string{"Bob's Pizza", "John Smith", "Maria Garcia"}) {
		t.Fatalf("all contacts, by name: %q", got)
	}
	search := func(text string) []string {
		v.search.SetText("")
		test.Type(v.search, text)
		q.until(t, "the search for "+text, v.settled)
		return listed(v)
	}
	for text, want := range map[string][]string{
		"smi":       {"John Smith"},
		"dental":    {"Maria Garcia"},
		"PLUMB":     {"John Smith"},
		"0199":      {"Maria Garcia"},
		"646-555":   {"Bob's Pizza"},
		"555 01":    {"Bob's Pizza", "John Smith", "Maria Garcia"},
		"acme 0147": {"John Smith"},
	} {
		if got := search(text); !slices.Equal(got, want) {
			t.Errorf("search %q lists %q, want %q", text, got, want)
		}
	}
	if got := search("zebra"); len(got) != 0 || v.count.Text != "Nobody matches “zebra”" {
		t.Errorf("search for nobody: %q, count %q", got, v.count.Text)
	}

	// An older search that answers last does not replace the newer one.
	v.search.SetText("a")
	older := <-q
	v.search.SetText("pizza")
	newer := <-q
	newer()
	older()
	if got := listed(v); !slices.Equal(got, []string{"Bob's Pizza"}) {
		t.Errorf("after typing on, the list shows %q", got)
	}

	press(v.search, fyne.KeyEscape)
	q.until(t, "the cleared search", v.settled)
	if len(v.found) != 3 {
		t.Errorf("Esc in the search box leaves %q", listed(v))
	}
	v.focusSearch()
	if v.ui.win.Canvas().Focused() != v.search {
		t.Error("focusSearch did not focus the search box")
	}
}

func TestEditingAndDeletingAContact(t *testing.T) {
	u, q, v := openContacts(t, contact("John Smith", "Acme Plumbing", "(212) 555-0147"))
	db := u.Session().DB()
	line, err := db.SaveLine(storage.TrackingLine{Number: "+12125550100", Label: "Flyer line", Source: "modem"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveCampaign(storage.Campaign{Name: "Spring flyer", Medium: "flyer", Start: time.Now().AddDate(0, 0, -3), Lines: []int{line.ID}}); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	call := callerid.Call{ID: at.UnixNano(), Line: "modem", Started: at, Known: at, Answered: at.Add(10 * time.Second), Ended: at.Add(time.Minute),
		Number: callerid.Normalizer{Region: "US"}.Normalize("2125550147"), Rings: 2, Outcome: callerid.OutcomeAnswered, Exact: true}
	if _, err := db.Record(call); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(call); err != nil {
		t.Fatal(err)
	}

	v.list.Select(0)
	q.until(t, "the contact's calls", func() bool { return containsAll(labelsIn(v.detail), "1 call, today at") })
	if got := labelsIn(v.detail); !containsAll(got, "answered", "First called from the Spring flyer, "+at.Format("January 2006")) {
		t.Errorf("history %q", got)
	}
	id := v.selected.ID

	test.Tap(v.edit)
	v.form.name.SetText("John Q. Smith")
	press(v.form.name, fyne.KeyReturn) // Enter saves
	q.until(t, "the new name", func() bool { return v.settled() && slices.Equal(listed(v), []string{"John Q. Smith"}) })
	if got := storedContacts(t, u); len(got) != 1 || got[0].ID != id || got[0].Name != "John Q. Smith" || got[0].Company != "Acme Plumbing" {
		t.Fatalf("after editing, the database holds %+v", got)
	}

	test.Tap(v.edit)
	v.form.company.SetText("Something else")
	press(v.form.company, fyne.KeyEscape) // Esc cancels
	if v.form != nil || len(u.win.Canvas().Overlays().List()) != 0 {
		t.Fatal("Esc left the form open")
	}
	if got := storedContacts(t, u); got[0].Company != "Acme Plumbing" {
		t.Errorf("Esc saved the company %q", got[0].Company)
	}

	test.Tap(v.remove)
	test.Tap(overlayButton(u.win, "Delete"))
	q.until(t, "the contact to go", func() bool { return v.settled() && len(v.found) == 0 })
	if got := storedContacts(t, u); len(got) != 0 {
		t.Fatalf("after deleting, the database holds %+v", got)
	}
	if v.selected.ID != 0 || !v.edit.Disabled() {
		t.Error("the deleted contact is still shown")
	}
	if h, _, _ := db.Caller("+12125550147"); h.Calls != 1 {
		t.Errorf("deleting the contact lost their calls: %+v", h)
	}
}

func TestTheFormSaysWhatIsMissingAndWhoseANumberIs(t *testing.T) {
	u, q, v := openContacts(t, contact("John Smith", "", "(212) 555-0147"))
	john := v.found[0]

	test.Tap(findButton(v.content, "Add contact"))
	f := v.form
	test.Tap(f.save)
	if !f.problem.Visible() || f.problem.Text != "Type a name or a company." {
		t.Errorf("empty form: %q", f.problem.Text)
	}
	test.Type(f.name, "Reception")
	test.Tap(f.save)
	if !strings.HasPrefix(f.problem.Text, "Add a phone number") {
		t.Errorf("form without a number: %q", f.problem.Text)
	}
	test.Type(f.rows[0].number, "12")
	test.Tap(f.save)
	q.until(t, "the bad number refused", func() bool { return strings.Contains(f.problem.Text, `"12" is not a phone number`) })

	f.rows[0].number.SetText("212-555-0147")
	test.Tap(f.save)
	q.until(t, "the taken number refused", func() bool { return f.open.Visible() })
	if want := "212-555-0147 is already the number of John Smith."; !strings.HasPrefix(f.problem.Text, want) {
		t.Errorf("problem %q, want it to start %q", f.problem.Text, want)
	}
	if got := storedContacts(t, u); len(got) != 1 {
		t.Fatalf("a refused save stored %+v", got)
	}

	if f.open.Text != "Open John Smith" {
		t.Fatalf("offer %q", f.open.Text)
	}
	test.Tap(f.open)
	q.until(t, "John's form", func() bool { return v.form != nil && v.form != f })
	if v.form.contact.ID != john.ID || v.form.name.Text != "John Smith" || v.form.rows[0].number.Text != "(212) 555-0147" {
		t.Errorf("opened %+v", v.form.contact)
	}
	if n := len(u.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d dialogs open, want John's alone", n)
	}
}

func TestTheCallerCardCanAddAContactWithTheNumberFilledIn(t *testing.T) {
	u, q := startUI(t, Config{})
	var saved storage.Contact
	f := u.openContactForm(storage.Contact{Numbers: []storage.ContactNumber{{Raw: "2125550147"}}}, func(c storage.Contact) { saved = c })
	if f.rows[0].number.Text != "2125550147" || u.win.Canvas().Focused() != f.name {
		t.Fatalf("form opens with number %q", f.rows[0].number.Text)
	}
	test.Type(f.name, "Ann Lee")
	press(f.name, fyne.KeyEnter)
	q.until(t, "the save", func() bool { return saved.ID != 0 })
	if c, found, err := u.Session().DB().ContactForNumber("+12125550147"); err != nil || !found || c.Name != "Ann Lee" {
		t.Errorf("the caller's number belongs to %+v (%v, %v)", c, found, err)
	}
}

// phoneBook is a CSV file of n contacts with a number each, a company for
// one in four.
func phoneBook(n int) string {
	given := []string{"Maria", "John", "Ann", "José", "Li", "Fatima", "Peter", "Grace"}
	family := []string{"Lopez", "Smith", "Carter", "Núñez", "Nguyen", "Kim", "Baker", "O'Neil"}
	areas := []string{"212", "718", "917", "646", "347"}
	var b strings.Builder
	b.WriteString("Name,Organization 1 - Name,Phone 1 - Type,Phone 1 - Value\n")
	for i := range n {
		company := ""
		if i%4 == 0 {
			company = family[i/4%len(family)] + " Plumbing"
		}
		area, rest := areas[i%len(areas)], i/len(areas)
		fmt.Fprintf(&b, "%s %s,%s,Mobile,(%s) %03d-%04d\n", given[i%len(given)], family[i/7%len(family)], company, area, 201+rest/10000, rest%10000)
	}
	return b.String()
}

// The Contacts screen at 100,000 contacts: reading and previewing the
// file (off the UI thread, behind a progress bar), then the searches
// behind the list: for an empty search box the first page and then every
// contact, and a typed search.
//
//	go test -run '^$' -bench ContactsScreen -benchtime=1x ./app/
func BenchmarkContactsScreen(b *testing.B) {
	const size = 100_000
	db, err := storage.Open(filepath.Join(b.TempDir(), "callboard.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	file := phoneBook(size)
	b.Run("ReadAndPreviewImport", func(b *testing.B) {
		for b.Loop() {
			plan, err := readImport(db, strings.NewReader(file), "phonebook.csv")
			if err != nil || plan.fresh != size {
				b.Fatalf("%d new, %v", plan.fresh, err)
			}
		}
	})
	plan, err := readImport(db, strings.NewReader(file), "phonebook.csv")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.ApplyImport(plan.preview, false); err != nil {
		b.Fatal(err)
	}
	b.Run("FirstPage", func(b *testing.B) {
		for b.Loop() {
			if found, err := db.SearchContacts("", contactFirstPage); err != nil || len(found) != contactFirstPage {
				b.Fatalf("%d contacts, %v", len(found), err)
			}
		}
	})
	b.Run("ListEveryContact", func(b *testing.B) {
		for b.Loop() {
			if found, err := db.SearchContacts("", 0); err != nil || len(found) != size {
				b.Fatalf("%d contacts, %v", len(found), err)
			}
		}
	})
	b.Run("TypedSearch", func(b *testing.B) {
		for b.Loop() {
			if found, err := db.SearchContacts("mar", contactSearchLimit); err != nil || len(found) == 0 {
				b.Fatalf("%d contacts, %v", len(found), err)
			}
		}
	})
}
