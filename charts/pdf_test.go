package charts

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// draftPrint draws the printed charts at a quarter of the pixels for the
// rest of the test.
func draftPrint(t *testing.T) {
	saved := printScale
	printScale = 1
	t.Cleanup(func() { printScale = saved })
}

func TestMonthlyReportIsAPDFWithTheFiguresAsText(t *testing.T) {
	draftPrint(t)
	r := sampleReport()
	b, err := monthlyReport(r, "A4", false)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("does not start with %%PDF-: %q", b[:min(len(b), 10)])
	}
	for _, text := range []string{
		"358", "82%", "estimate", "+12% vs September", "$8.41", // key figures
		"Google Ads", "$612.50", "$17.01", "$6,120.00", // the campaign table and its total
		"Compared with September 2026", "Calls over time", "When calls were missed",
		"Callboard \x97 generated 1 November 2026, 09:30", // the footer, em dash in Windows-1252
		"Zo\xEB's Bakery & Caf\xE9",
	} {
		if !bytes.Contains(b, []byte(text)) {
			t.Errorf("the report does not hold %q", text)
		}
	}
}

// The sample fills the first page with figures and table, then seven
// charts two or three to a page.
func TestMonthlyReportPrintsOnThePaperAsked(t *testing.T) {
	draftPrint(t)
	for paper, box := range map[string]string{"A4": "595.28 841.89", "letter": "612.00 792.00"} {
		b, err := monthlyReport(sampleReport(), paper, false)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("/MediaBox [0 0 "+box+"]")) {
			t.Errorf("%s: no page of %s points", paper, box)
		}
		if got := pageCount(b); got != 4 {
			t.Errorf("%s: %d pages, want 4", paper, got)
		}
	}
	if _, err := MonthlyReportPDF(sampleReport(), "A3"); err == nil {
		t.Error("want an error for paper A3")
	}
}

func TestMonthlyReportOfAQuietMonth(t *testing.T) {
	draftPrint(t)
	b, err := monthlyReport(Report{Shop: "New Shop", Period: "November 2026"}, "Letter", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := pageCount(b); got < 2 {
		t.Errorf("%d pages: the charts should still have their pages, showing their empty state", got)
	}
	if !bytes.Contains(b, []byte("No campaigns ran in this period.")) {
		t.Error("an empty campaign table should say so")
	}
}

func TestMonthlyReportRepeatsTheTableHeaderOnANewPage(t *testing.T) {
	draftPrint(t)
	r := sampleReport()
	r.Campaigns = nil
	for i := range 60 {
		r.Campaigns = append(r.Campaigns, CampaignRow{Campaign: fmt.Sprintf("Flyer %d", i), Medium: "Flyer", Calls: i, Cost: 10})
	}
	b, err := monthlyReport(r, "A4", false)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("(Campaign)")); n != 2 {
		t.Errorf("the header appears %d times, want 2 (page 1 and page 2)", n)
	}
	if !bytes.Contains(b, []byte("(Flyer 59)")) || !bytes.Contains(b, []byte("(Total)")) {
		t.Error("rows went missing across the page break")
	}
}

// With poppler's pdftotext installed, check what a reader gets when they
// search or copy from the PDF.
func TestMonthlyReportTextAsAReaderSeesIt(t *testing.T) {
	draftPrint(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	b, err := MonthlyReportPDF(sampleReport(), "A4")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{
		"Zoë's Bakery & Café", "October 2026", "Cost per first-time caller", "$19.80", "-3 points",
		"Radio 101.5", "Page 1 of 4", "Page 4 of 4", "Callboard — generated",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text of the PDF lacks %q", want)
		}
	}
}

var pageObject = regexp.MustCompile(`/Type /Page\b[^s]`)

// pageCount counts the page objects: fpdf writes each as /Type /Page.
func pageCount(pdf []byte) int { return len(pageObject.FindAll(pdf, -1)) }

func TestToCP1252KeepsWhatTheCoreFontsCanShow(t *testing.T) {
	tests := map[string]string{
		"Café €5 — “quoted”": "Caf\xE9 \x805 \x97 \x93quoted\x94",
		"−3 points":          "-3 points",
		"Łódź Ōsaka":         "?\xF3dz Osaka", // Ł has no plain letter inside it
		"東京":                 "??",
	}
	for in, want := range tests {
		if got := toCP1252(in); got != want {
			t.Errorf("toCP1252(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkMonthlyReportPDF(b *testing.B) {
	r := sampleReport()
	for b.Loop() {
		if _, err := MonthlyReportPDF(r, "A4"); err != nil {
			b.Fatal(err)
		}
	}
}
