package whozz

import "strings"

// TCI columns (0-based, end exclusive) of the 70-column Tel-Control format:
//
//	01      9/05     11:17 AM       702-555-1145           CARD SERVICES
const (
	tciDateFrom, tciDateTo     = 7, 12
	tciTimeFrom, tciTimeTo     = 17, 25
	tciNumberFrom, tciNumberTo = 29, 44
	tciNameFrom, tciNameTo     = 55, 70
)

// parseTCI reads a record in the fixed-column TCI format, which a unit with
// DIP switch 7 on sends instead of its own. The fields are right-justified,
// so the columns are the only reliable separators; NCID recognises the
// format by the same marks: a digit first, '/' at 9 and the M of AM/PM at 24.
// Trailing padding may have been trimmed on the way.
//
// A limited record spaced 5 blanks apart has the same marks, so the gaps
// between the columns must be blank too: in a limited record the I/O mark
// falls where TCI has nothing.
func parseTCI(s string) (Record, bool) {
	if len(s) <= 30 || !isDigitByte(s[0]) || s[9] != '/' || s[24] != 'M' ||
		!blank(s[tciTimeTo:tciNumberFrom]) || !blank(column(s, tciNumberTo, tciNameFrom)) {
		return Record{}, false
	}
	line := strings.TrimSpace(s[:2])
	if !isSmallNumber(line) {
		return Record{}, false
	}
	r := Record{Format: TCI, Kind: CallStart, Line: atoi(line), Inbound: true, ChecksumGood: true}
	f := fields{s: s[tciDateFrom:tciDateTo] + " " + s[tciTimeFrom:tciTimeTo]}
	if !r.readDateTime(&f, true) || f.next() != "" {
		return Record{}, false
	}
	r.Number = clean(column(s, tciNumberFrom, tciNumberTo))
	r.Name = clean(column(s, tciNameFrom, tciNameTo))
	return r, true
}

// column is s[from:to], cut short where s is.
func column(s string, from, to int) string {
	if from >= len(s) {
		return ""
	}
	return s[from:min(to, len(s))]
}

func blank(s string) bool { return strings.Trim(s, " \t") == "" }

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }
