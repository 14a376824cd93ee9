package decode

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Captures from the reference (callerid-formats.md), one per format.
const (
	// §1.4 with the verified SDMF vector of §2.6 between the rings.
	captureHex = "RING\r\n041230353131313835323430373535353030303059\r\nRING\r\nRING\r\n"
	// §1.4 USR 5637 style (MESG= and spaces) with the verified MDMF vector.
	captureHexMESG = "RING\r\nMESG=80 20 01 08 30 35 31 31 31 38 35 32 02 0A 34 30 37 35 35 35 30 30 30 30 07 08 4A 4F 48 4E 20 44 4F 45 84\r\nRING\r\n"
	// §4.5: answered inbound, detail records and start/end records on.
	captureWhozzAnswered = "01 R             03/15 14:22:01\r\n" +
		"01 I S 0000 G A0 03/15 02:22 PM 615-555-0123   SMITH J\r\n" +
		"01 R             03/15 14:22:07\r\n" +
		"01 F             03/15 14:22:10\r\n" +
		"01 N             03/15 14:25:40\r\n" +
		"01 I E 0210 G A2 03/15 02:22 PM 615-555-0123   SMITH J\r\n"
	// §4.5: missed inbound, then an outbound call (F, O S, N, O E).
	captureWhozzMissedThenOutbound = "02 R             03/15 16:00:01\r\n" +
		"02 I S 0000 G A0 03/15 04:00 PM 800-240-4637   CallerID.com\r\n" +
		"02 R             03/15 16:00:07\r\n" +
		"02 R             03/15 16:00:13\r\n" +
		"02 R             03/15 16:00:19\r\n" +
		"02 I E 0000 G A4 03/15 04:00 PM 800-240-4637   CallerID.com\r\n" +
		"02 F             03/15 16:05:00\r\n" +
		"02 O S 0000 G A0 03/15 04:05 PM 615-555-0199\r\n" +
		"02 N             03/15 16:08:00\r\n" +
		"02 O E 0180 G A0 03/15 04:05 PM 615-555-0199\r\n"
	// §4.6.
	captureNetCallerID = "###DATE08082225...NMBR14075551212...NAMEJOHN+++\r" +
		"###DATE...NMBR...NAME   -MSG OFF-+++\r" +
		"###DATE03301423...NMBR...NAME-UNKNOWN CALLER-+++\r"
	// §4.1 TCI layout.
	captureTCI = "01      9/05     11:17 AM       702-555-1145           CARD SERVICES  \r\n"
	// §3.3 and §3.6: a gateway's answered call (CIDINFO before END), an
	// outgoing call and its END, a blacklisted caller hung up by ncidd.
	captureNCID = "CID: *DATE*05042011*TIME*2149*LINE*VOIP*NMBR*4075551212*MESG*NONE*NAME*John*\n" +
		"CIDINFO: *LINE*VOIP*RING*-2*TIME*21:52:05*\n" +
		"END: *HTYPE*BYE*DATE*05042011*TIME*2149*SCALL*05/04/2011 21:49:10*ECALL*05/04/2011 21:52:05*CTYPE*IN*LINE*VOIP*NMBR*4075551212*NAME*John*\n" +
		"OUT: *DATE*03032022*TIME*0934*LINE*WC09*NMBR*4185558765*MESG*NONE*NAME*WIRELESS CALLER*\n" +
		"END: *HTYPE*BYE*DATE*03032022*TIME*0935*SCALL*03/03/2022 09:34:59*ECALL*03/03/2022 09:37:38*CTYPE*OUT*LINE*WC09*NMBR*4185558765*NAME*WIRELESS CALLER*\n" +
		"HUP: *DATE*03222005*TIME*1006*LINE*1*NMBR*17275551407*MESG*NONE*NAME*LINE ONE*\n"
	// The same calls from the call-log replay.
	captureNCIDLog = "CIDLOG: *DATE*05042011*TIME*2149*LINE*VOIP*NMBR*4075551212*MESG*NONE*NAME*John*\n" +
		"ENDLOG: *HTYPE*BYE*DATE*05042011*TIME*2149*SCALL*05/04/2011 21:49:10*ECALL*05/04/2011 21:52:05*CTYPE*IN*LINE*VOIP*NMBR*4075551212*NAME*John*\n" +
		"HUPLOG: *DATE*03222005*TIME*1006*LINE*1*NMBR*17275551407*MESG*NONE*NAME*LINE ONE*\n"
	// A modem line with distinctive ring (§1.5).
	captureDistinctiveRing = "RING A\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 2125550147\r\nNAME = SMITH JOHN\r\nRING A\r\n"
)

