package charts

import "github.com/wcharczuk/go-chart/v2/drawing"

// Theme is how a chart should look on the screen that will show it.
type Theme struct {
	// Dark picks colours that read on a dark background.
	Dark bool
	// Scale is device pixels per logical pixel (Fyne's canvas scale), so
	// text and strokes keep their size on a HiDPI screen when the caller
	// asks for a bigger image. Zero means 1.
	Scale float64
}

func (t Theme) scale() float64 {
	if t.Scale <= 0 {
		return 1
	}
	return t.Scale
}

// palette holds the colours of one theme. Outcome colours are chosen to be
// told apart by colour-blind readers too: blue-green, orange, grey.
type palette struct {
	// background is what the app paints behind the chart; the PNG itself is
	// transparent, but tests and previews compose onto it.
	background drawing.Color
	text       drawing.Color
	mutedText  drawing.Color
	grid       drawing.Color
	baseline   drawing.Color
	answered   drawing.Color
	missed     drawing.Color
	other      drawing.Color
}

var (
	lightPalette = palette{
		background: drawing.ColorFromHex("FFFFFF"),
		text:       drawing.ColorFromHex("2B2F36"),
		mutedText:  drawing.ColorFromHex("69707A"),
		grid:       drawing.ColorFromHex("E3E6EA"),
		baseline:   drawing.ColorFromHex("9AA1AA"),
		answered:   drawing.ColorFromHex("0E8A8C"),
		missed:     drawing.ColorFromHex("E0622A"),
		other:      drawing.ColorFromHex("A3ACB8"),
	}
	darkPalette = palette{
		background: drawing.ColorFromHex("171718"),
		text:       drawing.ColorFromHex("E8EAED"),
		mutedText:  drawing.ColorFromHex("A5ABB3"),
		grid:       drawing.ColorFromHex("33363B"),
		baseline:   drawing.ColorFromHex("6B7179"),
		answered:   drawing.ColorFromHex("2CC5C0"),
		missed:     drawing.ColorFromHex("FF8A4C"),
		other:      drawing.ColorFromHex("7D8794"),
	}
)

func (t Theme) palette() palette {
	if t.Dark {
		return darkPalette
	}
	return lightPalette
}
