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
	other      drawing.Color // also "outcome unknown" in the report charts
	voicemail  drawing.Color
	abandoned  drawing.Color
	// calls and firstTime are the two bars of a campaign; repeat is the
	// callers who had called before.
	calls     drawing.Color
	firstTime drawing.Color
	repeat    drawing.Color
	// The heatmap's sequential scale: heatZero marks "no calls", so that
	// it never reads as "a few"; heatLow..heatHigh runs from one call to
	// the busiest cell. On paper and in the light theme busier is darker;
	// in the dark theme busier is brighter.
	heatZero drawing.Color
	heatLow  drawing.Color
	heatHigh drawing.Color
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
		voicemail:  drawing.ColorFromHex("3A6FC4"),
		abandoned:  drawing.ColorFromHex("B5559A"),
		calls:      drawing.ColorFromHex("2F5F9E"),
		firstTime:  drawing.ColorFromHex("D49A1C"),
		repeat:     drawing.ColorFromHex("8C9BB0"),
		heatZero:   drawing.ColorFromHex("F0F1F3"),
		heatLow:    drawing.ColorFromHex("C6DBF3"),
		heatHigh:   drawing.ColorFromHex("0D3A75"),
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
		voicemail:  drawing.ColorFromHex("7FA7F0"),
		abandoned:  drawing.ColorFromHex("E07EC3"),
		calls:      drawing.ColorFromHex("79A8F0"),
		firstTime:  drawing.ColorFromHex("F2B94B"),
		repeat:     drawing.ColorFromHex("6E7B8D"),
		heatZero:   drawing.ColorFromHex("25272B"),
		heatLow:    drawing.ColorFromHex("1E3D66"),
		heatHigh:   drawing.ColorFromHex("A8D2FF"),
	}
)

func (t Theme) palette() palette {
	if t.Dark {
		return darkPalette
	}
	return lightPalette
}
