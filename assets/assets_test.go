package assets

import (
	"bytes"
	"image/png"
	"testing"
)

func TestIconIsASquarePNGLargeEnoughForEveryDesktop(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon()))
	if err != nil {
		t.Fatalf("icon is not a PNG: %v", err)
	}
	size := img.Bounds().Size()
	if size.X != size.Y || size.X < 256 {
		t.Errorf("icon is %v; want a square of at least 256 px", size)
	}
}