var (
	smithWhozz = Record{Line: "whozz/01", Number: "+16155550123", NumberRaw: "615-555-0123", Name: "SMITH J",
		Place: "Tennessee", Rings: 2, Outcome: "answered", Exact: true, TelcoDate: "0315", TelcoTime: "1422",
		Direction: "inbound", DurationS: 210}
	doeSDMF = Record{Line: "modem", Number: "+14075550000", NumberRaw: "4075550000", Place: "Florida",
		Rings: 3, Outcome: "unknown", TelcoDate: "0511", TelcoTime: "1852", Direction: "inbound"}
	johnNCID = Record{Line: "ncid/VOIP", Number: "+14075551212", NumberRaw: "4075551212", Name: "John",
		Place: "Florida", Outcome: "answered", Exact: true, TelcoDate: "0504", TelcoTime: "2149",
		Direction: "inbound", AnsweredAt: "2011-05-04T21:49:10Z", DurationS: 175}
	blockedNCID = Record{Line: "ncid/1", Number: "+17275551407", NumberRaw: "17275551407", Name: "LINE ONE",
		Place: "Florida", Outcome: "blocked", Exact: true, TelcoDate: "0322", TelcoTime: "1006", Direction: "inbound"}
)

func TestDecodeEachFormat(t *testing.T) {
	tests := []struct {
		name    string
		format  Format
		capture string
		want    []Record
	}{
		{"modem distinctive ring", FormatModem, captureDistinctiveRing, []Record{
			{Line: "modem", Number: "+12125550147", NumberRaw: "2125550147", Name: "SMITH JOHN", Place: "New York, NY",
				Rings: 2, Outcome: "unknown", TelcoDate: "0321", TelcoTime: "1405", RingPattern: "A", Direction: "inbound"},
		}},
		{"hex SDMF between rings", FormatHex, captureHex, []Record{doeSDMF}},
		{"hex MDMF with MESG= and spaces", FormatHex, captureHexMESG, []Record{
			{Line: "modem", Number: "+14075550000", NumberRaw: "4075550000", Name: "JOHN DOE", Place: "Florida",
				Rings: 2, Outcome: "unknown", TelcoDate: "0511", TelcoTime: "1852", Direction: "inbound"},
		}},
		{"whozz answered", FormatWhozz, captureWhozzAnswered, []Record{smithWhozz}},
		{"whozz missed, then outbound", FormatWhozz, captureWhozzMissedThenOutbound, []Record{
			{Line: "whozz/02", Number: "+18002404637", NumberRaw: "800-240-4637", Name: "CallerID.com", Place: "United States",
				Rings: 4, Outcome: "missed", Exact: true, TelcoDate: "0315", TelcoTime: "1600", Direction: "inbound"},
			{Line: "whozz/02", Number: "+16155550199", NumberRaw: "615-555-0199", Place: "Tennessee",
				Outcome: "answered", Exact: true, TelcoDate: "0315", TelcoTime: "1605", Direction: "outbound", DurationS: 180},
		}},
		{"netcallerid", FormatNetCallerID, captureNetCallerID, []Record{
			{Line: "netcallerid", Number: "+14075551212", NumberRaw: "14075551212", Name: "JOHN", Place: "Florida",
				Outcome: "unknown", TelcoDate: "0808", TelcoTime: "2225", Direction: "inbound"},
			{Line: "netcallerid", Number: callerid.OutOfArea, NumberRaw: "UNKNOWN",
				Outcome: "unknown", TelcoDate: "0330", TelcoTime: "1423", Direction: "inbound"},
		}},
		{"tci", FormatTCI, captureTCI, []Record{
			{Line: "tci/1", Number: "+17025551145", NumberRaw: "702-555-1145", Name: "CARD SERVICES", Place: "Nevada",
				Outcome: "unknown", TelcoDate: "0905", TelcoTime: "1117", Direction: "inbound"},
		}},
		{"ncid", FormatNCID, captureNCID, []Record{
			johnNCID,
			{Line: "ncid/WC09", Number: "+14185558765", NumberRaw: "4185558765", Name: "WIRELESS CALLER", Place: "Quebec",
				Outcome: "answered", Exact: true, TelcoDate: "0303", TelcoTime: "0934", Direction: "outbound",
				AnsweredAt: "2022-03-03T09:34:59Z", DurationS: 159},
			blockedNCID,
		}},
		{"ncid call-log replay", FormatNCID, captureNCIDLog, []Record{johnNCID, blockedNCID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			formats := []Format{tt.format, FormatAuto}
			if tt.format == FormatTCI {
				formats = formats[:1] // see TestDecodeAutoReadsTCIRecordsAsAWhozzUnit
			}
			for _, format := range formats {
				recs, res := decodeFormat(t, tt.capture, format)
				assertRecords(t, string(format), recs, tt.want)
				if res.Stats != (Stats{}) {
					t.Errorf("%s: %+v for a clean capture", format, res.Stats)
				}
			}
		})
	}
}

