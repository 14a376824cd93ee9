package charts

import (
	"fmt"
	"math"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Logical sizes of the "calls by ..." chart.
const (
	barsMinRow       = 22.0 // the thinnest row that still reads
	barsMaxThickness = 14.0
	barsPairGap      = 2.0 // between a row's two bars
	barsTickSpacing  = 64.0
	barsLabelShare   = 0.38 // of the width, at most, for the row labels
)

// BarsBy draws calls and first-time callers per campaign, medium or area:
// one row per bar, in the order given, each with the calls and, below them,
// the first-time callers. Long labels are shortened with "…"; rows that do
// not fit are summed into a last row "N more". An empty title leaves the
// title out (the printed report writes its own caption). Bars without any
// calls draw the message "No calls in this period".
func BarsBy(title string, bars []Bar, width, height int, theme Theme) ([]byte, error) {
	return render(width, height, theme, func(c *canvas) { c.drawBarsBy(title, bars) })
}

func (c *canvas) drawBarsBy(title string, bars []Bar) {
	bars = cleanBars(bars)
	total, secondary := 0.0, 0.0
	for _, b := range bars {
		total += b.Value + b.Secondary
		secondary += b.Secondary
	}
	if total == 0 {
		c.drawEmptyState("No calls in this period")
		return
	}
	// Data without first-time callers (calls by area) draws calls only,
	// not a row of empty second bars.
	pairs := secondary > 0

	top := c.drawTitle(title)
	key := []legendEntry{{label: "Calls", color: c.pal.calls}}
	if pairs {
		key = append(key, legendEntry{label: "First-time callers", color: c.pal.firstTime})
	}
	c.drawKey(key, c.px(pad), top)
	top += c.px(legendHeight + 8)

	bottom := c.height - c.px(pad) - c.capHeight(axisFontSize) - c.px(labelGap)
	maxRows := max(1, (bottom-top)/c.px(barsMinRow))
	bars = foldTail(bars, maxRows)

	var values []float64
	labelWidth := 0
	for _, b := range bars {
		values = append(values, b.Value, b.Secondary)
		labelWidth = max(labelWidth, c.textWidth(b.Label, axisFontSize))
	}
	labelWidth = min(labelWidth, int(float64(c.width)*barsLabelShare))
	left := c.px(pad) + labelWidth + c.px(labelGap)

	largestText := 0
	for _, v := range values {
		largestText = max(largestText, c.textWidth(formatValue(v), valueFontSize))
	}
	right := c.width - c.px(pad) - largestText - c.px(4)
	if right-left < c.px(20) {
		// Too narrow for labels and bars: give the bars the room.
		left, right = c.px(pad), c.width-c.px(pad)
		labelWidth = 0
	}
	intervals := int(float64(right-left) / float64(c.px(barsTickSpacing)))
	axis := newValueAxis(values, min(max(intervals, 1), 6))
	x := func(v float64) int {
		return left + int(math.Round(v/axis.top*float64(right-left)))
	}

	digitHeight := c.capHeight(axisFontSize)
	for _, t := range axis.ticks() {
		gx := x(t)
		line := c.pal.grid
		if t == 0 {
			line = c.pal.baseline
		}
		c.fillRect(gx-c.hairline()/2, top, gx-c.hairline()/2+c.hairline(), bottom, line)
		s := axis.format(t)
		w := c.textWidth(s, axisFontSize)
		c.text(s, min(max(gx-w/2, 0), c.width-w), c.height-c.px(pad), axisFontSize, c.pal.mutedText)
	}

	rowHeight := float64(bottom-top) / float64(len(bars))
	thickness := min(int(rowHeight*0.34), c.px(barsMaxThickness))
	gap := c.px(barsPairGap)
	valueHeight := c.capHeight(valueFontSize)
	if !pairs {
		thickness, gap = min(int(rowHeight*0.6), c.px(barsMaxThickness)*2), 0
	}
	for i, b := range bars {
		mid := top + int((float64(i)+0.5)*rowHeight)
		if labelWidth > 0 {
			label := c.fit(b.Label, axisFontSize, labelWidth)
			c.text(label, left-c.px(labelGap)-c.textWidth(label, axisFontSize), mid+digitHeight/2, axisFontSize, c.pal.text)
		}
		for k, bar := range []struct {
			value float64
			top   int
			color drawing.Color
		}{
			{b.Value, mid - gap/2 - thickness, c.pal.calls},
			{b.Secondary, mid + gap - gap/2, c.pal.firstTime},
		} {
			if k == 1 && !pairs {
				break
			}
			if !pairs {
				bar.top = mid - thickness/2
			}
			end := x(bar.value)
			c.fillRect(left, bar.top, end, bar.top+thickness, bar.color)
			// Two numbers closer than their height would overprint:
			// then only the calls are written.
			if k == 1 && thickness+gap < valueHeight+c.px(1) {
				continue
			}
			c.text(formatValue(bar.value), end+c.px(4), bar.top+thickness/2+valueHeight/2, valueFontSize, c.pal.mutedText)
		}
	}
}

// cleanBars drops what cannot be drawn as a length: negative, infinite and
// NaN values count as zero.
func cleanBars(bars []Bar) []Bar {
	out := make([]Bar, len(bars))
	for i, b := range bars {
		b.Value, b.Secondary = drawable(b.Value), drawable(b.Secondary)
		out[i] = b
	}
	return out
}

func drawable(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// foldTail keeps the first rows-1 bars and sums the rest into one, when
// there are more bars than rows.
func foldTail(bars []Bar, rows int) []Bar {
	if len(bars) <= rows {
		return bars
	}
	keep := max(rows-1, 0)
	rest := Bar{Label: fmt.Sprintf("%d more", len(bars)-keep)}
	for _, b := range bars[keep:] {
		rest.Value += b.Value
		rest.Secondary += b.Secondary
	}
	return append(bars[:keep:keep], rest)
}
