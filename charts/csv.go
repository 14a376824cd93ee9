package charts

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// utf8BOM starts every CSV file: without it Excel reads the file in the
// computer's legacy code page and garbles "Café" and "€". LibreOffice,
// Numbers and Google Sheets accept it too.
const utf8BOM = "\uFEFF"

// TableCSV writes a table as CSV the way Excel opens it by double-click:
// UTF-8 with a byte-order mark, commas, CRLF line ends, and quotes where
// RFC 4180 needs them. A cell that a spreadsheet would run as a formula
// (starting with =, @, or + or - not followed by a number) is prefixed
// with an apostrophe, so a caller's name typed as "=HYPERLINK(...)" stays
// text. Rows may be shorter or longer than the header.
func TableCSV(header []string, rows [][]string) []byte {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	// Writing to a bytes.Buffer cannot fail, and every record is valid.
	_ = w.Write(safeCells(header))
	for _, row := range rows {
		_ = w.Write(safeCells(row))
	}
	w.Flush()
	return buf.Bytes()
}

func safeCells(row []string) []string {
	out := make([]string, len(row))
	for i, cell := range row {
		out[i] = safeCell(cell)
	}
	return out
}

// safeCell defuses formula injection. Negative numbers and international
// phone numbers ("+1 555 0100") keep their sign.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		rest := strings.TrimLeft(s[1:], " ")
		if rest == "" {
			return s
		}
		if !strings.ContainsRune("0123456789.(", rune(rest[0])) {
			return "'" + s
		}
		if strings.ContainsAny(rest, "=@") {
			return "'" + s
		}
	}
	return s
}
