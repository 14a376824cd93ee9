package charts

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"strings"
	"sync"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// defaultFont loads go-chart's embedded Roboto exactly once: its own lazy
// loader races when the first charts are rendered concurrently.
var defaultFont = sync.OnceValues(chart.GetDefaultFont)

// canvas is a go-chart raster renderer measured in logical pixels, so the
// chart code reads the same at any screen scale.
type canvas struct {
	r      chart.Renderer
	font   *truetype.Font
	scale  float64
	pal    palette
	width  int
	height int
	// background, when set, is laid under the drawing, for paper.
	background *drawing.Color
}

func newCanvas(width, height int, theme Theme) (*canvas, error) {
	if width <= 0 || height <= 0 {
		return nil, fmt.Errorf("charts: image size %dx%d is not drawable", width, height)
	}
	font, err := defaultFont()
	if err != nil {
		return nil, fmt.Errorf("charts: loading font: %w", err)
	}
	r, err := chart.PNG(width, height)
	if err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	// At 72 DPI a font size in points is a size in pixels; scaling the DPI
	// scales every text size with the screen.
	r.SetDPI(72 * theme.scale())
	r.SetFont(font)
	return &canvas{r: r, font: font, scale: theme.scale(), pal: theme.palette(), width: width, height: height}, nil
}

// px converts logical pixels to device pixels.
func (c *canvas) px(v float64) int { return int(math.Round(v * c.scale)) }

// hairline is the device-pixel width of a one-pixel line, never zero.
func (c *canvas) hairline() int { return max(c.px(1), 1) }

// fillRect fills the device-pixel rectangle [x0,x1)×[y0,y1).
func (c *canvas) fillRect(x0, y0, x1, y1 int, col drawing.Color) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	c.r.SetFillColor(col)
	c.r.MoveTo(x0, y0)
	c.r.LineTo(x1, y0)
	c.r.LineTo(x1, y1)
	c.r.LineTo(x0, y1)
	c.r.Close()
	c.r.Fill()
}

// textWidth sets the font size in logical pixels and returns the
// device-pixel width of s.
func (c *canvas) textWidth(s string, size float64) int {
	c.r.SetFontSize(size)
	return c.r.MeasureText(s).Width()
}

// capHeight is the device-pixel height of a digit: labels are placed by it
// so that words with and without descenders line up.
func (c *canvas) capHeight(size float64) int {
	c.r.SetFontSize(size)
	return c.r.MeasureText("0").Height()
}

// text draws s with its baseline at device-pixel y, starting at x.
func (c *canvas) text(s string, x, y int, size float64, col drawing.Color) {
	c.r.SetFontSize(size)
	c.r.SetFontColor(col)
	c.r.Text(s, x, y)
}

// png encodes the drawing. Charts go straight to the screen, so encoding
// speed matters more than size (see encodePNG).
func (c *canvas) png() ([]byte, error) {
	var img chart.ImageWriter
	if err := c.r.Save(&img); err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	drawn, err := img.Image()
	if err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	if rgba, ok := drawn.(*image.RGBA); ok {
		return encodePNG(rgba, c.background), nil
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, drawn); err != nil {
		return nil, fmt.Errorf("charts: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// render draws one chart on a fresh transparent canvas and encodes it.
func render(width, height int, theme Theme, draw func(*canvas)) ([]byte, error) {
	c, err := newCanvas(width, height, theme)
	if err != nil {
		return nil, err
	}
	draw(c)
	return c.png()
}

// renderOpaque is render on the theme's background colour, for paper: an
// opaque PNG embeds in a PDF as it is, without a separate alpha mask.
func renderOpaque(width, height int, theme Theme, draw func(*canvas)) ([]byte, error) {
	return render(width, height, theme, func(c *canvas) {
		c.background = &c.pal.background
		draw(c)
	})
}

// fit shortens s with an ellipsis until it is at most room device pixels
// wide, so a long campaign name never runs into its neighbour.
func (c *canvas) fit(s string, size float64, room int) string {
	if c.textWidth(s, size) <= room {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		short := strings.TrimRight(string(runes[:n]), " ") + "…"
		if c.textWidth(short, size) <= room {
			return short
		}
	}
	return "…"
}

// drawTitle writes a chart's title at the top left and returns the device
// row below it; an empty title takes no room.
func (c *canvas) drawTitle(title string) int {
	top := c.px(pad)
	if title == "" {
		return top
	}
	title = c.fit(title, titleFontSize, c.width-2*c.px(pad))
	c.text(title, c.px(pad), top+c.capHeight(titleFontSize), titleFontSize, c.pal.text)
	return top + c.px(titleFontSize*1.6)
}
