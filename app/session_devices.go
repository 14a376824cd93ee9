package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/devices"
	"github.com/callboard-app/callboard/callerid/modem"
)

// SourceView is one device as the Devices screen lists it.
type SourceView struct {
	// Key identifies the running source; Config.ID is 0 for sources that
	// are not saved (--port, a modem found by itself, the demo line).
	Key    int
	Config callerid.SourceConfig
}

// Saved reports whether the shop set this device up (and can remove it).
func (v SourceView) Saved() bool { return v.Config.ID != 0 }

// Sources lists the running devices, saved ones first, in a stable order.
func (s *Session) Sources() []SourceView {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SourceView, 0, len(s.running))
	for key, r := range s.running {
		out = append(out, SourceView{Key: key, Config: r.cfg})
	}
	slices.SortFunc(out, func(a, b SourceView) int {
		if a.Saved() != b.Saved() {
			if a.Saved() {
				return -1
			}
			return 1
		}
		return a.Key - b.Key
	})
	return out
}

// AddSource saves a new device and starts listening to it.
func (s *Session) AddSource(c callerid.SourceConfig) (callerid.SourceConfig, error) {
	if err := validSource(c); err != nil {
		return c, err
	}
	c.ID = 0
	saved, err := s.db.SaveSource(c)
	if err != nil {
		return c, err
	}
	s.stopFinder()
	s.startSource(saved)
	return saved, nil
}

// UpdateSource saves a changed device and restarts it with the change.
func (s *Session) UpdateSource(c callerid.SourceConfig) error {
	if err := validSource(c); err != nil {
		return err
	}
	if _, err := s.db.SaveSource(c); err != nil {
		return err
	}
	s.stopSource(c.ID)
	if !c.Disabled {
		s.startSource(c)
	}
	return nil
}

// RemoveSource stops a device and, if it was saved, forgets it. Its calls
// stay.
func (s *Session) RemoveSource(v SourceView) error {
	s.stopSource(v.Key)
	s.sink.DeviceGone(v.Config.Title())
	if v.Saved() {
		return s.db.DeleteSource(v.Config.ID)
	}
	return nil
}

// SaveLabels keeps the names the shop gave a device's lines.
func (s *Session) SaveLabels(v SourceView, labels map[string]string) error {
	s.mu.Lock()
	if r, ok := s.running[v.Key]; ok {
		r.cfg.Labels = labels
	}
	s.mu.Unlock()
	if !v.Saved() {
		return nil
	}
	c := v.Config
	c.Labels = labels
	_, err := s.db.SaveSource(c)
	return err
}

// Probe asks the device on a port who it is, unless Callboard is using
// that port itself: a port in use is never disturbed.
func (s *Session) Probe(path string) (devices.ProbeResult, error) {
	for _, v := range s.Sources() {
		if v.Config.Kind.Serial() && v.Config.Path == path {
			return devices.ProbeResult{Identity: "In use by Callboard: " + v.Config.Title(), Conversation: s.Tap(v.Config.Title())}, nil
		}
	}
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	return devices.Probe(ctx, path, 0, nil)
}

// Ports lists the serial ports of this computer.
func (s *Session) Ports() ([]modem.PortInfo, error) { return modem.ListPorts() }

// stopFinder ends the search for a USB modem once the shop set up a device.
func (s *Session) stopFinder() {
	s.mu.Lock()
	stop := s.finderCancel
	s.finderCancel = nil
	s.mu.Unlock()
	if stop != nil {
		stop()
		s.sink.DeviceGone(finderDevice)
	}
}

func validSource(c callerid.SourceConfig) error {
	switch {
	case !slices.Contains(callerid.SourceKinds, c.Kind):
		return errors.New("choose what kind of device this is")
	case c.Kind.Serial() && strings.TrimSpace(c.Path) == "":
		return errors.New("choose the serial port the device is plugged into")
	case c.Kind == callerid.SourceNCID && strings.TrimSpace(c.Addr) == "":
		return errors.New("enter the NCID server's address, e.g. 192.168.1.10 or ncid.local:3333")
	}
	return nil
}