func TestDecodeAutoReadsTCIRecordsAsAWhozzUnit(t *testing.T) {
	// A Whozz Calling unit set to TCI output and a Tel-Control unit print
	// the same line; auto tries Whozz Calling first (see FormatAuto).
	recs, _ := decodeFormat(t, captureTCI, FormatAuto)
	if len(recs) != 1 || recs[0].Line != "whozz/01" || recs[0].Number != "+17025551145" || recs[0].Name != "CARD SERVICES" {
		t.Fatalf("TCI record in auto mode: %+v", recs)
	}
}

func TestDecodeAutoMixedCapture(t *testing.T) {
	capture := "ATZ\r\nOK\r\nAT+VCID=1\r\nOK\r\n" +
		"RING\r\n\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 2125550147\r\nNAME = SMITH JOHN\r\n\r\nRING\r\n" +
		"01 I E 0000 G A3 03/21 02:10 PM 615-555-0123   SMITH J\r\n" +
		"RING\r\n"
	recs, res := decodeFormat(t, capture, FormatAuto)
	want := []Record{
		// The Whozz call ended first; the modem call when the capture did.
		{Line: "whozz/01", Number: "+16155550123", NumberRaw: "615-555-0123", Name: "SMITH J", Place: "Tennessee",
			Rings: 3, Outcome: "missed", Exact: true, TelcoDate: "0321", TelcoTime: "1410", Direction: "inbound"},
		{Line: "modem", Number: "+12125550147", NumberRaw: "2125550147", Name: "SMITH JOHN", Place: "New York, NY",
			Rings: 3, Outcome: "unknown", TelcoDate: "0321", TelcoTime: "1405", Direction: "inbound"},
	}
	assertRecords(t, "auto", recs, want)
	if res.Stats != (Stats{}) {
		t.Errorf("modem chatter counted as not understood: %+v", res.Stats)
	}
}

func TestDecodeAutoAnotherFormatEndsAModemBlock(t *testing.T) {
	// The Whozz record is no tag of the block: the block ends there, as it
	// would at any other line, and the late NAME starts a block of its own.
	capture := "RING\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 2125550147\r\n" +
		"01 I E 0000 G A3 03/21 02:10 PM 615-555-0123   SMITH J\r\n" +
		"NAME = SMITH JOHN\r\nRING\r\n"
	recs, _ := decodeFormat(t, capture, FormatAuto)
	if len(recs) < 2 || recs[1].Line != "modem" || recs[1].Number != "+12125550147" || recs[1].Name != "" {
		t.Fatalf("%+v", recs)
	}
}

