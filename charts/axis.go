package charts

import (
	"math"
	"strconv"
)

// valueAxis is an axis from zero for numbers that need not be whole, such
// as amounts; counts keep countAxis's whole-number ticks.
type valueAxis struct {
	step, top float64
	decimals  int
}

// newValueAxis uses countAxis when every value is whole, and otherwise
// steps of 1, 2 or 5 times a power of ten, fractions included.
func newValueAxis(values []float64, maxIntervals int) valueAxis {
	largest, whole := 0.0, true
	for _, v := range values {
		largest = max(largest, v)
		whole = whole && v == math.Trunc(v)
	}
	if (whole || largest <= 0) && largest < math.MaxInt32 {
		a := newCountAxis(int(largest), maxIntervals)
		return valueAxis{step: float64(a.step), top: float64(a.top)}
	}
	maxIntervals = max(maxIntervals, 1)
	pow := math.Pow(10, math.Floor(math.Log10(largest/float64(maxIntervals))))
	for {
		for _, m := range []float64{1, 2, 5} {
			step := m * pow
			if n := math.Ceil(largest/step - 1e-9); n <= float64(maxIntervals) {
				return valueAxis{step: step, top: n * step, decimals: max(0, -int(math.Floor(math.Log10(step))))}
			}
		}
		pow *= 10
	}
}

func (a valueAxis) ticks() []float64 {
	var ts []float64
	n := int(math.Round(a.top / a.step))
	for i := 0; i <= n; i++ {
		ts = append(ts, float64(i)*a.step)
	}
	return ts
}

func (a valueAxis) format(v float64) string {
	return strconv.FormatFloat(v, 'f', a.decimals, 64)
}

// formatValue writes a bar's value: whole numbers without decimals.
func formatValue(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
