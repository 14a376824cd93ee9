package app

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/charts"
	"github.com/callboard-app/callboard/storage"
)

// fixtureCall is a call that ended as outcome says; talk is the talk time
// of an answered call. A call that is not exact came from a plain modem.
func fixtureCall(at time.Time, line, digits string, outcome callerid.Outcome, exact bool, talk time.Duration) callerid.Call {
	at = at.UTC()
	c := callerid.Call{
		ID: at.UnixNano(), Line: line, Started: at, Known: at.Add(3 * time.Second),
		Number: callerid.Number{Raw: digits, E164: "+1" + digits}, Name: "SMITH JOHN",
		TelcoDate: at.Format("0102"), TelcoTime: at.Format("1504"),
		Rings: 2, Outcome: outcome, Exact: exact,
	}
	switch {
	case outcome == callerid.OutcomeAnswered && exact:
		c.Answered = c.Known.Add(5 * time.Second)
		c.Ended = c.Answered.Add(talk)
	case outcome == callerid.OutcomeMissed:
		c.Rings = 6
		c.Ended = at.Add(36 * time.Second)
	default:
		c.Ended = at.Add(40 * time.Second)
	}
	return c
}

// octoberShop is a shop in New York with a main number and a flyer line,
// and these calls (worked out by hand in TestBuildReportOfAMonth):
//
//	Sep 15 09:00  main   0101 answered, 1 min   (0101's first call)
//	Sep 30 23:59  main   0105 missed            (last minute of September)
//	Oct  1 09:00  main   0101 answered, 2 min   (repeat: first called in September)
//	Oct  2 10:00  flyer  0102 answered, 4 min   (worth $450)
//	Oct  2 11:00  flyer  0103 missed
//	Oct  3 12:00  flyer  0102 voicemail         (repeat)
//	Oct  5 09:00  main   0104 6 rings, plain modem: missed (an estimate)
//	Oct  6 09:00  flyer  0199 abandoned         (spam: in no figure)
//	Oct  7 14:00  main   0101 2 rings, plain modem: outcome unknown
//	Oct 31 23:59  main   0106 answered, 1 min   (last minute of October)
//	Nov  1 00:00  main   0107 answered          (November)
//
// The flyer ran 1-30 October for $300.
func octoberShop(t *testing.T) (*storage.DB, *time.Location) {
	t.Helper()
	ny := newYork(t)
	db, err := storage.Open(filepath.Join(t.TempDir(), "callboard.db"), storage.Options{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	main, err := db.SaveLine(storage.TrackingLine{Label: "Main number", Number: "+12175550100", Source: "modem", Main: true})
	if err != nil {
		t.Fatal(err)
	}
	flyer, err := db.SaveLine(storage.TrackingLine{Label: "Flyer number", Number: "+12175550150", Source: "wc/02"})
	if err != nil {
		t.Fatal(err)
	}
	_ = main
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, ny) }
	const (
		answered  = callerid.OutcomeAnswered
		missed    = callerid.OutcomeMissed
		voicemail = callerid.OutcomeVoicemail
		abandoned = callerid.OutcomeAbandoned
		unknown   = callerid.OutcomeUnknown
	)
	worth450 := fixtureCall(at(10, 2, 10, 0), "wc/02", "2175550102", answered, true, 4*time.Minute)
	plainAnswer := fixtureCall(at(10, 7, 14, 0), "modem", "2175550101", unknown, false, 0)
	lastOfSeptember := fixtureCall(at(9, 30, 23, 59), "modem", "2175550105", missed, true, 0)
	lastOfSeptember.Ended = lastOfSeptember.Started.Add(59 * time.Second)
	calls := []callerid.Call{
		fixtureCall(at(9, 15, 9, 0), "modem", "2175550101", answered, true, time.Minute),
		lastOfSeptember,
		fixtureCall(at(10, 1, 9, 0), "modem", "2175550101", answered, true, 2*time.Minute),
		worth450,
		fixtureCall(at(10, 2, 11, 0), "wc/02", "2175550103", missed, true, 0),
		fixtureCall(at(10, 3, 12, 0), "wc/02", "2175550102", voicemail, true, 0),
		fixtureCall(at(10, 5, 9, 0), "modem", "2175550104", missed, false, 0),
		fixtureCall(at(10, 6, 9, 0), "wc/02", "2175550199", abandoned, true, 0),
		plainAnswer,
		fixtureCall(at(10, 31, 23, 59), "modem", "2175550106", answered, true, time.Minute),
		fixtureCall(at(11, 1, 0, 0), "modem", "2175550107", answered, true, time.Minute),
	}
	if err := db.ImportCalls(calls); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveCampaign(storage.Campaign{Name: "Autumn flyer", Medium: "flyer", CostCents: 30000,
		Start: at(10, 1, 0, 0), End: at(10, 30, 0, 0), Lines: []int{flyer.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCallValue(worth450.ID, 45000); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSpam("+12175550199", true); err != nil {
		t.Fatal(err)
	}
	return db, ny
}

func figureMap(figs []charts.Figure) map[string]charts.Figure {
	out := map[string]charts.Figure{}
	for _, f := range figs {
		out[f.Label] = f
	}
	return out
}

func TestBuildReportOfAMonth(t *testing.T) {
	db, ny := octoberShop(t)
	october := MonthPeriod(2026, time.October, ny)
	september := Previous(october)
	rep, raw, err := BuildReport(db, october, &september, "Elm Street Bakery")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Shop != "Elm Street Bakery" || rep.Period != "October 2026" || rep.Comparison != "September 2026" || rep.Currency != "$" {
		t.Errorf("heading %q %q %q %q", rep.Shop, rep.Period, rep.Comparison, rep.Currency)
	}
	// Seven calls in October: the spam caller's is left out, and the calls
	// on either side of the month belong to their own months. Three were
	// answered (1, 2 and 31 October), two missed (one by the plain modem's
	// estimate), one went to voicemail, and one the plain modem could not
	// tell.
	want := []struct{ label, value, delta, note string }{
		{"Calls", "7", "+250%", ""},
		{"Answered", "43%", "-7 points", "estimate"}, // 3 of 7, against 1 of 2
		{"Missed", "2", "+100%", "estimate"},
		{"Voicemail", "1", "new", ""},
		{"Abandoned", "0", "no change", ""},
		{"First-time callers", "4", "+100%", ""}, // 0102, 0103, 0104, 0106
		{"Unique callers", "5", "+150%", ""},     // and 0101
		// 0101 twice and 0102's second call: 3 of 7.
		{"Repeat calls", "43%", "+43 points", ""},
		{"Average talk time", "2:20", "+133%", ""}, // (2 + 4 + 1 min) / 3; September: 1 min
		{"Ad spend", "$300.00", "new", ""},
		{"Cost per call", "$100.00", "", "ads"},              // 3 flyer calls
		{"Cost per first-time caller", "$150.00", "", "ads"}, // 2 of them new
		{"Call value", "$450.00", "", ""},
		{"Return on ads", "1.5×", "", ""},
	}
	got := figureMap(rep.Figures)
	if len(rep.Figures) != len(want) {
		t.Errorf("%d figures, want %d: %+v", len(rep.Figures), len(want), rep.Figures)
	}
	for _, w := range want {
		f, ok := got[w.label]
		if !ok || f.Value != w.value || f.Delta != w.delta || f.Note != w.note {
			t.Errorf("%s: %q %q %q, want %q %q %q", w.label, f.Value, f.Delta, f.Note, w.value, w.delta, w.note)
		}
	}
	if raw.Calls != 7 || raw.Spam != 1 {
		t.Errorf("storage report: %d calls, %d spam", raw.Calls, raw.Spam)
	}

	if len(rep.Campaigns) != 2 {
		t.Fatalf("campaign rows %+v", rep.Campaigns)
	}
	flyer, none := rep.Campaigns[0], rep.Campaigns[1]
	if flyer != (charts.CampaignRow{Campaign: "Autumn flyer", Medium: "flyer", Calls: 3, FirstTime: 2, Answered: 1, Cost: 300, Value: 450, ValueKnown: true}) {
		t.Errorf("flyer row %+v", flyer)
	}
	if none.Campaign != storage.NoCampaign || none.Calls != 4 || none.FirstTime != 2 || none.Cost != 0 || none.ValueKnown {
		t.Errorf("no-campaign row %+v", none)
	}
	wantBars := []charts.Bar{{Label: "Autumn flyer", Value: 3, Secondary: 2}, {Label: storage.NoCampaign, Value: 4, Secondary: 2}}
	if !equalBars(rep.ByCampaign, wantBars) {
		t.Errorf("by campaign %+v", rep.ByCampaign)
	}
	wantBars[0].Label = "flyer"
	if !equalBars(rep.ByMedium, wantBars) {
		t.Errorf("by medium %+v", rep.ByMedium)
	}
	if !equalBars(rep.ByArea, []charts.Bar{{Label: "(217)", Value: 7}}) {
		t.Errorf("by area %+v", rep.ByArea)
	}
	if rep.FirstTime != 4 || rep.Repeat != 3 {
		t.Errorf("first-time %d, repeat %d", rep.FirstTime, rep.Repeat)
	}

	if len(rep.Days) != 31 || !rep.Days[0].Day.Equal(october.From) {
		t.Fatalf("%d days from %v", len(rep.Days), rep.Days[0].Day)
	}
	if d := rep.Days[1]; d.Answered != 1 || d.Missed != 1 || d.Total() != 2 {
		t.Errorf("2 October: %+v", d)
	}
	if d := rep.Days[4]; d.Missed != 1 || d.Total() != 1 {
		t.Errorf("5 October: %+v", d)
	}
	// The charts' week starts on Monday: 1 October 2026 is a Thursday,
	// 5 October a Monday, 31 October a Saturday.
	if rep.CallsHeat[3][9] != 1 || rep.CallsHeat[0][9] != 1 || rep.CallsHeat[5][23] != 1 {
		t.Errorf("heatmap Thu 9am %d, Mon 9am %d, Sat 11pm %d", rep.CallsHeat[3][9], rep.CallsHeat[0][9], rep.CallsHeat[5][23])
	}
	if rep.MissedHeat[4][11] != 1 || rep.MissedHeat[3][9] != 0 {
		t.Errorf("missed heatmap Fri 11am %d, Thu 9am %d", rep.MissedHeat[4][11], rep.MissedHeat[3][9])
	}
	notes := strings.Join(rep.Notes, "\n")
	for _, s := range []string{"The outcome of 1 call of 7 is an estimate", "1 call ended without", "1 call from callers marked as spam is left out"} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes lack %q:\n%s", s, notes)
		}
	}
}

func equalBars(a, b []charts.Bar) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBuildReportWithoutComparisonOrCalls(t *testing.T) {
	db, ny := octoberShop(t)
	rep, _, err := BuildReport(db, MonthPeriod(2026, time.March, ny), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	got := figureMap(rep.Figures)
	if got["Calls"].Value != "0" || got["Answered"].Value != "—" || got["Calls"].Delta != "" || rep.Comparison != "" {
		t.Errorf("an empty month: %+v", rep.Figures)
	}
	if _, ok := got["Average talk time"]; ok {
		t.Error("a talk time without any known talk")
	}
	if _, ok := got["Ad spend"]; ok {
		t.Error("ad spend without campaigns")
	}
}

func TestReportCSVsHoldEveryTable(t *testing.T) {
	db, ny := octoberShop(t)
	_, raw, err := BuildReport(db, MonthPeriod(2026, time.October, ny), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	files := ReportCSVs(raw)
	want := map[string]struct {
		header string
		rows   int
		has    string
	}{
		"key-figures.csv": {"Figure,Value", 0, "Cost per first-time caller,150.00"},
		"campaigns.csv":   {"Campaign,Medium,Calls,First-time callers,Answered (%),Cost,Cost per call,Cost per first-time caller,Value", 3, "Autumn flyer,flyer,3,2,33,300.00,100.00,150.00,450.00"},
		"media.csv":       {"Medium,Calls,Answered,Missed,Voicemail,Abandoned,Blocked,Outcome unknown,First-time callers,Outcomes estimated,Cost,Cost per call,Cost per first-time caller,Value", 3, "flyer,3,1,1,1,0,0,0,2,0,300.00,100.00,150.00,450.00"},
		"lines.csv":       {"Line,Number,Main number,Calls,Answered,Missed,Voicemail,Abandoned,Blocked,Outcome unknown,First-time callers,Outcomes estimated,Spam calls", 3, "Flyer number,+12175550150,,3,1,1,1,0,0,0,2,0,1"},
		"days.csv":        {"Date,Calls,Answered,Missed,Voicemail,Abandoned,Blocked,Outcome unknown,First-time callers,Outcomes estimated", 32, "2026-10-02,2,1,1,0,0,0,0,2,0"},
		"area-codes.csv":  {"Area code,Calls", 2, "217,7"},
		"places.csv":      {"Place,Calls", 0, ""},
	}
	if len(files) != len(want) {
		t.Errorf("files %d, want %d", len(files), len(want))
	}
	for name, w := range want {
		b, ok := files[name]
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		if !bytes.HasPrefix(b, []byte("\uFEFF"+w.header+"\r\n")) {
			t.Errorf("%s starts %q", name, strings.SplitN(string(b), "\r\n", 2)[0])
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if w.rows > 0 && len(rows) != w.rows {
			t.Errorf("%s has %d rows, want %d", name, len(rows), w.rows)
		}
		if w.has != "" && !strings.Contains(string(b), "\r\n"+w.has+"\r\n") {
			t.Errorf("%s lacks the row %q:\n%s", name, w.has, b)
		}
	}
}

// BenchmarkBuildReportMonth is a month and its comparison, read and laid
// out for the screen, on a database made by `callboard seed`:
//
//	callboard seed --calls 1000000 --db /tmp/million.db
//	CALLBOARD_BENCH_DB=/tmp/million.db go test ./app -run '^$' -bench BuildReport
func BenchmarkBuildReportMonth(b *testing.B) {
	path := os.Getenv("CALLBOARD_BENCH_DB")
	if path == "" {
		b.Skip("set CALLBOARD_BENCH_DB to a database made by callboard seed")
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	month := LastMonth.Period(time.Now(), time.Local)
	prev := Previous(month)
	var rep charts.Report
	for b.Loop() {
		if rep, _, err = BuildReport(db, month, &prev, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	start := time.Now()
	if _, err := charts.MonthlyReportPDF(rep, "Letter"); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "pdf-ms")
}
