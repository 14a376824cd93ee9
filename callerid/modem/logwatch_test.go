package modem_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// logWatch is a slog handler that lets a test wait for a log record, such as
// the driver's "modem line" for a line it has read: proof the bytes left the
// port before the test pulls the plug.
type logWatch struct {
	mu      sync.Mutex
	records []string // "message key=value …"
	changed chan struct{}
}

func newLogWatch() *logWatch { return &logWatch{changed: make(chan struct{}, 1)} }

func (w *logWatch) logger() *slog.Logger { return slog.New(w) }

func (w *logWatch) Enabled(context.Context, slog.Level) bool { return true }
func (w *logWatch) WithAttrs([]slog.Attr) slog.Handler       { return w }
func (w *logWatch) WithGroup(string) slog.Handler            { return w }

func (w *logWatch) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	w.mu.Lock()
	w.records = append(w.records, b.String())
	w.mu.Unlock()
	select {
	case w.changed <- struct{}{}:
	default:
	}
	return nil
}

// has reports whether a record holds every one of parts.
func (w *logWatch) has(parts ...string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
outer:
	for _, r := range w.records {
		for _, p := range parts {
			if !strings.Contains(r, p) {
				continue outer
			}
		}
		return true
	}
	return false
}

// waitFor waits until a record holds every one of parts.
func (w *logWatch) waitFor(t *testing.T, parts ...string) {
	t.Helper()
	deadline := time.After(testTimeout)
	for !w.has(parts...) {
		select {
		case <-w.changed:
		case <-deadline:
			w.mu.Lock()
			defer w.mu.Unlock()
			t.Fatalf("no log record with %q in:\n%s", parts, strings.Join(w.records, "\n"))
		}
	}
}
