package whozz

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Baud is the speed of every serial Whozz Calling unit: 9600 8N1.
const Baud = 9600

// maxLineLen caps a line: the longest record (TCI) is 70 columns, so
// anything much longer is noise and must not grow memory without bound.
const maxLineLen = 256

// Serial listens to one Whozz Calling unit on a serial port.
type Serial struct {
	// Unit prefixes the line labels, e.g. "whozz:/dev/ttyUSB0" gives
	// "whozz:/dev/ttyUSB0/01" (DefaultUnit if empty).
	Unit string
	// Now stamps events; nil means time.Now.
	Now func() time.Time
	// Log receives every line the unit sends; nil logs nothing.
	Log *slog.Logger
	// Setup sends the toggles a call tracker needs before listening.
	Setup bool
	// DistinctiveRing and Basic: see Assembler.
	DistinctiveRing bool
	Basic           bool
}

// Run listens until ctx is done or the port fails, sending events to
// events. If the port is also an io.Closer, Run closes it when ctx is done,
// because closing is the only way to wake a blocked Read; a port that
// returns (0, nil) on a read timeout is checked between reads instead.
//
// On ctx done it returns ctx.Err(); otherwise the read error (io.EOF when
// the port went away cleanly).
func (s *Serial) Run(ctx context.Context, port io.ReadWriter, events chan<- callerid.Event) error {
	log := s.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if c, ok := port.(io.Closer); ok {
		defer context.AfterFunc(ctx, func() { c.Close() })()
	}
	asm := &Assembler{Unit: s.Unit, Now: s.Now, DistinctiveRing: s.DistinctiveRing, Basic: s.Basic}
	if s.Setup {
		err := sendToggles(ctx, echoOff+trackerToggles,
			func(t byte) error { _, err := port.Write([]byte{t}); return err },
			func(t byte, err error) {
				log.Warn("whozz set-up toggle not sent", "unit", asm.name(), "toggle", string(t), "err", err)
			})
		if err != nil {
			return err
		}
	}
	lr := lineSplitter{}
	buf := make([]byte, 512)
	for {
		n, err := port.Read(buf)
		for _, line := range lr.split(buf[:n]) {
			if err := s.handle(ctx, asm, log, line, events); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if line := lr.rest(); line != "" {
				// The unit went away mid-line; what came may still be whole.
				if err := s.handle(ctx, asm, log, line, events); err != nil {
					return err
				}
			}
			if errors.Is(err, io.EOF) {
				return err
			}
			return fmt.Errorf("whozz: reading the unit: %w", err)
		}
	}
}

func (s *Serial) handle(ctx context.Context, asm *Assembler, log *slog.Logger, line string, events chan<- callerid.Event) error {
	rec, ok := ParseRecord(line)
	if !ok {
		log.Debug("whozz line ignored", "unit", asm.name(), "text", line)
		return nil
	}
	log.Debug("whozz record", "unit", asm.name(), "text", line)
	return send(ctx, events, asm.Feed(rec))
}

// send passes events on, giving up when ctx is done.
func send(ctx context.Context, events chan<- callerid.Event, evs []callerid.Event) error {
	for _, ev := range evs {
		select {
		case events <- ev:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// lineSplitter cuts a byte stream into lines: CR, LF or both end a line,
// empty lines are dropped.
type lineSplitter struct {
	line []byte
}

func (l *lineSplitter) split(b []byte) []string {
	var lines []string
	for _, c := range b {
		if c == '\r' || c == '\n' || len(l.line) == maxLineLen {
			if len(l.line) > 0 {
				lines = append(lines, string(l.line))
				l.line = l.line[:0]
			}
		}
		if c != '\r' && c != '\n' {
			l.line = append(l.line, c)
		}
	}
	return lines
}

// rest is the unfinished line, if any.
func (l *lineSplitter) rest() string {
	s := string(l.line)
	l.line = l.line[:0]
	return s
}
