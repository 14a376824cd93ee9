package devices

import (
	"io"
	"strings"
	"sync"
	"time"
)

// tapLines is how much of a device's conversation the Test button can show.
const tapLines = 200

// Tap keeps the last lines a device sent and was sent, so that the Test
// button can show what the device really says — the first thing support
// asks for.
type Tap struct {
	mu      sync.Mutex
	lines   []string
	partial [2]strings.Builder // bytes of the unfinished line, per direction
	now     func() time.Time
}

// NewTap returns an empty tap.
func NewTap() *Tap { return &Tap{now: time.Now} }

// Lines returns the conversation so far, oldest first: "< " lines came from
// the device, "> " lines went to it.
func (t *Tap) Lines() []string {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	out := append([]string(nil), t.lines...)
	for dir, b := range t.partial {
		if b.Len() > 0 {
			out = append(out, prefix[dir]+b.String())
		}
	}
	return out
}

// Note adds a line of Callboard's own (a connection, an error). A nil tap
// records nothing, so sources without a Test view need no checks.
func (t *Tap) Note(s string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.add("! " + s)
}

var prefix = [2]string{"< ", "> "}

func (t *Tap) record(dir int, p []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := &t.partial[dir]
	for _, c := range p {
		switch {
		case c == '\r' || c == '\n':
			if b.Len() > 0 {
				t.add(prefix[dir] + b.String())
				b.Reset()
			}
		case c < 0x20 || c == 0x7f:
			// Control bytes (DLE events, seizure noise) show as hex so the
			// line stays readable.
			b.WriteString("<" + hexByte(c) + ">")
		default:
			b.WriteByte(c)
		}
		if b.Len() > 512 {
			t.add(prefix[dir] + b.String())
			b.Reset()
		}
	}
}

func (t *Tap) add(line string) {
	stamp := t.now().Format("15:04:05 ")
	t.lines = append(t.lines, stamp+line)
	if len(t.lines) > tapLines {
		t.lines = append(t.lines[:0], t.lines[len(t.lines)-tapLines:]...)
	}
}

func hexByte(c byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// Wrap returns the port with both directions recorded on the tap.
func (t *Tap) Wrap(port io.ReadWriteCloser) io.ReadWriteCloser {
	if t == nil {
		return port
	}
	return &tapped{port, t}
}

type tapped struct {
	io.ReadWriteCloser
	tap *Tap
}

func (p *tapped) Read(b []byte) (int, error) {
	n, err := p.ReadWriteCloser.Read(b)
	if n > 0 {
		p.tap.record(0, b[:n])
	}
	return n, err
}

func (p *tapped) Write(b []byte) (int, error) {
	n, err := p.ReadWriteCloser.Write(b)
	if n > 0 {
		p.tap.record(1, b[:n])
	}
	return n, err
}
