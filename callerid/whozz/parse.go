package whozz

import (
	"strings"
	"time"
)

// ParseRecord decodes one line a unit sent: a call record in comprehensive
// (with or without "$", dashes or not), limited, TCI or from-memory format,
// a detail record, or a VoIP call-accounting record. It reports false for
// anything else (echoed set-up letters, version strings, noise).
//
// It is tolerant of spacing: fields may be separated by runs of spaces and
// trailing padding may be missing, because firmware versions and samples
// disagree on both.
func ParseRecord(s string) (Record, bool) {
	raw := strings.TrimRight(s, "\r\n\x00")
	r, ok := parseTCI(raw)
	if !ok {
		// A record starts with a digit: what comes before it is a "$"
		// prefix, padding, or set-up letters a unit echoed on the same line.
		r, ok = parseText(strings.TrimLeftFunc(raw, func(c rune) bool { return c < '0' || c > '9' }))
	}
	if !ok {
		return Record{}, false
	}
	r.Raw = raw
	return r, true
}

func parseText(s string) (Record, bool) {
	f := fields{s: s}
	first := f.next()
	switch {
	case len(first) == 4 && allDigits(first):
		return parseFromMemory(&f, atoi(first))
	case (len(first) == 1 || len(first) == 2) && allDigits(first):
		return parseAfterLine(&f, atoi(first))
	}
	return Record{}, false
}

// parseAfterLine tells the formats apart by the field after the line
// number: I/O in a comprehensive record, a letter in a detail record, the
// date in a limited record.
func parseAfterLine(f *fields, line int) (Record, bool) {
	afterLine := f.i
	second := f.next()
	switch {
	case second == "I" || second == "O":
		r := Record{Format: Comprehensive, Line: line, Inbound: second == "I"}
		if !r.readCallFlags(f) || !r.readDateTime(f, true) {
			return Record{}, false
		}
		return r, r.readCaller(f.rest())
	case len(second) == 1 && strings.IndexByte("RFNH", second[0]) >= 0:
		r := Record{Format: DetailFormat, Kind: Detail, Line: line, Detail: second[0], Inbound: true, ChecksumGood: true}
		return r, r.readDateTime(f, false)
	case strings.Contains(second, "/"):
		f.i = afterLine // the date is the limited record's second field
		return parseLimited(f, line)
	}
	return Record{}, false
}

// parseFromMemory reads a stored end record: record number, line, date,
// 24-hour time, then the comprehensive fields.
func parseFromMemory(f *fields, memory int) (Record, bool) {
	lineTok := f.next()
	if len(lineTok) == 0 || len(lineTok) > 2 || !allDigits(lineTok) {
		return Record{}, false
	}
	r := Record{Format: FromMemory, Memory: memory, Line: atoi(lineTok)}
	if !r.readDateTime(f, true) {
		return Record{}, false
	}
	io := f.next()
	if io != "I" && io != "O" {
		return Record{}, false
	}
	r.Inbound = io == "I"
	if !r.readCallFlags(f) {
		return Record{}, false
	}
	return r, r.readCaller(f.rest())
}

// parseLimited reads "01 09/26 02:30 PM 8002404637 I CallerID.com": no
// start/end mark, so it counts as the start of a call.
func parseLimited(f *fields, line int) (Record, bool) {
	r := Record{Format: Limited, Kind: CallStart, Line: line, ChecksumGood: true}
	if !r.readDateTime(f, true) {
		return Record{}, false
	}
	// The number is the first word, or words for a text such as "OUT OF
	// AREA"; the I/O mark after it ends it. "O" alone is also the
	// out-of-area code, so the first word is never taken as the mark
	// unless no other follows.
	start := f.i
	var marks []int // end offsets of I/O words
	for w := f.next(); w != ""; w = f.next() {
		if w == "I" || w == "O" {
			marks = append(marks, f.i)
		}
	}
	if len(marks) == 0 {
		return Record{}, false
	}
	end := marks[0]
	if strings.TrimSpace(f.s[start:end-1]) == "" && len(marks) > 1 {
		end = marks[1] // the first word was the number "O" (or "I")
	}
	r.Inbound = f.s[end-1] == 'I'
	r.Number = strings.TrimSpace(f.s[start : end-1])
	r.Name = clean(f.s[end:])
	return r, true
}

