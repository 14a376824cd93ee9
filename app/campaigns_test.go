package app

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

// shopLine is the device line the seeded calls rang on.
const shopLine = "modem-1"

// seededUI opens the window on a database holding 45 days of calls on
// shopLine and a tracking line for it, the newspaper's number.
func seededUI(t *testing.T) (*UI, uiThread, storage.TrackingLine) {
	t.Helper()
	u, q := startUI(t, Config{Region: "US"})
	db := u.Session().DB()
	today := midnight(time.Now())
	rnd := rand.New(rand.NewPCG(7, 11))
	calls := sim.History(today.AddDate(0, 0, -45), today, time.Local, rnd, 8, callerid.Normalizer{Region: "US"}, shopLine)
	if err := db.ImportCalls(calls); err != nil {
		t.Fatal(err)
	}
	line, err := db.SaveLine(storage.TrackingLine{Number: "+12175550142", Label: "Newspaper line", Source: shopLine})
	if err != nil {
		t.Fatal(err)
	}
	return u, q, line
}

// openCampaigns builds the screen and waits until it has read the database.
func openCampaigns(t *testing.T, u *UI, q uiThread) *campaignsView {
	t.Helper()
	v := newCampaignsView(u)
	v.reload()
	q.until(t, "the lines and campaigns", func() bool { return v.loads > 0 })
	return v
}

// countedCalls counts, from the log, the calls in [from, to) on a device
// line that reports count: finished, inbound, not spam.
func countedCalls(t *testing.T, db *storage.DB, line string, from, to time.Time) int {
	t.Helper()
	rows, err := db.Log(from, to, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rows {
		if r.Line == line && !r.Ended.IsZero() && !r.Outbound && !r.Spam {
			n++
		}
	}
	return n
}

func TestANewCampaignCountsTheCallsItsLineTookBefore(t *testing.T) {
	u, q, line := seededUI(t)
	v := openCampaigns(t, u, q)
	if got := strings.Join(labelsIn(v.lines), "\n"); !containsAll([]string{got}, "(217) 555-0142 · Newspaper line", "No campaign yet:", "calls a day over") {
		t.Fatalf("tracking lines show:\n%s", got)
	}

	today := midnight(time.Now())
	start, end := today.AddDate(0, 0, -30), today.AddDate(0, 0, -11)
	v.editCampaign(storage.Campaign{})
	f := v.campaignForm
	f.name.SetText("Spring flyer")
	f.medium.SetSelected("flyer")
	f.start.SetDate(&start)
	f.end.SetDate(&end)
	f.total.SetText("$450")
	f.lines.SetSelected([]string{"(217) 555-0142 · Newspaper line"})
	test.Tap(f.save)
	q.until(t, "the campaign to be saved", func() bool { return strings.Contains(v.notice.Text, "Spring flyer saved") })

	want := countedCalls(t, u.Session().DB(), shopLine, start, end.AddDate(0, 0, 1))
	if want == 0 {
		t.Fatal("the seeded history has no calls in the campaign's dates")
	}
	if !strings.Contains(v.notice.Text, fmt.Sprintf(": %d calls so far", want)) {
		t.Errorf("after saving: %q, want %d calls", v.notice.Text, want)
	}
	q.until(t, "the list to show the campaign", func() bool {
		return containsAll(labelsIn(v.campaigns), "Spring flyer", fmt.Sprintf("%d calls ·", want), "$450.00", "Lines: (217) 555-0142 · Newspaper line")
	})
	saved, err := u.Session().DB().Campaigns()
	if err != nil || len(saved) != 1 || saved[0].CostCents != 45000 || saved[0].Lines[0] != line.ID || !saved[0].End.Equal(end) {
		t.Fatalf("saved %+v (%v)", saved, err)
	}
	if !containsAll(labelsIn(v.lines), "Before its first campaign:") {
		t.Errorf("the line's baseline does not end at its campaign:\n%s", strings.Join(labelsIn(v.lines), "\n"))
	}
}

func TestACampaignPaidPerInsertionAddsUpItsInsertions(t *testing.T) {
	u, q, _ := seededUI(t)
	v := openCampaigns(t, u, q)
	today := midnight(time.Now())
	v.editCampaign(storage.Campaign{})
	f := v.campaignForm
	f.name.SetText("Gazette ad")
	f.medium.SetSelected("newspaper")
	start := today.AddDate(0, 0, -14)
	f.start.SetDate(&start)
	f.costMode.SetSelected(costPerInsertion)
	test.Tap(findButton(f.costBox, "Add an insertion"))
	test.Tap(findButton(f.costBox, "Add an insertion"))
	f.insertions[0].date.SetDate(&start)
	f.insertions[0].cost.SetText("120")
	second := today.AddDate(0, 0, -7)
	f.insertions[1].date.SetDate(&second)
	f.insertions[1].cost.SetText("1,080.50")
	f.insertions[1].note.SetText("Sunday issue")
	test.Tap(f.save)
	q.until(t, "the campaign to be saved", func() bool { return strings.Contains(v.notice.Text, "Gazette ad saved") })
	if !strings.Contains(v.notice.Text, "no tracking line yet") {
		t.Errorf("a campaign without lines: %q", v.notice.Text)
	}
	saved, err := u.Session().DB().Campaigns()
	if err != nil || len(saved) != 1 {
		t.Fatalf("saved %+v (%v)", saved, err)
	}
	c := saved[0]
	if c.CostCents != 120050 || len(c.Insertions) != 2 || c.Insertions[1].Note != "Sunday issue" || !c.End.IsZero() {
		t.Errorf("saved %+v", c)
	}
	q.until(t, "the list to show it", func() bool { return containsAll(labelsIn(v.campaigns), "$1,200.50 in 2 insertions", "still running") })
}

func TestACampaignFormSaysWhatIsMissingAndSavesNothing(t *testing.T) {
	u, q := startUI(t, Config{Region: "US"})
	v := openCampaigns(t, u, q)
	v.editCampaign(storage.Campaign{})
	f := v.campaignForm
	f.name.SetText("Radio spots")
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "medium") {
		t.Errorf("without a medium the form says %q", f.problem.Text)
	}
	f.medium.SetSelected("radio")
	f.total.SetText("twelve dollars")
	test.Tap(f.save)
	if !strings.Contains(f.problem.Text, "not an amount") {
		t.Errorf("with a cost in words the form says %q", f.problem.Text)
	}
	if saved, _ := u.Session().DB().Campaigns(); len(saved) != 0 {
		t.Errorf("saved %+v", saved)
	}
}

