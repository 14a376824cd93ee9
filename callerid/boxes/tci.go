package boxes

import "strings"

// A TCI record is one line of fixed columns, e.g.
//
//	01      9/05     11:17 AM       702-555-1145           CARD SERVICES
//
// Columns (0-based, end exclusive) of the Tel-Control layout: line 0–2,
// date 7–12 (M/DD or MM/DD, right-justified), time 17–25 (hh:mm AM/PM,
// right-justified), number 29–44 (right-justified), name 55–70.
const (
	tciLineTo              = 2
	tciDateFrom, tciDateTo = 7, 12
	tciTimeFrom, tciTimeTo = 17, 25
	// The number is read from the end of the time on and the name from the
	// end of the number on, so a unit that pads a little differently still
	// reads right; the columns between are spaces on every unit seen.
	tciNumberTo = 44
	tciNameTo   = 70
	// tciMaxJunk is how far into a line a record may start: noise at power
	// up, or the "$" prefix a Whozz Calling unit can be set to send.
	tciMaxJunk = 16
)

// ParseTCI decodes one TCI record. It accepts what real units and serial
// lines do to the fixed layout: trailing spaces trimmed, one- or two-digit
// months, days and hours, lowercase am/pm, a little junk before the record.
// It refuses a line that ends inside the number column, because the number
// in it may be cut short: no caller beats a wrong caller.
func ParseTCI(s string) (Record, bool) {
	raw := strings.Trim(s, "\r\n")
	for skip := 0; skip <= tciMaxJunk && skip+tciTimeTo <= len(raw); skip++ {
		if rec, ok := parseTCIAt(raw[skip:]); ok {
			rec.Raw = raw
			return rec, true
		}
	}
	return Record{}, false
}

// parseTCIAt reads a record that starts at the beginning of s, which is at
// least tciTimeTo long.
func parseTCIAt(s string) (Record, bool) {
	if !blank(s[tciLineTo:tciDateFrom]) || !blank(s[tciDateTo:tciTimeFrom]) {
		return Record{}, false
	}
	line, ok := digits(strings.TrimSpace(s[:tciLineTo]))
	if !ok {
		return Record{}, false
	}
	month, day, ok := tciDate(strings.TrimSpace(s[tciDateFrom:tciDateTo]))
	if !ok {
		return Record{}, false
	}
	hour, minute, ok := tciTime(strings.TrimSpace(s[tciTimeFrom:tciTimeTo]))
	if !ok || !validStamp(month, day, hour, minute) {
		return Record{}, false
	}
	if len(s) < tciNumberTo && !blank(s[tciTimeTo:]) {
		return Record{}, false
	}
	return Record{
		Format: FormatTCI,
		Line:   line,
		Month:  month, Day: day, Hour: hour, Minute: minute,
		Number: strings.TrimSpace(columns(s, tciTimeTo, tciNumberTo)),
		Name:   strings.TrimSpace(columns(s, tciNumberTo, tciNameTo)),
	}, true
}

// tciDate reads "9/05" or "09/05".
func tciDate(s string) (month, day int, ok bool) {
	m, d, found := strings.Cut(s, "/")
	if !found || len(m) > 2 || len(d) > 2 {
		return 0, 0, false
	}
	month, ok1 := digits(m)
	day, ok2 := digits(d)
	return month, day, ok1 && ok2
}

// tciTime reads "11:17 AM" (or "9:05pm") into a 24-hour clock: 12:05 AM
// is 00:05 and 12:30 PM is 12:30.
func tciTime(s string) (hour, minute int, ok bool) {
	if len(s) < 2 {
		return 0, 0, false
	}
	clock, half := strings.TrimSpace(s[:len(s)-2]), strings.ToUpper(s[len(s)-2:])
	if half != "AM" && half != "PM" {
		return 0, 0, false
	}
	h, m, found := strings.Cut(clock, ":")
	if !found || len(h) > 2 || len(m) != 2 {
		return 0, 0, false
	}
	hour, ok1 := digits(h)
	minute, ok2 := digits(m)
	if !ok1 || !ok2 || hour < 1 || hour > 12 {
		return 0, 0, false
	}
	hour %= 12
	if half == "PM" {
		hour += 12
	}
	return hour, minute, true
}

// columns is s[from:to], cut to what the line holds.
func columns(s string, from, to int) string {
	if from >= len(s) {
		return ""
	}
	return s[from:min(to, len(s))]
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
