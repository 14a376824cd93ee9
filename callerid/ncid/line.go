package ncid

import "strings"

// Line is one line from an NCID server, split into its parts.
type Line struct {
	// Type is the label before the colon with any LOG suffix removed: CID,
	// CIDINFO, END, HUP, BLK, OUT, MSG, NOT, OPT, … For the numbered start-up
	// lines it is the number: "200", "250", "300". Lines from a forwarding
	// gateway keep their "+" ("+CID"); clients must ignore them.
	Type string
	// Log marks a line of the call-log replay (CIDLOG:, ENDLOG:, …, LOG:).
	Log bool
	// Fields holds the *KEY*value* pairs. Keys are as the server sent them;
	// the first of a repeated key wins.
	Fields map[string]string
	// Text is free text before the fields: the message of a MSG: or NOT:
	// line, the option of an OPT: line, the words of a numbered line.
	Text string
	// Raw is the line as received, without its line ending.
	Raw string
}

// ParseLine splits one server line. It reports false for an empty line or one
// without a recognisable type; everything else parses, whatever its fields
// hold, because NCID promises new line types and fields over time and
// clients must skip what they do not know.
func ParseLine(s string) (Line, bool) {
	s = strings.TrimRight(s, "\r\n")
	l := Line{Raw: s}
	if s == "" {
		return l, false
	}
	if code, rest, ok := statusCode(s); ok {
		l.Type, l.Text = code, strings.TrimSpace(rest)
		return l, true
	}
	label, rest, ok := strings.Cut(s, ":")
	if !ok || !isLabel(label) {
		return l, false
	}
	l.Type = label
	if t, found := strings.CutSuffix(label, "LOG"); found {
		l.Log = true
		if t != "" {
			l.Type = t
		}
	}
	l.Text, l.Fields = splitFields(rest)
	return l, true
}

// statusCode recognises the numbered start-up lines: three digits, then a
// space or the end of the line.
func statusCode(s string) (code, rest string, ok bool) {
	if len(s) < 3 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) {
		return "", "", false
	}
	if len(s) > 3 && s[3] != ' ' {
		return "", "", false
	}
	return s[:3], s[3:], true
}

// isLabel accepts what NCID uses as a line type: letters and digits, with a
// leading "+" for forwarded lines.
func isLabel(s string) bool {
	s = strings.TrimPrefix(s, "+")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || isDigit(c)) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// splitFields separates the free text from the *KEY*value* pairs. Call lines
// start their pairs with one star (": *DATE*…"), messages with three after
// the text ("MSG: hello ***DATE*…"); the last star may be missing.
func splitFields(rest string) (text string, fields map[string]string) {
	start := strings.Index(rest, "***")
	if start < 0 {
		start = strings.IndexByte(rest, '*')
	}
	if start < 0 {
		return strings.TrimSpace(rest), nil
	}
	text = strings.TrimSpace(rest[:start])
	pairs := strings.TrimLeft(rest[start:], "*")
	fields = make(map[string]string, 8)
	for pairs != "" {
		key, after, _ := strings.Cut(pairs, "*")
		value, next, _ := strings.Cut(after, "*")
		key = strings.TrimSpace(key)
		if _, seen := fields[key]; !seen && key != "" {
			fields[key] = strings.TrimSpace(value)
		}
		pairs = next
	}
	return text, fields
}
