package charts

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
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
// speed matters more than size: default compression took 80% of a render.
func (c *canvas) png() ([]byte, error) {
	var img chart.ImageWriter
	if err := c.r.Save(&img); err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	rgba, err := img.Image()
	if err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, rgba); err != nil {
		return nil, fmt.Errorf("charts: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}
