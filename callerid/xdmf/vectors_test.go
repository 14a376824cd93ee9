package xdmf_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid/xdmf"
)

// vector is one verified packet of the reference (callerid-formats.md §2.6)
// and what it says. Packet is left out of want; the tests fill it in.
type vector struct {
	name   string
	packet string // hex, spaced as the reference prints it
	want   xdmf.Message
}

func on() *bool  { t := true; return &t }
func off() *bool { f := false; return &f }

var vectors = []vector{
	{"NCID SDMF", "041230353131313835323430373535353030303059",
		xdmf.Message{Type: 0x04, DateTime: "05111852", Number: "4075550000"}},
	{"NCID MDMF", "802001083035313131383532020A3430373535353030303007084A4F484E20444F4584",
		xdmf.Message{Type: 0x80, DateTime: "05111852", Number: "4075550000", Name: "JOHN DOE"}},
	{"melabs SDMF", "04 12 30 39 33 30 31 32 32 34 36 30 39 35 35 35 31 32 31 32 51",
		xdmf.Message{Type: 0x04, DateTime: "09301224", Number: "6095551212"}},
	{"melabs SDMF private, corrected", "04 09 3039333031323234 50 0E",
		xdmf.Message{Type: 0x04, DateTime: "09301224", NumberAbsence: "P"}},
	{"melabs MDMF, corrected, name before number", "80 20 01 08 3033323430393032 07 08 4A4F484E20444F45 02 0A 38303035353531323132 84",
		xdmf.Message{Type: 0x80, DateTime: "03240902", Name: "JOHN DOE", Number: "8005551212"}},
	{"SDMF out of area", "040930333135313432324F12",
		xdmf.Message{Type: 0x04, DateTime: "03151422", NumberAbsence: "O"}},
	{"MDMF private", "80100108303331353134323204015008015027",
		xdmf.Message{Type: 0x80, DateTime: "03151422", NumberAbsence: "P", NameAbsence: "P"}},
	{"MDMF out of area", "80100108303331353134323204014F08014F29",
		xdmf.Message{Type: 0x80, DateTime: "03151422", NumberAbsence: "O", NameAbsence: "O"}},
	{"MDMF with DDN and long distance", "802F01083033313531343232020A36313335353530313233030B313631333535353031323306014C0707534D495448204A1D",
		xdmf.Message{Type: 0x80, DateTime: "03151422", Number: "6135550123", Dialed: "16135550123", Qualifier: "L", Name: "SMITH J"}},
	{"MDMF message waiting on", "82030B01FF70",
		xdmf.Message{Type: 0x82, MessageWaiting: on()}},
	{"MDMF message waiting off", "82030B01006F",
		xdmf.Message{Type: 0x82, MessageWaiting: off()}},
	{"SDMF message waiting on", "060342424231",
		xdmf.Message{Type: 0x06, MessageWaiting: on()}},
	{"SDMF message waiting off", "06036F6F6FAA",
		xdmf.Message{Type: 0x06, MessageWaiting: off()}},
	{"BT withheld", "80 1A 11 01 01 01 08 3036313232323135 04 01 50 07 08 5749544848454C44 FA",
		xdmf.Message{Type: 0x80, CallType: xdmf.CallTypeVoice, DateTime: "06122215", NumberAbsence: "P", Name: "WITHHELD"}},
	{"BT unavailable", "80 1D 11 01 01 01 08 3036313232323436 04 01 4F 07 0B 554E415641494C41424C45 26",
		xdmf.Message{Type: 0x80, CallType: xdmf.CallTypeVoice, DateTime: "06122246", NumberAbsence: "O", Name: "UNAVAILABLE"}},
	{"BT international", "80 1F 11 01 01 01 08 3036313232323431 04 01 4F 07 0D 494E5445524E4154494F4E414C 73",
		xdmf.Message{Type: 0x80, CallType: xdmf.CallTypeVoice, DateTime: "06122241", NumberAbsence: "O", Name: "INTERNATIONAL"}},
	{"BT normal", "80 1A 11 01 01 01 08 3036313232333132 02 0B 3038343536303231313131 7F",
		xdmf.Message{Type: 0x80, CallType: xdmf.CallTypeVoice, DateTime: "06122312", Number: "08456021111"}},
}

// stripSpaces is hex as modems print it.
func stripSpaces(s string) string { return strings.ReplaceAll(s, " ", "") }

// bytesOf reads hex as the reference spells it, spaces and all.
func bytesOf(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad test hex %q: %v", s, err)
	}
	return b
}

// withPacket is want as Decode returns it: with the packet it came from.
func (v vector) withPacket(t testing.TB) xdmf.Message {
	m := v.want
	m.Packet = bytesOf(t, v.packet)
	return m
}
