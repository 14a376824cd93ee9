package boxes_test

import (
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid/boxes"
)

// The record from the reference (§4.1), 70 columns.
const tciCardServices = "01      9/05     11:17 AM       702-555-1145           CARD SERVICES  "

func TestParseTCIReadsTheFixedColumns(t *testing.T) {
	tests := []struct {
		name, in string
		want     boxes.Record
	}{
		{
			name: "the reference record",
			in:   tciCardServices + "\r\n",
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 11, Minute: 17, Number: "702-555-1145", Name: "CARD SERVICES"},
		},
		{
			name: "trailing spaces trimmed",
			in:   "01      9/05     11:17 AM       702-555-1145           CARD SERVICES",
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 11, Minute: 17, Number: "702-555-1145", Name: "CARD SERVICES"},
		},
		{
			name: "two-digit month, second line",
			in:   "02     12/24     03:41 PM       615-555-0123           SMITH J        ",
			want: boxes.Record{Line: 2, Month: 12, Day: 24, Hour: 15, Minute: 41, Number: "615-555-0123", Name: "SMITH J"},
		},
		{
			name: "12:05 AM is five past midnight",
			in:   "01      1/01     12:05 AM       702-555-1145           NEW YEAR       ",
			want: boxes.Record{Line: 1, Month: 1, Day: 1, Hour: 0, Minute: 5, Number: "702-555-1145", Name: "NEW YEAR"},
		},
		{
			name: "12:30 PM is half past noon",
			in:   "01      1/01     12:30 PM       702-555-1145           LUNCH          ",
			want: boxes.Record{Line: 1, Month: 1, Day: 1, Hour: 12, Minute: 30, Number: "702-555-1145", Name: "LUNCH"},
		},
		{
			name: "one-digit hour, lowercase pm",
			in:   "01      9/05      9:05 pm       702-555-1145           CARD SERVICES  ",
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 21, Minute: 5, Number: "702-555-1145", Name: "CARD SERVICES"},
		},
		{
			name: "no name, trailing spaces trimmed",
			in:   "01      9/05     11:17 AM       702-555-1145",
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 11, Minute: 17, Number: "702-555-1145"},
		},
		{
			name: "no number, no name",
			in:   "01      9/05     11:17 AM",
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 11, Minute: 17},
		},
		{
			name: "out of area passes raw",
			in:   "01      9/05     11:17 AM        OUT-OF-AREA           OUT-OF-AREA    ",
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 11, Minute: 17, Number: "OUT-OF-AREA", Name: "OUT-OF-AREA"},
		},
		{
			name: "private passes raw",
			in:   "01      9/05     11:17 AM                  P           PRIVATE        ",
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 11, Minute: 17, Number: "P", Name: "PRIVATE"},
		},
		{
			name: "a $ prefix and noise before the record",
			in:   "$" + tciCardServices,
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 11, Minute: 17, Number: "702-555-1145", Name: "CARD SERVICES"},
		},
		{
			name: "a name cut short keeps the number",
			in:   "01      9/05     11:17 AM       702-555-1145           CARD SER",
			want: boxes.Record{Line: 1, Month: 9, Day: 5, Hour: 11, Minute: 17, Number: "702-555-1145", Name: "CARD SER"},
		},
		{
			name: "29 February has no year to be wrong in",
			in:   "01      2/29     11:17 AM       702-555-1145           LEAP           ",
			want: boxes.Record{Line: 1, Month: 2, Day: 29, Hour: 11, Minute: 17, Number: "702-555-1145", Name: "LEAP"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Format = boxes.FormatTCI
			got, ok := boxes.ParseTCI(tt.in)
			if !ok {
				t.Fatalf("ParseTCI(%q) refused it", tt.in)
			}
			tt.want.Raw = got.Raw // checked below
			if got != tt.want {
				t.Errorf("ParseTCI(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
			if wantRaw := strings.TrimRight(tt.in, "\r\n"); got.Raw != wantRaw {
				t.Errorf("Raw = %q, want %q", got.Raw, wantRaw)
			}
		})
	}
}

func TestParseTCIRefusesWhatIsNotAWholeRecord(t *testing.T) {
	for _, in := range []string{
		"",
		"RING",
		"01      9/05     11:17", // no AM/PM
		"01      9/05     11:17 AM       702-555",                           // cut inside the number
		"01      9/05     11:17 AM       702-555-114",                       // one digit short
		"01     13/05     11:17 AM       702-555-1145           BAD MONTH",  // no 13th month
		"01      2/30     11:17 AM       702-555-1145           BAD DAY",    // no 30 February
		"01      9/05     13:17 PM       702-555-1145           BAD HOUR",   // 12-hour clock
		"01      9/05     11:60 AM       702-555-1145           BAD MINUTE", // no 60th minute
		"01      9/05     11:17 XM       702-555-1145           BAD HALF",
		"AB      9/05     11:17 AM       702-555-1145           NO LINE",
		"01 I S 0276 G B3 09/26 11:28 AM 800-240-4637 CallerID.com", // Whozz Calling comprehensive
		"$01 09/26 02:30 PM 8002404637 I CallerID.com",              // Whozz Calling limited
		"01 R             11/07 07:43:52",                           // Whozz Calling detail
		"###DATE08082225...NMBR14075551212...NAMEJOHN+++",
	} {
		if rec, ok := boxes.ParseTCI(in); ok {
			t.Errorf("ParseTCI(%q) = %+v, want it refused", in, rec)
		}
	}
}
