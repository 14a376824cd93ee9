package charts

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// Page layout of the printed report, in millimetres.
const (
	pageMargin   = 16.0
	footerHeight = 12.0 // from the bottom margin's top to the page edge
)

type rgb struct{ r, g, b int }

// The report is printed in the light palette's ink, with one accent.
var (
	inkColor    = rgb{0x2B, 0x2F, 0x36}
	mutedColor  = rgb{0x69, 0x70, 0x7A}
	ruleColor   = rgb{0xD9, 0xDD, 0xE2}
	panelColor  = rgb{0xF4, 0xF6, 0xF8}
	headerColor = rgb{0xE8, 0xEC, 0xF1}
	accentColor = rgb{0x2F, 0x5F, 0x9E}
)

// MonthlyReportPDF lays out the monthly report for printing on paper "A4"
// or "Letter": the key figures and the per-campaign table on the first
// page, then every chart with a caption. Every figure is real text, so the
// PDF can be searched and copied from. Text outside Windows-1252 (the core
// fonts' character set) is written without accents or as "?".
func MonthlyReportPDF(r Report, paper string) ([]byte, error) {
	return monthlyReport(r, paper, true)
}

// monthlyReport is MonthlyReportPDF with the page streams optionally left
// uncompressed, so that tests can find the text in the bytes.
func monthlyReport(r Report, paper string, compress bool) ([]byte, error) {
	size, err := paperSize(paper)
	if err != nil {
		return nil, err
	}
	if r.Generated.IsZero() {
		r.Generated = time.Now()
	}
	charts, err := renderPrintedCharts(r)
	if err != nil {
		return nil, err
	}

	d := newPDFDoc(size)
	d.SetCompression(compress)
	d.SetCreationDate(r.Generated)
	d.SetModificationDate(r.Generated)
	d.SetTitle(strings.TrimSpace(r.Shop+" — call report, "+r.Period), true)
	d.SetCreator("Callboard", true)
	d.SetHeaderFunc(func() {
		if d.PageNo() > 1 {
			d.runningHeader(r)
		}
	})
	d.SetFooterFunc(func() { d.footer(r.Generated) })

	d.AddPage()
	d.frontPage(r)
	d.chartPages(charts)

	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return nil, fmt.Errorf("charts: writing the report: %w", err)
	}
	return buf.Bytes(), nil
}

func paperSize(paper string) (string, error) {
	switch strings.ToLower(paper) {
	case "a4":
		return "A4", nil
	case "letter":
		return "Letter", nil
	}
	return "", fmt.Errorf("charts: paper %q is neither A4 nor Letter", paper)
}

// pdfDoc is an fpdf document with the report's house style: text given in
// UTF-8, colours by name, positions in millimetres from the top left.
type pdfDoc struct {
	*fpdf.Fpdf
	left, right, top, bottom float64
}

func newPDFDoc(size string) *pdfDoc {
	f := fpdf.New("P", "mm", size, "")
	f.SetMargins(pageMargin, pageMargin, pageMargin)
	// Pages are broken by the layout, which keeps a chart with its
	// caption and repeats the table's header.
	f.SetAutoPageBreak(false, 0)
	f.AliasNbPages("")
	w, h := f.GetPageSize()
	return &pdfDoc{
		Fpdf:   f,
		left:   pageMargin,
		right:  w - pageMargin,
		top:    pageMargin,
		bottom: h - pageMargin - footerHeight/2,
	}
}

func (d *pdfDoc) width() float64 { return d.right - d.left }

// font sets the Helvetica style ("", "B", "I") and size in points.
func (d *pdfDoc) font(style string, size float64, c rgb) {
	d.SetFont("Helvetica", style, size)
	d.SetTextColor(c.r, c.g, c.b)
}

// textAt writes s with its baseline at y.
func (d *pdfDoc) textAt(x, y float64, s string) { d.Text(x, y, toCP1252(s)) }

// textRight writes s ending at x.
func (d *pdfDoc) textRight(x, y float64, s string) {
	d.textAt(x-d.textWidth(s), y, s)
}

func (d *pdfDoc) textWidth(s string) float64 { return d.GetStringWidth(toCP1252(s)) }

// fit shortens s with an ellipsis to at most w millimetres in the
// current font.
func (d *pdfDoc) fit(s string, w float64) string {
	if d.textWidth(s) <= w {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		short := strings.TrimRight(string(runes[:n]), " ") + "…"
		if d.textWidth(short) <= w {
			return short
		}
	}
	return "…"
}

// wrap breaks s into lines at most w millimetres wide in the current font.
func (d *pdfDoc) wrap(s string, w float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		next := strings.TrimSpace(line + " " + word)
		if line != "" && d.textWidth(next) > w {
			lines = append(lines, line)
			next = word
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func (d *pdfDoc) fill(c rgb) { d.SetFillColor(c.r, c.g, c.b) }

// rule draws a horizontal line across the page at y.
func (d *pdfDoc) rule(y, width float64, c rgb) {
	d.SetDrawColor(c.r, c.g, c.b)
	d.SetLineWidth(width)
	d.Line(d.left, y, d.right, y)
}

// runningHeader names the shop and period at the top of every page after
// the first, so a loose printed page still says what it belongs to.
func (d *pdfDoc) runningHeader(r Report) {
	d.font("", 8, mutedColor)
	d.textAt(d.left, d.top-6, joinNonEmpty(" · ", r.Shop, "Call report", r.Period))
}

// footer writes the page number and when the report was made.
func (d *pdfDoc) footer(generated time.Time) {
	_, h := d.GetPageSize()
	y := h - pageMargin + 4
	d.rule(y-4.5, 0.2, ruleColor)
	d.font("", 8, mutedColor)
	d.textAt(d.left, y, "Callboard — generated "+generated.Format("2 January 2006, 15:04"))
	// fpdf replaces {nb} with the page count when the document closes, so
	// the line is aligned by a stand-in of the same digits.
	n := d.PageNo()
	x := d.right - d.textWidth(fmt.Sprintf("Page %d of %d", n, n))
	d.textAt(x, y, fmt.Sprintf("Page %d of {nb}", n))
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
