package app

import (
	"fyne.io/fyne/v2/test"

	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// A known customer: the card shows the shop's name for them, the telco's
// name beside it, and the last note staff wrote.
func TestTheCardShowsTheContactTheTelcoNameAndTheLastNote(t *testing.T) {
	u, q := startUI(t, Config{})
	db := u.Session().DB()
	u.session.sink = u.bridge // as Start does, without devices
	number := callerid.Normalizer{}.Normalize("2125550147")
	if _, err := db.SaveContact(storage.Contact{Name: "Maria Lopez", Company: "Lopez Catering",
		Numbers: []storage.ContactNumber{{Raw: "2125550147", Key: number.Key(), Label: "mobile"}}}); err != nil {
		t.Fatal(err)
	}
	earlier := time.Now().Add(-3 * time.Hour)
	prev := callerid.Call{ID: earlier.UnixNano(), Line: "modem", Started: earlier, Known: earlier, Ended: earlier.Add(time.Minute),
		Number: number, Name: "LOPEZ M", Rings: 2, Outcome: callerid.OutcomeAnswered, Exact: true}
	if _, err := db.Record(prev); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(prev); err != nil {
		t.Fatal(err)
	}
	if err := db.Annotate(prev.ID, storage.Annotation{Note: "Wants a quote for 40 people"}); err != nil {
		t.Fatal(err)
	}

	now := time.Now()
	call := callerid.Call{ID: now.UnixNano(), Line: "modem", Started: now, Known: now, Number: number, Name: "LOPEZ M", Rings: 1}
	go u.session.apply(callerid.Update{Kind: callerid.CallKnown, Call: call})
	card := u.today.card
	q.until(t, "the caller", func() bool { return card.view.Call.ID == call.ID })
	if card.name.Text != "Maria Lopez" || card.telco.Text != "Caller ID says: LOPEZ M" {
		t.Errorf("card shows %q / %q", card.name.Text, card.telco.Text)
	}
	if got, want := card.noteText.Text, "Last note (today at "+earlier.Format("15:04")+"): Wants a quote for 40 people"; got != want && !yesterday(earlier) {
		t.Errorf("note %q, want %q", got, want)
	}
	if card.contact.Text != "Edit contact" {
		t.Errorf("contact button %q", card.contact.Text)
	}
}

func yesterday(t time.Time) bool { return !midnight(t).Equal(midnight(time.Now())) }

// The desk adds the caller on the card to the contacts, and the card
// shows the name they typed.
func TestAContactIsAddedFromTheCard(t *testing.T) {
	u, q := startUI(t, Config{})
	u.session.sink = u.bridge
	now := time.Now()
	call := callerid.Call{ID: now.UnixNano(), Line: "modem", Started: now, Known: now,
		Number: callerid.Normalizer{}.Normalize("3125550111"), Name: "WIRELESS CALLER", Rings: 1}
	go u.session.apply(callerid.Update{Kind: callerid.CallKnown, Call: call})
	card := u.today.card
	q.until(t, "the caller", func() bool { return card.view.Call.ID == call.ID && card.view.HasHistory })
	if card.contact.Text != "Add contact" {
		t.Fatalf("contact button %q", card.contact.Text)
	}
	form := u.openCardContact(card.view)
	if len(form.rows) != 1 || form.rows[0].number.Text == "" {
		t.Fatalf("the caller's number is not filled in: %d rows", len(form.rows))
	}
	form.name.SetText("Dana Whitfield")
	test.Tap(form.save)
	q.until(t, "the card to show the contact", func() bool { return card.name.Text == "Dana Whitfield" })
	c, ok, err := u.Session().DB().ContactForNumber(call.Number.Key())
	if err != nil || !ok || c.Name != "Dana Whitfield" {
		t.Fatalf("contact saved as %+v (found %v, err %v)", c, ok, err)
	}
	if card.contact.Text != "Edit contact" {
		t.Errorf("contact button %q after saving", card.contact.Text)
	}
}
