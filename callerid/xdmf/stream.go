package xdmf

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Stream listens to a caller-ID box that sends raw packets over a serial
// line (CTI Comet USB, GaneData, Holtek HT9032D modules, BT decoders; 1200
// baud 8N1 for most). Such a box sends no RINGs: one caller-ID packet is one
// call.
type Stream struct {
	// Line names the phone line in every event, e.g. "xdmf:/dev/ttyUSB0".
	Line string
	// Now stamps events; nil means time.Now.
	Now func() time.Time
	// Log receives each packet and each bad checksum; nil logs nothing.
	Log *slog.Logger

	bad atomic.Int64
}

// BadChecksums is how many garbled packets Run has seen so far. Safe to call
// while Run runs, e.g. from a status screen.
func (d *Stream) BadChecksums() int { return int(d.bad.Load()) }

// Run reads r until ctx is done or a read fails, sending one CallerID event
// per caller-ID packet; message-waiting and other packets are only logged.
// It is the one goroutine for its device.
//
// If r is also an io.Closer, Run owns it: it closes r when ctx is done,
// which is what wakes a Read blocked on a quiet serial port, and before it
// returns. Otherwise Run notices ctx only between reads.
//
// Run returns ctx.Err() when ctx ends it, or the read error (io.EOF when the
// device went away).
func (d *Stream) Run(ctx context.Context, r io.Reader, events chan<- callerid.Event) error {
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if c, ok := r.(io.Closer); ok {
		stop := context.AfterFunc(ctx, func() { c.Close() })
		defer func() {
			stop()
			c.Close()
		}()
	}
	scanner := NewScanner()
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		before := scanner.BadChecksums()
		for _, m := range scanner.Feed(buf[:n]) {
			if err := d.deliver(ctx, log, m, events); err != nil {
				return err
			}
		}
		if bad := scanner.BadChecksums() - before; bad > 0 {
			total := d.bad.Add(int64(bad))
			log.Warn("caller-ID packet with a bad checksum dropped", "line", d.Line, "bad_total", total)
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				log.Warn("caller-ID box closed the stream", "line", d.Line)
			}
			return err
		}
	}
}

func (d *Stream) deliver(ctx context.Context, log *slog.Logger, m Message, events chan<- callerid.Event) error {
	ev, ok := m.Event(d.Line, d.now())
	if !ok {
		log.Info("caller-ID box message, not a call", "line", d.Line, "raw", hexPacket(m.Packet), "waiting", waitingWord(m.MessageWaiting))
		return nil
	}
	log.Info("caller-ID packet", "line", d.Line, "raw", ev.Raw)
	select {
	case events <- ev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (d *Stream) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func waitingWord(w *bool) string {
	switch {
	case w == nil:
		return "unknown"
	case *w:
		return "on"
	}
	return "off"
}
