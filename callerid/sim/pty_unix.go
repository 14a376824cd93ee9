//go:build linux || darwin

package sim

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// PTYModem is a simulated modem behind a real pseudo-terminal: the app opens
// Path() exactly as it opens a USB modem's serial port.
type PTYModem struct {
	*Modem
	master *os.File
	// tty is held open so the master never sees EIO while no host has the
	// port open (between a test's clients, or before the app connects).
	tty    *os.File
	path   string
	cancel context.CancelFunc
	done   chan struct{}

	unplugOnce sync.Once
	unplugErr  error
}

// StartPTY opens a pseudo-terminal in raw mode and runs a modem on it until
// ctx is done or Close is called.
func StartPTY(ctx context.Context, opts Options) (*PTYModem, error) {
	master, tty, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("open pseudo-terminal: %w", err)
	}
	if err := makeRaw(tty); err != nil {
		_ = master.Close()
		_ = tty.Close()
		return nil, fmt.Errorf("raw mode on %s: %w", tty.Name(), err)
	}
	if master, err = pollable(master); err != nil {
		_ = tty.Close()
		return nil, err
	}
	runCtx, cancel := context.WithCancel(ctx)
	p := &PTYModem{
		Modem:  NewModem(master, opts),
		master: master,
		tty:    tty,
		path:   tty.Name(),
		cancel: cancel,
		done:   make(chan struct{}),
	}
	go func() {
		defer close(p.done)
		_ = p.Run(runCtx)
	}()
	return p, nil
}

// Path is the terminal the host opens, e.g. /dev/pts/7.
func (p *PTYModem) Path() string { return p.path }

// Unplug closes the modem's end: the host's reads fail as when a USB modem
// is pulled out, and Play fails from then on.
func (p *PTYModem) Unplug() error {
	p.unplugOnce.Do(func() { p.unplugErr = p.master.Close() })
	return p.unplugErr
}

// Close stops the modem and releases the pseudo-terminal.
func (p *PTYModem) Close() error {
	p.cancel()
	err := p.Unplug()
	<-p.done
	if errors.Is(err, os.ErrClosed) {
		err = nil
	}
	return errors.Join(err, p.tty.Close())
}

// makeRaw turns off the line discipline (cfmakeraw): no echo, no CR/LF
// translation, no signals, 8-bit bytes delivered as they come.
func makeRaw(tty *os.File) error {
	fd := int(tty.Fd())
	t, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return err
	}
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	t.Oflag &^= unix.OPOST
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB
	t.Cflag |= unix.CS8
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	return unix.IoctlSetTermios(fd, ioctlSetTermios, t)
}

// pollable re-opens the master through Go's poller, so that Close wakes the
// modem's blocked Read and really closes the descriptor; a blocking file
// (as creack/pty returns on macOS) would keep it open until data arrived,
// and the host would never see the unplug.
func pollable(master *os.File) (*os.File, error) {
	defer master.Close()
	fd, err := unix.Dup(int(master.Fd()))
	if err != nil {
		return nil, fmt.Errorf("dup pseudo-terminal: %w", err)
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		_ = unix.Close(fd)
		return nil, fmt.Errorf("pseudo-terminal non-blocking: %w", err)
	}
	return os.NewFile(uintptr(fd), master.Name()), nil
}
