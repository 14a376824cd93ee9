package whozz

import (
	"testing"
	"time"
)

// SetToggleGap shortens the pause between set-up toggles for a test. Tests
// that use it must not run in parallel, and must stop their drivers before
// they end.
func SetToggleGap(t testing.TB, d time.Duration) {
	old := toggleGap
	toggleGap = d
	t.Cleanup(func() { toggleGap = old })
}
