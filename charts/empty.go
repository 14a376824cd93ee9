package charts

import "strings"

const (
	emptyFontSize    = 14.0
	emptyMinFontSize = 9.0
)

// EmptyState draws msg centred in a width×height image, for a chart with
// nothing to show yet: the user sees why the space is empty instead of a
// blank. A message too wide for the image is set smaller, then wrapped.
func EmptyState(msg string, width, height int, theme Theme) ([]byte, error) {
	return render(width, height, theme, func(c *canvas) { c.drawEmptyState(msg) })
}

// drawEmptyState is EmptyState on a canvas of the caller's.
func (c *canvas) drawEmptyState(msg string) {
	c.drawPlaceholderBars()

	room := c.width - 2*c.px(pad)
	size := emptyFontSize
	for size > emptyMinFontSize && c.textWidth(msg, size) > room {
		size--
	}
	lines := c.wrap(msg, size, room)
	lineHeight := c.px(size * 1.4)
	digitHeight := c.capHeight(size)
	y := c.height/2 - lineHeight*(len(lines)-1)/2 + digitHeight/2
	for _, line := range lines {
		c.text(line, (c.width-c.textWidth(line, size))/2, y, size, c.pal.mutedText)
		y += lineHeight
	}
}

// drawPlaceholderBars sketches a faint baseline with a few low bars, so the
// empty state still reads as "a chart goes here".
func (c *canvas) drawPlaceholderBars() {
	faint := c.pal.grid
	left, right := c.px(pad), c.width-c.px(pad)
	base := c.height - c.px(pad)
	if right-left < c.px(40) || base < c.px(30) {
		return
	}
	c.fillRect(left, base-c.hairline(), right, base, c.pal.grid)
	heights := []float64{0.10, 0.18, 0.12, 0.24, 0.16, 0.08, 0.14}
	slot := float64(right-left) / float64(len(heights))
	maxHeight := float64(base) * 0.6
	for i, h := range heights {
		x0 := left + int((float64(i)+0.2)*slot)
		x1 := left + int((float64(i)+0.8)*slot)
		c.fillRect(x0, base-c.hairline()-int(h*maxHeight), x1, base-c.hairline(), faint.WithAlpha(faint.A/2))
	}
}

// wrap breaks msg into lines no wider than room device pixels, at spaces.
func (c *canvas) wrap(msg string, size float64, room int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(msg) {
		next := strings.TrimSpace(line + " " + word)
		if line != "" && c.textWidth(next, size) > room {
			lines = append(lines, line)
			next = word
		}
		line = next
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
