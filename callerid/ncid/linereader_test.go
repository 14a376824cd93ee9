package ncid

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// chunks is a connection that delivers its data in pieces, each followed
// by the error given with it (a read deadline passing, the end).
type chunks struct {
	parts []string
	errs  []error
}

func (c *chunks) Read(p []byte) (int, error) {
	if len(c.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.parts[0])
	c.parts[0] = c.parts[0][n:]
	if c.parts[0] != "" {
		return n, nil
	}
	err := c.errs[0]
	c.parts, c.errs = c.parts[1:], c.errs[1:]
	return n, err
}

func TestLineReaderCarriesOnAfterATimeout(t *testing.T) {
	conn := &chunks{
		parts: []string{"CID: *NMBR*40755", "51212*\r\nOPT: hangup-1\n", "300 End of connection startup"},
		errs:  []error{os.ErrDeadlineExceeded, nil, nil},
	}
	lr := newLineReader(conn)
	if _, err := lr.next(); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("first read: %v, want the timeout", err)
	}
	for _, want := range []string{"CID: *NMBR*4075551212*", "OPT: hangup-1", "300 End of connection startup"} {
		got, err := lr.next()
		if err != nil || got != want {
			t.Errorf("next() = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := lr.next(); err != io.EOF {
		t.Errorf("at the end: %v, want EOF", err)
	}
}

func TestLineReaderDropsAnOverlongLine(t *testing.T) {
	long := strings.Repeat("x", maxLineLength+10)
	lr := newLineReader(strings.NewReader("CID: *NMBR*1*\n" + long + "\nCID: *NMBR*2*\n"))
	for _, want := range []string{"CID: *NMBR*1*", "CID: *NMBR*2*"} {
		if got, err := lr.next(); err != nil || got != want {
			t.Errorf("next() = %.20q, %v; want %q", got, err, want)
		}
	}
}
