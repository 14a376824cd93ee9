package charts

import (
	"math"
	"strconv"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Logical sizes of the first-time vs repeat bar.
const (
	shareBarHeight = 44.0
	shareFontSize  = 12.0
)

// FirstTimeVsRepeat draws one bar split between first-time and repeat
// callers, with each part's share written inside it when it fits and the
// counts in the legend. No callers at all draws the message "No callers in
// this period".
func FirstTimeVsRepeat(firstTime, repeat int, width, height int, theme Theme) ([]byte, error) {
	return render(width, height, theme, func(c *canvas) { c.drawFirstTimeVsRepeat(firstTime, repeat) })
}

func (c *canvas) drawFirstTimeVsRepeat(firstTime, repeat int) {
	firstTime, repeat = max(firstTime, 0), max(repeat, 0)
	total := firstTime + repeat
	if total == 0 {
		c.drawEmptyState("No callers in this period")
		return
	}
	c.drawLegend([]legendEntry{
		{"First-time callers", firstTime, c.pal.firstTime},
		{"Repeat callers", repeat, c.pal.repeat},
	}, c.px(pad), c.px(pad))

	top := c.px(pad + legendHeight + 10)
	room := c.height - c.px(pad) - top
	barHeight := min(room, c.px(shareBarHeight))
	y0 := top + (room-barHeight)/2
	left, right := c.px(pad), c.width-c.px(pad)
	split := left + int(math.Round(float64(right-left)*float64(firstTime)/float64(total)))
	c.fillRect(left, y0, split, y0+barHeight, c.pal.firstTime)
	c.fillRect(split, y0, right, y0+barHeight, c.pal.repeat)

	first, rep := shareLabels(firstTime, repeat)
	digitHeight := c.capHeight(shareFontSize)
	for _, part := range []struct {
		label  string
		x0, x1 int
		count  int
		bg     drawing.Color
	}{
		{first, left, split, firstTime, c.pal.firstTime},
		{rep, split, right, repeat, c.pal.repeat},
	} {
		w := c.textWidth(part.label, shareFontSize)
		if part.count == 0 || w+c.px(12) > part.x1-part.x0 || digitHeight+c.px(6) > barHeight {
			continue
		}
		c.text(part.label, (part.x0+part.x1-w)/2, y0+barHeight/2+digitHeight/2, shareFontSize, textOn(part.bg))
	}
}

// shareLabels writes the two parts as whole percentages that add up to
// 100, never rounding a part that exists down to 0%.
func shareLabels(a, b int) (string, string) {
	pa := int(math.Round(100 * float64(a) / float64(a+b)))
	switch {
	case a > 0 && pa == 0:
		return "<1%", ">99%"
	case b > 0 && pa == 100:
		return ">99%", "<1%"
	}
	return strconv.Itoa(pa) + "%", strconv.Itoa(100-pa) + "%"
}

// textOn picks near-black or white text for a background, by its
// luminance, whichever contrasts more (the two meet near 0.18), so that
// labels inside bars and cells stay readable.
func textOn(bg drawing.Color) drawing.Color {
	if luminance(bg) > 0.18 {
		return drawing.ColorFromHex("1B1E23")
	}
	return drawing.ColorFromHex("FFFFFF")
}

// luminance is the relative luminance of c (sRGB, 0..1).
func luminance(c drawing.Color) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
