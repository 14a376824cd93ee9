package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/callboard-app/callboard/callerid"
)

func TestANameForUnhelpfulCallerIDsShowsOnTheirCalls(t *testing.T) {
	u, q, v := openContacts(t, contact("", "Mercy Hospital", "(212) 555-0100"))
	db := u.Session().DB()
	z := callerid.Normalizer{Region: "US"}

	test.Tap(findButton(v.content, "Names for caller IDs…"))
	p := v.names
	q.until(t, "the empty list", func() bool { return containsAll(labelsIn(p.list), "No names yet") })

	// The form says what it lacks, and saves nothing until it has it.
	test.Tap(overlayButton(u.win, "Add a name"))
	f := p.form
	test.Tap(f.save)
	if f.problem.Text != "Type the start of the numbers, or the name the line sends." {
		t.Errorf("empty form: %q", f.problem.Text)
	}
	test.Type(f.pattern, "(212) 555")
	test.Tap(f.save)
	if f.problem.Text != "Type the name to show for these callers." {
		t.Errorf("form without a name to show: %q", f.problem.Text)
	}
	f.as.SetSelected(showContact)
	f.contact.SetText("nobody")
	test.Tap(f.save)
	if !strings.HasPrefix(f.problem.Text, "Choose the contact from the list") {
		t.Errorf("unknown contact: %q", f.problem.Text)
	}
	press(f.pattern, fyne.KeyEscape)
	if p.form != nil {
		t.Error("Esc left the form open")
	}
	if list, _ := db.Overrides(); len(list) != 0 {
		t.Errorf("refused forms stored %+v", list)
	}

	test.Tap(overlayButton(u.win, "Add a name"))
	f = p.form
	f.on.SetSelected(matchName)
	test.Type(f.pattern, "wireless*")
	test.Type(f.label, "Mobile caller")
	test.Tap(f.save)
	q.until(t, "the name in the list", func() bool { return p.form == nil && len(p.items) == 1 })
	if name, id, ok := db.DisplayName(z.Normalize("3125550188"), "WIRELESS CALLER  "); !ok || id != 0 || name != "Mobile caller" {
		t.Errorf("a wireless caller is shown as %q (contact %d, %v)", name, id, ok)
	}

	// Every number of the hospital's exchange shows as the hospital.
	test.Tap(overlayButton(u.win, "Add a name"))
	f = p.form
	test.Type(f.pattern, "(212) 555-01")
	f.as.SetSelected(showContact)
	test.Type(f.contact, "merc")
	q.until(t, "the contact offered", func() bool { return len(f.contactIDs) == 1 })
	f.contact.SetText("Mercy Hospital")
	test.Tap(f.save)
	q.until(t, "the second name", func() bool { return p.form == nil && len(p.items) == 2 })
	hospital := v.found[0].ID
	if name, id, ok := db.DisplayName(z.Normalize("2125550142"), "NEW YORK NY"); !ok || id != hospital || name != "Mercy Hospital" {
		t.Errorf("an extension of the hospital is shown as %q (contact %d, %v)", name, id, ok)
	}
	listedText := strings.Join(labelsIn(p.list), "\n")
	if !containsAll([]string{listedText}, "Caller-ID name WIRELESS*  →  shown as “Mobile caller”", "Numbers starting +121255501  →  shown as the contact Mercy Hospital") {
		t.Errorf("the list says:\n%s", listedText)
	}

	test.Tap(findButton(p.list, "Delete"))
	q.until(t, "the first name to go", func() bool { return len(p.items) == 1 })
	if _, _, ok := db.DisplayName(z.Normalize("3125550188"), "WIRELESS CALLER"); ok {
		t.Error("a deleted name is still shown")
	}
}
