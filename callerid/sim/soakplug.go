//go:build linux || darwin

package sim

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
)

// USBModem is a simulated USB modem at a path that outlives it, as udev's
// /dev/serial/by-id links name a real one: pulled out and plugged back in,
// it comes back on a fresh pseudo-terminal (a re-plugged USB modem gets a
// new ttyACM) behind the same path, so a host that retries the path finds
// it again. Safe for concurrent use.
type USBModem struct {
	path string
	opts Options
	ctx  context.Context

	mu  sync.Mutex
	pty *PTYModem // nil while unplugged
}

// PlugInUSBModem plugs a simulated modem in behind path, a link it makes
// (its folder must exist). The modem runs until ctx ends or Close.
func PlugInUSBModem(ctx context.Context, path string, opts Options) (*USBModem, error) {
	u := &USBModem{path: path, opts: opts, ctx: ctx}
	if err := u.Plug(); err != nil {
		return nil, err
	}
	return u, nil
}

// Path is where the host finds the modem, plugged in or not.
func (u *USBModem) Path() string { return u.path }

// Modem is the modem plugged in now, or nil while it is unplugged. Each
// plug-in is a new modem, powered up afresh: caller ID off until the host
// turns it on.
func (u *USBModem) Modem() *PTYModem {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.pty
}

// Plug plugs the modem back in on a new pseudo-terminal; a modem already
// plugged in stays as it is.
func (u *USBModem) Plug() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.pty != nil {
		return nil
	}
	p, err := StartPTY(u.ctx, u.opts)
	if err != nil {
		return err
	}
	// Renaming a fresh link over the path swaps it in one step: the host
	// never opens a half-made link.
	next := u.path + ".plugging"
	_ = os.Remove(next)
	if err := os.Symlink(p.Path(), next); err != nil {
		return errors.Join(fmt.Errorf("link %s: %w", u.path, err), p.Close())
	}
	if err := os.Rename(next, u.path); err != nil {
		return errors.Join(fmt.Errorf("link %s: %w", u.path, err), p.Close())
	}
	u.pty = p
	return nil
}

// Unplug pulls the modem out: its path goes away, the host's reads fail as
// when a USB modem is pulled out, and a Play in progress fails. Unplugging
// a modem that is out does nothing.
func (u *USBModem) Unplug() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	p := u.pty
	if p == nil {
		return nil
	}
	u.pty = nil
	// The path goes first, so that a host retrying it never opens the
	// terminal that is closing.
	err := os.Remove(u.path)
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	return errors.Join(err, p.Close())
}

// Close unplugs the modem for good.
func (u *USBModem) Close() error { return u.Unplug() }
