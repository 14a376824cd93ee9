package app

import (
	"fmt"
	"time"
)

// Period is a run of whole days of the shop's clock that a report covers:
// From is the first day's midnight and To the midnight after the last,
// so that a period is [From, To) whatever daylight saving does to the
// length of its days.
type Period struct {
	Label    string
	From, To time.Time
}

// PeriodKind is a period the Reports screen offers by name.
type PeriodKind int

// The periods by name, in the picker's order. Weeks start on Monday.
const (
	ThisWeek PeriodKind = iota
	LastWeek
	ThisMonth
	LastMonth
	ThisQuarter
	LastQuarter
	ThisYear
	LastYear
)

// PeriodKinds lists every named period, for a picker.
var PeriodKinds = []PeriodKind{ThisWeek, LastWeek, ThisMonth, LastMonth, ThisQuarter, LastQuarter, ThisYear, LastYear}

func (k PeriodKind) String() string {
	switch k {
	case ThisWeek:
		return "This week"
	case LastWeek:
		return "Last week"
	case ThisMonth:
		return "This month"
	case LastMonth:
		return "Last month"
	case ThisQuarter:
		return "This quarter"
	case LastQuarter:
		return "Last quarter"
	case ThisYear:
		return "This year"
	case LastYear:
		return "Last year"
	}
	return fmt.Sprintf("PeriodKind(%d)", int(k))
}

// Period is the named period around now, as the clock in loc reads it.
// "This" periods run to their natural end (the rest of the week is
// empty so far), so that they compare with whole earlier ones.
func (k PeriodKind) Period(now time.Time, loc *time.Location) Period {
	y, m, d := now.In(loc).Date()
	switch k {
	case ThisWeek, LastWeek:
		monday := d - (int(time.Date(y, m, d, 0, 0, 0, 0, loc).Weekday())+6)%7
		if k == LastWeek {
			monday -= 7
		}
		return newPeriod(date(y, m, monday, loc), date(y, m, monday+7, loc))
	case ThisMonth, LastMonth:
		if k == LastMonth {
			m--
		}
		return MonthPeriod(y, m, loc)
	case ThisQuarter, LastQuarter:
		first := m - (m-1)%3
		if k == LastQuarter {
			first -= 3
		}
		return newPeriod(date(y, first, 1, loc), date(y, first+3, 1, loc))
	case ThisYear, LastYear:
		if k == LastYear {
			y--
		}
		return newPeriod(date(y, 1, 1, loc), date(y+1, 1, 1, loc))
	}
	return Period{}
}

// MonthPeriod is one calendar month; a month out of range rolls over as
// time.Date does (month 0 is December of the year before).
func MonthPeriod(year int, month time.Month, loc *time.Location) Period {
	return newPeriod(date(year, month, 1, loc), date(year, month+1, 1, loc))
}

// CustomPeriod runs from the day of first to the day of last, both
// included, as their dates read in loc; swapped days are put in order.
func CustomPeriod(first, last time.Time, loc *time.Location) Period {
	a, b := first.In(loc), last.In(loc)
	if b.Before(a) {
		a, b = b, a
	}
	return newPeriod(date(a.Year(), a.Month(), a.Day(), loc), date(b.Year(), b.Month(), b.Day()+1, loc))
}

// Previous is the period to compare p with: the calendar month, quarter
// or year before one of those (February for March, though it is shorter),
// else the same number of days just before p.
func Previous(p Period) Period {
	loc := p.From.Location()
	if months, ok := wholeMonths(p); ok {
		y, m, _ := p.From.Date()
		return newPeriod(date(y, m-time.Month(months), 1, loc), p.From)
	}
	y, m, d := p.From.Date()
	return newPeriod(date(y, m, d-p.Days(), loc), p.From)
}

// Days is how many calendar days p covers.
func (p Period) Days() int {
	n := 0
	for day := p.From; day.Before(p.To); n++ {
		day = date(day.Year(), day.Month(), day.Day()+1, day.Location())
	}
	return n
}

// Last is the midnight of p's last day.
func (p Period) Last() time.Time {
	y, m, d := p.To.Date()
	return date(y, m, d-1, p.To.Location())
}

func newPeriod(from, to time.Time) Period {
	p := Period{From: from, To: to}
	p.Label = periodLabel(p)
	return p
}

// periodLabel names a period the way a report's heading does: "October
// 2026", "Q4 2026", "2026", or its dates.
func periodLabel(p Period) string {
	months, whole := wholeMonths(p)
	m := p.From.Month()
	switch {
	case whole && months == 1:
		return p.From.Format("January 2006")
	case whole && months == 3 && (m-1)%3 == 0:
		return fmt.Sprintf("Q%d %d", (m-1)/3+1, p.From.Year())
	case whole && months == 12 && m == time.January:
		return p.From.Format("2006")
	}
	first, last := p.From, p.Last()
	switch {
	case !last.After(first):
		return first.Format("2 January 2006")
	case first.Year() != last.Year():
		return first.Format("2 January 2006") + " – " + last.Format("2 January 2006")
	case first.Month() != last.Month():
		return first.Format("2 January") + " – " + last.Format("2 January 2006")
	}
	return first.Format("2") + "–" + last.Format("2 January 2006")
}

// wholeMonths reports whether p starts on a first of the month and ends
// just before one, and how many months it covers.
func wholeMonths(p Period) (int, bool) {
	if p.From.Day() != 1 || p.To.Day() != 1 || !p.From.Before(p.To) {
		return 0, false
	}
	return (p.To.Year()-p.From.Year())*12 + int(p.To.Month()-p.From.Month()), true
}

// date is a midnight in loc; out-of-range days and months roll over.
func date(y int, m time.Month, d int, loc *time.Location) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