func TestDecodeAutoKeepsEachSourceOnItsOwnLine(t *testing.T) {
	capture := "RING\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 2125550147\r\nNAME = SMITH JOHN\r\n" +
		captureNCID + captureNetCallerID[:strings.IndexByte(captureNetCallerID, '\r')+1] + "RING\r\n"
	recs, res := decodeFormat(t, capture, FormatAuto)
	lines := map[string]int{}
	for _, r := range recs {
		lines[r.Line]++
	}
	want := map[string]int{"modem": 1, "ncid/VOIP": 1, "ncid/WC09": 1, "ncid/1": 1, "netcallerid": 1}
	if len(lines) != len(want) {
		t.Fatalf("calls per line %v, want %v", lines, want)
	}
	for l, n := range want {
		if lines[l] != n {
			t.Errorf("calls per line %v, want %v", lines, want)
		}
	}
	for _, r := range recs {
		if r.Line == "modem" && r.Rings != 2 {
			t.Errorf("the modem call lost its rings to the lines between them: %+v", r)
		}
	}
	if res.Stats != (Stats{}) {
		t.Errorf("stats %+v", res.Stats)
	}
}

func TestDecodeBadChecksumGivesNoCaller(t *testing.T) {
	// The verified SDMF vector with its last byte changed.
	capture := "RING\r\n041230353131313835323430373535353030303058\r\nRING\r\n"
	for _, format := range []Format{FormatAuto, FormatHex, FormatModem} {
		recs, res := decodeFormat(t, capture, format)
		if res.Stats.BadChecksums != 1 {
			t.Errorf("%s: bad checksums %d, want 1", format, res.Stats.BadChecksums)
		}
		if len(recs) != 1 || recs[0].Number != callerid.NoNumber || recs[0].Rings != 2 {
			t.Errorf("%s: %+v, want one call without a number", format, recs)
		}
	}
}

func TestDecodeWhozzBadChecksumKeepsTheCallNotTheNumber(t *testing.T) {
	capture := strings.ReplaceAll(captureWhozzAnswered, " G A", " B A")
	recs, res := decodeFormat(t, capture, FormatWhozz)
	if len(recs) != 1 || recs[0].Number != callerid.NoNumber || recs[0].Outcome != "answered" || recs[0].DurationS != 210 {
		t.Fatalf("%+v", recs)
	}
	if res.Stats.BadChecksums != 1 {
		t.Errorf("one call with a bad checksum, counted %d", res.Stats.BadChecksums)
	}
}

func TestDecodeNCIDEndBeforeCIDINFOKeepsTheTalkTime(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(captureNCID, "\n"), "\n")
	capture := lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n"
	recs, _ := decodeFormat(t, capture, FormatNCID)
	assertRecords(t, "ncid", recs, []Record{johnNCID})
}

func TestDecodeNCIDModemRingsAndCancel(t *testing.T) {
	capture := "CIDINFO: *LINE*1*RING*1*TIME*16:20:05*\n" +
		"CID: *DATE*03222005*TIME*1620*LINE*1*NMBR*4075551212*MESG*NONE*NAME*-*\n" +
		"CIDINFO: *LINE*1*RING*2*TIME*16:20:11*\n" +
		"CIDINFO: *LINE*1*RING*3*TIME*16:20:17*\n" +
		"END: *HTYPE*CANCEL*DATE*03222005*TIME*1620*SCALL*03/22/2005 16:20:05*ECALL*03/22/2005 16:20:20*CTYPE*IN*LINE*1*NMBR*4075551212*NAME*-*\n" +
		"CIDINFO: *LINE*1*RING*-1*TIME*16:20:20*\n"
	recs, _ := decodeFormat(t, capture, FormatNCID)
	want := Record{Line: "ncid/1", Number: "+14075551212", NumberRaw: "4075551212", Place: "Florida",
		Rings: 3, Outcome: "missed", Exact: true, TelcoDate: "0322", TelcoTime: "1620", Direction: "inbound"}
	assertRecords(t, "ncid", recs, []Record{want})
}

func TestDecodeCountsLinesNotUnderstood(t *testing.T) {
	capture := "hello\r\n" + captureWhozzAnswered + "RING\r\n"
	_, res := decodeFormat(t, capture, FormatWhozz)
	if res.Stats.UnknownLines != 2 {
		t.Errorf("whozz format: %d lines not understood, want 2 (hello, RING)", res.Stats.UnknownLines)
	}
	_, res = decodeFormat(t, capture, FormatAuto)
	if res.Stats.UnknownLines != 1 {
		t.Errorf("auto: %d lines not understood, want 1 (hello)", res.Stats.UnknownLines)
	}
}

