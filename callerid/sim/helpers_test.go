package sim

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// host is the computer's side of a line in tests: it sends command lines
// and reads what the modem says, one non-empty line at a time.
type host struct {
	t     *testing.T
	w     io.Writer
	lines chan string
}

// newHost reads r in the background until it fails or the test ends.
func newHost(t *testing.T, rw io.ReadWriter) *host {
	h := &host{t: t, w: rw, lines: make(chan string, 100)}
	go func() {
		defer close(h.lines)
		sc := bufio.NewScanner(rw)
		sc.Split(splitCRLF)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				h.lines <- line
			}
		}
	}()
	return h
}

// splitCRLF splits on CR or LF, as modem output uses both.
func splitCRLF(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func (h *host) send(line string) {
	h.t.Helper()
	if _, err := io.WriteString(h.w, line+"\r"); err != nil {
		h.t.Fatalf("send %q: %v", line, err)
	}
}

// next is the next line from the modem. The deadline only stops a broken
// test from hanging; no assertion depends on it.
func (h *host) next() string {
	h.t.Helper()
	select {
	case line, ok := <-h.lines:
		if !ok {
			h.t.Fatal("the line closed")
		}
		return line
	case <-time.After(10 * time.Second):
		h.t.Fatal("the modem said nothing")
	}
	return ""
}

// expect asserts the next lines from the modem, in order.
func (h *host) expect(want ...string) {
	h.t.Helper()
	for _, w := range want {
		if got := h.next(); got != w {
			h.t.Fatalf("modem said %q, want %q", got, w)
		}
	}
}

// command sends a line and returns everything up to its final result.
func (h *host) command(line string) []string {
	h.t.Helper()
	h.send(line)
	var got []string
	for {
		l := h.next()
		got = append(got, l)
		if l == "OK" || l == "ERROR" {
			return got
		}
	}
}

// ok sends a command line that must succeed.
func (h *host) ok(line string) {
	h.t.Helper()
	if got := h.command(line); got[len(got)-1] != "OK" {
		h.t.Fatalf("%s answered %q", line, got)
	}
}

// pipeHost runs a modem on an in-memory line for one test.
func pipeHost(t *testing.T, opts Options) (*host, *Modem) {
	line, m := NewPipeModem(opts)
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		if err := m.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("Run: %v", err)
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-stopped
		line.Close()
	})
	return newHost(t, line), m
}

// transcript runs a modem over everything in input and returns what it
// wrote back, byte for byte.
func transcript(t *testing.T, opts Options, input string) (string, *Modem) {
	t.Helper()
	var out bytes.Buffer
	wire := struct {
		io.Reader
		io.Writer
	}{strings.NewReader(input), &out}
	m := NewModem(wire, opts)
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.String(), m
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}
