package decode

import (
	"encoding/json"
	"io"
	"math"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Record is one decoded call. Field names are part of the command-line
// interface: scripts read them.
type Record struct {
	Line      string `json:"line"`
	Number    string `json:"number"`
	NumberRaw string `json:"number_raw"`
	Name      string `json:"name"`
	Place     string `json:"place,omitempty"`
	Rings     int    `json:"rings"`
	Outcome   string `json:"outcome"`
	Exact     bool   `json:"exact"`
	TelcoDate string `json:"telco_date"`
	TelcoTime string `json:"telco_time"`
	Raw       string `json:"raw,omitempty"`
	// RingPattern is the distinctive ring ("A", "2", "5-11-5"), "" for an
	// ordinary ring.
	RingPattern string `json:"ring_pattern"`
	// Direction is "inbound" or "outbound" (a call the shop made).
	Direction string `json:"direction"`
	// AnsweredAt is when the call was picked up (RFC 3339), only where the
	// source stamps it with a full date: never a guess.
	AnsweredAt string `json:"answered_at,omitempty"`
	// DurationS is the talk time in whole seconds, only where the source
	// measured it.
	DurationS int64 `json:"duration_s,omitempty"`
}

// Directions of a call.
const (
	Inbound  = "inbound"
	Outbound = "outbound"
)

// RecordOf is the record of a call tracked on the real clock (a live
// source, not a transcript): its pick-up time and talk time are real.
func RecordOf(c callerid.Call) Record {
	r := baseRecord(c)
	if !c.Answered.IsZero() {
		r.AnsweredAt = c.Answered.Format(time.RFC3339)
		r.DurationS = seconds(c.TalkTime())
	}
	return r
}

// baseRecord is what a call says about itself on any clock.
func baseRecord(c callerid.Call) Record {
	r := Record{
		Line:        c.Line,
		Number:      c.Number.Key(),
		NumberRaw:   c.Number.Raw,
		Name:        c.Name,
		Place:       c.Number.Place(),
		Rings:       c.Rings,
		Outcome:     string(c.Outcome),
		Exact:       c.Exact,
		TelcoDate:   c.TelcoDate,
		TelcoTime:   c.TelcoTime,
		Raw:         c.Raw,
		RingPattern: c.RingPattern,
		Direction:   Inbound,
	}
	if c.Outbound {
		r.Direction = Outbound
	}
	return r
}

func seconds(d time.Duration) int64 { return int64(math.Round(d.Seconds())) }

// notes are what a source said about a call that the virtual clock cannot
// carry: its measured talk time and its own time of the pick-up.
type notes struct {
	talk       time.Duration
	answeredAt time.Time
}

// output writes the calls in the order they ended. A call the tracker ended
// by estimate can still be corrected by a late end record (an NCID OUT line
// is followed by the END with its talk time), so such a call is held until
// the next call on its line ends or the input does; a call with an exact
// outcome is final at once. Calls behind a held one wait, to keep the order.
type output struct {
	enc     *json.Encoder
	loc     *time.Location
	queue   []*endedCall
	last    map[string]*endedCall // per line, its last ended call
	written int
}

type endedCall struct {
	call  callerid.Call
	notes notes
	final bool
}

func newOutput(w io.Writer, loc *time.Location) *output {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &output{enc: enc, loc: loc, last: map[string]*endedCall{}}
}

// ended takes a call the tracker ended, or ended again with a correction.
func (o *output) ended(c callerid.Call, n notes) error {
	e := o.last[c.Line]
	if e != nil && e.call.ID == c.ID {
		e.call = c
		if n.talk > 0 {
			e.notes.talk = n.talk
		}
		if !n.answeredAt.IsZero() {
			e.notes.answeredAt = n.answeredAt
		}
	} else {
		if e != nil {
			e.final = true // the tracker corrects only a line's last call
		}
		e = &endedCall{call: c, notes: n}
		o.queue = append(o.queue, e)
		o.last[c.Line] = e
	}
	e.final = e.final || c.Exact
	return o.drain()
}

// close writes every call still held: the input is over.
func (o *output) close() error {
	for _, e := range o.queue {
		e.final = true
	}
	return o.drain()
}

func (o *output) drain() error {
	for len(o.queue) > 0 && o.queue[0].final {
		e := o.queue[0]
		o.queue[0] = nil
		o.queue = o.queue[1:]
		if err := o.enc.Encode(o.record(e)); err != nil {
			return err
		}
		o.written++
	}
	return nil
}

// record is a transcript call's record: its times are virtual, so only what
// the source itself measured or stamped is reported.
func (o *output) record(e *endedCall) Record {
	r := baseRecord(e.call)
	if e.notes.talk > 0 {
		r.DurationS = seconds(e.notes.talk)
	}
	if !e.notes.answeredAt.IsZero() {
		r.AnsweredAt = e.notes.answeredAt.In(o.loc).Format(time.RFC3339)
	}
	return r
}
