package charts

import "strconv"

// countAxis is a Y axis for counts of calls: it starts at zero, its ticks
// are whole numbers, and its top is a tick.
type countAxis struct {
	step, top int
}

// newCountAxis fits the largest count under at most maxIntervals gridlines,
// using steps of 1, 2 or 5 times a power of ten. A quiet day still gets a
// few gridlines, so one call does not fill the chart to the top.
func newCountAxis(largest, maxIntervals int) countAxis {
	const quietDayIntervals = 4
	if maxIntervals < 1 {
		maxIntervals = 1
	}
	largest = max(largest, 1)
	step := 1
	for pow := 1; ; pow *= 10 {
		found := false
		for _, m := range []int{1, 2, 5} {
			if ceilDiv(largest, m*pow) <= maxIntervals {
				step, found = m*pow, true
				break
			}
		}
		if found {
			break
		}
	}
	intervals := max(ceilDiv(largest, step), min(maxIntervals, quietDayIntervals))
	return countAxis{step: step, top: intervals * step}
}

// ticks lists the gridline values from 0 to the top.
func (a countAxis) ticks() []int {
	var ts []int
	for v := 0; v <= a.top; v += a.step {
		ts = append(ts, v)
	}
	return ts
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func itoa(n int) string { return strconv.Itoa(n) }
