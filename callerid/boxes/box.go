package boxes

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Box reads one NetCallerID or TCI unit. These units print a record per call
// and say nothing else, so every record becomes one CallerID event; the
// tracker ends the call after its ring gap.
type Box struct {
	// Format is FormatNetCallerID or FormatTCI; "" (or "auto") recognises
	// each record by itself, for a unit whose format is not known.
	Format string
	// Name names the unit in every event's Line: "<Name>" for NetCallerID,
	// "<Name>/<line>" for TCI, whose units number their lines. It defaults
	// to the format's name.
	Name string
	// Now stamps events; nil means time.Now.
	Now func() time.Time
	// Log receives every record and what became of it; nil logs nothing.
	Log *slog.Logger
}

// readSize is one read's worth: a few records at most at 4800 or 9600 baud.
const readSize = 512

// Run reads the unit's output from r and sends an event for every call until
// ctx is done or reading fails. Voicemail notices and anything that is not a
// whole record are logged and skipped.
//
// If r is also an io.Closer, Run closes it when ctx is done: that is how a
// blocked Read is cut short. Otherwise r's Read must return now and then (a
// serial port with a read timeout does). A Read that returns nothing and no
// error means the line went quiet, and a record still waiting for its end is
// taken as it is.
//
// Run returns ctx.Err() when ctx is done, the error that ended reading
// otherwise (io.EOF when the stream ended), or at once an error for an
// unknown Format. It starts no goroutine.
func (b *Box) Run(ctx context.Context, r io.Reader, events chan<- callerid.Event) error {
	parse, err := parserFor(b.Format)
	if err != nil {
		return err
	}
	log := b.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if c, ok := r.(io.Closer); ok {
		stop := context.AfterFunc(ctx, func() { c.Close() })
		defer stop()
	}

	var f framer
	buf := make([]byte, readSize)
	var records []string
	for {
		n, readErr := r.Read(buf)
		records = f.feed(buf[:n], records[:0])
		if n == 0 || readErr != nil {
			records = f.flush(records)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		for _, text := range records {
			if err := b.take(ctx, parse, text, events, log); err != nil {
				return err
			}
		}
		if readErr != nil {
			return readErr
		}
	}
}

// take handles one record: a call becomes an event, the rest is logged.
func (b *Box) take(ctx context.Context, parse func(string) (Record, bool), text string, events chan<- callerid.Event, log *slog.Logger) error {
	rec, ok := parse(text)
	if !ok {
		log.Debug("caller-ID box sent something that is not a call record", "box", b.name(), "text", text)
		return nil
	}
	ev, isCall := rec.Event(b.name(), b.now())
	if !isCall {
		log.Info("caller-ID box reported a voicemail notice, not a call", "box", b.name(), "text", text)
		return nil
	}
	log.Info("caller-ID box reported a call", "line", ev.Line, "number", ev.Number, "name", ev.Name)
	select {
	case events <- ev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// parserFor picks the record parser for a format.
func parserFor(format string) (func(string) (Record, bool), error) {
	switch format {
	case FormatNetCallerID:
		return ParseNetCallerID, nil
	case FormatTCI:
		return ParseTCI, nil
	case "", "auto":
		return parseAny, nil
	}
	return nil, fmt.Errorf("caller-ID box format %q: want %q or %q", format, FormatNetCallerID, FormatTCI)
}

// parseAny reads a record in whichever format it is in.
func parseAny(s string) (Record, bool) {
	switch Detect(s) {
	case FormatNetCallerID:
		return ParseNetCallerID(s)
	case FormatTCI:
		return ParseTCI(s)
	}
	return Record{}, false
}

func (b *Box) name() string {
	switch {
	case b.Name != "":
		return b.Name
	case b.Format == FormatNetCallerID || b.Format == FormatTCI:
		return b.Format
	}
	return "callerid-box"
}

func (b *Box) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}
