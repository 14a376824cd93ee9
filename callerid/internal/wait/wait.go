// Package wait holds the pauses a device's goroutine takes: resting
// between tries at a device that failed, and spacing out commands. Every
// pause ends early when the device's context does, so stopping a device
// never waits for a timer.
package wait

import (
	"context"
	"time"
)

// Sleep waits for d and reports whether ctx is still going.
func Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Or is a timing setting, or its default when the setting is left at zero
// (or made negative, which no timing can be).
func Or(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
