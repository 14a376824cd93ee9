package wait

import (
	"context"
	"time"
)

// Backoff is the rest between tries at a device that failed: it starts at
// a first wait and doubles up to a limit, so a device that is gone for the
// night is not knocked on every second, and starts again from the first
// wait after a good connection. A limit no longer than the first wait
// rests the same time after every try.
type Backoff struct{ first, limit, wait time.Duration }

// NewBackoff returns a back-off whose first rest is first.
func NewBackoff(first, limit time.Duration) *Backoff {
	return &Backoff{first: first, limit: max(first, limit), wait: first}
}

// Next returns the rest before this try and doubles the next one.
func (b *Backoff) Next() time.Duration {
	w := b.wait
	b.wait = min(b.wait*2, b.limit)
	return w
}

// Reset starts again from the first wait: the last try got through.
func (b *Backoff) Reset() { b.wait = b.first }

// Rest sleeps for the next rest and reports whether ctx is still going.
func (b *Backoff) Rest(ctx context.Context) bool { return Sleep(ctx, b.Next()) }
