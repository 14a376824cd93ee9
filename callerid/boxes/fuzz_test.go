package boxes_test

import (
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid/boxes"
)

// Records from the reference (callerid-formats.md §4.1, §4.6) and their
// variants seen in the field.
var seedRecords = []string{
	"###DATE08082225...NMBR14075551212...NAMEJOHN+++\r",
	"###DATE03301423...NMBR...NAME-UNKNOWN CALLER-+++\r",
	"###DATE...NMBR...NAME   -MSG OFF-+++\r",
	"###date08082225..nmbr14075551212.namejohn++",
	"junk###DATE0808222...NMBR1407###DATE...NMBRP...NAMEDR.DATE...LINE1",
	"CALL: ###DATE12041529...CALLIN...LINEVOIP...NMBR14075551212...NAMECourt Jester+++",
	tciCardServices,
	"02     12/24     12:05 am       615-555-0123           SMITH J",
	"$01      9/05     11:17 AM       702-555",
	"01 I S 0276 G B3 09/26 11:28 AM 800-240-4637 CallerID.com",
}

// checkRecord holds for every record either parser accepts: whatever it
// reports came from the input, and its stamp is a real time of day.
func checkRecord(t *testing.T, in string, rec boxes.Record) {
	t.Helper()
	for field, v := range map[string]string{"number": rec.Number, "name": rec.Name, "raw": rec.Raw} {
		if !strings.Contains(in, v) {
			t.Errorf("%s %q is not in the input %q", field, v, in)
		}
	}
	if rec.Month != 0 && (rec.Month > 12 || rec.Day < 1 || rec.Day > 31 || rec.Hour > 23 || rec.Minute > 59) {
		t.Errorf("impossible stamp %+v from %q", rec, in)
	}
	if rec.Month == 0 && rec.Day+rec.Hour+rec.Minute != 0 {
		t.Errorf("half a stamp %+v from %q", rec, in)
	}
}

// FuzzParseNetCallerID: never panics, and never makes up a caller.
func FuzzParseNetCallerID(f *testing.F) {
	for _, s := range seedRecords {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		rec, ok := boxes.ParseNetCallerID(in)
		if !ok {
			return
		}
		if rec.Format != boxes.FormatNetCallerID {
			t.Errorf("format %q", rec.Format)
		}
		checkRecord(t, in, rec)
	})
}

// FuzzParseTCI: never panics, never makes up a caller, and reads a line
// number off every record.
func FuzzParseTCI(f *testing.F) {
	for _, s := range seedRecords {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		rec, ok := boxes.ParseTCI(in)
		if !ok {
			return
		}
		if rec.Format != boxes.FormatTCI || rec.Month == 0 {
			t.Errorf("record without format or stamp: %+v", rec)
		}
		checkRecord(t, in, rec)
	})
}
