package charts

import (
	"fmt"
	"strconv"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// HourCounts is how one hour's calls ended.
type HourCounts struct {
	// Hour is 0..23, the same as the index in the day's array; the chart
	// labels bars by their index.
	Hour     int
	Answered int
	Missed   int
	// Other is every call that was neither answered nor missed: outcome
	// unknown, voicemail, abandoned, blocked.
	Other int
}

// Total is every call of the hour.
func (h HourCounts) Total() int { return h.Answered + h.Missed + h.Other }

// OpeningHours are the hours the Today chart always shows, First..Last
// inclusive (0..23), even before any call came in.
type OpeningHours struct{ First, Last int }

// DefaultOpeningHours is a typical shop day, 7am to the 7pm hour.
func DefaultOpeningHours() OpeningHours { return OpeningHours{First: 7, Last: 19} }

// TodayByHour draws today's calls per hour as bars stacked by outcome, over
// the default opening hours. See TodayByHourOpen.
func TodayByHour(hours [24]HourCounts, width, height int, theme Theme) ([]byte, error) {
	return TodayByHourOpen(hours, DefaultOpeningHours(), width, height, theme)
}

// TodayByHourOpen draws today's calls per hour as bars stacked by outcome
// (answered at the bottom, then missed, then other), one bar per hour from
// the first to the last opening hour, widened to include any hour with calls.
// width and height are device pixels. A day without calls draws the message
// "No calls yet today".
func TodayByHourOpen(hours [24]HourCounts, open OpeningHours, width, height int, theme Theme) ([]byte, error) {
	first, last := shownHours(hours, open)
	var day HourCounts
	largest := 0
	for h := first; h <= last; h++ {
		day.Answered += hours[h].Answered
		day.Missed += hours[h].Missed
		day.Other += hours[h].Other
		largest = max(largest, hours[h].Total())
	}
	if day.Total() == 0 {
		return EmptyState("No calls yet today", width, height, theme)
	}

	c, err := newCanvas(width, height, theme)
	if err != nil {
		return nil, err
	}
	legend := []legendEntry{
		{"Answered", day.Answered, c.pal.answered},
		{"Missed", day.Missed, c.pal.missed},
		{"Other", day.Other, c.pal.other},
	}
	var labels []string
	for h := first; h <= last; h++ {
		labels = append(labels, hourLabel(h))
	}
	// Room under the legend for the total written above the tallest bar.
	plotTop := c.px(pad + legendHeight + 8 + valueFontSize + 4)
	p := c.newBarPlot(plotTop, largest, labels)
	c.drawLegend(legend, p.left, c.px(pad))
	colors := []drawing.Color{c.pal.answered, c.pal.missed, c.pal.other}
	for i, h := range hours[first : last+1] {
		p.drawStack(i, []int{h.Answered, h.Missed, h.Other}, colors)
	}
	return c.png()
}

// shownHours widens the opening hours to every hour that had a call.
func shownHours(hours [24]HourCounts, open OpeningHours) (first, last int) {
	first, last = clampHour(open.First), clampHour(open.Last)
	if first > last {
		first, last = last, first
	}
	for h, counts := range hours {
		if counts.Total() > 0 {
			first, last = min(first, h), max(last, h)
		}
	}
	return first, last
}

func clampHour(h int) int { return min(max(h, 0), 23) }

// hourLabel names the hour the way a shop's opening times are written.
func hourLabel(h int) string {
	switch {
	case h == 0:
		return "12am"
	case h < 12:
		return strconv.Itoa(h) + "am"
	case h == 12:
		return "12pm"
	default:
		return fmt.Sprintf("%dpm", h-12)
	}
}
