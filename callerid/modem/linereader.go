package modem

import (
	"io"
	"sync"
)

// maxLineLen caps a line: caller-ID lines are under 40 bytes, so anything
// longer is noise, and noise must not grow memory without bound.
const maxLineLen = 256

// lineReader is the one goroutine that reads a port. It splits what the modem
// sends into lines (CR, LF or both end a line; empty lines are dropped; a
// DLE event code at the start of a line is a line of its own) and hands them
// over on lines, which it closes when the port fails or it is stopped.
//
// Having a single reader lets Init and listening share the port without
// losing bytes between them, and lets Run stop reading by closing the port.
type lineReader struct {
	lines <-chan string
	done  chan struct{} // closed when the goroutine has returned
	quit  chan struct{}
	once  sync.Once
	err   error // why reading ended; valid once lines is closed
}

func startLineReader(src io.Reader) *lineReader {
	lines := make(chan string, 16)
	r := &lineReader{lines: lines, done: make(chan struct{}), quit: make(chan struct{})}
	go r.run(src, lines)
	return r
}

// stop asks the goroutine to end at its next chance: at once if it is waiting
// to hand over a line, otherwise when its Read returns. Only closing the port
// can cut a blocked Read short.
func (r *lineReader) stop() { r.once.Do(func() { close(r.quit) }) }

// failure is why the port stopped giving lines.
func (r *lineReader) failure() error {
	if r.err == nil {
		return io.ErrUnexpectedEOF
	}
	return r.err
}

func (r *lineReader) run(src io.Reader, lines chan<- string) {
	defer close(r.done)
	defer close(lines)
	buf := make([]byte, 512)
	line := make([]byte, 0, maxLineLen)
	inEvent := false // line holds a DLE that waits for its event code
	send := func() bool {
		if len(line) == 0 {
			return true
		}
		select {
		case lines <- string(line):
			line = line[:0]
			return true
		case <-r.quit:
			return false
		}
	}
	for {
		// A serial port with a read timeout returns (0, nil) when nothing
		// came: that is "no data yet", not the end.
		n, err := src.Read(buf)
		for _, b := range buf[:n] {
			if inEvent {
				// A voice-mode event (<DLE>P: extension picked up) comes
				// without CR LF and may be all the modem says for minutes:
				// it is a line of its own, handed over at once.
				inEvent = false
				if line = append(line, b); !send() {
					return
				}
				continue
			}
			if b == dle && len(line) == 0 {
				line, inEvent = append(line, b), true
				continue
			}
			if b == '\r' || b == '\n' || len(line) == maxLineLen {
				if !send() {
					return
				}
			}
			if b != '\r' && b != '\n' {
				line = append(line, b)
			}
		}
		if err != nil {
			send()
			r.err = err
			return
		}
		select {
		case <-r.quit:
			return
		default:
		}
	}
}
