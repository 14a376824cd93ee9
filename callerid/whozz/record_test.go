package whozz_test

import (
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid/whozz"
)

// Record examples from the formats reference (§4.1, §4.2, §4.4, §4.5) and
// the variants units and samples are known to send.
var recordExamples = []struct {
	name string
	line string
	want whozz.Record
}{
	{
		name: "comprehensive start record",
		line: "01 I S 0276 G B3 09/26 11:28 AM 800-240-4637 CallerID.com",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallStart, Inbound: true,
			Duration: 276 * time.Second, ChecksumGood: true, RingType: "B", Rings: 3,
			Month: 9, Day: 26, Hour: 11, Minute: 28, Number: "800-240-4637", Name: "CallerID.com"},
	},
	{
		name: "comprehensive record with the number padded to 14 columns",
		line: "01 I S 0276 G B3 09/26 11:28 AM 800-240-463799 CallerID.com",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallStart, Inbound: true,
			Duration: 276 * time.Second, ChecksumGood: true, RingType: "B", Rings: 3,
			Month: 9, Day: 26, Hour: 11, Minute: 28, Number: "800-240-463799", Name: "CallerID.com"},
	},
	{
		name: "comprehensive end record with $ prefix and padding",
		line: "$01 I E 0000 G A2 12/17 04:54 PM 770-263-7111 CALLERID.COM   ",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallEnd, Inbound: true,
			ChecksumGood: true, RingType: "A", Rings: 2,
			Month: 12, Day: 17, Hour: 16, Minute: 54, Number: "770-263-7111", Name: "CALLERID.COM"},
	},
	{
		name: "answered call's start record, fixed columns",
		line: "01 I S 0000 G A0 03/15 02:22 PM 615-555-0123   SMITH J",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallStart, Inbound: true,
			ChecksumGood: true, RingType: "A", Month: 3, Day: 15, Hour: 14, Minute: 22,
			Number: "615-555-0123", Name: "SMITH J"},
	},
	{
		name: "answered call's end record: 210 s off-hook, 2 rings",
		line: "01 I E 0210 G A2 03/15 02:22 PM 615-555-0123   SMITH J\r\n",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallEnd, Inbound: true,
			Duration: 210 * time.Second, ChecksumGood: true, RingType: "A", Rings: 2,
			Month: 3, Day: 15, Hour: 14, Minute: 22, Number: "615-555-0123", Name: "SMITH J"},
	},
	{
		name: "dashes toggled off",
		line: "$02 I S 0000 G A0 03/15 12:05 AM 6155550123     SMITH J        ",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 2, Kind: whozz.CallStart, Inbound: true,
			ChecksumGood: true, RingType: "A", Month: 3, Day: 15, Hour: 0, Minute: 5,
			Number: "6155550123", Name: "SMITH J"},
	},
	{
		name: "private caller",
		line: "01 I S 0000 G A0 03/15 12:40 PM PRIVATE        PRIVATE CALLER ",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallStart, Inbound: true,
			ChecksumGood: true, RingType: "A", Month: 3, Day: 15, Hour: 12, Minute: 40,
			Number: "PRIVATE", Name: "PRIVATE CALLER"},
	},
	{
		name: "out-of-area text with spaces in the number column",
		line: "01 I S 0000 G A0 03/15 09:01 AM OUT OF AREA    OUT OF AREA    ",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallStart, Inbound: true,
			ChecksumGood: true, RingType: "A", Month: 3, Day: 15, Hour: 9, Minute: 1,
			Number: "OUT OF AREA", Name: "OUT OF AREA"},
	},
	{
		name: "out-of-area, name only",
		line: "01 I E 0000 G A4 03/15 09:01 AM OUT-OF-AREA",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallEnd, Inbound: true,
			ChecksumGood: true, RingType: "A", Rings: 4, Month: 3, Day: 15, Hour: 9, Minute: 1,
			Number: "OUT-OF-AREA"},
	},
	{
		name: "name without a number",
		line: "03 I S 0000 G A0 03/15 09:01 AM                JOHN SMITH     ",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 3, Kind: whozz.CallStart, Inbound: true,
			ChecksumGood: true, RingType: "A", Month: 3, Day: 15, Hour: 9, Minute: 1, Name: "JOHN SMITH"},
	},
	{
		name: "bad caller-ID checksum",
		line: "01 I S 0000 B A0 03/15 02:22 PM 615-555-0I23   SM!TH J",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallStart, Inbound: true,
			RingType: "A", Month: 3, Day: 15, Hour: 14, Minute: 22, Number: "615-555-0I23", Name: "SM!TH J"},
	},
	{
		name: "outbound end record: digits dialled, then digits after a pause as the name",
		line: "04 O E 0095 G A0 03/15 02:30 PM 6155550199     1234           ",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 4, Kind: whozz.CallEnd,
			Duration: 95 * time.Second, ChecksumGood: true, RingType: "A",
			Month: 3, Day: 15, Hour: 14, Minute: 30, Number: "6155550199", Name: "1234"},
	},
	{
		name: "blocked by the unit's list",
		line: "01 I B 0000 G A1 03/15 02:22 PM 800-555-0000   TELEMARKETER",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallBlocked, Inbound: true,
			ChecksumGood: true, RingType: "A", Rings: 1, Month: 3, Day: 15, Hour: 14, Minute: 22,
			Number: "800-555-0000", Name: "TELEMARKETER"},
	},
	{
		name: "loose spacing",
		line: "01  I  E  0012  G  C3  3/5  9:07  PM  615-555-0123 SMITH J",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.CallEnd, Inbound: true,
			Duration: 12 * time.Second, ChecksumGood: true, RingType: "C", Rings: 3,
			Month: 3, Day: 5, Hour: 21, Minute: 7, Number: "615-555-0123", Name: "SMITH J"},
	},
	{
		name: "detail record after set-up letters the unit echoed",
		line: "XAdo01 R             03/15 14:22:01",
		want: whozz.Record{Format: whozz.DetailFormat, Line: 1, Kind: whozz.Detail, Detail: whozz.DetailRing,
			Inbound: true, ChecksumGood: true, Month: 3, Day: 15, Hour: 14, Minute: 22, Second: 1},
	},
	{
		name: "limited format",
		line: "$01 09/26 02:30 PM 8002404637 I CallerID.com",
		want: whozz.Record{Format: whozz.Limited, Line: 1, Kind: whozz.CallStart, Inbound: true, ChecksumGood: true,
			Month: 9, Day: 26, Hour: 14, Minute: 30, Number: "8002404637", Name: "CallerID.com"},
	},
	{
		name: "limited format, wide spacing, out-of-area code O",
		line: "02     09/26     02:30 PM     O     I     OUT OF AREA",
		want: whozz.Record{Format: whozz.Limited, Line: 2, Kind: whozz.CallStart, Inbound: true, ChecksumGood: true,
			Month: 9, Day: 26, Hour: 14, Minute: 30, Number: "O", Name: "OUT OF AREA"},
	},
	{
		name: "TCI 70-column format",
		line: "01      9/05     11:17 AM       702-555-1145           CARD SERVICES  ",
		want: whozz.Record{Format: whozz.TCI, Line: 1, Kind: whozz.CallStart, Inbound: true, ChecksumGood: true,
			Month: 9, Day: 5, Hour: 11, Minute: 17, Number: "702-555-1145", Name: "CARD SERVICES"},
	},
	{
		name: "TCI with its trailing padding trimmed",
		line: "02     12/24     12:59 PM       702-555-1145           CARD",
		want: whozz.Record{Format: whozz.TCI, Line: 2, Kind: whozz.CallStart, Inbound: true, ChecksumGood: true,
			Month: 12, Day: 24, Hour: 12, Minute: 59, Number: "702-555-1145", Name: "CARD"},
	},
	{
		name: "from memory: record number first, 24-hour time",
		line: "0248 02 09/26 13:28 I E 0276 G A3 800-555-1212 AT&T INFORMATIO",
		want: whozz.Record{Format: whozz.FromMemory, Memory: 248, Line: 2, Kind: whozz.CallEnd, Inbound: true,
			Duration: 276 * time.Second, ChecksumGood: true, RingType: "A", Rings: 3,
			Month: 9, Day: 26, Hour: 13, Minute: 28, Number: "800-555-1212", Name: "AT&T INFORMATIO"},
	},
	{
		name: "detail: ring",
		line: "01 R             11/07 07:43:52",
		want: whozz.Record{Format: whozz.DetailFormat, Line: 1, Kind: whozz.Detail, Detail: whozz.DetailRing,
			Inbound: true, ChecksumGood: true, Month: 11, Day: 7, Hour: 7, Minute: 43, Second: 52},
	},
	{
		name: "detail: off-hook",
		line: "01 F             11/07 17:45:04",
		want: whozz.Record{Format: whozz.DetailFormat, Line: 1, Kind: whozz.Detail, Detail: whozz.DetailOffHook,
			Inbound: true, ChecksumGood: true, Month: 11, Day: 7, Hour: 17, Minute: 45, Second: 4},
	},
	{
		name: "detail: on-hook",
		line: "02 N             11/07 10:46:23",
		want: whozz.Record{Format: whozz.DetailFormat, Line: 2, Kind: whozz.Detail, Detail: whozz.DetailOnHook,
			Inbound: true, ChecksumGood: true, Month: 11, Day: 7, Hour: 10, Minute: 46, Second: 23},
	},
	{
		name: "detail: hook flash",
		line: "01 H             11/07 22:11:08",
		want: whozz.Record{Format: whozz.DetailFormat, Line: 1, Kind: whozz.Detail, Detail: whozz.DetailHookFlash,
			Inbound: true, ChecksumGood: true, Month: 11, Day: 7, Hour: 22, Minute: 11, Second: 8},
	},
	{
		name: "detail with $ and uneven spacing",
		line: "$01 F   03/15 14:22:10",
		want: whozz.Record{Format: whozz.DetailFormat, Line: 1, Kind: whozz.Detail, Detail: whozz.DetailOffHook,
			Inbound: true, ChecksumGood: true, Month: 3, Day: 15, Hour: 14, Minute: 22, Second: 10},
	},
	{
		name: "detail from a unit whose clock was never set",
		line: "01 N             00/00 00:00:00",
		want: whozz.Record{Format: whozz.DetailFormat, Line: 1, Kind: whozz.Detail, Detail: whozz.DetailOnHook,
			Inbound: true, ChecksumGood: true},
	},
	{
		name: "VoIP call accounting, fixed columns",
		line: "01 I C 0045 G A1 03/15 02:22 PM 615-555-0123   SMITH J         0012 0000 200 OK              ",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.Accounting, Inbound: true,
			Duration: 45 * time.Second, ChecksumGood: true, RingType: "A", Rings: 1,
			Month: 3, Day: 15, Hour: 14, Minute: 22, Number: "615-555-0123", Name: "SMITH J",
			AnswerDelay: 12 * time.Second, SIPCode: 200, SIPReason: "OK"},
	},
	{
		name: "VoIP call accounting, loose",
		line: "01 I C 0000 G A1 03/15 02:22 PM 615-555-0123 SMITH J 0020 0003 487 Request Termin.",
		want: whozz.Record{Format: whozz.Comprehensive, Line: 1, Kind: whozz.Accounting, Inbound: true,
			ChecksumGood: true, RingType: "A", Rings: 1,
			Month: 3, Day: 15, Hour: 14, Minute: 22, Number: "615-555-0123", Name: "SMITH J",
			AnswerDelay: 20 * time.Second, Hold: 3 * time.Second, SIPCode: 487, SIPReason: "Request Termin."},
	},
}

