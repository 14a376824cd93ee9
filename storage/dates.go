package storage

import "time"

// Campaign dates are calendar days of the shop, not instants: a campaign
// from 1 to 14 March runs from the first midnight to the last, whatever
// the offset on either day. They are stored as day numbers (days since
// 1 January 1970), which compare and subtract like dates should.

// dayNumber is the date of t as it reads in t's own location.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dayStart is the midnight that starts day n in loc.
func dayStart(n int, loc *time.Location) time.Time {
	y, m, d := time.Unix(int64(n)*86400, 0).UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// callDay is the shop's date of a call that started at UTC nanoseconds ns.
func callDay(ns int64, loc *time.Location) int {
	return dayNumber(time.Unix(0, ns).In(loc))
}

func dayKey(t time.Time) string { return t.Format("2006-01-02") }

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

func nextDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, t.Location())
}
