package charts

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

func TestTableCSVOpensInExcelAsUTF8(t *testing.T) {
	got := TableCSV([]string{"Caller", "Calls"}, [][]string{{"Zoë, \"the baker\"", "3"}, {"Café", "12"}})
	want := "\uFEFFCaller,Calls\r\n\"Zoë, \"\"the baker\"\"\",3\r\nCafé,12\r\n"
	if string(got) != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTableCSVReadsBackAsTheSameTable(t *testing.T) {
	header := []string{"Campaign", "Note"}
	rows := [][]string{{"Flyer", "two\nlines"}, {"", "empty campaign"}, {"Radio"}}
	b := TableCSV(header, rows)
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(utf8BOM))))
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := append([][]string{header}, rows...)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("read back %q, want %q", got, want)
	}
}

func TestTableCSVKeepsFormulasFromRunning(t *testing.T) {
	tests := map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"@SUM(A1)":          "'@SUM(A1)",
		"+cmd|' /C calc'!A": "'+cmd|' /C calc'!A",
		"-2+3=1":            "'-2+3=1",
		"+1 555 0100":       "+1 555 0100", // a phone number
		"-12.50":            "-12.50",      // a refund
		"-":                 "-",
		"Flyer":             "Flyer",
	}
	for in, want := range tests {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
