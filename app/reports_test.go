package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// openReports shows the Reports screen in the test window and waits for
// its first report.
func openReports(t *testing.T, u *UI, q uiThread) *reportsView {
	t.Helper()
	chartScale = 0.5
	t.Cleanup(func() { chartScale = 2 })
	v := newReportsView(u)
	u.win.SetContent(v.content)
	v.opened = true
	v.reload()
	q.until(t, "the first report", func() bool { return v.loads > 0 })
	return v
}

// pickDays picks custom dates and waits for their report.
func pickDays(t *testing.T, v *reportsView, q uiThread, first, last time.Time) {
	t.Helper()
	v.from.SetDate(&first)
	v.to.SetDate(&last)
	v.period.SetSelected(customPeriod)
	want := CustomPeriod(first, last, time.Local)
	q.until(t, "the report of "+want.Label, func() bool { return v.data.period == want && v.loads > 0 })
}

// tiles reads the key-figure tiles: the caption under each big number.
func tiles(v *reportsView) map[string]string {
	out := map[string]string{}
	for _, tile := range v.tiles.Objects {
		var value string
		var captions []string
		var walk func(fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *canvas.Text:
				value = x.Text
			case *widget.Label:
				captions = append(captions, x.Text)
			case *fyne.Container:
				for _, c := range x.Objects {
					walk(c)
				}
			}
		}
		walk(tile)
		if len(captions) > 0 {
			out[captions[0]] = value
		}
	}
	return out
}

