package charts

import "strings"

// Sizes of the first page, in millimetres and points.
const (
	figureColumns = 4
	figureGap     = 3.0
	figureHeight  = 19.0
	tableRow      = 6.2
	tableHeader   = 9.5
	tableFontSize = 8.0
	cellPad       = 1.8
)

// frontPage writes the title, the key figures, the campaign table and the
// notes.
func (d *pdfDoc) frontPage(r Report) {
	y := d.top
	d.font("B", 8, accentColor)
	d.textAt(d.left, y+3, "MONTHLY CALL REPORT")
	d.font("B", 20, inkColor)
	title := r.Shop
	if strings.TrimSpace(title) == "" {
		title = "Call report"
	}
	d.textAt(d.left, y+12, d.fit(title, d.width()))
	d.font("", 12, inkColor)
	d.textAt(d.left, y+19.5, r.Period)
	if r.Comparison != "" {
		d.font("", 9, mutedColor)
		d.textRight(d.right, y+19.5, "Compared with "+r.Comparison)
	}
	y += 23
	d.rule(y, 0.6, accentColor)
	y += 9

	if len(r.Figures) > 0 {
		y = d.section(y, "Key figures")
		y = d.figures(y, r.Figures) + 7
	}
	y = d.section(y, "Campaigns")
	y = d.campaignTable(y, r.Campaigns, r.Currency) + 5
	d.notes(y, r.Notes)
}

// section writes a heading and returns the row below it.
func (d *pdfDoc) section(y float64, title string) float64 {
	d.font("B", 11, inkColor)
	d.textAt(d.left, y+4, title)
	return y + 7
}

// figures lays the key figures out as a grid of panels: label, value, and
// the change against the comparison period with any note.
func (d *pdfDoc) figures(y float64, figures []Figure) float64 {
	w := (d.width() - figureGap*(figureColumns-1)) / figureColumns
	for i, f := range figures {
		col, row := i%figureColumns, i/figureColumns
		x := d.left + float64(col)*(w+figureGap)
		top := y + float64(row)*(figureHeight+figureGap)
		d.fill(panelColor)
		d.RoundedRect(x, top, w, figureHeight, 1.5, "1234", "F")

		inner := w - 2*3
		d.font("", 7.5, mutedColor)
		d.textAt(x+3, top+5.2, d.fit(f.Label, inner))
		d.font("B", 15, inkColor)
		d.textAt(x+3, top+12.2, d.fit(f.Value, inner))
		d.font("", 7, mutedColor)
		d.textAt(x+3, top+16.4, d.fit(f.Delta, inner))
		if f.Note != "" {
			d.font("I", 7, accentColor)
			d.textRight(x+w-3, top+5.2, f.Note)
		}
	}
	rows := (len(figures) + figureColumns - 1) / figureColumns
	return y + float64(rows)*(figureHeight+figureGap) - figureGap
}

// tableColumn is one column of the campaign table: its two-line header,
// its share of the width, and whether its cells are numbers (set right).
type tableColumn struct {
	head    [2]string
	share   float64
	numeric bool
}

var campaignTableColumns = []tableColumn{
	{[2]string{"Campaign", ""}, 40, false},
	{[2]string{"Medium", ""}, 19, false},
	{[2]string{"Calls", ""}, 11, true},
	{[2]string{"First-time", "callers"}, 15, true},
	{[2]string{"Answered", ""}, 17, true},
	{[2]string{"Cost", ""}, 19, true},
	{[2]string{"Cost per", "call"}, 17, true},
	{[2]string{"Cost per", "first-time"}, 18, true},
	{[2]string{"Value", ""}, 19, true},
}

// campaignTable writes the per-campaign table with a total row, starting
// a new page (with the header again) when the rows run out of room, and
// returns the row below it.
func (d *pdfDoc) campaignTable(y float64, rows []CampaignRow, currency string) float64 {
	if len(rows) == 0 {
		d.font("", 9, mutedColor)
		d.textAt(d.left, y+4, "No campaigns ran in this period.")
		return y + 6
	}
	total := 0.0
	for _, c := range campaignTableColumns {
		total += c.share
	}
	widths := make([]float64, len(campaignTableColumns))
	for i, c := range campaignTableColumns {
		widths[i] = c.share / total * d.width()
	}

	_, cells := CampaignTable(rows, currency)
	if len(rows) > 1 {
		_, sum := CampaignTable([]CampaignRow{sumCampaigns(rows)}, currency)
		cells = append(cells, sum[0])
	}
	y = d.tableHeader(y, widths)
	for i, row := range cells {
		if y+tableRow > d.bottom {
			d.AddPage()
			y = d.tableHeader(d.top, widths)
		}
		isTotal := len(rows) > 1 && i == len(cells)-1
		style := ""
		switch {
		case isTotal:
			style = "B"
			d.rule(y, 0.3, mutedColor)
		case i%2 == 1:
			d.fill(panelColor)
			d.Rect(d.left, y, d.width(), tableRow, "F")
		}
		d.font(style, tableFontSize, inkColor)
		d.tableRow(y, widths, row)
		y += tableRow
	}
	return y
}

func (d *pdfDoc) tableHeader(y float64, widths []float64) float64 {
	d.fill(headerColor)
	d.Rect(d.left, y, d.width(), tableHeader, "F")
	d.font("B", 7.5, inkColor)
	x := d.left
	for i, c := range campaignTableColumns {
		// Headers sit on the bottom line, one-line headers included.
		lines := c.head[:]
		if lines[1] == "" {
			lines = lines[:1]
		}
		for k, line := range lines {
			base := y + tableHeader - 2.2 - float64(len(lines)-1-k)*3.2
			d.cell(x, base, widths[i], line, c.numeric)
		}
		x += widths[i]
	}
	return y + tableHeader
}

func (d *pdfDoc) tableRow(y float64, widths []float64, row []string) {
	x := d.left
	for i, c := range campaignTableColumns {
		d.cell(x, y+tableRow-2, widths[i], row[i], c.numeric)
		x += widths[i]
	}
}

// cell writes s inside a column, shortened to fit, left or right aligned.
func (d *pdfDoc) cell(x, baseline, w float64, s string, right bool) {
	s = d.fit(s, w-2*cellPad)
	if right {
		d.textRight(x+w-cellPad, baseline, s)
		return
	}
	d.textAt(x+cellPad, baseline, s)
}

// sumCampaigns is the table's total row. Its value is the sum of the
// values the shop entered, shown when it entered any.
func sumCampaigns(rows []CampaignRow) CampaignRow {
	sum := CampaignRow{Campaign: "Total"}
	for _, r := range rows {
		sum.Calls += r.Calls
		sum.FirstTime += r.FirstTime
		sum.Answered += r.Answered
		sum.Cost += r.Cost
		sum.Value += r.Value
		sum.ValueKnown = sum.ValueKnown || r.ValueKnown
		if !r.Unpaid {
			sum.costCalls += r.Calls
			sum.costFirstTime += r.FirstTime
		}
	}
	return sum
}

// notes writes the footnotes under the table, wrapped to the page.
func (d *pdfDoc) notes(y float64, notes []string) {
	d.font("", 7.5, mutedColor)
	for _, n := range notes {
		for _, line := range d.wrap(n, d.width()) {
			if y+3.6 > d.bottom {
				d.AddPage()
				y = d.top
			}
			d.textAt(d.left, y+3, line)
			y += 3.6
		}
		y += 1
	}
}
