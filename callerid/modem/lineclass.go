package modem

import (
	"strconv"
	"strings"
)

// lineKind is what one line of modem output is, before any state is applied.
type lineKind int

const (
	lineBlank   lineKind = iota // nothing left after junk is removed
	lineTag                     // TAG = value: part of a caller-ID block
	lineEcho                    // the modem repeating an AT command back
	lineRing                    // a ring burst: RING, RING A, CID RING, …
	lineCadence                 // DRON=n / DROF=n: one pulse or gap of a ring burst
	lineDLE                     // nothing but DLE event codes (<DLE>R, <DLE>P, …)
	lineInUse                   // LINE-IN-USE: someone is on the line
	lineHex                     // a bare hex line: an unformatted caller-ID packet
	lineOther                   // OK, ERROR, NO CARRIER, anything else
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
	tagMesg                // MESG: parameters the modem did not decode, in hex
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
	{"MESG", tagMesg},
}

// modemLine is one classified line.
type modemLine struct {
	kind    lineKind
	tag     tag    // lineTag only
	value   string // lineTag and lineHex: trimmed, junk removed, otherwise as sent
	text    string // the whole line with junk removed, for Event.Raw
	pattern string // lineRing: the distinctive-ring type, "A" or "2"
	// lineCadence: the pulse (DRON) or gap (DROF) in tenths of a second.
	ringOn  bool
	tenths  int
	dleCode []byte // lineDLE: the event codes, in order
}

const dle = 0x10 // Data Link Escape: starts a two-byte modem event code

// classifyLine decides what one line of modem output is. It never fails:
// whatever it does not recognise is lineOther or lineBlank.
func classifyLine(raw string) modemLine {
	if strings.IndexByte(raw, dle) >= 0 && strings.TrimSpace(dropControls(dropDLEPairs(raw))) == "" {
		// A voice-mode event on its own. DLE codes in front of a tag are
		// junk (Motorola) and are dropped below instead.
		return modemLine{kind: lineDLE, dleCode: dleCodes(raw)}
	}
	text := strings.TrimSpace(dropControls(raw))
	if text == "" {
		return modemLine{kind: lineBlank}
	}
	key, value, hasEquals := strings.Cut(raw, "=")
	if hasEquals {
		k := tagKey(key)
		if k == "DRON" || k == "DROF" {
			return cadenceLine(k == "DRON", value, text)
		}
		if t, ok := matchTag(k); ok {
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
	if l, ok := ringLine(upper, text); ok {
		return l
	}
	if upper == "LINE-IN-USE" || upper == "LINE IN USE" {
		return modemLine{kind: lineInUse, text: text}
	}
	if hex, ok := hexPacket(text); ok {
		return modemLine{kind: lineHex, value: hex, text: text}
	}
	return modemLine{kind: lineOther, text: text}
}

// ringLine recognises a ring: the word RING anywhere ("CID RING" on a Kortex
// modem), optionally followed by the distinctive-ring type, spaced as
// "RING A" (3Com/USR/TI) or "RING 2" (Conexant), or run on as "RING2".
func ringLine(upper, text string) (modemLine, bool) {
	words := strings.Fields(upper)
	for i, word := range words {
		switch {
		case word == "RING":
			l := modemLine{kind: lineRing, text: text}
			if i+1 < len(words) && len(words[i+1]) == 1 && isPatternByte(words[i+1][0]) {
				l.pattern = words[i+1]
			}
			return l, true
		case len(word) == len("RING")+1 && strings.HasPrefix(word, "RING") && isPatternByte(word[4]):
			return modemLine{kind: lineRing, text: text, pattern: word[4:]}, true
		}
	}
	return modemLine{}, false
}

// isPatternByte: distinctive-ring types are A-C or 1-3 on the modems we know;
// a little room either side costs nothing.
func isPatternByte(b byte) bool { return b >= 'A' && b <= 'F' || b >= '1' && b <= '9' }

// cadenceLine reads DRON=n / DROF=n (Lucent/Agere +VDR): n is in tenths of
// a second. A value that is no number is noise.
func cadenceLine(on bool, value, text string) modemLine {
	v := strings.TrimSpace(dropControls(value))
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || len(v) > 4 {
		return modemLine{kind: lineOther, text: text}
	}
	return modemLine{kind: lineCadence, ringOn: on, tenths: n, text: text}
}

// minPacketDigits: the shortest caller-ID packet (SDMF message waiting) is
// six bytes. Anything shorter that is all digits is a result code or noise.
const minPacketDigits = 12

// hexPacket recognises a line of hex digits, spaces allowed (one USR prints
// "80 27 01 08 …"), as an unformatted caller-ID packet, and returns the
// digits without the spaces.
func hexPacket(s string) (string, bool) {
	hex := strings.ReplaceAll(s, " ", "")
	if len(hex) < minPacketDigits || !isHexDigits(hex) {
		return "", false
	}
	return hex, true
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

// dleCodes lists the event codes that follow each DLE in s.
func dleCodes(s string) []byte {
	var codes []byte
	for i := 0; i+1 < len(s); i++ {
		if s[i] == dle {
			i++
			codes = append(codes, s[i])
		}
	}
	return codes
}

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
