package app

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

// twoMonthShop is a database of September and October 2026 at 20 calls a
// weekday, with a flyer line and a campaign on it for October.
func twoMonthShop(t *testing.T) (string, *time.Location) {
	t.Helper()
	ny := newYork(t)
	path := filepath.Join(t.TempDir(), "callboard.db")
	db, err := storage.Open(path, storage.Options{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SaveLine(storage.TrackingLine{Label: "Main number", Source: "demo", Main: true}); err != nil {
		t.Fatal(err)
	}
	flyer, err := db.SaveLine(storage.TrackingLine{Label: "Flyer number", Source: "wc/02"})
	if err != nil {
		t.Fatal(err)
	}
	gen := sim.NewGenerator(ny, rand.New(rand.NewPCG(10, 26)), 20, callerid.Normalizer{Region: "US", AreaCode: "217"}, "demo")
	gen.Route = func(_ time.Time, rnd *rand.Rand) sim.Route {
		if rnd.IntN(4) == 0 {
			return sim.Route{Line: "wc/02"}
		}
		return sim.Route{Line: "demo"}
	}
	sep := time.Date(2026, 9, 1, 0, 0, 0, 0, ny)
	if err := db.ImportCalls(gen.Calls(sep, sep.AddDate(0, 2, 0), 20)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveCampaign(storage.Campaign{Name: "Autumn flyer", Medium: "flyer", CostCents: 48000,
		Start: sep.AddDate(0, 1, 0), End: sep.AddDate(0, 2, -1), Lines: []int{flyer.ID}}); err != nil {
		t.Fatal(err)
	}
	return path, ny
}

func TestMonthlyReportWritesThePDFOfAMonth(t *testing.T) {
	path, ny := twoMonthShop(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "october.pdf")
	var msg bytes.Buffer
	err := MonthlyReport(ReportOptions{DBPath: path, Month: "2026-10", Out: out, CSVDir: filepath.Join(dir, "tables"),
		Compare: true, Shop: "Elm Street Bakery", Location: ny}, &msg)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("no PDF: %v %q", err, pdf[:min(len(pdf), 8)])
	}
	if !strings.Contains(msg.String(), "October 2026: ") || !strings.Contains(msg.String(), "(Letter)") {
		t.Errorf("said %q", msg.String())
	}
	for _, name := range []string{"campaigns.csv", "key-figures.csv", "days.csv"} {
		if _, err := os.Stat(filepath.Join(dir, "tables", name)); err != nil {
			t.Error(err)
		}
	}

	db, err := storage.Open(path, storage.Options{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	october := MonthPeriod(2026, time.October, ny)
	september := Previous(october)
	want, _, err := BuildReport(db, october, &september, "Elm Street Bakery")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	text, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	wants := []string{"Elm Street Bakery", "October 2026", "Compared with September 2026", "Autumn flyer", "Cost per first-time caller"}
	for _, f := range want.Figures {
		wants = append(wants, f.Label, f.Value)
	}
	for _, s := range wants {
		if !strings.Contains(strings.ReplaceAll(string(text), "×", "x"), strings.ReplaceAll(s, "×", "x")) {
			t.Errorf("the PDF's text lacks %q", s)
		}
	}
	if os.Getenv("CALLBOARD_REPORT_PNG") != "" {
		// Render page 1 to look at: CALLBOARD_REPORT_PNG=/tmp/page go test -run MonthlyReportWrites ./app
		if err := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", out, os.Getenv("CALLBOARD_REPORT_PNG")).Run(); err != nil {
			t.Error(err)
		}
	}
}

func TestMonthlyReportSaysWhenCallboardIsRunning(t *testing.T) {
	path, ny := twoMonthShop(t)
	db, err := storage.Open(path, storage.Options{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(t.TempDir(), "report.pdf")
	err = MonthlyReport(ReportOptions{DBPath: path, Month: "2026-10", Out: out, Location: ny}, &bytes.Buffer{})
	if !errors.Is(err, storage.ErrAlreadyRunning) || !strings.Contains(err.Error(), "Callboard is running: close it or use its Reports screen") {
		t.Errorf("error %v", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a report was written anyway")
	}
}

func TestMonthlyReportRefusesWhatItCannotDo(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nothing.db")
	tests := []struct {
		name string
		opts ReportOptions
		says string
	}{
		{"no database", ReportOptions{DBPath: missing, Month: "2026-10", Out: filepath.Join(dir, "r.pdf")}, "no Callboard database at"},
		{"a month it cannot read", ReportOptions{DBPath: missing, Month: "October", Out: filepath.Join(dir, "r.pdf")}, "write it as year-month"},
		{"nowhere to write", ReportOptions{DBPath: missing, Month: "2026-10"}, "--out"},
	}
	for _, tt := range tests {
		err := MonthlyReport(tt.opts, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.says)
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a report of a missing database created it")
	}
}

func TestReportMonthDefaultsToLastMonth(t *testing.T) {
	ny := newYork(t)
	p, err := reportMonth("", time.Date(2026, 1, 3, 10, 0, 0, 0, ny), ny)
	if err != nil || p.Label != "December 2025" {
		t.Errorf("%q %v", p.Label, err)
	}
}

func TestPaperForRegion(t *testing.T) {
	for region, want := range map[string]string{"US": "Letter", "ca": "Letter", "GB": "A4", "DE": "A4", "": "A4"} {
		if got := PaperFor(region); got != want {
			t.Errorf("%q prints on %s, want %s", region, got, want)
		}
	}
}
