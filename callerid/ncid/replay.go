package ncid

import (
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// replayWindow is how many logged calls wait for their END line. A gateway
// logs the END of a call right after it hangs up, with at most the lines of
// calls on other lines in between; a call still waiting when this many newer
// calls have been logged has no END coming.
const replayWindow = 32

// endMatchSlack is how far an END's SCALL may lie from the logged minute of
// its call (the gateway's clock and the logged minute differ by seconds).
const endMatchSlack = 2 * time.Minute

// replay assembles the call log a server sends on connect into complete
// calls: each call's CallerID, then its End with the outcome where the log
// has one, stamped with the logged time (see the package comment for why).
// Calls leave in the order they were logged.
type replay struct {
	dec *Decoder
	// cutoff: calls logged before it are already stored and skipped.
	cutoff time.Time
	queue  []*loggedCall

	sent, skipped, undated int
}

// loggedCall is one call line of the log, and the END that closed it.
type loggedCall struct {
	line Line
	at   time.Time
	end  *Line
	done bool // nothing more will be logged about it
}

func newReplay(dec *Decoder, cutoff time.Time) *replay {
	return &replay{dec: dec, cutoff: cutoff}
}

// feed takes one log line and returns the events of the calls it completed.
func (r *replay) feed(l Line) []callerid.Event {
	switch {
	case callLine(l.Type):
		at, ok := r.dec.loggedTime(l.Fields)
		switch {
		case !ok:
			// Without its time a replayed call would be a new call on
			// every connect: better not stored at all.
			r.undated++
		case at.Before(r.cutoff):
			r.skipped++
		default:
			blocked := l.Type == "HUP" || l.Type == "BLK"
			r.queue = append(r.queue, &loggedCall{line: l, at: at, done: blocked})
		}
	case l.Type == "END":
		if c := r.callOf(l); c != nil {
			c.end, c.done = &l, true
		}
	}
	return r.release(replayWindow)
}

// finish returns the events of every call still waiting: the log is over.
func (r *replay) finish() []callerid.Event { return r.release(0) }

// release sends the oldest calls while they are done or more than keep are
// waiting.
func (r *replay) release(keep int) []callerid.Event {
	var evs []callerid.Event
	for len(r.queue) > 0 && (r.queue[0].done || len(r.queue) > keep) {
		evs = append(evs, r.events(r.queue[0])...)
		r.queue[0] = nil
		r.queue = r.queue[1:]
		r.sent++
	}
	return evs
}

// callOf finds the newest waiting call an END line closes: same phone line,
// same number, same direction, started near the END's SCALL.
func (r *replay) callOf(end Line) *loggedCall {
	f := end.Fields
	line := r.dec.lineLabel(f["LINE"])
	outbound := f["CTYPE"] == "OUT" || f["CTYPE"] == "PUT"
	start, hasStart := r.dec.stamp(f["SCALL"])
	for i := len(r.queue) - 1; i >= 0; i-- {
		c := r.queue[i]
		if c.done || r.dec.lineLabel(c.line.Fields["LINE"]) != line ||
			c.line.Fields["NMBR"] != f["NMBR"] || (c.line.Type == "OUT") != outbound {
			continue
		}
		if hasStart && (c.at.Sub(start) > endMatchSlack || start.Sub(c.at) > endMatchSlack) {
			continue
		}
		return c
	}
	return nil
}

// events is one logged call, start to end.
func (r *replay) events(c *loggedCall) []callerid.Event {
	evs := []callerid.Event{r.dec.callerID(c.line, c.at)}
	if end, ok := r.dec.lineEnd(c.line, c.at); ok && (c.end == nil || end.Outcome != "") {
		// Blocked calls stay blocked whatever a gateway logged later.
		return append(evs, end)
	}
	if c.end == nil {
		// A plain CID line: the log does not say how it ended, so the
		// tracker estimates (no rings were logged: outcome unknown).
		end := callerid.Event{Line: evs[0].Line, Kind: callerid.End, At: c.at, Raw: c.line.Raw}
		return append(evs, end)
	}
	length, _ := r.dec.callDuration(c.end.Fields)
	end := r.dec.callEnd(*c.end, c.at.Add(length))
	end.Outbound = end.Outbound || c.line.Type == "OUT"
	return append(evs, end)
}