func TestAddingATrackingLineFromTheForm(t *testing.T) {
	u, q, _ := seededUI(t)
	v := openCampaigns(t, u, q)
	v.editLine(storage.TrackingLine{})
	f := v.lineForm
	if !containsAll(f.source.Options, noSource, shopLine) {
		t.Fatalf("the lines calls came in on: %q", f.source.Options)
	}
	f.number.SetText("217 555 0199")
	f.label.SetText("Radio line")
	f.dialed.SetText("2175550199")
	test.Tap(f.save)
	q.until(t, "the line to be saved", func() bool { return strings.Contains(v.notice.Text, "Radio line saved") })
	lines, err := u.Session().DB().Lines()
	if err != nil || len(lines) != 2 || lines[1].Number != "+12175550199" || lines[1].Source != "" {
		t.Fatalf("lines %+v (%v)", lines, err)
	}
	q.until(t, "the list to show it", func() bool {
		return containsAll(labelsIn(v.lines), "(217) 555-0199 · Radio line", "calls to (217) 555-0199 where the device reports the dialled number", "no calls on this line")
	})

	v.editLine(storage.TrackingLine{})
	v.lineForm.number.SetText("12")
	test.Tap(v.lineForm.save)
	if !strings.Contains(v.lineForm.problem.Text, "not a phone number") {
		t.Errorf("a short number: %q", v.lineForm.problem.Text)
	}
}

func TestASpammyNumberIsCalledDirtyBeforeAnyAdRuns(t *testing.T) {
	u, q, _ := seededUI(t)
	db := u.Session().DB()
	rows, err := db.Log(time.Time{}, time.Now(), 0)
	if err != nil {
		t.Fatal(err)
	}
	// Flag callers as spam until a fifth of the calls are theirs.
	flagged := map[string]bool{}
	spam := 0
	for _, r := range rows {
		key := r.Number.Key()
		if spam*5 >= len(rows) || r.Number.E164 == "" || flagged[key] {
			continue
		}
		if err := db.SetSpam(key, true); err != nil {
			t.Fatal(err)
		}
		flagged[key] = true
		for _, o := range rows {
			if o.Number.Key() == key {
				spam++
			}
		}
	}
	v := openCampaigns(t, u, q)
	if !containsAll(labelsIn(v.lines), "of calls on this number are spam: a dirty number") {
		t.Errorf("a number with %d of %d calls from spam callers shows:\n%s", spam, len(rows), strings.Join(labelsIn(v.lines), "\n"))
	}
}

func TestAmountsAsTheShopTypesThem(t *testing.T) {
	for in, want := range map[string]int64{
		"": 0, "450": 45000, "$450": 45000, "1,200.50": 120050, "1.200,50": 120050,
		"12.5": 1250, "€ 99,99": 9999, "1,200": 120000, ".75": 75,
	} {
		if got, err := parseMoney(in); err != nil || got != want {
			t.Errorf("parseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"-5", "free", "$"} {
		if got, err := parseMoney(in); err == nil {
			t.Errorf("parseMoney(%q) = %d, want an error", in, got)
		}
	}
}
