package decode

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid"
)

func decodeAll(t *testing.T, transcript string) []Record {
	t.Helper()
	var out bytes.Buffer
	n, err := Decode(strings.NewReader(transcript), &out, Options{Normalizer: callerid.Normalizer{Region: "US"}})
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	var recs []Record
	dec := json.NewDecoder(&out)
	for dec.More() {
		var r Record
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("output is not one JSON object per call: %v", err)
		}
		recs = append(recs, r)
	}
	if n != len(recs) {
		t.Fatalf("Decode said %d calls, wrote %d", n, len(recs))
	}
	return recs
}

func TestDecodeTwoCallsFromAModemCapture(t *testing.T) {
	transcript := "RING\r\n\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 2125550147\r\nNAME = SMITH JOHN\r\n\r\nRING\r\n\r\nRING\r\n" +
		"RING\r\n\r\nDATE=0321\r\nNAME=P\r\nTIME=1512\r\nNMBR=P\r\nRING\r\nRING\r\nRING\r\nRING\r\n"
	recs := decodeAll(t, transcript)
	want := []Record{
		{Line: "modem", Number: "+12125550147", NumberRaw: "2125550147", Name: "SMITH JOHN", Place: "New York, NY",
			Rings: 3, Outcome: "unknown", TelcoDate: "0321", TelcoTime: "1405", Direction: "inbound"},
		{Line: "modem", Number: "PRIVATE", NumberRaw: "P", Name: "P",
			Rings: 5, Outcome: "missed", TelcoDate: "0321", TelcoTime: "1512", Direction: "inbound"},
	}
	if len(recs) != len(want) {
		t.Fatalf("decoded %d calls, want %d: %+v", len(recs), len(want), recs)
	}
	for i := range want {
		got := recs[i]
		got.Raw = ""
		if got != want[i] {
			t.Errorf("call %d:\n got %+v\nwant %+v", i+1, got, want[i])
		}
	}
	if !strings.Contains(recs[0].Raw, "NMBR = 2125550147") {
		t.Errorf("raw caller-ID lines not kept: %q", recs[0].Raw)
	}
}

func TestDecodeJSONFieldNames(t *testing.T) {
	var out bytes.Buffer
	if _, err := Decode(strings.NewReader("RING\nNMBR = O\nRING\n"), &out, Options{}); err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(out.Bytes(), &fields); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	for _, k := range []string{"line", "number", "number_raw", "name", "rings", "outcome", "exact", "telco_date", "telco_time"} {
		if _, ok := fields[k]; !ok {
			t.Errorf("field %q missing from %s", k, out.String())
		}
	}
	if fields["number"] != "OUT-OF-AREA" || fields["exact"] != false {
		t.Errorf("out-of-area call decoded as %s", out.String())
	}
}

func TestDecodeRingsWithoutCallerID(t *testing.T) {
	recs := decodeAll(t, "RING\nRING\nRING\nRING\nRING\nRING\n")
	if len(recs) != 1 || recs[0].Number != callerid.NoNumber || recs[0].Rings != 6 || recs[0].Outcome != "missed" {
		t.Fatalf("rings only: %+v", recs)
	}
}

func TestDecodeCallerIDBeforeTheFirstRing(t *testing.T) {
	recs := decodeAll(t, "MESG = 110101\nDATE = 0421\nTIME = 0934\nNMBR = P\nNAME = WITHHELD\nRING\nRING\n")
	if len(recs) != 1 || recs[0].Number != callerid.Private || recs[0].Name != "WITHHELD" || recs[0].Rings != 2 {
		t.Fatalf("UK order: %+v", recs)
	}
}

func TestDecodeIgnoresModemChatter(t *testing.T) {
	recs := decodeAll(t, "ATZ\r\nOK\r\nAT+VCID=1\r\nOK\r\n")
	if len(recs) != 0 {
		t.Fatalf("calls decoded from an init transcript: %+v", recs)
	}
}

func TestDecodeOnlyCRLineEnds(t *testing.T) {
	recs := decodeAll(t, "RING\rNMBR = 4075551212\rNAME = Chmielewski Joh\rRING\r")
	if len(recs) != 1 || recs[0].Number != "+14075551212" || recs[0].Name != "Chmielewski Joh" {
		t.Fatalf("CR-only capture: %+v", recs)
	}
}