var callKinds = map[string]RecordKind{"S": CallStart, "E": CallEnd, "B": CallBlocked, "C": Accounting}

// readCallFlags reads "S 0276 G B3": kind, duration, checksum, ring type
// and count.
func (r *Record) readCallFlags(f *fields) bool {
	kind, ok := callKinds[f.next()]
	if !ok {
		return false
	}
	r.Kind = kind
	dur := f.next()
	if dur == "" || len(dur) > 5 || !allDigits(dur) {
		return false
	}
	r.Duration = time.Duration(atoi(dur)) * time.Second
	switch f.next() {
	case "G":
		r.ChecksumGood = true
	case "B":
	default:
		return false
	}
	ring := f.next()
	switch {
	case ring != "" && len(ring) <= 3 && allDigits(ring):
		r.Rings = atoi(ring)
	case len(ring) >= 2 && len(ring) <= 3 && allDigits(ring[1:]):
		if c := ring[0]; c >= 'A' && c <= 'Z' {
			r.RingType = ring[:1]
		}
		r.Rings = atoi(ring[1:])
	default:
		return false
	}
	return true
}

// readDateTime reads "MM/DD hh:mm[:ss]" and, where twelveHour allows it,
// an AM/PM mark. Without the mark the time is 24-hour.
func (r *Record) readDateTime(f *fields, twelveHour bool) bool {
	var ok bool
	if r.Month, r.Day, ok = parseDate(f.next()); !ok {
		return false
	}
	if r.Hour, r.Minute, r.Second, ok = parseClock(f.next()); !ok {
		return false
	}
	if !twelveHour {
		return true
	}
	switch mark := f.peek(); mark {
	case "AM", "PM", "am", "pm":
		f.next()
		r.Hour, ok = to24(r.Hour, mark)
		return ok
	}
	return true
}

// readCaller reads the number and name at the end of a call record, or of
// an accounting record with its SIP fields after the name.
func (r *Record) readCaller(rest string) bool {
	if r.Kind == Accounting {
		var ok bool
		if rest, ok = r.readAccounting(rest); !ok {
			return false
		}
	}
	r.Number, r.Name = splitNumberName(rest)
	return true
}

// numberWidth and nameWidth are the padded widths of the caller fields.
const (
	numberWidth = 14
	nameWidth   = 15
)

// splitNumberName splits "615-555-0123   SMITH J". The unit pads the
// number to 14 columns, but samples in the wild do not always, so the
// fixed columns are used only when they hold a plausible number: a dial
// string never contains a space, a text such as "OUT OF AREA" may.
func splitNumberName(rest string) (number, name string) {
	if len(rest) >= numberWidth && (len(rest) == numberWidth || rest[numberWidth] == ' ') {
		field := strings.TrimSpace(rest[:numberWidth])
		if !strings.ContainsAny(field, " \t") || !hasDigit(field) {
			return clean(field), clean(rest[numberWidth:])
		}
	}
	number, name, _ = strings.Cut(strings.TrimLeft(rest, " \t"), " ")
	return clean(number), clean(name)
}

// clean trims padding and the control bytes a line may carry.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f })
}

func parseDate(s string) (month, day int, ok bool) {
	m, d, found := strings.Cut(s, "/")
	if !found || !isSmallNumber(m) || !isSmallNumber(d) {
		return 0, 0, false
	}
	month, day = atoi(m), atoi(d)
	// 00/00 is a unit whose clock was never set; keep the record.
	return month, day, month <= 12 && day <= 31
}

func parseClock(s string) (hour, minute, second int, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	for _, p := range parts {
		if !isSmallNumber(p) {
			return 0, 0, 0, false
		}
	}
	hour, minute = atoi(parts[0]), atoi(parts[1])
	if len(parts) == 3 {
		second = atoi(parts[2])
	}
	return hour, minute, second, hour <= 23 && minute <= 59 && second <= 59
}

func to24(hour int, mark string) (int, bool) {
	if hour > 12 {
		return 0, false
	}
	pm := mark == "PM" || mark == "pm"
	switch {
	case hour == 12 && !pm:
		return 0, true
	case hour != 12 && pm:
		return hour + 12, true
	}
	return hour, true
}

// isSmallNumber: one or two digits.
func isSmallNumber(s string) bool { return (len(s) == 1 || len(s) == 2) && allDigits(s) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// atoi reads a string already checked to be digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
