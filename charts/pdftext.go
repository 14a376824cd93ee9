package charts

import (
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// toCP1252 rewrites s for the PDF's core fonts, which know only the
// Windows-1252 characters: accents are kept where that code page has them
// ("Café", "€", "—"), dropped where it has the plain letter ("Łódź" keeps
// "o" and "z"), and anything else becomes "?" rather than vanishing.
func toCP1252(s string) string {
	var b strings.Builder
	for _, r := range s {
		if c, ok := cp1252(r); ok {
			b.WriteByte(c)
			continue
		}
		b.WriteByte(baseLetter(r))
	}
	return b.String()
}

// Look-alikes the code page lacks but a report is likely to contain.
var cp1252LookAlikes = map[rune]byte{
	'\u2212': '-', // minus sign, in deltas
	'\u2011': '-', // non-breaking hyphen
	'\u202F': ' ', // narrow no-break space, in some locales' numbers
	'\u2009': ' ', // thin space
}

func cp1252(r rune) (byte, bool) {
	if r < 0x80 {
		return byte(r), true
	}
	if c, ok := cp1252LookAlikes[r]; ok {
		return c, true
	}
	return charmap.Windows1252.EncodeRune(r)
}

// baseLetter is r without its accents when that is a code-page letter.
func baseLetter(r rune) byte {
	decomposed := []rune(norm.NFD.String(string(r)))
	if c, ok := cp1252(decomposed[0]); ok && len(decomposed) > 1 {
		return c
	}
	return '?'
}
