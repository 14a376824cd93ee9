package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// decodePNG fails the test unless b is a PNG of exactly width×height.
func decodePNG(t *testing.T, b []byte, width, height int) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if got := img.Bounds().Size(); got != image.Pt(width, height) {
		t.Fatalf("image is %v, want %dx%d", got, width, height)
	}
	return img
}

// isUniform reports whether every pixel has the same colour: what a chart
// library leaves behind when it fails half-way.
func isUniform(img image.Image) bool {
	b := img.Bounds()
	first := color.NRGBAModel.Convert(img.At(b.Min.X, b.Min.Y))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.NRGBAModel.Convert(img.At(x, y)) != first {
				return false
			}
		}
	}
	return true
}

func sameColor(c color.Color, want drawing.Color) bool {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return n.R == want.R && n.G == want.G && n.B == want.B && n.A == want.A
}

// rowsOf returns the topmost and bottommost row inside area that has a
// pixel painted in want, or -1 when there is none.
func rowsOf(img image.Image, want drawing.Color, area image.Rectangle) (top, bottom int) {
	top, bottom = -1, -1
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			if sameColor(img.At(x, y), want) {
				if top < 0 {
					top = y
				}
				bottom = y
			}
		}
	}
	return top, bottom
}

func drawingColor(n color.NRGBA) drawing.Color {
	return drawing.Color{R: n.R, G: n.G, B: n.B, A: n.A}
}
