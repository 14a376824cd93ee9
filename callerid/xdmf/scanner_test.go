package xdmf_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid/xdmf"
)

// seizure is the channel-seizure run of a US line: 30 × 0x55.
var seizure = bytes.Repeat([]byte{0x55}, 30)

// noise is what a box prints on an idle or ringing line. It holds stray
// 0x80 and 0x04 bytes on purpose: they look like the start of a packet.
var noise = []byte{0xFF, 0xFF, 0x00, 0x80, 0x7F, 0xFE, 0x04, 0x31, 0xFF, 0x13, 0x82, 0xF7, 0x00}

func ncidMDMF(t testing.TB) []byte {
	return bytesOf(t, vectorNamed(t, "NCID MDMF").packet)
}

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// numbers lists the callers of messages, with message-waiting packets as
// "MWI".
func numbers(ms []xdmf.Message) []string {
	var out []string
	for _, m := range ms {
		ev, ok := m.Event("", zeroTime)
		if !ok {
			out = append(out, "MWI")
			continue
		}
		out = append(out, ev.Number)
	}
	return out
}

func feedAll(s *xdmf.Scanner, chunks ...[]byte) []xdmf.Message {
	var out []xdmf.Message
	for _, c := range chunks {
		out = append(out, s.Feed(c)...)
	}
	return out
}

func assertNumbers(t *testing.T, got []xdmf.Message, want ...string) {
	t.Helper()
	g := numbers(got)
	if len(g) != len(want) {
		t.Fatalf("got callers %q, want %q", g, want)
	}
	for i := range g {
		if g[i] != want[i] {
			t.Fatalf("got callers %q, want %q", g, want)
		}
	}
}

func TestScannerFindsPacketAfterSeizureBeforeNoise(t *testing.T) {
	s := xdmf.NewScanner()
	got := s.Feed(join(seizure, ncidMDMF(t), noise))
	assertNumbers(t, got, "4075550000")
	if got[0].Name != "JOHN DOE" || !bytes.Equal(got[0].Packet, ncidMDMF(t)) {
		t.Errorf("message %+v, want the NCID packet exactly", got[0])
	}
	if s.BadChecksums() != 0 {
		t.Errorf("BadChecksums = %d on a clean stream", s.BadChecksums())
	}
}

func TestScannerReadsEveryVectorFromAStream(t *testing.T) {
	for _, v := range vectors {
		s := xdmf.NewScanner()
		got := s.Feed(join(noise, seizure, bytesOf(t, v.packet), noise))
		if len(got) != 1 || !bytes.Equal(got[0].Packet, bytesOf(t, v.packet)) {
			t.Errorf("%s: Feed = %+v, want just that packet", v.name, got)
		}
	}
}

func TestScannerTakesTheStreamByteByByte(t *testing.T) {
	stream := join(seizure, ncidMDMF(t), noise, seizure, bytesOf(t, vectorNamed(t, "BT withheld").packet))
	s := xdmf.NewScanner()
	var got []xdmf.Message
	for i := range stream {
		got = append(got, s.Feed(stream[i:i+1])...)
	}
	assertNumbers(t, got, "4075550000", "P")
}

func TestScannerTakesPacketsSplitAnywhere(t *testing.T) {
	stream := join(seizure, ncidMDMF(t), noise)
	for cut := 1; cut < len(stream); cut++ {
		s := xdmf.NewScanner()
		got := feedAll(s, stream[:cut], stream[cut:])
		if len(got) != 1 {
			t.Fatalf("cut at %d: %d messages, want 1", cut, len(got))
		}
	}
}

func TestScannerReadsPacketsBackToBack(t *testing.T) {
	mwi := bytesOf(t, vectorNamed(t, "MDMF message waiting on").packet)
	sdmf := bytesOf(t, vectorNamed(t, "melabs SDMF").packet)
	got := xdmf.NewScanner().Feed(join(ncidMDMF(t), sdmf, mwi))
	assertNumbers(t, got, "4075550000", "6095551212", "MWI")
}

func TestScannerIgnoresGarbageAroundPackets(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	garbage := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		return b
	}
	s := xdmf.NewScanner()
	got := feedAll(s, garbage(500), ncidMDMF(t), garbage(500), seizure, ncidMDMF(t), garbage(500))
	assertNumbers(t, got, "4075550000", "4075550000")
}

