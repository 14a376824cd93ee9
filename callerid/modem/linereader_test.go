package modem

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// chunkReader hands out its chunks one Read at a time, with a (0, nil) read
// between them the way a serial port reports a read timeout.
type chunkReader struct {
	chunks []string
	idle   bool
	err    error // returned after the last chunk
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.idle = !r.idle; r.idle {
		return 0, nil
	}
	if len(r.chunks) == 0 {
		return 0, r.err
	}
	n := copy(p, r.chunks[0])
	if r.chunks[0] = r.chunks[0][n:]; r.chunks[0] == "" {
		r.chunks = r.chunks[1:]
	}
	return n, nil
}

func readAllLines(r io.Reader) ([]string, error) {
	lr := startLineReader(r)
	var got []string
	for line := range lr.lines {
		got = append(got, line)
	}
	return got, lr.failure()
}

func TestLineReaderSplitsOnCRAndLF(t *testing.T) {
	src := &chunkReader{
		chunks: []string{"\r\nRI", "NG\r\n\r\nDATE = 03", "21\rTIME = 1405\nNMBR = 5", "04551234\r\n\x00\r\nNAME = A N OTHER"},
		err:    io.EOF,
	}
	got, err := readAllLines(src)
	want := []string{"RING", "DATE = 0321", "TIME = 1405", "NMBR = 504551234", "\x00", "NAME = A N OTHER"}
	if !slices.Equal(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
	if !errors.Is(err, io.EOF) {
		t.Errorf("failure() = %v, want EOF", err)
	}
}

func TestLineReaderHandsOverVoiceEventsAtOnce(t *testing.T) {
	// Extension picked up, then Motorola junk in front of a tag, then a DLE
	// inside a line, which stays where it is.
	src := &chunkReader{chunks: []string{"\x10", "P", "\x10R\x10X\x18NAME = JOHN\r\nNMBR = 1\x10h\r\n"}, err: io.EOF}
	got, _ := readAllLines(src)
	want := []string{"\x10P", "\x10R", "\x10X", "\x18NAME = JOHN", "NMBR = 1\x10h"}
	if !slices.Equal(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

func TestLineReaderDoesNotHoldBackAVoiceEvent(t *testing.T) {
	modemSide, portSide := io.Pipe()
	lr := startLineReader(modemSide)
	defer func() { portSide.Close(); <-lr.done }()
	go io.WriteString(portSide, "\x10P") // and then nothing more
	if got := <-lr.lines; got != "\x10P" {
		t.Errorf("line = %q, want the extension pick-up on its own", got)
	}
}

func TestLineReaderCutsEndlessLines(t *testing.T) {
	noise := strings.Repeat("x", 2*maxLineLen+10)
	got, _ := readAllLines(&chunkReader{chunks: []string{noise + "\r\nOK\r\n"}, err: io.EOF})
	if len(got) != 4 || len(got[0]) != maxLineLen || len(got[2]) != 10 || got[3] != "OK" {
		t.Errorf("got %d lines of lengths %v, want %d, %d, 10 and then OK", len(got), lens(got), maxLineLen, maxLineLen)
	}
}

func TestLineReaderStopsWhenNobodyListens(t *testing.T) {
	lr := startLineReader(strings.NewReader(strings.Repeat("RING\r\n", 100)))
	<-lr.lines
	lr.stop()
	<-lr.done // would hang if the goroutine stayed blocked handing over lines
}

func lens(lines []string) []int {
	n := make([]int, len(lines))
	for i, l := range lines {
		n[i] = len(l)
	}
	return n
}
