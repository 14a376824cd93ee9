package whozz

import (
	"fmt"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// DefaultUnit names a unit's lines when the shop has not: "whozz/01".
const DefaultUnit = "whozz"

// Assembler turns one unit's records into callerid.Events, line by line,
// following the unit's own account of each call: R rings, an S record with
// the caller ID, F/N as the phone is picked up and put down, and an E
// record that closes the call with its outcome. It is not safe for
// concurrent use; the driver of the unit owns it.
type Assembler struct {
	// Unit prefixes each line's label: Unit + "/01" (DefaultUnit if empty).
	Unit string
	// Now stamps events with the PC clock at receipt; nil means time.Now.
	// The unit's own clock stays in TelcoDate/TelcoTime.
	Now func() time.Time
	// DistinctiveRing: the lines have distinctive ring service, so ring
	// type A is a pattern of its own. Without it only B–D (which exist only
	// with the service) are reported as the ring pattern.
	DistinctiveRing bool
	// Basic: the unit is a Basic model, which cannot see the hook; its end
	// records (duration always 0) then say nothing about the outcome, and
	// the tracker estimates it from the rings.
	Basic bool

	lines map[int]*lineState
}

// staleRinging is how long a ringing line may stay silent before a new
// ring is taken as a new call whose predecessor's end record was lost (UDP
// drops packets). Rings come every 6 s in North America, 3 s in the UK.
const staleRinging = 15 * time.Second

// lineState is what the assembler knows about one line of the unit.
type lineState struct {
	// inCall: a ring or start record has opened a call not yet ended.
	inCall bool
	// announced: the call's CallerID event has gone out.
	announced bool
	// pickedUp: an F came since the call began (wc2ncid's rule for BYE).
	pickedUp bool
	// offHook: the line is off-hook now (F without N since); an outbound
	// call begins off-hook.
	offHook  bool
	outbound bool
	rings    int
	// lastHeard is the PC time of the call's last ring or start record.
	lastHeard time.Time
	start     callKey
	// ended is the last call closed, so that a repeat of its end record
	// (C after E, E after B) does not make a call of its own.
	ended callKey
}

// callKey tells one call's records from another's on the same line: an
// end record repeats the start record's date, time and number.
type callKey struct {
	inbound                  bool
	month, day, hour, minute int
	number                   string
	set                      bool // a fresh line has ended no call yet
}

func keyOf(r Record) callKey {
	return callKey{r.Inbound, r.Month, r.Day, r.Hour, r.Minute, r.Number, true}
}

// Label is the Event.Line of one of the unit's lines.
func (a *Assembler) Label(line int) string {
	return fmt.Sprintf("%s/%02d", a.name(), line)
}

func (a *Assembler) name() string {
	if a.Unit == "" {
		return DefaultUnit
	}
	return a.Unit
}

// Feed takes one record and returns the events it means, in order. Records
// replayed from the unit's memory are history, not calls happening now, and
// give none.
func (a *Assembler) Feed(r Record) []callerid.Event {
	if r.Format == FromMemory {
		return nil
	}
	if a.lines == nil {
		a.lines = map[int]*lineState{}
	}
	st := a.lines[r.Line]
	if st == nil {
		st = &lineState{}
		a.lines[r.Line] = st
	}
	now := time.Now
	if a.Now != nil {
		now = a.Now
	}
	// Every call gets an end record from the unit, so the tracker must wait
	// for it instead of ending the call when the rings stop.
	ev := callerid.Event{Line: a.Label(r.Line), At: now(), Raw: r.Raw, SeesHook: true}
	switch r.Kind {
	case Detail:
		return a.detail(st, r, ev)
	case CallStart:
		return a.start(st, r, ev)
	case CallEnd, CallBlocked, Accounting:
		return a.end(st, r, ev)
	}
	return nil
}

func (a *Assembler) detail(st *lineState, r Record, ev callerid.Event) []callerid.Event {
	var evs []callerid.Event
	switch r.Detail {
	case DetailRing:
		if st.inCall && st.lost(ev.At) {
			evs = append(evs, st.closeLost(ev)...)
		}
		if !st.inCall {
			st.open(ev.At, false)
		}
		st.rings++
		st.lastHeard = ev.At
		ev.Kind = callerid.Ring
	case DetailOffHook:
		st.offHook = true
		if st.inCall {
			st.pickedUp = true
		}
		ev.Kind = callerid.OffHook
	case DetailOnHook:
		st.offHook = false
		ev.Kind = callerid.OnHook
	default:
		// A hook flash (call waiting, transfer) changes nothing the
		// tracker keeps.
		return nil
	}
	return append(evs, ev)
}

func (a *Assembler) start(st *lineState, r Record, ev callerid.Event) []callerid.Event {
	key := keyOf(r)
	if st.inCall && st.announced && key == st.start && ev.At.Sub(st.lastHeard) <= staleRinging {
		// The same start record again. Much later it is the same caller
		// calling back within the minute on a unit that sends no end
		// records (limited and TCI formats).
		return nil
	}
	var evs []callerid.Event
	if st.inCall && st.announced {
		// A second caller ID on the line: the previous call's end record
		// never came.
		evs = st.closeLost(ev)
	}
	if !st.inCall {
		st.open(ev.At, !r.Inbound)
	}
	st.start, st.announced, st.lastHeard = key, true, ev.At
	return append(evs, a.callerID(r, ev))
}

// end closes the line's call with what the end record says. An end record
// on a line whose call has been announced belongs to that call: a unit
// handles one call per line at a time.
func (a *Assembler) end(st *lineState, r Record, ev callerid.Event) []callerid.Event {
	key := keyOf(r)
	if !st.inCall && key == st.ended {
		return nil
	}
	var evs []callerid.Event
	if !st.announced {
		// Start records are off, or the start was lost: the end record
		// carries the caller too, so the call is still complete.
		if !st.inCall {
			st.open(ev.At, !r.Inbound)
		}
		evs = append(evs, a.callerID(r, ev))
	}
	ev.Kind = callerid.End
	ev.Outbound = !r.Inbound
	ev.RingPattern = a.ringPattern(r)
	ev.Rings = max(r.Rings, st.rings)
	ev.Talk = r.Duration
	ev.Outcome = a.outcome(st, r)
	st.close()
	st.ended = key
	return append(evs, ev)
}

// open begins a call on the line. An outbound call begins with the phone
// already off the hook.
func (st *lineState) open(at time.Time, outbound bool) {
	st.inCall, st.announced, st.rings, st.lastHeard = true, false, 0, at
	st.outbound = outbound
	st.pickedUp = outbound && st.offHook
}

func (st *lineState) close() {
	st.inCall, st.announced, st.pickedUp, st.rings = false, false, false, 0
}

// lost reports whether a ring at now must belong to a new call: the line's
// call was answered and hung up, or has been silent too long to be ringing
// still. Either way its end record went missing.
func (st *lineState) lost(now time.Time) bool {
	if st.offHook {
		return false
	}
	return st.pickedUp || now.Sub(st.lastHeard) > staleRinging
}

// closeLost ends the line's call whose end record never came, saying no
// more than is known. A call that only rang needs no End: the tracker has
// long ended it by its own ring gap.
func (st *lineState) closeLost(ev callerid.Event) []callerid.Event {
	announced, pickedUp, rings, outbound := st.announced, st.pickedUp, st.rings, st.outbound
	st.close()
	if !announced && !pickedUp {
		return nil
	}
	ev.Kind, ev.Rings, ev.Outbound, ev.Raw = callerid.End, rings, outbound, ""
	if pickedUp {
		ev.Outcome = callerid.OutcomeAnswered
	}
	return []callerid.Event{ev}
}

func (a *Assembler) outcome(st *lineState, r Record) callerid.Outcome {
	switch {
	case r.Kind == CallBlocked:
		return callerid.OutcomeBlocked
	case r.Kind == Accounting && r.SIPCode >= 200 && r.SIPCode < 300:
		return callerid.OutcomeAnswered
	case st.pickedUp || r.Duration > 0:
		return callerid.OutcomeAnswered
	case a.Basic || !r.Inbound:
		// A Basic unit cannot see the pick-up; an outbound call that
		// never went off-hook is not the shop's missed call.
		return ""
	}
	return callerid.OutcomeMissed
}

func (a *Assembler) callerID(r Record, ev callerid.Event) callerid.Event {
	ev.Kind = callerid.CallerID
	ev.Outbound = !r.Inbound
	ev.RingPattern = a.ringPattern(r)
	ev.TelcoDate = fmt.Sprintf("%02d%02d", r.Month, r.Day)
	ev.TelcoTime = fmt.Sprintf("%02d%02d", r.Hour, r.Minute)
	if r.ChecksumGood {
		// A bad checksum may have garbled the number: better no caller
		// than the wrong one. Raw keeps what the unit printed.
		ev.Number, ev.Name = r.Number, r.Name
	}
	return ev
}

// ringPattern is the distinctive-ring letter where it means something. A
// start record says "A0" before the unit has counted a ring, so A counts
// only once rings have been heard on a line known to have the service.
func (a *Assembler) ringPattern(r Record) string {
	switch r.RingType {
	case "B", "C", "D":
		return r.RingType
	case "A":
		if a.DistinctiveRing && r.Rings > 0 {
			return "A"
		}
	}
	return ""
}
