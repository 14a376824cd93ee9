package charts

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestBucketDaysPicksDaysWeeksOrMonths(t *testing.T) {
	tests := []struct {
		days      int
		unit      string
		bars      int
		firstBar  string
		secondBar string
	}{
		{days: 1, unit: "per day", bars: 1, firstBar: "Jan 1"},
		{days: 62, unit: "per day", bars: 62, firstBar: "Jan 1", secondBar: "Jan 2"},
		// 2026-01-01 is a Thursday: the first week is Thu..Sun, then weeks
		// from Monday the 5th.
		{days: 63, unit: "per week", bars: 10, firstBar: "Jan 1", secondBar: "Jan 5"},
		{days: 365, unit: "per week", bars: 53, firstBar: "Jan 1", secondBar: "Jan 5"},
		{days: 7*62 + 7, unit: "per month", bars: 15, firstBar: "Jan ’26", secondBar: "Feb ’26"},
	}
	for _, tt := range tests {
		buckets, unit := bucketDays(sampleDays(tt.days))
		if unit.name != tt.unit || len(buckets) != tt.bars {
			t.Errorf("%d days: %d bars %s, want %d bars %s", tt.days, len(buckets), unit.name, tt.bars, tt.unit)
			continue
		}
		if buckets[0].label != tt.firstBar || (tt.secondBar != "" && buckets[1].label != tt.secondBar) {
			t.Errorf("%d days: bars labelled %q, %q…", tt.days, buckets[0].label, buckets[min(1, len(buckets)-1)].label)
		}
	}
}

func TestBucketDaysKeepsEveryCall(t *testing.T) {
	days := sampleDays(500)
	want := 0
	for _, d := range days {
		want += d.Total()
	}
	buckets, _ := bucketDays(days)
	got := 0
	for _, b := range buckets {
		got += b.counts.Total()
	}
	if got != want {
		t.Errorf("bars hold %d calls, the days %d", got, want)
	}
}

func TestBucketDaysFillsGapsAndSortsAcrossDaylightSaving(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	// Clocks go back on 1 November 2026; days arrive out of order and
	// Nov 2 is missing; two entries for Nov 3 add up.
	days := []DayOutcomes{
		{Day: time.Date(2026, 11, 3, 0, 0, 0, 0, ny), Answered: 2},
		{Day: time.Date(2026, 10, 31, 0, 0, 0, 0, ny), Answered: 1},
		{Day: time.Date(2026, 11, 1, 0, 0, 0, 0, ny), Missed: 1},
		{Day: time.Date(2026, 11, 3, 18, 0, 0, 0, ny), Voicemail: 1},
	}
	buckets, _ := bucketDays(days)
	var labels []string
	var totals []int
	for _, b := range buckets {
		labels = append(labels, b.label)
		totals = append(totals, b.counts.Total())
	}
	if want := []string{"Oct 31", "Nov 1", "Nov 2", "Nov 3"}; !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
	if want := []int{1, 1, 0, 3}; !slices.Equal(totals, want) {
		t.Errorf("totals %v, want %v", totals, want)
	}
}

func TestFoldTailSumsTheRowsThatDoNotFit(t *testing.T) {
	bars := []Bar{{"A", 5, 1}, {"B", 4, 2}, {"C", 3, 3}, {"D", 2, 0}}
	got := foldTail(bars, 3)
	want := []Bar{{"A", 5, 1}, {"B", 4, 2}, {"2 more", 5, 3}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := foldTail(bars, 4); !slices.Equal(got, bars) {
		t.Errorf("bars that fit should stay: %v", got)
	}
	if bars[2].Label != "C" {
		t.Error("foldTail changed the caller's bars")
	}
}

func TestShareLabelsAddUpAndNeverHideAPart(t *testing.T) {
	tests := []struct {
		a, b        int
		left, right string
	}{
		{42, 25, "63%", "37%"},
		{1, 1, "50%", "50%"},
		{1, 999, "<1%", ">99%"},
		{999, 1, ">99%", "<1%"},
		{5, 0, "100%", "0%"},
		{1, 2, "33%", "67%"},
	}
	for _, tt := range tests {
		if l, r := shareLabels(tt.a, tt.b); l != tt.left || r != tt.right {
			t.Errorf("shareLabels(%d, %d) = %s, %s; want %s, %s", tt.a, tt.b, l, r, tt.left, tt.right)
		}
	}
}

func TestValueAxisStartsAtZeroAndCoversTheLargest(t *testing.T) {
	tests := []struct {
		values []float64
		want   valueAxis
	}{
		{[]float64{0, 0}, valueAxis{step: 1, top: 4}},
		{[]float64{3, 7}, valueAxis{step: 2, top: 8}},
		{[]float64{0.25, 0.5}, valueAxis{step: 0.1, top: 0.5, decimals: 1}},
		{[]float64{12.5, 3.75}, valueAxis{step: 5, top: 15}},
		{[]float64{-0.5}, valueAxis{step: 1, top: 4}},
	}
	for _, tt := range tests {
		got := newValueAxis(tt.values, 5)
		if got.decimals != tt.want.decimals || got.step != tt.want.step || got.top < tt.want.top-1e-9 || got.top > tt.want.top+1e-9 {
			t.Errorf("newValueAxis(%v) = %+v, want %+v", tt.values, got, tt.want)
		}
	}
	if got := (valueAxis{step: 0.1, top: 0.3, decimals: 1}).ticks(); len(got) != 4 {
		t.Errorf("ticks 0..0.3 by 0.1 = %v", got)
	}
}

func TestFitShortensWithAnEllipsis(t *testing.T) {
	c, err := newCanvas(100, 100, Theme{})
	if err != nil {
		t.Fatal(err)
	}
	long := "Autumn flyer — Elm Street and the new estate by the river"
	room := c.textWidth("Autumn flyer", axisFontSize)
	got := c.fit(long, axisFontSize, room)
	if got == long || !strings.HasSuffix(got, "…") || c.textWidth(got, axisFontSize) > room {
		t.Errorf("fit = %q (%d px, room %d)", got, c.textWidth(got, axisFontSize), room)
	}
	if got := c.fit("Radio", axisFontSize, room); got != "Radio" {
		t.Errorf("a short label changed to %q", got)
	}
}
