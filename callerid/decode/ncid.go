package decode

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/ncid"
)

// The NCID package keeps its line-to-event decoder to itself, so the same
// mapping is written out here for transcripts, on ncid.ParseLine:
//
//   - CID: is the caller ID of a call; HUP: and BLK: are that and an End,
//     blocked; OUT: is the caller ID of a call the shop made, and an End;
//   - CIDINFO: RING n>0 is a ring; -1 and -3 (busy) end the call missed,
//     -2 answered; 0 and -4 say nothing about the outcome;
//   - END: HTYPE BYE ends the call answered, with the talk time ECALL−SCALL
//     and SCALL as the pick-up; CANCEL ends it missed;
//   - the call-log replay (CIDLOG:, ENDLOG:, …) reads the same.
//
// A gateway reports one hang-up twice, as END and as CIDINFO, in either
// order. The CIDINFO verdict waits for the END, which has the talk time and
// replaces it; a CIDINFO after the END is dropped.

// ncidDevice names the server in line labels: "ncid" or "ncid/<LINE>".
const ncidDevice = "ncid"

// ncidCalls is what the NCID mapping remembers per phone line.
type ncidCalls struct {
	// held: a CIDINFO verdict waiting for its END line.
	held map[string]callerid.Event
	// closed: an END ended the line's call; a late CIDINFO is the same news.
	closed map[string]bool
}

// readNCIDCall takes an NCID call line in auto mode (see FormatAuto).
func (d *decoder) readNCIDCall(line string) bool {
	l, ok := ncid.ParseLine(line)
	if !ok || !ncidCallType(l.Type) {
		return false
	}
	d.takeNCID(l)
	return true
}

// readAnyNCID takes every line an NCID server sends; those not about a call
// (start-up, OPT:, MSG:, forwarded "+" lines) give nothing.
func (d *decoder) readAnyNCID(line string) bool {
	l, ok := ncid.ParseLine(line)
	if !ok {
		return false
	}
	d.takeNCID(l)
	return true
}

func ncidCallType(t string) bool {
	switch t {
	case "CID", "HUP", "BLK", "OUT", "END", "CIDINFO":
		return true
	}
	return false
}

func (d *decoder) takeNCID(l ncid.Line) {
	ring, hasRing := ncidRing(l)
	d.tick(l.Type == "CIDINFO" && hasRing && ring > 0)
	d.flushModem()
	line := ncidLine(l.Fields["LINE"])
	switch l.Type {
	case "CID", "HUP", "BLK", "OUT":
		d.feed(d.ncid.release(line)...)
		delete(d.ncid.closed, line)
		d.feed(ncidCallerID(l, line, d.now))
		if end, ok := ncidLineEnd(l, line, d.now); ok {
			d.ncid.close(line)
			d.feed(end)
		}
	case "CIDINFO":
		switch {
		case !hasRing:
		case ring > 0:
			d.feed(d.ncid.release(line)...)
			delete(d.ncid.closed, line)
			d.feed(callerid.Event{Line: line, Kind: callerid.Ring, At: d.now, Raw: l.Raw})
		default:
			if outcome, ok := ncidRingOutcome(ring); ok && !d.ncid.closed[line] {
				d.ncid.hold(callerid.Event{Line: line, Kind: callerid.End, At: d.now, Outcome: outcome, Raw: l.Raw})
			}
		}
	case "END":
		delete(d.ncid.held, line)
		d.ncid.close(line)
		ev, answeredAt := ncidEnd(l, line, d.now, d.opts.Location)
		d.handle(ev, answeredAt)
	}
}

func (c *ncidCalls) hold(ev callerid.Event) {
	if c.held == nil {
		c.held = map[string]callerid.Event{}
	}
	c.held[ev.Line] = ev
}

func (c *ncidCalls) close(line string) {
	if c.closed == nil {
		c.closed = map[string]bool{}
	}
	c.closed[line] = true
}

