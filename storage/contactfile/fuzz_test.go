package contactfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func addFixtures(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzParseCSV: whatever the file, parsing ends without a panic, every row
// is either a draft or a skip, and every draft has a usable number.
func FuzzParseCSV(f *testing.F) {
	addFixtures(f, "*.csv")
	f.Add([]byte("Name,Phone\n\"a\n"))
	f.Add([]byte("sep=\t\nName\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseCSV(bytes.NewReader(data), us)
		if err != nil {
			return
		}
		checkDrafts(t, p)
	})
}

// FuzzParseVCard: the same for vCard files.
func FuzzParseVCard(f *testing.F) {
	addFixtures(f, "*.vcf")
	f.Add([]byte("BEGIN:VCARD\nTEL;;;:\n ;\nEND:VCARD"))
	f.Add([]byte("BEGIN:VCARD\r\nN;ENCODING=QUOTED-PRINTABLE:=ZZ;=\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseVCard(bytes.NewReader(data), us)
		if err != nil {
			return
		}
		checkDrafts(t, p)
	})
}

func checkDrafts(t *testing.T, p Parsed) {
	rows := map[int]bool{}
	for _, d := range p.Drafts {
		if len(d.Numbers) == 0 {
			t.Fatalf("draft without a number: %+v", d)
		}
		for _, n := range d.Numbers {
			if n.Key == "" {
				t.Fatalf("number without a key: %+v", d)
			}
		}
		if rows[d.Row] {
			t.Fatalf("row %d given twice", d.Row)
		}
		rows[d.Row] = true
	}
	for _, s := range p.Skipped {
		if s.Reason == "" || rows[s.Row] {
			t.Fatalf("skip %+v without a reason, or for a row also drafted", s)
		}
		rows[s.Row] = true
	}
}
