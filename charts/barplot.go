package charts

import (
	"math"
	"strconv"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Logical sizes shared by the bar charts.
const (
	pad           = 8.0  // around the whole image
	axisFontSize  = 11.0 // tick labels
	valueFontSize = 10.0 // the total above a bar
	labelGap      = 6.0  // between a tick label and the plot
	gridSpacing   = 28.0 // the closest gridlines may be
	maxBarWidth   = 56.0
	titleFontSize = 13.0
)

// barPlot is the frame of a bar chart of counts: a count axis on the left
// starting at zero, one labelled slot per bar along the bottom. Coordinates
// are device pixels.
type barPlot struct {
	c                        *canvas
	left, top, right, bottom int
	axis                     countAxis
	bars                     int
	// labelSteps are the slot counts allowed between two bottom labels,
	// smallest first: hours go by 3 or 6, days by 7.
	labelSteps []int
	// hideTotals leaves out the totals above the bars, when some of them
	// would not fit: a row with numbers missing here and there reads as
	// missing data.
	hideTotals bool
}

// hourSteps space the labels of hours so that they fall on round hours.
var hourSteps = []int{1, 2, 3, 4, 6, 12}

// newBarPlot lays out and draws the frame below device pixel top, scaled so
// the largest bar fits, and labels the slots along the bottom.
func (c *canvas) newBarPlot(top, largest int, labels []string) barPlot {
	return c.newBarPlotSteps(top, largest, labels, hourSteps)
}

// newBarPlotSteps is newBarPlot with the bottom labels spaced by one of
// steps.
func (c *canvas) newBarPlotSteps(top, largest int, labels []string, steps []int) barPlot {
	p := barPlot{c: c, top: top, right: c.width - c.px(pad), bars: len(labels), labelSteps: steps}
	digitHeight := c.capHeight(axisFontSize)
	p.bottom = c.height - c.px(pad) - digitHeight - c.px(labelGap)
	maxIntervals := int(float64(p.bottom-p.top) / float64(c.px(gridSpacing)))
	p.axis = newCountAxis(largest, min(maxIntervals, 8))

	labelWidth := 0
	for _, t := range p.axis.ticks() {
		labelWidth = max(labelWidth, c.textWidth(strconv.Itoa(t), axisFontSize))
	}
	p.left = c.px(pad) + labelWidth + c.px(labelGap)

	for _, t := range p.axis.ticks() {
		y := p.y(t)
		line := c.pal.grid
		if t == 0 {
			line = c.pal.baseline
		}
		c.fillRect(p.left, y-c.hairline()/2, p.right, y-c.hairline()/2+c.hairline(), line)
		s := strconv.Itoa(t)
		c.text(s, p.left-c.px(labelGap)-c.textWidth(s, axisFontSize), y+digitHeight/2, axisFontSize, c.pal.mutedText)
	}

	every := p.labelEvery(labels)
	for i, s := range labels {
		if i%every != 0 {
			continue
		}
		w := c.textWidth(s, axisFontSize)
		x := min(max(p.slotCenter(i)-w/2, 0), c.width-w)
		c.text(s, x, c.height-c.px(pad), axisFontSize, c.pal.mutedText)
	}
	return p
}

// labelEvery is how many slots apart the bottom labels must be so that no
// two of them touch.
func (p barPlot) labelEvery(labels []string) int {
	widest := 0
	for _, s := range labels {
		widest = max(widest, p.c.textWidth(s, axisFontSize))
	}
	need := float64(widest + p.c.px(labelGap))
	for _, every := range p.labelSteps {
		if float64(every)*p.slotWidth() >= need {
			return every
		}
	}
	return max(len(labels), 1)
}

func (p barPlot) slotWidth() float64 {
	return float64(p.right-p.left) / float64(max(p.bars, 1))
}

func (p barPlot) slotCenter(i int) int {
	return p.left + int(math.Round((float64(i)+0.5)*p.slotWidth()))
}

// y is the device row of a count.
func (p barPlot) y(v int) int {
	frac := float64(v) / float64(p.axis.top)
	return p.bottom - int(math.Round(frac*float64(p.bottom-p.top)))
}

// drawStack draws bar i as segments stacked from the bottom, one per value,
// with the total written above it when it fits.
func (p barPlot) drawStack(i int, values []int, colors []drawing.Color) {
	width := min(int(p.slotWidth()*0.68), p.c.px(maxBarWidth))
	x0 := p.slotCenter(i) - width/2
	total := 0
	for k, v := range values {
		if v <= 0 {
			continue
		}
		p.c.fillRect(x0, p.y(total+v), x0+width, p.y(total), colors[k])
		total += v
	}
	if total == 0 || p.hideTotals {
		return
	}
	s := strconv.Itoa(total)
	if w := p.c.textWidth(s, valueFontSize); w <= int(p.slotWidth()) {
		p.c.text(s, p.slotCenter(i)-w/2, p.y(total)-p.c.px(4), valueFontSize, p.c.pal.mutedText)
	}
}
