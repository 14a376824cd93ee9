package charts

import (
	"bytes"
	"image"
	"sync"
	"testing"
)

func dayWith(counts map[int]HourCounts) [24]HourCounts {
	var day [24]HourCounts
	for h, c := range counts {
		c.Hour = h
		day[h] = c
	}
	return day
}

func busyDay() [24]HourCounts {
	var day [24]HourCounts
	for h := range day {
		day[h] = HourCounts{Hour: h, Answered: 3 + h%7, Missed: h % 3, Other: h % 2}
	}
	return day
}

func TestTodayByHourDrawsEveryKindOfDay(t *testing.T) {
	days := map[string][24]HourCounts{
		"no calls":    {},
		"one call":    dayWith(map[int]HourCounts{10: {Answered: 1}}),
		"equal hours": dayWith(map[int]HourCounts{9: {Missed: 2}, 10: {Missed: 2}, 11: {Missed: 2}}),
		"busy day":    busyDay(),
		"late call":   dayWith(map[int]HourCounts{23: {Other: 1}}),
	}
	for name, day := range days {
		for _, theme := range []Theme{{}, {Dark: true}, {Scale: 2}} {
			b, err := TodayByHour(day, 480, 240, theme)
			if err != nil {
				t.Fatalf("%s %+v: %v", name, theme, err)
			}
			if img := decodePNG(t, b, 480, 240); isUniform(img) {
				t.Errorf("%s %+v: the image is blank", name, theme)
			}
		}
	}
}

func TestTodayByHourWithoutCallsSaysSo(t *testing.T) {
	got, err := TodayByHour([24]HourCounts{}, 300, 150, Theme{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := EmptyState("No calls yet today", 300, 150, Theme{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("a day without calls should draw the empty state")
	}
}

func TestTodayByHourStacksAnsweredUnderMissedUnderOther(t *testing.T) {
	day := dayWith(map[int]HourCounts{12: {Answered: 3, Missed: 2, Other: 1}})
	b, err := TodayByHourOpen(day, OpeningHours{First: 12, Last: 12}, 200, 300, Theme{})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 200, 300)
	bar := image.Rect(90, 40, 110, 300) // below the legend's swatches
	_, answeredBottom := rowsOf(img, lightPalette.answered, bar)
	missedTop, missedBottom := rowsOf(img, lightPalette.missed, bar)
	otherTop, _ := rowsOf(img, lightPalette.other, bar)
	if otherTop < 0 || missedTop < 0 || answeredBottom < 0 {
		t.Fatalf("a segment is missing: other %d, missed %d, answered %d", otherTop, missedTop, answeredBottom)
	}
	if !(otherTop < missedTop && missedBottom < answeredBottom) {
		t.Errorf("want other above missed above answered; other top %d, missed %d..%d, answered bottom %d",
			otherTop, missedTop, missedBottom, answeredBottom)
	}
}

func TestTodayByHourDrawsBarsInProportion(t *testing.T) {
	// Two bars, one per half of the image: 2 calls at 9am, 6 at 10am.
	day := dayWith(map[int]HourCounts{9: {Answered: 2}, 10: {Answered: 6}})
	b, err := TodayByHourOpen(day, OpeningHours{First: 9, Last: 10}, 400, 300, Theme{Dark: true})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b, 400, 300)
	nineTop, nineBottom := rowsOf(img, darkPalette.answered, image.Rect(100, 40, 200, 300))
	tenTop, tenBottom := rowsOf(img, darkPalette.answered, image.Rect(250, 40, 350, 300))
	nine, ten := nineBottom-nineTop+1, tenBottom-tenTop+1
	if nineBottom != tenBottom {
		t.Errorf("bars should stand on the same baseline: %d and %d", nineBottom, tenBottom)
	}
	if ratio := float64(ten) / float64(nine); ratio < 2.9 || ratio > 3.1 {
		t.Errorf("6 calls drew %d px and 2 calls %d px; want three times as tall", ten, nine)
	}
}

func TestTodayByHourShowsOpeningHoursWidenedToEveryCall(t *testing.T) {
	tests := []struct {
		name        string
		day         [24]HourCounts
		open        OpeningHours
		first, last int
	}{
		{"quiet day", [24]HourCounts{}, OpeningHours{7, 19}, 7, 19},
		{"call before opening", dayWith(map[int]HourCounts{5: {Missed: 1}}), OpeningHours{7, 19}, 5, 19},
		{"call after closing", dayWith(map[int]HourCounts{22: {Other: 1}}), OpeningHours{7, 19}, 7, 22},
		{"hours written backwards", [24]HourCounts{}, OpeningHours{17, 9}, 9, 17},
		{"hours out of range", [24]HourCounts{}, OpeningHours{-3, 30}, 0, 23},
	}
	for _, tt := range tests {
		first, last := shownHours(tt.day, tt.open)
		if first != tt.first || last != tt.last {
			t.Errorf("%s: shows %d..%d, want %d..%d", tt.name, first, last, tt.first, tt.last)
		}
	}
}

func TestHourLabel(t *testing.T) {
	for h, want := range map[int]string{0: "12am", 7: "7am", 11: "11am", 12: "12pm", 13: "1pm", 23: "11pm"} {
		if got := hourLabel(h); got != want {
			t.Errorf("hourLabel(%d) = %q, want %q", h, got, want)
		}
	}
}

func TestTodayByHourRefusesAnEmptyImageSize(t *testing.T) {
	for _, size := range [][2]int{{0, 100}, {100, 0}, {-1, -1}} {
		if _, err := TodayByHour(busyDay(), size[0], size[1], Theme{}); err == nil {
			t.Errorf("%dx%d: want an error", size[0], size[1])
		}
	}
}

func TestTodayByHourSurvivesATinyImage(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {40, 30}, {600, 40}, {40, 400}} {
		b, err := TodayByHour(busyDay(), size[0], size[1], Theme{})
		if err != nil {
			t.Fatalf("%dx%d: %v", size[0], size[1], err)
		}
		decodePNG(t, b, size[0], size[1])
	}
}

// The app renders charts from several goroutines; run with -race.
func TestTodayByHourRendersConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if _, err := TodayByHour(busyDay(), 200+i, 120, Theme{Dark: i%2 == 0}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func BenchmarkTodayByHour(b *testing.B) {
	day := busyDay()
	for b.Loop() {
		if _, err := TodayByHour(day, 640, 260, Theme{}); err != nil {
			b.Fatal(err)
		}
	}
}
