package ncid

import (
	"maps"
	"slices"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Feed returns the events of one line that arrived at at: nothing for lines
// that are not about a call (start-up, MSG:, OPT:, forwarded "+" lines,
// types NCID adds later).
func (d *Decoder) Feed(l Line, at time.Time) []callerid.Event {
	if d.held == nil {
		d.held, d.closed = map[string]callerid.Event{}, map[string]bool{}
	}
	switch {
	case callLine(l.Type):
		ev := d.callerID(l, at)
		evs := append(d.release(ev.Line), ev)
		delete(d.closed, ev.Line)
		if end, ok := d.lineEnd(l, at); ok {
			evs = append(evs, end)
			d.closed[ev.Line] = true
		}
		return evs
	case l.Type == "CIDINFO":
		return d.ringInfo(l, at)
	case l.Type == "END":
		ev := d.callEnd(l, at)
		delete(d.held, ev.Line)
		d.closed[ev.Line] = true
		return []callerid.Event{ev}
	}
	return nil
}

func (d *Decoder) ringInfo(l Line, at time.Time) []callerid.Event {
	line := d.lineLabel(l.Fields["LINE"])
	ring, ok := ringValue(l.Fields)
	if !ok {
		return nil
	}
	if ring > 0 {
		evs := d.release(line)
		delete(d.closed, line)
		return append(evs, callerid.Event{Line: line, Kind: callerid.Ring, At: at, Raw: l.Raw})
	}
	outcome, ok := ringOutcome(ring)
	if !ok || d.closed[line] {
		return nil
	}
	d.held[line] = callerid.Event{Line: line, Kind: callerid.End, At: at, Outcome: outcome, Raw: l.Raw}
	return nil
}

// holding reports whether an End waits for its END line.
func (d *Decoder) holding() bool { return len(d.held) > 0 }

// Flush lets every held End go, in the order of their line labels: no END
// line is coming for them (the wait is over, or the input is).
func (d *Decoder) Flush() []callerid.Event {
	var evs []callerid.Event
	for _, line := range slices.Sorted(maps.Keys(d.held)) {
		evs = append(evs, d.release(line)...)
	}
	return evs
}

// release lets the held End of one phone line go, before anything newer
// happens on that line.
func (d *Decoder) release(line string) []callerid.Event {
	ev, ok := d.held[line]
	if !ok {
		return nil
	}
	delete(d.held, line)
	d.closed[line] = true
	return []callerid.Event{ev}
}
