package xdmf_test

import (
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/xdmf"
)

func TestEventCarriesTheCaller(t *testing.T) {
	at := time.Date(2025, 6, 12, 22, 15, 3, 0, time.UTC)
	for _, tc := range []struct {
		vector string
		want   callerid.Event
	}{
		{"NCID MDMF", callerid.Event{Number: "4075550000", Name: "JOHN DOE", TelcoDate: "0511", TelcoTime: "1852"}},
		{"NCID SDMF", callerid.Event{Number: "4075550000", TelcoDate: "0511", TelcoTime: "1852"}},
		{"melabs SDMF private, corrected", callerid.Event{Number: "P", TelcoDate: "0930", TelcoTime: "1224"}},
		{"MDMF out of area", callerid.Event{Number: "O", Name: "O", TelcoDate: "0315", TelcoTime: "1422"}},
		// North American parameter 3 is the caller's dialable number: not a dialled line.
		{"MDMF with DDN and long distance", callerid.Event{Number: "6135550123", Name: "SMITH J", TelcoDate: "0315", TelcoTime: "1422"}},
		{"BT withheld", callerid.Event{Number: "P", Name: "WITHHELD", TelcoDate: "0612", TelcoTime: "2215"}},
	} {
		v := vectorNamed(t, tc.vector)
		m, err := xdmf.Decode(bytesOf(t, v.packet))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := m.Event("xdmf:/dev/ttyUSB0", at)
		want := tc.want
		want.Line, want.Kind, want.At = "xdmf:/dev/ttyUSB0", callerid.CallerID, at
		want.Raw = stripSpaces(v.packet)
		if !ok || got != want {
			t.Errorf("%s: Event = %+v, %v\nwant %+v", tc.vector, got, ok, want)
		}
	}
}

func TestEventIgnoresMessagesThatAreNotCalls(t *testing.T) {
	for _, name := range []string{"MDMF message waiting on", "SDMF message waiting off"} {
		m, err := xdmf.Decode(bytesOf(t, vectorNamed(t, name).packet))
		if err != nil {
			t.Fatal(err)
		}
		if ev, ok := m.Event("line", time.Time{}); ok {
			t.Errorf("%s became a call: %+v", name, ev)
		}
	}
}

func TestEventKeepsAMalformedStampRaw(t *testing.T) {
	ev, _ := xdmf.Message{Type: 0x80, DateTime: "1231235"}.Event("l", time.Time{})
	if ev.TelcoDate != "1231" || ev.TelcoTime != "235" {
		t.Errorf("date %q time %q, want 1231 and 235", ev.TelcoDate, ev.TelcoTime)
	}
}

func vectorNamed(t testing.TB, name string) vector {
	t.Helper()
	for _, v := range vectors {
		if v.name == name {
			return v
		}
	}
	t.Fatalf("no vector %q", name)
	return vector{}
}
