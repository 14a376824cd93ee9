package charts

import (
	"slices"
	"time"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// The longest period drawn with one bar per day, then per week; beyond
// that a bar is a month.
const (
	maxDailyBars  = 62
	maxWeeklyBars = 62
)

// CallsOverTime draws calls per day as bars stacked by outcome: answered
// at the bottom, then missed, voicemail, abandoned and unknown. Periods of
// more than 62 days are drawn per week (weeks start on Monday), and more
// than 62 weeks per month. Days missing between the first and the last are
// days without calls. width and height are device pixels. A period without
// calls draws the message "No calls in this period".
func CallsOverTime(days []DayOutcomes, width, height int, theme Theme) ([]byte, error) {
	return render(width, height, theme, func(c *canvas) { c.drawCallsOverTime(days) })
}

func (c *canvas) drawCallsOverTime(days []DayOutcomes) {
	buckets, unit := bucketDays(days)
	var sum DayOutcomes
	largest := 0
	for _, b := range buckets {
		sum = sum.add(b.counts)
		largest = max(largest, b.counts.Total())
	}
	if sum.Total() == 0 {
		c.drawEmptyState("No calls in this period")
		return
	}

	colors := []drawing.Color{c.pal.answered, c.pal.missed, c.pal.voicemail, c.pal.abandoned, c.pal.other}
	var legend []legendEntry
	for i, e := range []legendEntry{
		{"Answered", sum.Answered, colors[0]},
		{"Missed", sum.Missed, colors[1]},
		{"Voicemail", sum.Voicemail, colors[2]},
		{"Abandoned", sum.Abandoned, colors[3]},
		{"Unknown", sum.Unknown, colors[4]},
	} {
		// An outcome the shop's lines never report would only be noise.
		if e.count > 0 || i == 0 {
			legend = append(legend, e)
		}
	}
	labels := make([]string, len(buckets))
	for i, b := range buckets {
		labels[i] = b.label
	}

	plotTop := c.px(pad + legendHeight + 8 + valueFontSize + 4)
	p := c.newBarPlotSteps(plotTop, largest, labels, unit.labelSteps)
	p.hideTotals = c.textWidth(itoa(largest), valueFontSize) > int(p.slotWidth())
	c.drawLegend(legend, p.left, c.px(pad))
	c.drawUnit(unit.name, c.px(pad)+c.px(legendHeight/2))
	for i, b := range buckets {
		d := b.counts
		p.drawStack(i, []int{d.Answered, d.Missed, d.Voicemail, d.Abandoned, d.Unknown}, colors)
	}
}

// drawUnit writes what one bar stands for at the right end of the legend
// row, when the legend leaves room for it.
func (c *canvas) drawUnit(s string, mid int) {
	w := c.textWidth(s, axisFontSize)
	x := c.width - c.px(pad) - w
	// The legend draws from the left; the unit must not touch it. A
	// cheap, safe test: only write it when the image is wide.
	if c.width < c.px(520) {
		return
	}
	c.text(s, x, mid+c.capHeight(axisFontSize)/2, axisFontSize, c.pal.mutedText)
}

// bucket is one bar of CallsOverTime.
type bucket struct {
	label  string
	counts DayOutcomes
}

// timeUnit is what one bar of CallsOverTime covers.
type timeUnit struct {
	name       string
	labelSteps []int
}

var (
	perDay   = timeUnit{"per day", []int{1, 2, 7, 14, 28}}
	perWeek  = timeUnit{"per week", []int{1, 2, 4, 8, 13, 26, 52}}
	perMonth = timeUnit{"per month", []int{1, 2, 3, 6, 12, 24, 60}}
)

// bucketDays sorts the days, fills the gaps between the first and the last
// with days without calls, and groups them into the bars of the chart.
func bucketDays(days []DayOutcomes) ([]bucket, timeUnit) {
	if len(days) == 0 {
		return nil, perDay
	}
	byDate := make(map[time.Time]DayOutcomes, len(days))
	for _, d := range days {
		date := dateOf(d.Day)
		byDate[date] = byDate[date].add(d)
	}
	dates := make([]time.Time, 0, len(byDate))
	for date := range byDate {
		dates = append(dates, date)
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return a.Compare(b) })
	first, last := dates[0], dates[len(dates)-1]
	span := daysBetween(first, last) + 1

	unit, start, label := perDay, dateOf, dayLabel
	switch {
	case span > maxDailyBars && span <= 7*maxWeeklyBars:
		unit, start = perWeek, weekOf
	case span > 7*maxWeeklyBars:
		unit, start, label = perMonth, monthOf, monthLabel
	}

	var buckets []bucket
	var current time.Time
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		if s := start(day); len(buckets) == 0 || !s.Equal(current) {
			current = s
			buckets = append(buckets, bucket{label: label(max64(s, first))})
		}
		b := &buckets[len(buckets)-1]
		b.counts = b.counts.add(byDate[day])
	}
	return buckets, unit
}

// dateOf is the calendar date of t in its own time zone, at midnight UTC,
// so that stepping by days is never thrown off by a daylight-saving change.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// weekOf is the Monday starting the week of date.
func weekOf(date time.Time) time.Time {
	back := (int(date.Weekday()) + 6) % 7
	return date.AddDate(0, 0, -back)
}

func monthOf(date time.Time) time.Time {
	return time.Date(date.Year(), date.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

func max64(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// dayLabel names a day, or the first day of a week, as "Oct 6".
func dayLabel(date time.Time) string { return date.Format("Jan 2") }

// monthLabel names a month with its year, as "Oct ’26": a period drawn
// by month spans more than a year.
func monthLabel(date time.Time) string { return date.Format("Jan ’06") }
