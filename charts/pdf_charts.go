package charts

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/go-pdf/fpdf"
)

// Charts are drawn 720 logical pixels wide across the printed column
// (about 4 pixels a millimetre, so an 11 px label prints near 8 pt) at
// twice that in device pixels, 200 dots an inch on A4.
const (
	printLogicalWidth = 720
	captionHeight     = 10.5
	chartGap          = 8.0
)

// printScale is device pixels per logical pixel of a printed chart. Tests
// lower it: the page layout does not depend on it, and race-checked
// drawing at full resolution is slow.
var printScale = 2.0

// printedChart is one chart of the report with its caption.
type printedChart struct {
	title, caption string
	height         int // logical pixels
	draw           func(*canvas)
	png            []byte
}

// reportCharts lists every chart of the report in print order.
func reportCharts(r Report) []*printedChart {
	_, unit := bucketDays(r.Days)
	barsHeight := func(bars []Bar) int { return min(max(80+30*len(bars), 150), 400) }
	return []*printedChart{
		{
			title:   "Calls over time",
			caption: "Calls " + unit.name + ", split by how they ended.",
			height:  290,
			draw:    func(c *canvas) { c.drawCallsOverTime(r.Days) },
		},
		{
			title:   "First-time and repeat callers",
			caption: "Callers whose first call to the shop was in this period, against those who had called before.",
			height:  100,
			draw:    func(c *canvas) { c.drawFirstTimeVsRepeat(r.FirstTime, r.Repeat) },
		},
		{
			title:   "Calls by campaign",
			caption: "Calls on each campaign's tracking lines, and how many came from first-time callers.",
			height:  barsHeight(r.ByCampaign),
			draw:    func(c *canvas) { c.drawBarsBy("", r.ByCampaign) },
		},
		{
			title:   "Calls by medium",
			caption: "The same calls grouped by where the ads ran.",
			height:  barsHeight(r.ByMedium),
			draw:    func(c *canvas) { c.drawBarsBy("", r.ByMedium) },
		},
		{
			title:   "When calls come in",
			caption: "Calls by weekday and hour. Darker cells had more calls; grey cells had none.",
			height:  290,
			draw:    func(c *canvas) { c.drawHeatmap("", r.CallsHeat) },
		},
		{
			title:   "When calls were missed",
			caption: "Missed calls by weekday and hour: the hours that may need more hands on the phone.",
			height:  290,
			draw:    func(c *canvas) { c.drawHeatmap("", r.MissedHeat) },
		},
		{
			title:   "Calls by area",
			caption: "Where the callers' numbers were issued, which is only a guide to where they live.",
			height:  barsHeight(r.ByArea),
			draw:    func(c *canvas) { c.drawBarsBy("", r.ByArea) },
		},
	}
}

// renderPrintedCharts draws the report's charts in the light theme on
// white, two at a time (the machines this runs on have few cores).
func renderPrintedCharts(r Report) ([]*printedChart, error) {
	charts := reportCharts(r)
	errs := make([]error, len(charts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, ch := range charts {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			w, h := printLogicalWidth*printScale, float64(ch.height)*printScale
			ch.png, errs[i] = renderOpaque(int(w), int(h), Theme{Scale: printScale}, ch.draw)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("charts: drawing %q: %w", charts[i].title, err)
		}
	}
	return charts, nil
}

// chartPages places the charts after the first page, each under its
// caption, starting a new page when a chart would not fit whole.
func (d *pdfDoc) chartPages(charts []*printedChart) {
	d.AddPage()
	y := d.top
	for i, ch := range charts {
		imageHeight := d.width() * float64(ch.height) / printLogicalWidth
		if y > d.top && y+captionHeight+imageHeight > d.bottom {
			d.AddPage()
			y = d.top
		}
		d.font("B", 11, inkColor)
		d.textAt(d.left, y+4, ch.title)
		d.font("", 8.5, mutedColor)
		d.textAt(d.left, y+8.5, d.fit(ch.caption, d.width()))
		y += captionHeight

		name := fmt.Sprintf("chart%d", i)
		opts := fpdf.ImageOptions{ImageType: "PNG"}
		d.RegisterImageOptionsReader(name, opts, bytes.NewReader(ch.png))
		d.ImageOptions(name, d.left, y, d.width(), imageHeight, false, opts, 0, "")
		y += imageHeight + chartGap
	}
}