func TestParseRecordReadsEveryFormat(t *testing.T) {
	for _, ex := range recordExamples {
		t.Run(ex.name, func(t *testing.T) {
			got, ok := whozz.ParseRecord(ex.line)
			if !ok {
				t.Fatalf("ParseRecord(%q) = not a record", ex.line)
			}
			want := ex.want
			want.Raw = trimEnding(ex.line)
			if got != want {
				t.Errorf("ParseRecord(%q)\n got %+v\nwant %+v", ex.line, got, want)
			}
		})
	}
}

func TestParseRecordRejectsWhatIsNotARecord(t *testing.T) {
	for _, s := range []string{
		"",
		"\r\n",
		"X",
		"EXAdo",
		"V1.0 ECXUDASOBKT",
		"RING",
		"01",
		"01 I S",
		"01 I S 0000 G A0 03/15",
		"01 I Q 0000 G A0 03/15 02:22 PM 615-555-0123 SMITH J",
		"01 I S 0000 X A0 03/15 02:22 PM 615-555-0123 SMITH J",
		"01 I S 0000 G A0 13/15 02:22 PM 615-555-0123 SMITH J",
		"01 I S 0000 G A0 03/15 13:22 PM 615-555-0123 SMITH J",
		"01 Q             03/15 14:22:01",
		"01 R             03/15 24:22:01",
		"01 R             03/15",
		"01 09/26 02:30 PM 8002404637 CallerID.com",
		"123 I S 0000 G A0 03/15 02:22 PM 615-555-0123 SMITH J",
	} {
		if r, ok := whozz.ParseRecord(s); ok {
			t.Errorf("ParseRecord(%q) = %+v, want not a record", s, r)
		}
	}
}

func trimEnding(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\r' || s[len(s)-1] == '\n') {
		s = s[:len(s)-1]
	}
	return s
}
