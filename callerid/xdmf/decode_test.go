package xdmf_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/callboard-app/callboard/callerid/xdmf"
)

func TestDecodeReadsEveryVerifiedVector(t *testing.T) {
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			got, err := xdmf.Decode(bytesOf(t, v.packet))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if want := v.withPacket(t); !reflect.DeepEqual(got, want) {
				t.Errorf("Decode\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestDecodeRefusesEditedExamplesAsBadChecksums(t *testing.T) {
	for name, packet := range map[string]string{
		// The reference's corrected melabs vectors with the checksum one off,
		// as a hand edit of the data leaves it.
		"SDMF private, checksum one off": "04 09 3039333031323234 50 0F",
		"MDMF, checksum one off":         "80 20 01 08 3033323430393032 07 08 4A4F484E20444F45 02 0A 38303035353531323132 85",
		// The number edited, the checksum left: ...1234 instead of ...1212.
		"SDMF, number edited": "04 12 30 39 33 30 31 32 32 34 36 30 39 35 35 35 31 32 33 34 51",
		// USR 5637 transcript with an anonymised number.
		"USR 5637": "80 27 01 08 31 32 30 33 31 39 32 34 02 0A 34 31 39 35 35 35 31 32 31 32 07 0F 43 65 6C 6C 20 50 68 6F 6E 65 20 20 20 4F 48 FF",
	} {
		t.Run(name, func(t *testing.T) {
			m, err := xdmf.Decode(bytesOf(t, packet))
			if !errors.Is(err, xdmf.ErrChecksum) {
				t.Errorf("Decode = %+v, %v; want ErrChecksum", m, err)
			}
		})
	}
}

func TestDecodeRefusesEachCorruptedByte(t *testing.T) {
	for _, v := range vectors {
		good := bytesOf(t, v.packet)
		for i := range good {
			bad := append([]byte(nil), good...)
			bad[i] ^= 0x10
			if i <= 1 {
				continue // type and length: other errors, tested below
			}
			if _, err := xdmf.Decode(bad); !errors.Is(err, xdmf.ErrChecksum) {
				t.Errorf("%s with byte %d changed: err = %v, want ErrChecksum", v.name, i, err)
			}
		}
	}
}

func TestDecodeFraming(t *testing.T) {
	ncid := "802001083035313131383532020A3430373535353030303007084A4F484E20444F4584"
	for _, tc := range []struct {
		name   string
		packet string
		want   error
	}{
		{"empty", "", xdmf.ErrTruncated},
		{"type byte only", "80", xdmf.ErrTruncated},
		{"checksum missing", ncid[:len(ncid)-2], xdmf.ErrTruncated},
		{"half a packet", ncid[:30], xdmf.ErrTruncated},
		{"a byte after the checksum", ncid + "00", xdmf.ErrLength},
		// 3Com manual: length 0x1E, but 36 data bytes follow.
		{"3Com edited example", "801E01083130313532303338020A37303835353530303031070C552E532E524F424F5449435322", xdmf.ErrLength},
		{"Japanese J-CLIP", "40 03 01 02 03 B7", xdmf.ErrNotCallerID},
		{"seizure byte first", "55" + ncid, xdmf.ErrNotCallerID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := xdmf.Decode(bytesOf(t, tc.packet))
			if !errors.Is(err, tc.want) {
				t.Errorf("Decode = %+v, %v; want %v", m, err, tc.want)
			}
		})
	}
}

func TestDecodeRefusesDataThatDoesNotParse(t *testing.T) {
	for name, body := range map[string]string{
		"MDMF parameter overruns the message":     "80 03 02 05 31",
		"MDMF parameter without a length":         "80 04 02 01 31 07",
		"MDMF without parameters":                 "80 00",
		"SDMF too short for its date":             "04 04 30313233",
		"SDMF with a control byte":                "04 09 3039333031323234 07",
		"SDMF message waiting neither on nor off": "06 03 42 6F 42",
	} {
		t.Run(name, func(t *testing.T) {
			m, err := xdmf.Decode(sealed(t, body))
			if !errors.Is(err, xdmf.ErrMalformed) {
				t.Errorf("Decode = %+v, %v; want ErrMalformed", m, err)
			}
		})
	}
}

func TestDecodeSkipsUnknownParametersByLength(t *testing.T) {
	// ETSI call set-up with a network message status (0x13) and a made-up
	// 0x7E parameter between the date and the number.
	packet := xdmf.Encode(xdmf.Message{
		Type:     0x80,
		DateTime: "06122312",
		Unknown:  []xdmf.Param{{Type: 0x13, Value: []byte{3}}, {Type: 0x7E, Value: []byte("\x02\x0bnot a number")}},
	})
	packet = append(packet[:len(packet)-1], 0x02, 0x03, '1', '2', '3')
	packet[1] += 5
	packet = append(packet, -sumOf(packet))

	m, err := xdmf.Decode(packet)
	if err != nil {
		t.Fatal(err)
	}
	if m.Number != "123" || m.DateTime != "06122312" {
		t.Errorf("number %q date %q, want 123 and 06122312", m.Number, m.DateTime)
	}
	want := []xdmf.Param{{Type: 0x13, Value: []byte{3}}, {Type: 0x7E, Value: []byte("\x02\x0bnot a number")}}
	if !reflect.DeepEqual(m.Unknown, want) {
		t.Errorf("Unknown = %v, want %v", m.Unknown, want)
	}
}

func TestDecodeKeepsTheFirstOfARepeatedParameter(t *testing.T) {
	m, err := xdmf.Decode(xdmf.Encode(xdmf.Message{
		Number:  "4075550000",
		Unknown: []xdmf.Param{{Type: xdmf.ParamNumber, Value: []byte("9999999999")}},
	}))
	if err != nil {
		t.Fatal(err)
	}
	if m.Number != "4075550000" || len(m.Unknown) != 1 {
		t.Errorf("Number %q, Unknown %v; want the first number, the repeat in Unknown", m.Number, m.Unknown)
	}
}

func TestDecodedMessageDoesNotShareTheCallersBuffer(t *testing.T) {
	packet := xdmf.Encode(xdmf.Message{Number: "123", Unknown: []xdmf.Param{{Type: 0x13, Value: []byte{3}}}})
	m, err := xdmf.Decode(packet)
	if err != nil {
		t.Fatal(err)
	}
	for i := range packet {
		packet[i] = 0
	}
	if m.Packet[0] != 0x80 || m.Unknown[0].Value[0] != 3 {
		t.Errorf("message changed with the input buffer: %+v", m)
	}
}

func TestParamsReadsAModemMESGLine(t *testing.T) {
	// "MESG = 06014C" from a Bell Canada line: the long-distance qualifier.
	params, err := xdmf.Params([]byte{0x06, 0x01, 'L'})
	if err != nil {
		t.Fatal(err)
	}
	if len(params) != 1 || params[0].Type != xdmf.ParamQualifier || string(params[0].Value) != "L" {
		t.Errorf("Params = %v", params)
	}
}

// sealed is a packet from hex without its checksum, checksum added.
func sealed(t testing.TB, body string) []byte {
	b := bytesOf(t, body)
	return append(b, -sumOf(b))
}

func sumOf(b []byte) byte {
	var s byte
	for _, c := range b {
		s += c
	}
	return s
}