func TestPickingAPeriodShowsItsFiguresFromTheDatabase(t *testing.T) {
	u, q, _ := seededUI(t)
	db := u.Session().DB()
	v := openReports(t, u, q)
	today := midnight(time.Now())
	first, last := today.AddDate(0, 0, -40), today.AddDate(0, 0, -10)
	pickDays(t, v, q, first, last)

	rep, err := db.Report(first, last.AddDate(0, 0, 1), storage.ReportFilter{})
	if err != nil || rep.Calls == 0 {
		t.Fatalf("report %+v (%v)", rep.Counts, err)
	}
	shown := tiles(v)
	for label, want := range map[string]int{"Calls": rep.Calls, "Missed": rep.Missed, "First-time callers": rep.FirstTime, "Unique callers": rep.UniqueCallers} {
		if shown[label] != thousands(want) {
			t.Errorf("tile %s shows %q, the database says %d", label, shown[label], want)
		}
	}
	if !v.body.Visible() || v.empty.Visible() {
		t.Error("a period with calls shows the empty state")
	}
	q.until(t, "every chart to be drawn", func() bool {
		for _, c := range v.charts {
			if !c.ready() {
				return false
			}
		}
		return true
	})

	// One day is a period too.
	pickDays(t, v, q, last, last)
	day, err := db.Report(last, last.AddDate(0, 0, 1), storage.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := tiles(v)["Calls"]; day.Calls > 0 && got != thousands(day.Calls) {
		t.Errorf("one day's calls tile %q, want %d", got, day.Calls)
	}
}

func TestComparingWithThePeriodBeforeShowsTheChange(t *testing.T) {
	u, q, _ := seededUI(t)
	v := openReports(t, u, q)
	today := midnight(time.Now())
	pickDays(t, v, q, today.AddDate(0, 0, -20), today.AddDate(0, 0, -11))
	loads := v.loads
	v.compare.SetChecked(true)
	q.until(t, "the comparison", func() bool { return v.loads > loads })
	if v.data.compare == nil || !strings.Contains(v.heading.Text, "compared with") {
		t.Fatalf("heading %q", v.heading.Text)
	}
	if !containsAll(labelsIn(v.tiles), "vs "+v.data.compare.Label) {
		t.Errorf("tiles show no change against %s:\n%s", v.data.compare.Label, strings.Join(labelsIn(v.tiles), "\n"))
	}
}

func TestAPeriodWithoutCallsSaysSoInsteadOfAnError(t *testing.T) {
	u, q, _ := seededUI(t)
	v := openReports(t, u, q)
	pickDays(t, v, q, time.Date(2001, 3, 1, 0, 0, 0, 0, time.Local), time.Date(2001, 3, 31, 0, 0, 0, 0, time.Local))
	if !v.empty.Visible() || !strings.HasPrefix(v.empty.Text, "No calls in March 2001.") {
		t.Errorf("empty state %q (visible %v)", v.empty.Text, v.empty.Visible())
	}
	if v.body.Visible() || u.problem.Visible() || !v.pdf.Disabled() {
		t.Error("an empty period shows figures, a problem or a report to print")
	}
}

// seedCampaign saves a campaign on the newspaper's line over days
// [-30, -11] and waits for nothing: storage attributes the calls at once.
func seedCampaign(t *testing.T, db *storage.DB, line storage.TrackingLine) storage.Campaign {
	t.Helper()
	today := midnight(time.Now())
	c, err := db.SaveCampaign(storage.Campaign{Name: "Spring flyer", Medium: "flyer", CostCents: 60000,
		Start: today.AddDate(0, 0, -30), End: today.AddDate(0, 0, -11), Lines: []int{line.ID}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTheCampaignTableListsACampaignAndExportsIt(t *testing.T) {
	u, q, line := seededUI(t)
	db := u.Session().DB()
	c := seedCampaign(t, db, line)
	v := openReports(t, u, q)
	today := midnight(time.Now())
	pickDays(t, v, q, today.AddDate(0, 0, -40), today.AddDate(0, 0, -1))

	var figures storage.CampaignFigures
	for _, row := range v.data.store.Campaigns {
		if row.Campaign.ID == c.ID {
			figures = row
		}
	}
	if figures.Calls == 0 {
		t.Fatalf("the report has no calls for the campaign: %+v", v.data.store.Campaigns)
	}
	var shown []string
	for _, row := range v.cells {
		if row[0] == "Spring flyer" {
			shown = row
		}
	}
	if shown == nil || shown[1] != "flyer" || shown[2] != thousands(figures.Calls) || shown[5] != "$600.00" {
		t.Errorf("table row %q, want %d calls costing $600.00", shown, figures.Calls)
	}

	dir := t.TempDir()
	write := func(name string, w func(*os.File) error) []byte {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := w(f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	csv := write("campaigns.csv", func(f *os.File) error { return writeCSV(v.data, "campaigns.csv", f) })
	if !bytes.Contains(csv, []byte(fmt.Sprintf("Spring flyer,flyer,%d,%d,", figures.Calls, figures.FirstTime))) {
		t.Errorf("campaigns.csv:\n%s", csv)
	}
	keys := write("key-figures.csv", func(f *os.File) error { return writeCSV(v.data, "key-figures.csv", f) })
	if !bytes.Contains(keys, []byte(fmt.Sprintf("Calls,%d\r\n", v.data.store.Calls))) {
		t.Errorf("key-figures.csv:\n%s", keys)
	}
	png := write("chart.png", func(f *os.File) error { return writeChartPNG(v.charts[2].draw, v.charts[2].title, f) })
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("the chart is not a PNG: %q", png[:min(len(png), 16)])
	}
	if got := v.fileName("campaigns", "csv"); !strings.HasPrefix(got, "callboard-") || !strings.HasSuffix(got, "-campaigns.csv") || strings.Contains(got, " ") {
		t.Errorf("file name %q", got)
	}
}

func TestBeforeAndAfterShowsTheLiftOfACampaign(t *testing.T) {
	u, q, line := seededUI(t)
	db := u.Session().DB()
	c := seedCampaign(t, db, line)
	// The flyer worked: eight more callers a day while it ran.
	var extra []callerid.Call
	z := callerid.Normalizer{Region: "US"}
	for day := c.Start; !day.After(c.End); day = day.AddDate(0, 0, 1) {
		for i := range 8 {
			at := day.Add(10*time.Hour + time.Duration(i)*17*time.Minute + 7*time.Second)
			extra = append(extra, callerid.Call{ID: at.UnixNano(), Line: shopLine, Started: at, Known: at.Add(time.Second),
				Ended: at.Add(3 * time.Minute), Rings: 2, Outcome: callerid.OutcomeAnswered, Exact: true,
				Number: z.Normalize(fmt.Sprintf("312555%04d", day.YearDay()*10+i))})
		}
	}
	if err := db.ImportCalls(extra); err != nil {
		t.Fatal(err)
	}
	want, err := db.BeforeAfter(c.ID)
	if err != nil || !want.LinesLift.Known || want.LinesLift.Change < 0.3 {
		t.Fatalf("before/after %+v (%v)", want.LinesLift, err)
	}

	v := openReports(t, u, q)
	q.until(t, "the campaign's before and after", func() bool { return v.ba.Campaign.ID == c.ID })
	if !strings.Contains(v.baLift.Text, "Lift on its lines: "+liftText(want.LinesLift)+" calls a day while it ran") {
		t.Errorf("lift %q, want %s", v.baLift.Text, liftText(want.LinesLift))
	}
	if !strings.HasPrefix(liftText(want.LinesLift), "+") {
		t.Errorf("a campaign that brought calls shows %s", liftText(want.LinesLift))
	}
	table := labelsIn(v.baTable)
	if !containsAll(table, "Before", "While it ran", "Calls on its lines", fmt.Sprint(want.During.Lines.Calls), fmt.Sprint(want.Before.Lines.Calls)) {
		t.Errorf("before/after table:\n%s", strings.Join(table, "\n"))
	}
	q.until(t, "the before/after chart", v.baChart.ready)
}
