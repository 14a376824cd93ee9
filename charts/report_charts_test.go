package charts

import (
	"bytes"
	"image"
	"image/color"
	"testing"
	"time"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

var themes = []Theme{{}, {Dark: true}, {Scale: 1.5}}

// chartCase is one chart drawn from one kind of data.
type chartCase struct {
	name string
	draw func(width, height int, theme Theme) ([]byte, error)
}

func everyChartWithEveryKindOfData() []chartCase {
	oneDay := []DayOutcomes{{Day: time.Date(2026, 10, 7, 0, 0, 0, 0, time.UTC), Missed: 1}}
	var equalDays []DayOutcomes
	for i := range 5 {
		equalDays = append(equalDays, DayOutcomes{Day: time.Date(2026, 10, 1+i, 0, 0, 0, 0, time.UTC), Answered: 3})
	}
	zeroDays := []DayOutcomes{{Day: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}, {Day: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)}}
	var equalHeat Heat
	for d := range equalHeat {
		for h := range equalHeat[d] {
			equalHeat[d][h] = 2
		}
	}
	days := func(d []DayOutcomes) func(int, int, Theme) ([]byte, error) {
		return func(w, h int, th Theme) ([]byte, error) { return CallsOverTime(d, w, h, th) }
	}
	bars := func(b []Bar) func(int, int, Theme) ([]byte, error) {
		return func(w, h int, th Theme) ([]byte, error) { return BarsBy("Calls by campaign", b, w, h, th) }
	}
	share := func(f, r int) func(int, int, Theme) ([]byte, error) {
		return func(w, h int, th Theme) ([]byte, error) { return FirstTimeVsRepeat(f, r, w, h, th) }
	}
	heat := func(hm Heat) func(int, int, Theme) ([]byte, error) {
		return func(w, h int, th Theme) ([]byte, error) { return Heatmap("When calls come in", hm, w, h, th) }
	}
	return []chartCase{
		{"calls over time: no days", days(nil)},
		{"calls over time: days without calls", days(zeroDays)},
		{"calls over time: one day", days(oneDay)},
		{"calls over time: equal days", days(equalDays)},
		{"calls over time: a month", days(sampleMonth())},
		{"calls over time: half a year", days(sampleDays(180))},
		{"calls over time: three years", days(sampleDays(3 * 365))},
		{"bars: none", bars(nil)},
		{"bars: all zero", bars([]Bar{{Label: "Flyer"}, {Label: "Radio"}})},
		{"bars: one", bars([]Bar{{Label: "Flyer", Value: 1}})},
		{"bars: equal", bars([]Bar{{Label: "A", Value: 4, Secondary: 4}, {Label: "B", Value: 4, Secondary: 4}})},
		{"bars: amounts", bars([]Bar{{Label: "A", Value: 0.25}, {Label: "B", Value: 12.5, Secondary: 3.75}})},
		{"bars: typical", bars(sampleBars())},
		{"bars: too many", bars(manyBars(60))},
		{"share: nobody", share(0, 0)},
		{"share: only first-time", share(5, 0)},
		{"share: only repeat", share(0, 1)},
		{"share: equal", share(7, 7)},
		{"heatmap: empty", heat(Heat{})},
		{"heatmap: one call", heat(Heat{6: {23: 1}})},
		{"heatmap: equal", heat(equalHeat)},
		{"heatmap: typical", heat(sampleHeat())},
	}
}

func TestEveryChartDrawsEveryKindOfData(t *testing.T) {
	for _, tc := range everyChartWithEveryKindOfData() {
		for _, theme := range themes {
			b, err := tc.draw(480, 220, theme)
			if err != nil {
				t.Fatalf("%s %+v: %v", tc.name, theme, err)
			}
			if img := decodePNG(t, b, 480, 220); isUniform(img) {
				t.Errorf("%s %+v: the image is blank", tc.name, theme)
			}
		}
	}
}

