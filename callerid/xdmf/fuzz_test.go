package xdmf_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/callboard-app/callboard/callerid/xdmf"
)

// FuzzDecode: Decode never panics, and whatever it accepts adds up to 0
// mod 256 and survives an Encode/Decode round trip with the same fields.
func FuzzDecode(f *testing.F) {
	for _, v := range vectors {
		f.Add(bytesOf(f, v.packet))
	}
	f.Add([]byte{0x80, 0x00, 0x80})
	f.Add([]byte{0x80, 0x02, 0x02, 0x00, 0x7C}) // an empty number and nothing else
	f.Add(bytesOf(f, "801E01083130313532303338020A37303835353530303031070C552E532E524F424F5449435322"))
	f.Fuzz(func(t *testing.T, packet []byte) {
		m, err := xdmf.Decode(packet)
		if err != nil {
			return
		}
		if sumOf(packet) != 0 || !bytes.Equal(m.Packet, packet) || m.Unverified {
			t.Fatalf("accepted % X as %+v", packet, m)
		}
		if !m.IsCallerID() || saysNothing(m) {
			return
		}
		again, err := xdmf.Decode(xdmf.Encode(m))
		if err != nil {
			t.Fatalf("re-encoded %+v does not decode: %v", m, err)
		}
		a, _ := again.Event("l", zeroTime)
		b, _ := m.Event("l", zeroTime)
		a.Raw, b.Raw = "", ""
		if a != b {
			t.Fatalf("round trip changed the call:\n%+v\n%+v", b, a)
		}
	})
}

// FuzzDecodeHex: DecodeHex never panics, and a message it does not flag
// Unverified has a checksum that holds.
func FuzzDecodeHex(f *testing.F) {
	for _, v := range vectors {
		f.Add("MESG=" + v.packet)
	}
	f.Add("0412303332323234303539313435353132333435")
	f.Add("MESG = 06014C")
	f.Fuzz(func(t *testing.T, line string) {
		m, err := xdmf.DecodeHex(line)
		if err == nil && !m.Unverified && sumOf(m.Packet) != 0 {
			t.Fatalf("%q accepted with a bad checksum: %+v", line, m)
		}
	})
}

// FuzzScanner: any stream, whole or cut in two, never panics and never
// yields a message whose checksum fails or that is not in the stream.
//
// Whole and cut need not find the same packets: when a valid packet sits
// inside the span of another candidate, which one wins depends on whether
// the outer one was complete when the inner one was found (see Scanner).
// Real lines do not nest packets; the split tests cover real streams.
func FuzzScanner(f *testing.F) {
	f.Add(join(seizure, bytesOf(f, vectors[1].packet), noise), 17)
	f.Add(join([]byte{0x80, 0xF0}, bytesOf(f, vectors[0].packet)), 1)
	f.Add(join(bytes.Repeat([]byte("U"), 27), []byte{0x80}, bytesOf(f, vectors[13].packet)), 40)
	f.Fuzz(func(t *testing.T, stream []byte, cut int) {
		check := func(ms []xdmf.Message) {
			for _, m := range ms {
				if sumOf(m.Packet) != 0 || m.Unverified {
					t.Fatalf("emitted % X from % X", m.Packet, stream)
				}
				if !bytes.Contains(stream, m.Packet) {
					t.Fatalf("emitted % X, not in the stream", m.Packet)
				}
			}
		}
		check(xdmf.NewScanner().Feed(stream))
		if cut < 0 || cut > len(stream) {
			return
		}
		s := xdmf.NewScanner()
		check(s.Feed(stream[:cut]))
		check(s.Feed(stream[cut:]))
	})
}

// saysNothing reports whether m has no field set: its parameters were all
// unknown or empty, and Encode has nothing to say for it.
func saysNothing(m xdmf.Message) bool {
	m.Packet, m.Unknown = nil, nil
	return reflect.DeepEqual(m, xdmf.Message{Type: m.Type})
}