// release lets a line's held verdict go before anything newer happens on
// that line: no END is coming for it.
func (c *ncidCalls) release(line string) []callerid.Event {
	ev, ok := c.held[line]
	if !ok {
		return nil
	}
	delete(c.held, line)
	c.close(line)
	return []callerid.Event{ev}
}

// releaseAll lets every held verdict go: the transcript is over.
func (c *ncidCalls) releaseAll() []callerid.Event {
	var evs []callerid.Event
	for _, line := range slices.Sorted(maps.Keys(c.held)) {
		evs = append(evs, c.release(line)...)
	}
	return evs
}

// ncidLine names the phone line of an NCID line id; "-" and NO-LINE mean
// the server's default line.
func ncidLine(id string) string {
	switch id {
	case "", "-", "NO-LINE":
		return ncidDevice
	}
	return ncidDevice + "/" + id
}

func ncidCallerID(l ncid.Line, line string, at time.Time) callerid.Event {
	f := l.Fields
	date := f["DATE"]
	if len(date) == 8 {
		date = date[:4] // the telco's MMDD; ncidd appended the year
	}
	name := f["NAME"]
	if name == "-" || name == "NO NAME" { // NCID's "no name to show"
		name = ""
	}
	return callerid.Event{
		Line:      line,
		Kind:      callerid.CallerID,
		At:        at,
		Number:    f["NMBR"],
		Name:      name,
		TelcoDate: date,
		TelcoTime: f["TIME"],
		Outbound:  l.Type == "OUT",
		Raw:       l.Raw,
	}
}

// ncidLineEnd is the End a call line implies by itself: a blocked call is
// over when announced, and NCID reports an outgoing call once, when dialled.
func ncidLineEnd(l ncid.Line, line string, at time.Time) (callerid.Event, bool) {
	ev := callerid.Event{Line: line, Kind: callerid.End, At: at, Raw: l.Raw}
	switch l.Type {
	case "HUP", "BLK":
		ev.Outcome = callerid.OutcomeBlocked
	case "OUT":
		ev.Outbound = true
	default:
		return callerid.Event{}, false
	}
	return ev, true
}

// ncidEnd is the End of an END line, and SCALL as the pick-up of an
// answered call.
func ncidEnd(l ncid.Line, line string, at time.Time, loc *time.Location) (callerid.Event, time.Time) {
	f := l.Fields
	ev := callerid.Event{
		Line:     line,
		Kind:     callerid.End,
		At:       at,
		Outbound: f["CTYPE"] == "OUT" || f["CTYPE"] == "PUT",
		Raw:      l.Raw,
	}
	var answeredAt time.Time
	switch strings.ToUpper(f["HTYPE"]) {
	case "BYE":
		ev.Outcome = callerid.OutcomeAnswered
		start, ok1 := ncidStamp(f["SCALL"], loc)
		end, ok2 := ncidStamp(f["ECALL"], loc)
		if ok1 {
			answeredAt = start
		}
		if ok1 && ok2 && !end.Before(start) {
			ev.Talk = end.Sub(start)
		}
	case "CANCEL":
		ev.Outcome = callerid.OutcomeMissed
	}
	return ev, answeredAt
}

// ncidStamp reads SCALL and ECALL, always mm/dd/yyyy hh:mm:ss.
func ncidStamp(s string, loc *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation("01/02/2006 15:04:05", s, loc)
	return t, err == nil
}

func ncidRing(l ncid.Line) (int, bool) {
	n, err := strconv.Atoi(l.Fields["RING"])
	return n, err == nil
}

// ncidRingOutcome reads the hang-up codes gateways put in CIDINFO's RING.
func ncidRingOutcome(ring int) (callerid.Outcome, bool) {
	switch ring {
	case -1, -3:
		return callerid.OutcomeMissed, true
	case -2:
		return callerid.OutcomeAnswered, true
	}
	return "", false
}
