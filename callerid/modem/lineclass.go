package modem

import "strings"

// lineKind is what one line of modem output is, before any state is applied.
type lineKind int

const (
	lineBlank lineKind = iota // nothing left after junk is removed
	lineTag                   // TAG = value: part of a caller-ID block
	lineEcho                  // the modem repeating an AT command back
	lineRing                  // a ring burst: RING, RING A, CID RING, …
	lineOther                 // OK, ERROR, NO CARRIER, anything else
)

// tag says which caller-ID field a tag line carries.
type tag int

const (
	tagExtra    tag = iota // MESG or a tag we do not know: kept in Raw only
	tagDate                // DATE = MMDD
	tagTime                // TIME = HHMM
	tagDateTime            // DATE TIME=MM/DD HH:MM (one modem family)
	tagNumber              // NMBR, NBR
	tagDDN                 // DDN_NMBR, DDN: a number, but NMBR is preferred
	tagName                // NAME
)

// knownTags is ordered so that a longer tag is tried before a shorter one it
// ends with ("DATE TIME" before "TIME").
var knownTags = []struct {
	key string
	tag tag
}{
	{"DATE TIME", tagDateTime},
	{"DDN_NMBR", tagDDN},
	{"DATE", tagDate},
	{"TIME", tagTime},
	{"NMBR", tagNumber},
	{"NBR", tagNumber},
	{"DDN", tagDDN},
	{"NAME", tagName},
	{"MESG", tagExtra},
}

// modemLine is one classified line.
type modemLine struct {
	kind  lineKind
	tag   tag    // lineTag only
	value string // lineTag only: trimmed, junk removed, otherwise as sent
	text  string // the whole line with junk removed, for Event.Raw
}

const dle = 0x10 // Data Link Escape: starts a two-byte modem event code

// classifyLine decides what one line of modem output is. It never fails:
// whatever it does not recognise is lineOther or lineBlank.
func classifyLine(raw string) modemLine {
	text := strings.TrimSpace(dropControls(raw))
	if text == "" {
		return modemLine{kind: lineBlank}
	}
	key, value, hasEquals := strings.Cut(raw, "=")
	if hasEquals {
		if t, ok := matchTag(tagKey(key)); ok {
			return modemLine{kind: lineTag, tag: t, value: strings.TrimSpace(dropControls(value)), text: text}
		}
	}
	upper := strings.ToUpper(text)
	if strings.HasPrefix(upper, "AT") {
		return modemLine{kind: lineEcho, text: text}
	}
	if hasEquals && isTagWord(tagKey(key)) {
		// Some modem's own tag (like MESG): part of the block, not a field.
		return modemLine{kind: lineTag, tag: tagExtra, text: text}
	}
	for _, word := range strings.Fields(upper) {
		if word == "RING" {
			return modemLine{kind: lineRing, text: text}
		}
	}
	return modemLine{kind: lineOther, text: text}
}

// tagKey cleans the part before "=": some modems (Motorola) put DLE event
// codes and other control bytes in front of the tag.
func tagKey(key string) string {
	key = strings.ToUpper(dropControls(dropDLEPairs(key)))
	return strings.Join(strings.Fields(key), " ")
}

// matchTag finds the known tag the key ends with. The tag must start a word,
// so "DDN_NMBR" is not read as "NMBR" and "XNAME" is not a name.
func matchTag(key string) (tag, bool) {
	for _, k := range knownTags {
		if !strings.HasSuffix(key, k.key) {
			continue
		}
		rest := key[:len(key)-len(k.key)]
		if rest == "" || !isWordByte(rest[len(rest)-1]) {
			return k.tag, true
		}
	}
	return 0, false
}

// isTagWord reports whether key looks like a tag of its own: one upper-case
// word such as "CALLTYPE".
func isTagWord(key string) bool {
	if key == "" || key[0] < 'A' || key[0] > 'Z' {
		return false
	}
	for i := 0; i < len(key); i++ {
		if !isWordByte(key[i]) {
			return false
		}
	}
	return true
}

func isWordByte(b byte) bool {
	return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_'
}

// dropControls removes control bytes (NUL padding, stray CR, DLE, …) and
// leaves every other byte as it was, so values stay exactly what the line sent.
func dropControls(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if isControl(s[i]) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !isControl(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func isControl(b byte) bool { return b < 0x20 || b == 0x7f }

// dropDLEPairs removes DLE and the event letter after it.
func dropDLEPairs(s string) string {
	if strings.IndexByte(s, dle) < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == dle {
			i++ // skip the event code too
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}