func TestScannerCountsACorruptedPacketAndMakesNoCaller(t *testing.T) {
	packet := ncidMDMF(t)
	// Where one flipped bit breaks the framing, the bytes no longer read as
	// a packet and are noise, not a bad checksum.
	framing := map[int]string{
		2:  "date parameter type 01 becomes 00, no known parameter",
		3:  "date length",
		13: "number length",
		25: "name length",
	}
	for i := 2; i < len(packet); i++ { // every byte after the length
		bad := append([]byte(nil), packet...)
		bad[i] ^= 0x01
		s := xdmf.NewScanner()
		got := s.Feed(join(seizure, bad, noise))
		if len(got) != 0 {
			t.Errorf("byte %d changed: got %+v, want no caller", i, got)
		}
		want := 1
		if _, ok := framing[i]; ok {
			want = 0
		}
		if s.BadChecksums() != want {
			t.Errorf("byte %d changed (%s): BadChecksums = %d, want %d", i, framing[i], s.BadChecksums(), want)
		}
	}
}

func TestScannerGoesOnAfterABadPacket(t *testing.T) {
	bad := ncidMDMF(t)
	bad[20] = '9'
	bt := bytesOf(t, vectorNamed(t, "BT normal").packet)
	s := xdmf.NewScanner()
	got := s.Feed(join(seizure, bad, seizure, bt))
	assertNumbers(t, got, "08456021111")
	if s.BadChecksums() != 1 {
		t.Errorf("BadChecksums = %d, want 1", s.BadChecksums())
	}
}

func TestScannerReadsHoltekModuleOutput(t *testing.T) {
	// HT9032D: 27 'U's, one random byte, the packet, then noise. The random
	// byte here is 0x80 — a stray packet start whose "length" (the real
	// packet's type byte) reaches far beyond the bytes that ever come.
	packet := ncidMDMF(t)
	for _, stray := range []byte{0x80, 0x04, 0x3A, 0xFF} {
		stream := join(bytes.Repeat([]byte("U"), 27), []byte{stray}, packet, []byte{0xFF, 0x7E, 0x03})
		s := xdmf.NewScanner()
		got := s.Feed(stream)
		assertNumbers(t, got, "4075550000")
	}
}

func TestScannerDoesNotHoldAPacketBehindAStrayStart(t *testing.T) {
	// Noise "0x80 0xF0" says 243 bytes follow; only the real packet does.
	s := xdmf.NewScanner()
	got := feedAll(s, []byte{0x80, 0xF0, 0x55, 0x55}, ncidMDMF(t))
	assertNumbers(t, got, "4075550000")
}

func TestScannerNeverRepeatsAPacket(t *testing.T) {
	s := xdmf.NewScanner()
	first := s.Feed(join(seizure, ncidMDMF(t)))
	again := s.Feed(noise)
	if len(first) != 1 || len(again) != 0 {
		t.Errorf("got %d then %d messages, want 1 then 0", len(first), len(again))
	}
}

func TestScannerDoesNotCountNoiseAsBadChecksums(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, 1<<16)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	s := xdmf.NewScanner()
	got := s.Feed(b)
	if len(got) != 0 || s.BadChecksums() > 2 {
		t.Errorf("64 KiB of noise: %d messages, %d bad checksums; want none and at most 2", len(got), s.BadChecksums())
	}
}

func BenchmarkScannerFeed(b *testing.B) {
	packet := bytesOf(b, vectorNamed(b, "MDMF with DDN and long distance").packet)
	r := rand.New(rand.NewPCG(5, 6))
	var stream []byte
	for range 64 {
		tail := make([]byte, 100)
		for i := range tail {
			tail[i] = byte(r.UintN(256))
		}
		stream = join(stream, seizure, packet, tail)
	}
	b.SetBytes(int64(len(stream)))
	s := xdmf.NewScanner()
	for b.Loop() {
		for i := 0; i < len(stream); i += 64 {
			s.Feed(stream[i:min(i+64, len(stream))])
		}
	}
}

var zeroTime time.Time
