package charts

import (
	"math"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Logical sizes of the heatmap.
const (
	heatMaxCellHeight = 34.0
	heatCellGap       = 1.5
	heatCountFontSize = 9.0
	heatScaleWidth    = 90.0
	heatScaleHeight   = 10.0
)

var weekdayLabels = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// Heatmap draws calls by hour (across) and weekday (down, Monday first) as
// a grid of cells shaded from few to many calls, with the count written in
// each cell when it fits, and a scale from 0 to the busiest cell. Cells
// without calls are a neutral grey, never the palest shade, so "none" and
// "a few" read differently. An empty title leaves the title out. A grid
// without calls draws the message "No calls in this period".
func Heatmap(title string, h Heat, width, height int, theme Theme) ([]byte, error) {
	return render(width, height, theme, func(c *canvas) { c.drawHeatmap(title, h) })
}

// heatGrid is the heatmap's layout in device pixels.
type heatGrid struct {
	left, top    int
	cellW, cellH float64
}

// cell is the rectangle of weekday d, hour h, without the gap around it.
func (g heatGrid) cell(c *canvas, d, h int) (x0, y0, x1, y1 int) {
	gap := max(c.px(heatCellGap), 1)
	x0 = g.left + int(math.Round(float64(h)*g.cellW))
	x1 = g.left + int(math.Round(float64(h+1)*g.cellW)) - gap
	y0 = g.top + int(math.Round(float64(d)*g.cellH))
	y1 = g.top + int(math.Round(float64(d+1)*g.cellH)) - gap
	return x0, y0, x1, y1
}

func (c *canvas) drawHeatmap(title string, h Heat) {
	busiest := h.Max()
	if busiest <= 0 {
		c.drawEmptyState("No calls in this period")
		return
	}
	g := c.layoutHeatmap(title, busiest)

	digitHeight := c.capHeight(axisFontSize)
	for d, name := range weekdayLabels {
		_, y0, _, y1 := g.cell(c, d, 0)
		w := c.textWidth(name, axisFontSize)
		c.text(name, g.left-c.px(labelGap)-w, (y0+y1)/2+digitHeight/2, axisFontSize, c.pal.mutedText)
	}
	every := c.hourLabelEvery(g.cellW)
	_, _, _, gridBottom := g.cell(c, 6, 0)
	for hour := 0; hour < 24; hour += every {
		x0, _, x1, _ := g.cell(c, 0, hour)
		s := hourLabel(hour)
		w := c.textWidth(s, axisFontSize)
		x := min(max((x0+x1-w)/2, 0), c.width-w)
		c.text(s, x, gridBottom+c.px(labelGap)+digitHeight, axisFontSize, c.pal.mutedText)
	}

	countHeight := c.capHeight(heatCountFontSize)
	showCounts := c.textWidth(itoa(busiest), heatCountFontSize)+c.px(4) <= int(g.cellW) &&
		countHeight+c.px(4) <= int(g.cellH)
	for d := range h {
		for hour, n := range h[d] {
			x0, y0, x1, y1 := g.cell(c, d, hour)
			fill := c.heatColor(n, busiest)
			c.fillRect(x0, y0, x1, y1, fill)
			if showCounts && n > 0 {
				s := itoa(n)
				c.text(s, (x0+x1-c.textWidth(s, heatCountFontSize))/2, (y0+y1)/2+countHeight/2, heatCountFontSize, textOn(fill))
			}
		}
	}
}

// layoutHeatmap draws the title and the scale, and places the grid in the
// room left: weekday labels on the left, hour labels below.
func (c *canvas) layoutHeatmap(title string, busiest int) heatGrid {
	top := c.px(pad)
	scaleWidth := c.heatScaleWidth(busiest)
	titleRoom := c.width - 2*c.px(pad) - scaleWidth - c.px(legendEntryGap)
	if title != "" && c.textWidth(title, titleFontSize) <= titleRoom {
		// Title and scale share the first row.
		c.drawTitle(title)
		c.drawHeatScale(busiest, c.width-c.px(pad)-scaleWidth, top)
		top += c.px(max(titleFontSize*1.6, legendHeight) + 6)
	} else {
		top = c.drawTitle(title)
		c.drawHeatScale(busiest, max(c.width-c.px(pad)-scaleWidth, c.px(pad)), top)
		top += c.px(legendHeight + 6)
	}

	labelWidth := 0
	for _, name := range weekdayLabels {
		labelWidth = max(labelWidth, c.textWidth(name, axisFontSize))
	}
	left := c.px(pad) + labelWidth + c.px(labelGap)
	bottom := c.height - c.px(pad) - c.capHeight(axisFontSize) - c.px(labelGap)
	cellH := min(float64(bottom-top)/7, float64(c.px(heatMaxCellHeight)))
	return heatGrid{
		left:  left,
		top:   top,
		cellW: float64(c.width-c.px(pad)-left) / 24,
		cellH: max(cellH, 1),
	}
}

// hourLabelEvery spaces the hour labels on round hours so none touch.
func (c *canvas) hourLabelEvery(cellW float64) int {
	widest := c.textWidth("12am", axisFontSize) + c.px(labelGap)
	for _, every := range []int{1, 2, 3, 4, 6, 12} {
		if float64(every)*cellW >= float64(widest) {
			return every
		}
	}
	return 24
}

// heatColor shades a cell: a neutral grey for none, and from the palest
// to the strongest shade for one call to the busiest cell.
func (c *canvas) heatColor(n, busiest int) drawing.Color {
	if n <= 0 {
		return c.pal.heatZero
	}
	t := 1.0
	if busiest > 1 {
		t = float64(n-1) / float64(busiest-1)
	}
	return mix(c.pal.heatLow, c.pal.heatHigh, min(t, 1))
}

func mix(a, b drawing.Color, t float64) drawing.Color {
	lerp := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
	return drawing.Color{R: lerp(a.R, b.R), G: lerp(a.G, b.G), B: lerp(a.B, b.B), A: lerp(a.A, b.A)}
}

// The scale reads "□ 0   1 ▭▭▭▭ 42": the zero swatch, then the shades
// from one call to the busiest cell.
func (c *canvas) heatScaleWidth(busiest int) int {
	w := c.px(legendSwatch) + c.px(legendTextGap) + c.textWidth("0", axisFontSize) + c.px(legendEntryGap)
	w += c.textWidth("1", axisFontSize) + c.px(legendTextGap) + c.px(heatScaleWidth)
	if busiest > 1 {
		w += c.px(legendTextGap) + c.textWidth(itoa(busiest), axisFontSize)
	}
	return w
}

func (c *canvas) drawHeatScale(busiest, x, top int) {
	mid := top + c.px(legendHeight/2)
	digitHeight := c.capHeight(axisFontSize)
	baseline := mid + digitHeight/2
	sw := c.px(legendSwatch)
	c.fillRect(x, mid-sw/2, x+sw, mid-sw/2+sw, c.pal.heatZero)
	x += sw + c.px(legendTextGap)
	c.text("0", x, baseline, axisFontSize, c.pal.mutedText)
	x += c.textWidth("0", axisFontSize) + c.px(legendEntryGap)

	c.text("1", x, baseline, axisFontSize, c.pal.mutedText)
	x += c.textWidth("1", axisFontSize) + c.px(legendTextGap)
	width := c.px(heatScaleWidth)
	barH := c.px(heatScaleHeight)
	for i := range width {
		t := 1.0
		if busiest > 1 {
			t = float64(i) / float64(max(width-1, 1))
		}
		c.fillRect(x+i, mid-barH/2, x+i+1, mid-barH/2+barH, mix(c.pal.heatLow, c.pal.heatHigh, t))
	}
	x += width + c.px(legendTextGap)
	if busiest > 1 {
		c.text(itoa(busiest), x, baseline, axisFontSize, c.pal.mutedText)
	}
}
