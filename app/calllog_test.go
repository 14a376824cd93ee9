package app

import (
	"bytes"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

// The seeded shop's two device lines: the newspaper's tracking number
// rings on the first, the shop's own number on the second.
const (
	adLine   = "modem-1"
	shopOnly = "modem-2"
)

// logShop is a shop with ten days of calls behind it: a tracking line
// with a campaign on it, a spam caller and a contact.
type logShop struct {
	u        *UI
	q        uiThread
	v        *callLogView
	db       *storage.DB
	all      []storage.CallRow // every call, newest first
	line     storage.TrackingLine
	spam     string // the spam caller's key
	contact  storage.Contact
	campaign storage.Campaign
}

func openLogShop(t *testing.T) *logShop {
	t.Helper()
	u, q := startUI(t, Config{Region: "US"})
	s := &logShop{u: u, q: q, db: u.Session().DB()}
	now := time.Now()
	gen := sim.NewGenerator(time.Local, rand.New(rand.NewPCG(3, 5)), 10, callerid.Normalizer{Region: "US"}, adLine)
	gen.Route = func(_ time.Time, rnd *rand.Rand) sim.Route {
		if rnd.IntN(3) == 0 {
			return sim.Route{Line: shopOnly}
		}
		return sim.Route{Line: adLine}
	}
	if err := s.db.ImportCalls(gen.Calls(midnight(now).AddDate(0, 0, -10), now, 10)); err != nil {
		t.Fatal(err)
	}
	var err error
	s.line, err = s.db.SaveLine(storage.TrackingLine{Number: "+12175550142", Label: "Newspaper line", Source: adLine})
	if err != nil {
		t.Fatal(err)
	}
	s.campaign, err = s.db.SaveCampaign(storage.Campaign{Name: "Spring flyer", Medium: "flyer",
		Start: midnight(now).AddDate(0, 0, -4), Lines: []int{s.line.ID}})
	if err != nil {
		t.Fatal(err)
	}
	s.reload(t)
	// The first caller with a number is a customer the shop knows; the
	// caller who called most often besides turns out to be a robocaller.
	first := s.all[s.firstKnown()]
	s.spam = mostFrequent(s.all, first.Number.Key())
	if err := s.db.SetSpam(s.spam, true); err != nil {
		t.Fatal(err)
	}
	s.contact, err = s.db.SaveContact(storage.Contact{Name: "Zelda Quartermaine",
		Numbers: []storage.ContactNumber{{Raw: first.Number.E164}}})
	if err != nil {
		t.Fatal(err)
	}
	// Two calls today, whatever the time.
	for _, at := range []time.Time{now.Add(-now.Sub(midnight(now)) / 2), now.Add(-now.Sub(midnight(now)) / 3)} {
		estimatedCall(t, s.db, at)
	}
	s.reload(t)
	s.v = newCallLogView(u)
	u.win.SetContent(s.v.content)
	s.v.refresh()
	s.wait(t, "the log")
	return s
}

// firstKnown is the row of the oldest call with a number.
func (s *logShop) firstKnown() int {
	for i := len(s.all) - 1; i >= 0; i-- {
		if s.all[i].Number.E164 != "" {
			return i
		}
	}
	return -1
}

// reload reads every call, newest first, as the storage has it.
func (s *logShop) reload(t *testing.T) {
	t.Helper()
	var err error
	s.all, err = s.db.Log(time.Time{}, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
}

func (s *logShop) wait(t *testing.T, what string) {
	t.Helper()
	s.q.until(t, what, s.v.settled)
}

// shown lists the calls the log shows, in order.
func (s *logShop) shown(t *testing.T) []storage.CallRow {
	t.Helper()
	var out []storage.CallRow
	for i := range s.v.rows.len() {
		line, ok := s.v.rows.line(i)
		if !ok {
			t.Fatalf("row %d of %d could not be read: %v", i, s.v.rows.len(), s.v.rows.err)
		}
		out = append(out, line.call)
	}
	return out
}

// expect checks that the log shows exactly the calls keep keeps, in the
// storage's newest-first order, and says so in the count.
func (s *logShop) expect(t *testing.T, what string, keep func(storage.CallRow) bool) []storage.CallRow {
	t.Helper()
	want := slices.DeleteFunc(slices.Clone(s.all), func(r storage.CallRow) bool { return !keep(r) })
	got := s.shown(t)
	if len(want) == 0 || len(want) == len(s.all) {
		t.Fatalf("%s: the fixture makes a poor test: %d of %d calls kept", what, len(want), len(s.all))
	}
	if !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("%s: log shows %d calls, want %d", what, len(got), len(want))
	}
	if s.v.count.Text != logCallCount(len(want)) {
		t.Errorf("%s: count says %q, want %q", what, s.v.count.Text, logCallCount(len(want)))
	}
	return got
}

func ids(rows []storage.CallRow) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func mostFrequent(rows []storage.CallRow, except string) string {
	n := map[string]int{}
	best := ""
	for _, r := range rows {
		k := r.Number.Key()
		if r.Number.E164 == "" || k == except {
			continue
		}
		n[k]++
		if n[k] > n[best] {
			best = k
		}
	}
	return best
}

func TestTheLogListsEveryCallNewestFirstAndSortsByTheColumnClicked(t *testing.T) {
	s := openLogShop(t)
	got := s.shown(t)
	if len(got) != len(s.all) || s.v.count.Text != logCallCount(len(s.all)) {
		t.Fatalf("log shows %d calls (%q), the database holds %d", len(got), s.v.count.Text, len(s.all))
	}
	if !slices.IsSortedFunc(got, func(a, b storage.CallRow) int { return b.Started.Compare(a.Started) }) {
		t.Error("calls are not newest first")
	}
	if rows, _ := s.v.table.Length(); rows != len(s.all) {
		t.Errorf("the table has %d rows", rows)
	}

	spam := slices.IndexFunc(got, func(r storage.CallRow) bool { return r.Number.Key() == s.spam })
	cell := newLogCell().(*logCell)
	s.v.updateCell(widget.TableCellID{Row: spam, Col: colName}, cell)
	if cell.Importance != widget.LowImportance {
		t.Errorf("the spam caller's row is not dimmed (importance %v)", cell.Importance)
	}
	s.v.updateCell(widget.TableCellID{Row: spam, Col: colOut}, cell)
	if !strings.HasPrefix(cell.Text, "Spam · ") {
		t.Errorf("spam call's outcome reads %q", cell.Text)
	}

	first := s.firstKnown() // the contact's first call ever
	s.v.updateCell(widget.TableCellID{Row: first, Col: colName}, cell)
	if cell.Text != "New · Zelda Quartermaine" || cell.Importance == widget.LowImportance {
		t.Errorf("the first call ever shows the name %q", cell.Text)
	}
	s.v.updateCell(widget.TableCellID{Row: first, Col: 2}, cell)
	if want := got[first].Number.Display("US"); cell.Text != want || !strings.HasPrefix(want, "(") {
		t.Errorf("number cell %q, want the national format %q", cell.Text, want)
	}

	// Clicking a header sorts by its column; clicking again turns it round.
	name := findButton(s.v.content, "Name")
	if name == nil || findButton(s.v.content, "Time ↓") == nil {
		t.Fatal("the headers do not show the log sorted by time, newest first")
	}
	test.Tap(name)
	s.wait(t, "the log by name")
	if name.Text != "Name ↑" || findButton(s.v.content, "Time") == nil {
		t.Errorf("after a click the headers read %q", name.Text)
	}
	// The contact's name stands for the telco's; then A to Z.
	sortName := func(r storage.CallRow) string {
		if r.Number.Key() == s.contact.Numbers[0].Key {
			return strings.ToLower(s.contact.Name)
		}
		return strings.ToLower(r.Name)
	}
	byName := func(a, b storage.CallRow) int { return strings.Compare(sortName(a), sortName(b)) }
	got = s.shown(t)
	if len(got) != len(s.all) || !slices.IsSortedFunc(got, byName) {
		t.Fatal("the log is not sorted by name, A to Z")
	}

	test.Tap(name)
	s.wait(t, "the log by name, Z to A")
	got = s.shown(t)
	if name.Text != "Name ↓" || !slices.IsSortedFunc(got, func(a, b storage.CallRow) int { return byName(b, a) }) {
		t.Errorf("a second click did not turn the order round (header %q)", name.Text)
	}
}

func TestSearchNarrowsTheLogByTelcoNameContactNameAndDigits(t *testing.T) {
	s := openLogShop(t)
	s.v.focusSearch() // Ctrl+F
	if s.u.win.Canvas().Focused() != s.v.search {
		t.Error("the search does not have the keyboard")
	}
	// Someone the telco names, who is no contact.
	var who storage.CallRow
	for _, r := range s.all {
		if r.Name != "" && !isPlaceholderName(r.Name) && r.Number.Key() != s.contact.Numbers[0].Key {
			who = r
			break
		}
	}
	surname := strings.Fields(who.Name)[0]
	test.Type(s.v.search, strings.ToLower(surname))
	s.wait(t, "the search by name")
	s.expect(t, "search "+surname, func(r storage.CallRow) bool {
		return strings.Contains(strings.ToLower(r.Name), strings.ToLower(surname))
	})

	s.v.search.SetText("Zelda")
	s.wait(t, "the search by contact name")
	zelda := s.contact.Numbers[0].Key
	s.expect(t, "search Zelda", func(r storage.CallRow) bool { return r.Number.Key() == zelda })

	digits := strings.TrimPrefix(who.Number.E164, "+1")[3:8] // exchange and the line's first two digits
	s.v.search.SetText(digits[:3] + " " + digits[3:])
	s.wait(t, "the search by digits")
	s.expect(t, "search digits "+digits, func(r storage.CallRow) bool {
		return strings.Contains(r.Number.Key(), digits)
	})

	test.Tap(findButton(s.v.content, "Clear filters"))
	s.wait(t, "the whole log")
	if s.v.search.Text != "" || s.v.rows.len() != len(s.all) {
		t.Errorf("after Clear filters: search %q, %d calls of %d", s.v.search.Text, s.v.rows.len(), len(s.all))
	}
}

func TestEachFilterNarrowsTheLogAndTheExportWritesWhatItShows(t *testing.T) {
	s := openLogShop(t)
	tagged := s.all[3]
	if err := s.db.SaveTags([]string{"quote sent", "booked"}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Annotate(tagged.ID, storage.Annotation{Tags: []string{"booked"}, Lead: storage.LeadGood}); err != nil {
		t.Fatal(err)
	}
	s.reload(t)
	s.v.refresh()
	s.wait(t, "the tags")

	filters := []struct {
		name string
		set  func()
		keep func(storage.CallRow) bool
	}{
		{"missed", func() { s.v.outcome.SetSelected("Missed") },
			func(r storage.CallRow) bool { return r.Outcome == callerid.OutcomeMissed }},
		{"not answered", func() { s.v.outcome.SetSelected("Not answered") }, func(r storage.CallRow) bool {
			return r.Outcome == callerid.OutcomeMissed || r.Outcome == callerid.OutcomeVoicemail || r.Outcome == callerid.OutcomeAbandoned
		}},
		{"the newspaper line", func() { s.v.line.SetSelected("Newspaper line") },
			func(r storage.CallRow) bool { return r.LineID == s.line.ID }},
		{"no tracking line", func() { s.v.line.SetSelected("No tracking line") },
			func(r storage.CallRow) bool { return r.LineID == 0 }},
		{"the campaign", func() { s.v.campaign.SetSelected("Spring flyer") },
			func(r storage.CallRow) bool { return r.CampaignID == s.campaign.ID }},
		{"first-time callers", func() { s.v.firstTime.SetChecked(true) },
			func(r storage.CallRow) bool { return r.FirstTime }},
		{"spam hidden", func() { s.v.spam.SetSelected("Hide spam") },
			func(r storage.CallRow) bool { return !r.Spam }},
		{"only spam", func() { s.v.spam.SetSelected("Only spam") },
			func(r storage.CallRow) bool { return r.Spam }},
		{"a tag", func() { s.v.tag.SetSelected("booked") },
			func(r storage.CallRow) bool { return r.ID == tagged.ID }},
		{"good leads", func() { s.v.lead.SetSelected("Good lead") },
			func(r storage.CallRow) bool { return r.ID == tagged.ID }},
		{"today", func() { s.v.period.SetSelected("Today") },
			func(r storage.CallRow) bool { return !r.Started.Before(midnight(time.Now())) }},
		{"missed on the newspaper line", func() {
			s.v.outcome.SetSelected("Missed")
			s.v.line.SetSelected("Newspaper line")
		}, func(r storage.CallRow) bool { return r.Outcome == callerid.OutcomeMissed && r.LineID == s.line.ID }},
	}
	for _, f := range filters {
		f.set()
		s.wait(t, f.name)
		s.expect(t, f.name, f.keep)
		s.v.clearFilters()
		s.wait(t, "the whole log")
	}

	yesterday := midnight(time.Now()).AddDate(0, 0, -1)
	s.v.period.SetSelected("Custom dates…")
	s.v.from.SetDate(&yesterday)
	s.v.to.SetDate(&yesterday)
	s.wait(t, "yesterday")
	s.expect(t, "yesterday", func(r storage.CallRow) bool {
		return !r.Started.Before(yesterday) && r.Started.Before(yesterday.AddDate(0, 0, 1))
	})

	s.v.clearFilters()
	s.v.outcome.SetSelected("Answered")
	s.v.spam.SetSelected("Hide spam")
	s.wait(t, "the answered calls")
	shown := s.shown(t)

	var out bytes.Buffer
	if err := s.v.exportTo(&out); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != len(shown)+1 {
		t.Fatalf("export has %d rows for %d calls shown", len(records)-1, len(shown))
	}
	for i, r := range shown {
		when := r.Started.Local().Format("2006-01-02 15:04:05")
		if got := records[i+1][0] + " " + records[i+1][1]; got != when || !strings.HasPrefix(records[i+1][7], "Answered") {
			t.Fatalf("export row %d is %v, want the call of %s", i+1, records[i+1], when)
		}
	}
}

func TestRefreshShowsNewCallsAndKeepsTheCallsInView(t *testing.T) {
	s := openLogShop(t)
	s.v.scrollToRow(20)
	top := s.v.topRow()
	if top != 20 {
		t.Fatalf("scrolled to row 20, the table shows row %d first", top)
	}
	inView, _ := s.v.rows.line(top)

	at := time.Now()
	call := callerid.Call{ID: at.UnixNano(), Line: adLine, Started: at, Known: at, Ended: at.Add(time.Minute),
		Number: callerid.Normalizer{Region: "US"}.Normalize("2175550199"), Name: "NEW CALLER", Rings: 2,
		Outcome: callerid.OutcomeAnswered, Exact: true}
	if err := s.db.Finish(call); err != nil {
		t.Fatal(err)
	}
	s.v.refresh()
	s.wait(t, "the new call")
	if s.v.rows.len() != len(s.all)+1 {
		t.Fatalf("after refresh the log has %d calls, want %d", s.v.rows.len(), len(s.all)+1)
	}
	if now, _ := s.v.rows.line(s.v.topRow()); now.call.ID != inView.call.ID {
		t.Errorf("the call in view moved: %s before, %s now", inView.cells[0], now.cells[0])
	}
	if first, _ := s.v.rows.line(0); first.call.ID != call.ID {
		t.Errorf("the new call is not at the top: %v", first.cells)
	}

	s.v.table.ScrollToTop()
	if err := s.db.Finish(callerid.Call{ID: call.ID + 1e9, Line: adLine, Started: at.Add(time.Second), Ended: at.Add(time.Minute),
		Number: call.Number, Rings: 5, Outcome: callerid.OutcomeMissed}); err != nil {
		t.Fatal(err)
	}
	s.v.refresh()
	s.wait(t, "another call")
	if s.v.topRow() != 0 {
		t.Errorf("at the top of the log, a new call scrolled it to row %d", s.v.topRow())
	}
}

// TestTheLogOnAMillionCallsFeelsInstant measures, on a copy of a big
// database, how long the log takes to show its first page, to scroll to
// any row and to answer a filter change. It is run by hand:
//
//	CALLBOARD_LOG_DB=/path/to/callboard.db go test ./app -run MillionCalls -v
func TestTheLogOnAMillionCallsFeelsInstant(t *testing.T) {
	src := os.Getenv("CALLBOARD_LOG_DB")
	if src == "" {
		t.Skip("set CALLBOARD_LOG_DB to a big database to measure the log on it")
	}
	path := filepath.Join(t.TempDir(), "callboard.db")
	if err := copyLogDB(src, path); err != nil {
		t.Fatal(err)
	}
	u, q := startUI(t, Config{DBPath: path, Region: "US"})
	v := newCallLogView(u)
	u.win.SetContent(v.content)
	measure := func(what string, change func()) {
		start := time.Now()
		change()
		q.until(t, what, v.settled)
		t.Logf("%-28s %8.1f ms  %s", what, float64(time.Since(start).Microseconds())/1000, v.count.Text)
	}
	measure("first page", v.refresh)

	rnd := rand.New(rand.NewPCG(1, 2))
	var worst, total time.Duration
	const jumps = 40
	for range jumps {
		start := time.Now()
		v.scrollToRow(rnd.IntN(v.rows.len() - 20))
		took := time.Since(start)
		worst, total = max(worst, took), total+took
	}
	t.Logf("%-28s %8.1f ms on average, %.1f ms at worst", "jump to a random row",
		float64(total.Microseconds())/1000/jumps, float64(worst.Microseconds())/1000)
	start := time.Now()
	for row := 5000; row < 5400; row += 4 {
		v.scrollToRow(row)
	}
	t.Logf("%-28s %8.1f ms per step", "scroll down 400 rows", float64(time.Since(start).Microseconds())/1000/100)

	measure("outcome: missed", func() { v.outcome.SetSelected("Missed") })
	measure("+ first-time callers", func() { v.firstTime.SetChecked(true) })
	measure("clear filters", v.clearFilters)
	measure("hide spam", func() { v.spam.SetSelected("Hide spam") })
	measure("line: first", func() { v.line.SetSelectedIndex(1) })
	measure("this month", func() { v.clearFilters(); v.period.SetSelected("This month") })
	measure("search name (smith)", func() { v.clearFilters(); v.search.SetText("smith") })
	measure("search digits (555 01)", func() { v.search.SetText("555 01") })
	measure("sort by name", func() { v.clearFilters(); v.setSort(storage.LogByName) })
	measure("sort by rings", func() { v.setSort(storage.LogByRings) })
	measure("newest first again", func() { v.setSort(storage.LogByTime) })
	measure("refresh at the top", v.refresh)
}

func copyLogDB(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
