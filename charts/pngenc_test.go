package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

func TestEncodePNGKeepsColoursAndTransparency(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(0, 0, color.NRGBA{R: 200, G: 100, B: 50, A: 255})
	img.Set(1, 0, color.NRGBA{R: 200, G: 100, B: 50, A: 128}) // anti-aliased edge
	// (2,0) and the second row stay fully transparent.

	decoded, err := png.Decode(bytes.NewReader(encodePNG(img, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []image.Point{{0, 0}, {1, 0}, {2, 0}, {1, 1}} {
		want := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA)
		got := color.NRGBAModel.Convert(decoded.At(p.X, p.Y)).(color.NRGBA)
		if !near(got, want) {
			t.Errorf("pixel %v: got %v, want %v", p, got, want)
		}
	}
}

func TestEncodePNGOnABackgroundIsOpaque(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 2, 1))
	img.Set(0, 0, color.NRGBA{R: 0, G: 0, B: 0, A: 128}) // half-black over white
	white := drawing.ColorFromHex("FFFFFF")
	decoded, err := png.Decode(bytes.NewReader(encodePNG(img, &white)))
	if err != nil {
		t.Fatal(err)
	}
	if _, isRGB := decoded.(*image.RGBA); !isRGB {
		t.Errorf("decoded as %T, want an opaque RGB image", decoded)
	}
	for x, want := range []color.NRGBA{{127, 127, 127, 255}, {255, 255, 255, 255}} {
		got := color.NRGBAModel.Convert(decoded.At(x, 0)).(color.NRGBA)
		if !near(got, want) {
			t.Errorf("pixel %d: got %v, want %v", x, got, want)
		}
	}
}

func near(a, b color.NRGBA) bool {
	d := func(x, y uint8) bool { return x-y <= 2 || y-x <= 2 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && a.A == b.A
}
