package modem

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/internal/wait"
)

// DefaultIdleFlush is how long a partial caller-ID block waits for more lines.
// A modem prints a whole block in well under this; a block still short after
// it (no NAME on a number-only service) is complete as it is.
const DefaultIdleFlush = 300 * time.Millisecond

// Driver listens to one modem on an open port.
type Driver struct {
	// Line names the phone line in every event, e.g. "modem:/dev/ttyACM0".
	Line string
	// InitOptions are the optional parts of the set-up (country,
	// distinctive ring, extension pick-up, unformatted caller ID). They are
	// sent every time Run starts, so a modem that was unplugged, reset or
	// power-cycled gets them again.
	InitOptions
	// InitTimeout is how long each set-up command waits (DefaultInitTimeout if 0).
	InitTimeout time.Duration
	// IdleFlush is how long a partial caller-ID block waits for more lines
	// (DefaultIdleFlush if 0).
	IdleFlush time.Duration
	// BurstGap is the shortest silence between two ring bursts of a
	// distinctive-ring cadence (DefaultBurstGap if 0); see Parser.
	BurstGap time.Duration
	// Now stamps events; nil means time.Now.
	Now func() time.Time
	// Log receives set-up transcripts and every modem line; nil logs nothing.
	Log *slog.Logger
	// Ready, if set, is called once the modem accepted the set-up and the
	// driver starts listening.
	Ready func(InitResult)
	// HangUp, when it delivers, rejects the call ringing now: the modem
	// takes the line off hook and puts it back (the caller hears the line
	// drop), and the call ends as blocked. Used for callers flagged as spam.
	HangUp <-chan struct{}
}

// hangUpHold is how long the modem holds the line before hanging up: long
// enough for the exchange to connect the call, so that it really ends.
const hangUpHold = 1500 * time.Millisecond

// Run listens on an open, initialised-or-not port until ctx is done or the
// port fails. It calls Init itself, then sends events. Run owns the port: it
// closes it before returning (closing is also how it wakes a blocked Read, so
// Close may be called twice and must make a pending Read return), and no
// goroutine of its own outlives it.
//
// On ctx done it returns ctx.Err(). When the port fails it returns a
// *DeviceError of kind DeviceDisconnected; when the set-up fails, one of kind
// DeviceNoResponse or DeviceUnsupported.
func (d *Driver) Run(ctx context.Context, port io.ReadWriteCloser, events chan<- callerid.Event) error {
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lines := startLineReader(port)
	stopCloser := context.AfterFunc(ctx, func() { port.Close() })
	defer func() {
		stopCloser()
		lines.stop()
		port.Close()
		<-lines.done
	}()

	var early []string // lines that came during set-up, such as a RING
	res, err := initModem(ctx, port, lines, d.InitTimeout, d.InitOptions, func(line string) { early = append(early, line) })
	for _, l := range res.Transcript {
		log.Debug("modem set-up", "line", d.Line, "said", l)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		log.Warn("modem set-up failed", "line", d.Line, "err", err)
		return Classify("", err)
	}
	log.Info("modem listening", "line", d.Line, "callerid", res.CallerIDCommand, "extras", res.Accepted)
	if d.Ready != nil {
		d.Ready(res)
	}

	l := listener{
		parser:    Parser{Line: d.Line, Now: d.Now, BurstGap: d.BurstGap},
		port:      port,
		hangUp:    d.HangUp,
		events:    events,
		log:       log,
		idleFlush: wait.Or(d.IdleFlush, DefaultIdleFlush),
		burstGap:  wait.Or(d.BurstGap, DefaultBurstGap),
	}
	return l.listen(ctx, lines, early)
}

// listener feeds modem lines to the parser and passes the events on.
type listener struct {
	parser              Parser
	port                io.Writer
	hangUp              <-chan struct{}
	hold                *time.Timer // the line is off hook to reject a call
	events              chan<- callerid.Event
	log                 *slog.Logger
	idleFlush, burstGap time.Duration

	// idle ends a partial caller-ID block; burst ends a ring burst whose
	// silence has lasted BurstGap without the DROF that would continue it.
	idle, burst *time.Timer
}

// listen handles the lines heard during set-up, then the port's, until ctx
// is done or the port fails.
func (l *listener) listen(ctx context.Context, lines *lineReader, early []string) error {
	l.idle = stoppedTimer()
	l.burst = stoppedTimer()
	l.hold = stoppedTimer()
	defer l.idle.Stop()
	defer l.burst.Stop()
	defer l.hold.Stop()
	for _, line := range early {
		if err := l.feed(ctx, line); err != nil {
			return err
		}
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case line, ok := <-lines.lines:
			if !ok {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				// The modem went away mid-block: the call still happened.
				if err := l.send(ctx, l.parser.Flush()); err != nil {
					return err
				}
				return &DeviceError{Kind: callerid.DeviceDisconnected, Err: lines.failure()}
			}
			if err := l.feed(ctx, line); err != nil {
				return err
			}
		case <-l.idle.C:
			if err := l.send(ctx, l.parser.flushBlock()); err != nil {
				return err
			}
		case <-l.burst.C:
			if err := l.send(ctx, l.parser.endBurst()); err != nil {
				return err
			}
		case <-l.hangUp:
			l.log.Info("rejecting the call", "line", l.parser.Line)
			if _, err := io.WriteString(l.port, "ATH1\r"); err != nil {
				l.log.Warn("could not take the line off hook", "line", l.parser.Line, "err", err)
				continue
			}
			l.hold.Reset(hangUpHold)
		case <-l.hold.C:
			if _, err := io.WriteString(l.port, "ATH0\r"); err != nil {
				l.log.Warn("could not hang up", "line", l.parser.Line, "err", err)
			}
			end := callerid.Event{Line: l.parser.Line, Kind: callerid.End, At: l.parser.now(),
				Outcome: callerid.OutcomeBlocked, Raw: "ATH1/ATH0: rejected"}
			if err := l.send(ctx, []callerid.Event{end}); err != nil {
				return err
			}
		}
	}
}

func (l *listener) feed(ctx context.Context, line string) error {
	l.log.Debug("modem line", "line", l.parser.Line, "text", line)
	bad := l.parser.BadChecksums()
	evs := l.parser.Feed(line)
	if l.parser.BadChecksums() > bad {
		l.log.Warn("caller ID packet failed its checksum: dropped", "line", l.parser.Line, "text", line,
			"bad_checksums", l.parser.BadChecksums())
	}
	if l.parser.Pending() {
		l.idle.Reset(l.idleFlush)
	} else {
		l.idle.Stop()
	}
	switch started, going := l.parser.takeSilence(); {
	case started:
		l.burst.Reset(l.burstGap)
	case !going:
		l.burst.Stop()
	}
	return l.send(ctx, evs)
}

func (l *listener) send(ctx context.Context, evs []callerid.Event) error {
	for _, ev := range evs {
		select {
		case l.events <- ev:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func stoppedTimer() *time.Timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}
