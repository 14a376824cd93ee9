package boxes

import (
	"fmt"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// The formats a Box reads, as they are named in settings and in
// `callboard decode --format`.
const (
	FormatNetCallerID = "netcallerid"
	FormatTCI         = "tci"
)

// Record is one record a box printed, decoded.
type Record struct {
	Format string // FormatNetCallerID or FormatTCI
	// Line is the line number a multi-line TCI unit printed (0 when the
	// box has only one line and does not say).
	Line int
	// The telco's date stamp, without a year. Month is 0 when the box sent
	// no date, or one that cannot be a date.
	Month, Day, Hour, Minute int
	// Number and Name are as the box sent them, trimmed of the padding
	// around them. Special values ("O", "P", "PRIVATE", …) are passed on
	// untouched for callerid.Normalizer to classify.
	Number, Name string
	// MessageWaiting marks a voicemail notice ("-MSG ON-", "-MSG OFF-"):
	// the telco signalled the line, nobody called.
	MessageWaiting bool
	// Raw is the record as it arrived, without its line ending.
	Raw string
}

// hasStamp reports whether the record carries a usable telco date and time.
func (r Record) hasStamp() bool { return r.Month != 0 }

// Event is the CallerID event of a call record, on the line of the unit
// named unit, at the time at. It reports false for a voicemail notice,
// which is no call. TCI units number their lines, so each gets a label of
// its own, "<unit>/<line>"; the number is always added, so a line keeps its
// label when the shop adds a second one. A NetCallerID box has one line,
// labelled "<unit>".
func (r Record) Event(unit string, at time.Time) (callerid.Event, bool) {
	if r.MessageWaiting {
		return callerid.Event{}, false
	}
	ev := callerid.Event{
		Line:   r.lineLabel(unit),
		Kind:   callerid.CallerID,
		At:     at,
		Number: r.Number,
		Name:   r.Name,
		Raw:    r.Raw,
	}
	if r.hasStamp() {
		ev.TelcoDate = fmt.Sprintf("%02d%02d", r.Month, r.Day)
		ev.TelcoTime = fmt.Sprintf("%02d%02d", r.Hour, r.Minute)
	}
	return ev, true
}

func (r Record) lineLabel(unit string) string {
	if r.Format == FormatTCI {
		return fmt.Sprintf("%s/%d", unit, r.Line)
	}
	return unit
}

// validStamp reports whether the parts can be a telco date and time. The
// year is unknown, so 29 February is allowed.
func validStamp(month, day, hour, minute int) bool {
	if month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return false
	}
	return day <= time.Date(2000, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// digits parses s as a small non-negative number made of digits only
// (dates and times: never more than a few digits).
func digits(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
