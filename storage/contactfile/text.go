package contactfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// maxFileSize bounds what is read into memory: a phone book of 100,000
// contacts is ~20 MB; a file many times that is not one.
const maxFileSize = 256 << 20

// ErrTooLarge: the file is far larger than any contact list.
var ErrTooLarge = errors.New("the file is too large to be a contact list")

// readText reads a whole file as text, whatever its encoding: UTF-8 with
// or without a byte-order mark, UTF-16 with one (Excel's "Unicode text"),
// and otherwise Windows-1252, which is what Outlook and Excel write on a
// Western Windows PC when they are not told to use UTF-8.
func readText(r io.Reader) (string, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return "", fmt.Errorf("read the file: %w", err)
	}
	if len(raw) > maxFileSize {
		return "", ErrTooLarge
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("read the file as UTF-16: %w", err)
		}
		return string(out), nil
	}
	if utf8.Valid(raw) {
		return string(raw), nil
	}
	// Every byte means something in Windows-1252, so this cannot fail.
	out, _ := charmap.Windows1252.NewDecoder().Bytes(raw)
	return string(out), nil
}

// normalizeLabel turns the many words address books use for a phone's
// kind into a few: Google's "* Mobile" (the star marks the primary
// number), vCard's CELL, Outlook's "Business Phone 2".
func normalizeLabel(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "*")))
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > utf8.RuneSelf)
	})
	has := func(ws ...string) bool {
		for _, w := range words {
			for _, x := range ws {
				if w == x {
					return true
				}
			}
		}
		return false
	}
	switch {
	case len(words) == 0:
		return ""
	case has("fax", "telefax"):
		return "fax"
	case has("pager", "beeper"):
		return "pager"
	case has("mobile", "cell", "cellular", "iphone", "mobil", "mobiltelefon", "handy", "portable", "móvil", "celular"):
		return "mobile"
	case has("work", "business", "office", "company", "geschäftlich", "bureau", "trabajo"):
		return "work"
	case has("home", "private", "privat", "domicile", "casa"):
		return "home"
	case has("main", "primary", "pref"):
		return "main"
	case has("other"):
		return "other"
	case has("voice", "phone", "telephone", "tel", "telefon", "number"):
		// A plain "Phone" column says nothing about which phone it is.
		return ""
	}
	return s
}

// formulaStarts are the first characters that make a spreadsheet run a
// cell as a formula.
const formulaStarts = "=@+-\t\r"
