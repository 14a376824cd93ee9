package xdmf_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid/xdmf"
)

func TestEncodeRebuildsTheVerifiedVectors(t *testing.T) {
	for _, v := range vectors {
		if strings.Contains(v.name, "name before number") {
			continue // Encode puts the number first, as most lines do
		}
		if got, want := xdmf.Encode(v.want), bytesOf(t, v.packet); !bytes.Equal(got, want) {
			t.Errorf("%s: Encode = % X\nwant % X", v.name, got, want)
		}
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	messages := []xdmf.Message{
		{Type: 0x80, CallType: xdmf.CallTypeRingBack, DateTime: "12312359", Number: "+441632960123456789",
			Redirect: "441632960999", RedirectReason: "\x01", Name: "Ünïcode Café Ltd",
			Unknown: []xdmf.Param{{Type: 0x13, Value: []byte{2}}, {Type: 0x55, Value: []byte{}}}},
		{Type: 0x82, DateTime: "01010000", Number: "0800123456", MessageWaiting: on()},
		{Type: 0x04, DateTime: "07040930", Number: "2125551234"},
		{Type: 0x04, DateTime: "07040930", NumberAbsence: "A"},
		{Type: 0x06, MessageWaiting: off()},
	}
	for _, v := range vectors {
		messages = append(messages, v.want)
	}
	for _, m := range messages {
		packet := xdmf.Encode(m)
		got, err := xdmf.Decode(packet)
		if err != nil {
			t.Errorf("Decode(Encode(%+v)): %v", m, err)
			continue
		}
		m.Packet = packet
		if !reflect.DeepEqual(got, m) {
			t.Errorf("round trip\n got %+v\nwant %+v", got, m)
		}
	}
}

func TestEncodeDefaultsToCallSetup(t *testing.T) {
	if p := xdmf.Encode(xdmf.Message{Number: "123"}); p[0] != 0x80 {
		t.Errorf("type %#x, want 0x80", p[0])
	}
}

func TestEncodeKeepsPacketsWithinTheFormat(t *testing.T) {
	long := strings.Repeat("9", 300)
	for _, m := range []xdmf.Message{
		{Type: 0x04, DateTime: "0101", Number: long},
		{Type: 0x80, DateTime: "01010101", Number: strings.Repeat("1", 200), Name: strings.Repeat("N", 100)},
		{Type: 0x80, Name: long},
	} {
		packet := xdmf.Encode(m)
		got, err := xdmf.Decode(packet)
		if err != nil {
			t.Errorf("Decode(Encode(%.40v…)): %v", m, err)
			continue
		}
		if len(packet) != 2+255+1 {
			t.Errorf("packet of %d bytes, want the 258 the format allows", len(packet))
		}
		if m.Type == 0x04 && got.DateTime != "01010000" {
			t.Errorf("short SDMF date became %q, want it padded to 01010000", got.DateTime)
		}
	}
}
