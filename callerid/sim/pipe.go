package sim

import (
	"io"
	"sync"
)

// NewPipeModem puts a modem on an in-memory line and returns the host's
// end of it, which a driver reads and writes like a serial port. The caller
// runs the modem (go m.Run(ctx)). Closing host unplugs the modem: its Run
// ends and Play fails; when Run's ctx ends first, the host's writes fail.
//
// The line buffers both ways like a serial port's driver does, so a host
// may send several commands before reading the answers (io.Pipe would
// deadlock there: each write waits for its reader).
func NewPipeModem(opts Options) (host io.ReadWriteCloser, m *Modem) {
	toModem, toHost := newBuffer(), newBuffer()
	m = NewModem(&pipeEnd{in: toModem, out: toHost}, opts)
	return &hostEnd{pipeEnd{in: toHost, out: toModem}}, m
}

// buffer is one direction of the line.
type buffer struct {
	mu     sync.Mutex
	ready  *sync.Cond
	data   []byte
	closed bool
}

func newBuffer() *buffer {
	b := &buffer{}
	b.ready = sync.NewCond(&b.mu)
	return b
}

func (b *buffer) read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.data) == 0 && !b.closed {
		b.ready.Wait()
	}
	if len(b.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, nil
}

func (b *buffer) write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0, io.ErrClosedPipe
	}
	b.data = append(b.data, p...)
	b.ready.Broadcast()
	return len(p), nil
}

func (b *buffer) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	b.ready.Broadcast()
}

type pipeEnd struct{ in, out *buffer }

func (e *pipeEnd) Read(p []byte) (int, error)  { return e.in.read(p) }
func (e *pipeEnd) Write(p []byte) (int, error) { return e.out.write(p) }

// stopReading wakes the modem's Run from its read when its ctx ends, so
// no goroutine outlives it.
func (e *pipeEnd) stopReading() { e.in.close() }

// hostEnd can unplug the line; the modem's end cannot.
type hostEnd struct{ pipeEnd }

func (h *hostEnd) Close() error {
	h.in.close()
	h.out.close()
	return nil
}