func TestEveryChartSurvivesOddSizes(t *testing.T) {
	for _, tc := range everyChartWithEveryKindOfData() {
		for _, size := range [][2]int{{1, 1}, {40, 30}, {900, 40}, {50, 600}} {
			b, err := tc.draw(size[0], size[1], Theme{})
			if err != nil {
				t.Fatalf("%s %dx%d: %v", tc.name, size[0], size[1], err)
			}
			decodePNG(t, b, size[0], size[1])
		}
		if _, err := tc.draw(0, 100, Theme{}); err == nil {
			t.Errorf("%s: want an error for a zero-width image", tc.name)
		}
	}
}

func TestChartsWithoutCallsSaySo(t *testing.T) {
	tests := []struct {
		name, message string
		draw          func() ([]byte, error)
	}{
		{"calls over time", "No calls in this period", func() ([]byte, error) { return CallsOverTime(nil, 300, 150, Theme{}) }},
		{"bars", "No calls in this period", func() ([]byte, error) {
			return BarsBy("Calls by medium", []Bar{{Label: "Radio"}}, 300, 150, Theme{})
		}},
		{"share", "No callers in this period", func() ([]byte, error) { return FirstTimeVsRepeat(0, 0, 300, 150, Theme{}) }},
		{"heatmap", "No calls in this period", func() ([]byte, error) { return Heatmap("Missed calls", Heat{}, 300, 150, Theme{}) }},
	}
	for _, tt := range tests {
		got, err := tt.draw()
		if err != nil {
			t.Fatal(err)
		}
		want, err := EmptyState(tt.message, 300, 150, Theme{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: want the empty state %q", tt.name, tt.message)
		}
	}
}

func TestHeatmapIsDarkestWhereMostCallsCameIn(t *testing.T) {
	h := sampleHeat() // busiest: Monday 10am
	h[4][15] = 24     // and nearly as busy: Friday 3pm
	const width, height = 720, 300
	b, err := Heatmap("When calls come in", h, width, height, Theme{})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, width, height)

	c, err := newCanvas(width, height, Theme{})
	if err != nil {
		t.Fatal(err)
	}
	g := c.layoutHeatmap("When calls come in", h.Max())
	darkest, at := 2.0, [2]int{-1, -1}
	for d := range h {
		for hour := range h[d] {
			// A corner of the cell, clear of the count written in it.
			x0, y0, _, _ := g.cell(c, d, hour)
			if l := luminanceAt(img, x0+2, y0+2); l < darkest {
				darkest, at = l, [2]int{d, hour}
			}
		}
	}
	if at != [2]int{0, 10} {
		t.Errorf("darkest cell is weekday %d hour %d, want Monday (0) 10am", at[0], at[1])
	}
}

func TestHeatmapTellsNoCallsFromFewCalls(t *testing.T) {
	for _, theme := range []Theme{{}, {Dark: true}} {
		c, err := newCanvas(10, 10, theme)
		if err != nil {
			t.Fatal(err)
		}
		none, few := c.heatColor(0, 100), c.heatColor(1, 100)
		if d := colorDistance(none, few); d < 40 {
			t.Errorf("%+v: no calls and one call differ by only %d", theme, d)
		}
	}
}

func TestHeatScaleRunsFromFewToMany(t *testing.T) {
	light, err := newCanvas(10, 10, Theme{})
	if err != nil {
		t.Fatal(err)
	}
	dark, err := newCanvas(10, 10, Theme{Dark: true})
	if err != nil {
		t.Fatal(err)
	}
	for n := 2; n <= 10; n++ {
		// On white, busier is darker; on the dark theme, brighter.
		if luminance(light.heatColor(n, 10)) >= luminance(light.heatColor(n-1, 10)) {
			t.Errorf("light: %d calls is not darker than %d", n, n-1)
		}
		if luminance(dark.heatColor(n, 10)) <= luminance(dark.heatColor(n-1, 10)) {
			t.Errorf("dark: %d calls is not brighter than %d", n, n-1)
		}
	}
}

func luminanceAt(img image.Image, x, y int) float64 {
	n := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
	return luminance(drawingColor(n))
}

func colorDistance(a, b drawing.Color) int {
	abs := func(v int) int { return max(v, -v) }
	return abs(int(a.R)-int(b.R)) + abs(int(a.G)-int(b.G)) + abs(int(a.B)-int(b.B))
}
