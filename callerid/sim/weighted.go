package sim

import (
	"math/rand/v2"
	"sort"
)

// weighted picks indexes in proportion to their weights.
type weighted struct{ cumulative []float64 }

func newWeighted(n int, weight func(i int) float64) weighted {
	w := weighted{cumulative: make([]float64, n)}
	total := 0.0
	for i := range n {
		total += weight(i)
		w.cumulative[i] = total
	}
	return w
}

func (w weighted) pick(rnd *rand.Rand) int {
	x := rnd.Float64() * w.cumulative[len(w.cumulative)-1]
	i := sort.SearchFloat64s(w.cumulative, x)
	// SearchFloat64s finds the first total >= x; x equal to a total belongs
	// to the next index, and zero-weight entries are never picked.
	for i < len(w.cumulative)-1 && w.cumulative[i] <= x {
		i++
	}
	return i
}
