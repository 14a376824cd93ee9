package app

import (
	"testing"
	"time"
)

func newYork(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	return loc
}

func TestNamedPeriods(t *testing.T) {
	ny := newYork(t)
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 30, 0, 0, ny) }
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, ny) }
	tests := []struct {
		kind     PeriodKind
		now      time.Time
		from, to time.Time
		label    string
		days     int
	}{
		// Sunday 8 March 2026 lost an hour at 2am: the week still ends at
		// Monday's midnight.
		{ThisWeek, at(2026, 3, 8, 23), day(2026, 3, 2), day(2026, 3, 9), "2–8 March 2026", 7},
		{ThisWeek, at(2026, 3, 9, 0), day(2026, 3, 9), day(2026, 3, 16), "9–15 March 2026", 7},
		{LastWeek, at(2026, 3, 11, 9), day(2026, 3, 2), day(2026, 3, 9), "2–8 March 2026", 7},
		// Sunday 1 November 2026 gained one.
		{ThisWeek, at(2026, 11, 1, 1), day(2026, 10, 26), day(2026, 11, 2), "26 October – 1 November 2026", 7},
		{LastWeek, at(2026, 1, 2, 12), day(2025, 12, 22), day(2025, 12, 29), "22–28 December 2025", 7},
		{ThisMonth, at(2026, 3, 31, 23), day(2026, 3, 1), day(2026, 4, 1), "March 2026", 31},
		{LastMonth, at(2026, 1, 15, 8), day(2025, 12, 1), day(2026, 1, 1), "December 2025", 31},
		{LastMonth, at(2026, 3, 1, 0), day(2026, 2, 1), day(2026, 3, 1), "February 2026", 28},
		{ThisQuarter, at(2026, 11, 1, 1), day(2026, 10, 1), day(2027, 1, 1), "Q4 2026", 92},
		{LastQuarter, at(2026, 2, 10, 10), day(2025, 10, 1), day(2026, 1, 1), "Q4 2025", 92},
		{ThisYear, at(2026, 6, 1, 12), day(2026, 1, 1), day(2027, 1, 1), "2026", 365},
		{LastYear, at(2025, 1, 1, 0), day(2024, 1, 1), day(2025, 1, 1), "2024", 366},
	}
	for _, tt := range tests {
		p := tt.kind.Period(tt.now, ny)
		if !p.From.Equal(tt.from) || !p.To.Equal(tt.to) || p.Label != tt.label || p.Days() != tt.days {
			t.Errorf("%v at %v = %q [%v, %v) %d days, want %q [%v, %v) %d days",
				tt.kind, tt.now, p.Label, p.From, p.To, p.Days(), tt.label, tt.from, tt.to, tt.days)
		}
	}
}

func TestPeriodsStartAtTheShopsMidnightWhateverTheComputersZone(t *testing.T) {
	ny := newYork(t)
	// 03:00 UTC on 1 March is still February in New York.
	p := ThisMonth.Period(time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC), ny)
	if p.Label != "February 2026" || p.From.Location() != ny {
		t.Errorf("got %q in %v", p.Label, p.From.Location())
	}
}

func TestCustomPeriodIncludesBothDaysAcrossDaylightSaving(t *testing.T) {
	ny := newYork(t)
	fallBack := CustomPeriod(time.Date(2026, 11, 1, 18, 0, 0, 0, ny), time.Date(2026, 11, 1, 9, 0, 0, 0, ny), ny)
	if fallBack.Days() != 1 || fallBack.To.Sub(fallBack.From) != 25*time.Hour || fallBack.Label != "1 November 2026" {
		t.Errorf("1 November: %q, %v long, %d days", fallBack.Label, fallBack.To.Sub(fallBack.From), fallBack.Days())
	}
	spring := CustomPeriod(time.Date(2026, 3, 10, 0, 0, 0, 0, ny), time.Date(2026, 3, 7, 0, 0, 0, 0, ny), ny)
	if spring.Days() != 4 || spring.To.Sub(spring.From) != 4*24*time.Hour-time.Hour || spring.Label != "7–10 March 2026" {
		t.Errorf("7-10 March: %q, %v long, %d days", spring.Label, spring.To.Sub(spring.From), spring.Days())
	}
	if !spring.Last().Equal(time.Date(2026, 3, 10, 0, 0, 0, 0, ny)) {
		t.Errorf("last day %v", spring.Last())
	}
}

func TestPreviousPeriodIsTheOneToCompareWith(t *testing.T) {
	ny := newYork(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, ny) }
	tests := []struct {
		name     string
		p        Period
		from, to time.Time
		label    string
	}{
		{"a month: the month before, though shorter", MonthPeriod(2026, 3, ny), day(2026, 2, 1), day(2026, 3, 1), "February 2026"},
		{"January: December", MonthPeriod(2026, 1, ny), day(2025, 12, 1), day(2026, 1, 1), "December 2025"},
		{"a quarter", LastQuarter.Period(day(2026, 5, 5), ny), day(2025, 10, 1), day(2026, 1, 1), "Q4 2025"},
		{"a year", ThisYear.Period(day(2026, 5, 5), ny), day(2025, 1, 1), day(2026, 1, 1), "2025"},
		{"the week after clocks went forward", ThisWeek.Period(day(2026, 3, 12), ny), day(2026, 3, 2), day(2026, 3, 9), "2–8 March 2026"},
		{"the week after clocks went back", ThisWeek.Period(day(2026, 11, 4), ny), day(2026, 10, 26), day(2026, 11, 2), "26 October – 1 November 2026"},
		{"ten days", CustomPeriod(day(2026, 3, 9), day(2026, 3, 18), ny), day(2026, 2, 27), day(2026, 3, 9), "27 February – 8 March 2026"},
	}
	for _, tt := range tests {
		got := Previous(tt.p)
		if !got.From.Equal(tt.from) || !got.To.Equal(tt.to) || got.Label != tt.label {
			t.Errorf("%s: before %q comes %q [%v, %v), want %q [%v, %v)", tt.name, tt.p.Label, got.Label, got.From, got.To, tt.label, tt.from, tt.to)
		}
	}
}

func TestPeriodKindsHaveNames(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range PeriodKinds {
		if name := k.String(); seen[name] || name == "" || name[0] == 'P' {
			t.Errorf("kind %d is named %q", k, name)
		}
		seen[k.String()] = true
	}
}
