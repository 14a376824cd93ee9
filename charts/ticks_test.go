package charts

import (
	"slices"
	"testing"
)

func TestCountAxisUsesWholeNumbersFromZero(t *testing.T) {
	tests := []struct {
		largest, maxIntervals int
		want                  countAxis
	}{
		{largest: 0, maxIntervals: 5, want: countAxis{step: 1, top: 4}},
		{largest: 1, maxIntervals: 5, want: countAxis{step: 1, top: 4}}, // one call is not a full chart
		{largest: 4, maxIntervals: 5, want: countAxis{step: 1, top: 4}},
		{largest: 7, maxIntervals: 5, want: countAxis{step: 2, top: 8}},
		{largest: 21, maxIntervals: 8, want: countAxis{step: 5, top: 25}},
		{largest: 100, maxIntervals: 5, want: countAxis{step: 20, top: 100}},
		{largest: 270, maxIntervals: 6, want: countAxis{step: 50, top: 300}},
		{largest: 3, maxIntervals: 1, want: countAxis{step: 5, top: 5}}, // a very short chart
		{largest: 3, maxIntervals: 0, want: countAxis{step: 5, top: 5}},
	}
	for _, tt := range tests {
		if got := newCountAxis(tt.largest, tt.maxIntervals); got != tt.want {
			t.Errorf("newCountAxis(%d, %d) = %+v, want %+v", tt.largest, tt.maxIntervals, got, tt.want)
		}
	}
}

func TestCountAxisTicks(t *testing.T) {
	if got, want := (countAxis{step: 2, top: 8}).ticks(), []int{0, 2, 4, 6, 8}; !slices.Equal(got, want) {
		t.Errorf("ticks = %v, want %v", got, want)
	}
}
