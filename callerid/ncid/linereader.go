package ncid

import (
	"bufio"
	"errors"
	"io"
)

// maxLineLength bounds one server line. NCID lines are a few hundred bytes;
// a longer one is not NCID's and is dropped whole rather than buffered
// without end.
const maxLineLength = 64 << 10

// lineReader reads lines from the connection. A read that times out keeps
// what it read so far, so the next call carries on where it stopped.
type lineReader struct {
	r       *bufio.Reader
	partial []byte
	tooLong bool // dropping the rest of an over-long line
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 4096)}
}

// next returns the next line without its line ending.
func (lr *lineReader) next() (string, error) {
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if !lr.tooLong {
			lr.partial = append(lr.partial, chunk...)
			if len(lr.partial) > maxLineLength {
				lr.partial, lr.tooLong = lr.partial[:0], true
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == nil && lr.tooLong:
			lr.tooLong = false
			continue
		case err == nil, errors.Is(err, io.EOF) && len(lr.partial) > 0 && !lr.tooLong:
			line := string(lr.partial)
			lr.partial = lr.partial[:0]
			return trimEOL(line), nil
		}
		return "", err
	}
}

func trimEOL(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}
