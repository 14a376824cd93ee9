package charts

import (
	"strconv"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// legendEntry is one coloured key of a legend, with the count it stands for.
type legendEntry struct {
	label string
	count int
	color drawing.Color
}

const (
	legendHeight   = 16.0
	legendSwatch   = 10.0
	legendTextGap  = 5.0  // swatch to its label
	legendEntryGap = 16.0 // one entry to the next
)

// legendStyle is one way of writing the legend; narrower images get the
// narrower styles so that every entry stays visible.
type legendStyle struct {
	counts   bool
	fontSize float64
}

var legendStyles = []legendStyle{{true, 12}, {false, 12}, {false, 10}}

// drawLegend draws the entries in one row whose top is device pixel top,
// starting at x if the row fits there and at the image's left padding
// otherwise, in the widest style that fits.
func (c *canvas) drawLegend(entries []legendEntry, x, top int) {
	c.drawLegendStyles(entries, x, top, legendStyles)
}

// drawKey is drawLegend without counts, for charts whose entries are not
// parts of one whole.
func (c *canvas) drawKey(entries []legendEntry, x, top int) {
	c.drawLegendStyles(entries, x, top, legendStyles[1:])
}

func (c *canvas) drawLegendStyles(entries []legendEntry, x, top int, styles []legendStyle) {
	right := c.width - c.px(pad)
	style := styles[len(styles)-1]
	for _, s := range styles {
		if c.px(pad)+c.legendWidth(entries, s) <= right {
			style = s
			break
		}
	}
	if x+c.legendWidth(entries, style) > right {
		x = c.px(pad)
	}
	mid := top + c.px(legendHeight/2)
	digitHeight := c.capHeight(style.fontSize)
	sw := c.px(legendSwatch)
	for _, e := range entries {
		label := style.label(e)
		c.fillRect(x, mid-sw/2, x+sw, mid-sw/2+sw, e.color)
		c.text(label, x+sw+c.px(legendTextGap), mid+digitHeight/2, style.fontSize, c.pal.text)
		x += sw + c.px(legendTextGap) + c.textWidth(label, style.fontSize) + c.px(legendEntryGap)
	}
}

func (s legendStyle) label(e legendEntry) string {
	if s.counts {
		return e.label + " " + strconv.Itoa(e.count)
	}
	return e.label
}

// legendWidth is the device-pixel width of the legend row in style s.
func (c *canvas) legendWidth(entries []legendEntry, s legendStyle) int {
	w := 0
	for i, e := range entries {
		if i > 0 {
			w += c.px(legendEntryGap)
		}
		w += c.px(legendSwatch) + c.px(legendTextGap) + c.textWidth(s.label(e), s.fontSize)
	}
	return w
}
