package ncid

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/internal/devstatus"
	"github.com/callboard-app/callboard/callerid/internal/wait"
)

// helloIdent tells the server who connected (shown in ncidd's log).
const helloIdent = "HELLO: IDENT: client callboard\n"

// session is one connection: dial, greeting, optional log replay, then live
// lines until the connection or ctx ends.
type session struct {
	c      *Client
	addr   string
	device string
	events chan<- callerid.Event
	rep    *devstatus.Reporter
	log    *slog.Logger

	conn   net.Conn
	live   *Decoder
	replay *replay // the call log being replayed, if any

	greetBy   time.Time // a server that has not greeted by then is not NCID
	greeted   bool
	started   bool      // the server finished its start-up: a good connection
	holdUntil time.Time // when held hang-ups stop waiting for their END
}

func (s *session) run(ctx context.Context) error {
	conn, err := s.c.dial(ctx, s.addr)
	if err != nil {
		return &dialError{err}
	}
	s.conn = conn
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer func() {
		stop()
		conn.Close()
	}()
	s.live = s.decoder()
	s.greetBy = time.Now().Add(wait.Or(s.c.GreetTimeout, DefaultGreetTimeout))
	s.log.Info("connected to NCID server", "server", s.addr)

	lines := newLineReader(conn)
	for {
		if err := conn.SetReadDeadline(s.deadline()); err != nil {
			return s.lost(ctx, err)
		}
		text, err := lines.next()
		switch {
		case isTimeout(err) && !s.greeted:
			return errNotNCID
		case isTimeout(err):
			s.holdUntil = time.Time{}
			if err := s.send(ctx, s.live.Flush()); err != nil {
				return err
			}
		case err != nil:
			return s.lost(ctx, err)
		default:
			if err := s.handle(ctx, text); err != nil {
				return err
			}
		}
	}
}

func (s *session) decoder() *Decoder {
	return &Decoder{Device: s.device, DayFirst: s.c.DayFirst}
}

// deadline is when the next read must give up: the greeting is due, or a
// held hang-up has waited long enough. Zero means wait for ever (TCP
// keep-alive notices a server that vanished).
func (s *session) deadline() time.Time {
	if !s.greeted {
		return s.greetBy
	}
	return s.holdUntil
}

// lost ends the session after the connection failed. What the server
// already reported still counts.
func (s *session) lost(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if !s.greeted {
		return errNotNCID
	}
	// A log cut short still lists real calls: keep them, without the END
	// lines that did not come (the next replay skips them as sent).
	if err := s.endReplay(ctx); err != nil {
		return err
	}
	if err := s.send(ctx, s.live.Flush()); err != nil {
		return err
	}
	return &lostError{err}
}

func (s *session) handle(ctx context.Context, text string) error {
	s.log.Debug("NCID line", "server", s.addr, "text", text)
	l, ok := ParseLine(text)
	if !s.greeted {
		return s.greeting(l, ok)
	}
	if !ok {
		return nil
	}
	switch {
	case l.Type == "210":
		return s.hello()
	case l.Log:
		if !s.c.Replay {
			return nil
		}
		if s.replay == nil {
			s.replay = newReplay(s.decoder(), s.c.replayCutoff())
		}
		return s.send(ctx, s.replay.feed(l))
	case l.Type == "250", l.Type == "251", l.Type == "252", l.Type == "253", l.Type == "300":
		if err := s.endReplay(ctx); err != nil {
			return err
		}
		if l.Type == "300" && !s.started {
			s.started = true
			s.log.Info("NCID server start-up done", "server", s.addr)
		}
		return nil
	}
	if !callLine(l.Type) && l.Type != "CIDINFO" && l.Type != "END" {
		return nil // messages, options, forwarded lines, types NCID adds later
	}
	err := s.send(ctx, s.live.Feed(l, s.c.now()))
	if s.live.holding() && s.holdUntil.IsZero() {
		s.holdUntil = time.Now().Add(wait.Or(s.c.EndHold, DefaultEndHold))
	}
	return err
}

// greeting checks the first line: an NCID server says "200 Server: …".
func (s *session) greeting(l Line, ok bool) error {
	switch {
	case !ok && l.Raw == "":
		return nil
	case !ok || l.Type != "200":
		return errNotNCID
	}
	s.greeted = true
	version := l.Text
	if r := []rune(version); len(r) > 60 {
		version = string(r[:60]) + "…"
	}
	s.rep.Report(callerid.DeviceStatus{
		State:  callerid.DeviceListening,
		Detail: fmt.Sprintf("Listening for calls from the NCID server at %s (%s).", s.addr, version),
	})
	return nil
}

// hello answers the server's API line, the one moment NCID listens to a
// client's wishes: who we are, and whether we want the call log.
func (s *session) hello() error {
	msg := helloIdent
	if !s.c.Replay {
		msg += "HELLO: CMD: no_log\n"
	}
	if err := s.conn.SetWriteDeadline(time.Now().Add(wait.Or(s.c.GreetTimeout, DefaultGreetTimeout))); err != nil {
		return &lostError{err}
	}
	if _, err := s.conn.Write([]byte(msg)); err != nil {
		return &lostError{err}
	}
	return nil
}

func (s *session) endReplay(ctx context.Context) error {
	if s.replay == nil {
		return nil
	}
	r := s.replay
	s.replay = nil
	err := s.send(ctx, r.finish())
	s.log.Info("NCID call log replayed", "server", s.addr,
		"calls", r.sent, "already_stored", r.skipped, "without_date", r.undated)
	return err
}

// send passes events on, remembering the newest call for the next replay.
func (s *session) send(ctx context.Context, evs []callerid.Event) error {
	for _, ev := range evs {
		if ev.Kind == callerid.CallerID && ev.At.After(s.c.newest) {
			s.c.newest = ev.At
		}
		select {
		case s.events <- ev:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