func TestDecodeJSONHasNewFieldsOnlyWhereKnown(t *testing.T) {
	var out bytes.Buffer
	capture := captureWhozzAnswered + "RING\nNMBR = O\nRING\n"
	if _, err := Decode(strings.NewReader(capture), &out, Options{}); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&out)
	var whozzCall, modemCall map[string]any
	if err := dec.Decode(&whozzCall); err != nil {
		t.Fatal(err)
	}
	if err := dec.Decode(&modemCall); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"ring_pattern", "direction", "duration_s"} {
		if _, ok := whozzCall[k]; !ok {
			t.Errorf("field %q missing from %v", k, whozzCall)
		}
	}
	if _, ok := whozzCall["answered_at"]; ok {
		t.Errorf("a Whozz Calling unit stamps no year: answered_at would be a guess: %v", whozzCall)
	}
	for _, k := range []string{"answered_at", "duration_s"} {
		if _, ok := modemCall[k]; ok {
			t.Errorf("a plain modem cannot know %q: %v", k, modemCall)
		}
	}
}

func TestDecodeHexWithoutChecksumSaysSo(t *testing.T) {
	// The Askey manual's example leaves the checksum out (§1.4).
	recs, _ := decodeFormat(t, "RING\n0412303332323234303539313435353132333435\nRING\n", FormatAuto)
	if len(recs) != 1 || recs[0].NumberRaw != "9145512345" || !strings.Contains(recs[0].Raw, "no checksum") {
		t.Fatalf("%+v", recs)
	}
}

func TestDecodeRejectsAnUnknownFormat(t *testing.T) {
	_, err := Transcript(strings.NewReader("RING\n"), &bytes.Buffer{}, Options{Format: "csv"})
	if err == nil {
		t.Fatal("format csv accepted")
	}
	for _, f := range Formats() {
		if !strings.Contains(err.Error(), string(f)) {
			t.Errorf("error %q does not list %q", err, f)
		}
	}
	if f, err := ParseFormat("NCID"); err != nil || f != FormatNCID {
		t.Errorf("ParseFormat(NCID) = %q, %v", f, err)
	}
}

func TestRecordOfALiveCall(t *testing.T) {
	answered := time.Date(2026, 3, 15, 14, 22, 10, 0, time.UTC)
	c := callerid.Call{Line: "whozz/01", Number: callerid.Number{Raw: "P", Special: callerid.Private},
		Answered: answered, Ended: answered.Add(210 * time.Second), Outcome: callerid.OutcomeAnswered, Exact: true, Outbound: true}
	r := RecordOf(c)
	if r.AnsweredAt != "2026-03-15T14:22:10Z" || r.DurationS != 210 || r.Direction != "outbound" || r.Number != callerid.Private {
		t.Errorf("%+v", r)
	}
}

func decodeFormat(t *testing.T, capture string, format Format) ([]Record, Result) {
	t.Helper()
	var out bytes.Buffer
	res, err := Transcript(strings.NewReader(capture), &out, Options{
		Format:     format,
		Normalizer: callerid.Normalizer{Region: "US"},
		Location:   time.UTC,
	})
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	var recs []Record
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	for dec.More() {
		var r Record
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%s: output is not one JSON object per call: %v", format, err)
		}
		recs = append(recs, r)
	}
	if res.Calls != len(recs) {
		t.Fatalf("%s: Transcript said %d calls, wrote %d", format, res.Calls, len(recs))
	}
	return recs, res
}

// assertRecords compares the calls without their raw device lines, which
// are for support and checked elsewhere.
func assertRecords(t *testing.T, label string, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: decoded %d calls, want %d:\n%+v", label, len(got), len(want), got)
	}
	for i := range want {
		g := got[i]
		if g.Raw == "" && g.Number != callerid.NoNumber {
			t.Errorf("%s: call %d has no raw lines", label, i+1)
		}
		g.Raw = ""
		if g != want[i] {
			t.Errorf("%s: call %d:\n got %+v\nwant %+v", label, i+1, g, want[i])
		}
	}
}
