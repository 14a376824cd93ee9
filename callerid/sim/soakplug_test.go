//go:build linux || darwin

package sim

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A USB modem pulled out and plugged back in is found again at the same
// path, as a new modem with caller ID off; while it is out, the path is
// gone and the host's reads fail.
func TestAUSBModemComesBackAtTheSamePath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "usb-modem")
	u, err := PlugInUSBModem(testContext(t), path, Options{TimeScale: 0.01})
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() {
		if err := u.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	first := u.Modem()
	h, _ := serialHost(t, path)
	h.ok("AT+VCID=1")

	if err := u.Unplug(); err != nil {
		t.Fatalf("Unplug: %v", err)
	}
	if u.Modem() != nil {
		t.Error("an unplugged modem is still there")
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("unplugged, the path is still there: %v", err)
	}
	for range h.lines {
		// The host reads until its port fails.
	}
	if err := first.Play(testContext(t), Call{Rings: 1}); err == nil {
		t.Error("Play on an unplugged modem succeeded")
	}

	if err := u.Plug(); err != nil {
		t.Fatalf("Plug: %v", err)
	}
	again := u.Modem()
	if again == nil || again == first {
		t.Fatalf("plugged back in, the modem is %p (was %p)", again, first)
	}
	second, _ := serialHost(t, path)
	second.ok("AT")
	ctx, cancel := context.WithTimeout(testContext(t), 20*time.Millisecond)
	defer cancel()
	if err := again.WaitCallerIDEnabled(ctx); err == nil {
		t.Error("a modem plugged back in kept caller ID on")
	}
	second.ok("AT+VCID=1")
}
