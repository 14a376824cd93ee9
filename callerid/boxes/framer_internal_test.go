package boxes

import (
	"slices"
	"testing"
)

// FuzzFramer: however the reads split a stream, the box cuts it into the
// same records, none longer than the cap and none holding a line break.
func FuzzFramer(f *testing.F) {
	f.Add([]byte("###DATE08082225...NMBR14075551212...NAMEJOHN+++\r####x+++++\r\n"), uint8(1))
	f.Add([]byte("01      9/05     11:17 AM       702-555-1145           CARD SERVICES  \r\n"), uint8(5))
	f.Fuzz(func(t *testing.T, stream []byte, size uint8) {
		var whole framer
		want := whole.flush(whole.feed(stream, nil))

		var split framer
		var got []string
		n := max(int(size), 1)
		for rest := stream; len(rest) > 0; {
			k := min(n, len(rest))
			got = split.feed(rest[:k], got)
			rest = rest[k:]
		}
		got = split.flush(got)
		if !slices.Equal(got, want) {
			t.Fatalf("reads of %d bytes gave %q, one read gave %q", n, got, want)
		}
		for _, rec := range got {
			if rec == "" || len(rec) > maxRecordLen || slices.Contains([]byte(rec), '\r') || slices.Contains([]byte(rec), '\n') {
				t.Errorf("bad record %q", rec)
			}
		}
	})
}
