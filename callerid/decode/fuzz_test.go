package decode

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	captureHex, captureHexMESG, captureWhozzAnswered, captureWhozzMissedThenOutbound,
	captureNetCallerID, captureTCI, captureNCID, captureNCIDLog, captureDistinctiveRing,
	"ATZ\r\r\nOK\r\nAT+VCID=1\r\r\nERROR\r\n",
	"RING\r\n041230353131313835323430373535353030303058\r\nRING\r\n",
	"DRON=5\r\nDROF=11\r\nDRON=5\r\nDROF=40\r\nDATE=0321\r\nNMBR=P\r\n",
	"OUT: *LINE*1*NMBR*5551212*\nEND: *HTYPE*BYE*LINE*1*SCALL*01/01/1900 00:00:00*ECALL*12/31/2199 23:59:59*CTYPE*OUT*\n",
}

// FuzzDecode feeds arbitrary captures in auto mode: decoding must not
// panic or fail, every output line must be one JSON call record, and the
// count returned must be the count written.
func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, capture []byte) {
		var out bytes.Buffer
		res, err := Transcript(bytes.NewReader(capture), &out, Options{})
		if err != nil {
			// The only read error is a line longer than the scanner's
			// buffer, which no fuzz input reaches.
			t.Fatalf("Transcript: %v", err)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if out.Len() == 0 {
			lines = nil
		}
		if len(lines) != res.Calls {
			t.Fatalf("said %d calls, wrote %d lines", res.Calls, len(lines))
		}
		for _, line := range lines {
			if !json.Valid([]byte(line)) {
				t.Fatalf("not JSON: %q", line)
			}
			dec := json.NewDecoder(strings.NewReader(line))
			dec.DisallowUnknownFields()
			var r Record
			if err := dec.Decode(&r); err != nil {
				t.Fatalf("not a call record: %v: %q", err, line)
			}
			if r.Direction != Inbound && r.Direction != Outbound || r.DurationS < 0 || r.Rings < 0 {
				t.Fatalf("impossible call: %q", line)
			}
		}
	})
}

// BenchmarkDecode measures bytes per second through the whole decoder in
// auto mode, on a capture that mixes every format.
func BenchmarkDecode(b *testing.B) {
	capture := strings.Join(fuzzSeeds, "\r\n")
	b.SetBytes(int64(len(capture)))
	for b.Loop() {
		if _, err := Transcript(strings.NewReader(capture), &bytes.Buffer{}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
