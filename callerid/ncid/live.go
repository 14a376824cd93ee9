package ncid

import (
	"maps"
	"slices"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// live turns the lines of calls happening now into events. A gateway
// reports each hang-up twice — an END line with the talk time and a CIDINFO
// line with a RING code — in an order the API leaves open. The CIDINFO
// verdict is therefore held back until the END arrives (and replaces it) or
// the session lets it go, and a CIDINFO after the END is dropped, so the
// tracker sees one End per call, with the talk time whenever the server
// gave one.
type live struct {
	dec decoder
	// held: per phone line, an End from CIDINFO waiting for its END line.
	held map[string]callerid.Event
	// closed: per phone line, an END already ended the call.
	closed map[string]bool
}

func newLive(dec decoder) *live {
	return &live{dec: dec, held: map[string]callerid.Event{}, closed: map[string]bool{}}
}

// feed returns the events of one live line that happened at at.
func (lv *live) feed(l Line, at time.Time) []callerid.Event {
	switch {
	case callLine(l.Type):
		ev := lv.dec.callerID(l, at)
		evs := append(lv.release(ev.Line), ev)
		delete(lv.closed, ev.Line)
		if end, ok := lv.dec.lineEnd(l, at); ok {
			evs = append(evs, end)
			lv.closed[ev.Line] = true
		}
		return evs
	case l.Type == "CIDINFO":
		return lv.ringInfo(l, at)
	case l.Type == "END":
		ev := lv.dec.callEnd(l, at)
		delete(lv.held, ev.Line)
		lv.closed[ev.Line] = true
		return []callerid.Event{ev}
	}
	return nil
}

func (lv *live) ringInfo(l Line, at time.Time) []callerid.Event {
	line := lv.dec.lineLabel(l.Fields["LINE"])
	ring, ok := ringValue(l.Fields)
	if !ok {
		return nil
	}
	if ring > 0 {
		evs := lv.release(line)
		delete(lv.closed, line)
		return append(evs, callerid.Event{Line: line, Kind: callerid.Ring, At: at, Raw: l.Raw})
	}
	outcome, ok := ringOutcome(ring)
	if !ok || lv.closed[line] {
		return nil
	}
	lv.held[line] = callerid.Event{Line: line, Kind: callerid.End, At: at, Outcome: outcome, Raw: l.Raw}
	return nil
}

// holding reports whether an End waits for its END line.
func (lv *live) holding() bool { return len(lv.held) > 0 }

// releaseAll lets every held End go: no END line is coming for them.
func (lv *live) releaseAll() []callerid.Event {
	var evs []callerid.Event
	for _, line := range slices.Sorted(maps.Keys(lv.held)) {
		evs = append(evs, lv.release(line)...)
	}
	return evs
}

// release lets the held End of one phone line go, before anything newer
// happens on that line.
func (lv *live) release(line string) []callerid.Event {
	ev, ok := lv.held[line]
	if !ok {
		return nil
	}
	delete(lv.held, line)
	lv.closed[line] = true
	return []callerid.Event{ev}
}
