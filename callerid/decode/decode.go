// Package decode reads a captured caller-ID transcript and reports the calls
// Callboard understands in it, one JSON object per line. Shop owners paste
// their device's output into it (a modem, a Whozz Calling unit, a
// NetCallerID or TCI box, an NCID server's lines); support uses it to
// reproduce a problem.
package decode

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
	"github.com/callboard-app/callboard/callerid/ncid"
	"github.com/callboard-app/callboard/callerid/whozz"
)

// Options set how the transcript is read.
type Options struct {
	// Format of the capture; "" is FormatAuto.
	Format Format
	// Line names the modem line in the output (default "modem"), for modem
	// and hex lines alike: unformatted packets come between the same RINGs.
	// Other sources name their lines as their drivers do: "whozz/01",
	// "netcallerid", "tci/1", "ncid" or "ncid/<LINE>".
	Line       string
	Normalizer callerid.Normalizer
	// NoAnswerRings is the ring count from which a call counts as missed.
	NoAnswerRings int
	// Location reads the clock times a source stamps in full (NCID's
	// SCALL), for answered_at; nil means time.Local, as ncidd writes them.
	Location *time.Location
}

// Result is what a decode run found besides the calls it wrote.
type Result struct {
	// Calls is how many calls were written.
	Calls int
	Stats Stats
}

// Stats count what went wrong in a capture, for the command to report on
// standard error: the calls themselves are on standard output.
type Stats struct {
	// BadChecksums counts caller-ID packets dropped because their checksum
	// failed (hex lines) and Whozz Calling calls whose unit flagged a bad
	// checksum (kept, without the number): no wrong caller is reported.
	BadChecksums int
	// UnknownLines counts non-blank lines no reader understood. Modem
	// chatter (AT commands, OK, ERROR, CONNECT, …) is understood.
	UnknownLines int
}

// The transcript has no clock, so the decoder keeps a virtual one: a ring
// every six seconds (North American cadence), other lines a moment apart.
// Calls are then told apart by their caller-ID blocks, and the ring-gap rule
// never cuts a call short. When a source that saw the pick-up reports the
// talk time (Event.Talk), the clock moves on to the pick-up plus that time,
// so the call lasts as long as it did.
const (
	ringStep  = 6 * time.Second
	otherStep = 100 * time.Millisecond
)

var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Decode reads a transcript from r and writes a Record per call to w, in the
// order the calls ended. It returns how many calls it wrote.
func Decode(r io.Reader, w io.Writer, opts Options) (int, error) {
	res, err := Transcript(r, w, opts)
	return res.Calls, err
}

// Transcript is Decode with the count of what it could not use. An unknown
// Format is an error before anything is read.
func Transcript(r io.Reader, w io.Writer, opts Options) (Result, error) {
	format, err := ParseFormat(string(opts.Format))
	if err != nil {
		return Result{}, err
	}
	d := newDecoder(w, opts)
	readers := readersFor(format)

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	sc.Split(scanModemLines)
	for sc.Scan() && d.err == nil {
		d.read(readers, sc.Text())
	}
	if d.err != nil {
		return d.result(), d.err
	}
	if err := sc.Err(); err != nil {
		return d.result(), err
	}
	d.finish()
	return d.result(), d.err
}

// decoder is one run over one transcript: the virtual clock, the parsers
// each format needs, and the tracker every event goes through.
type decoder struct {
	opts    Options
	now     time.Time
	tracker *callerid.Tracker
	modem   *modem.Parser
	whozz   *whozz.Assembler
	ncid    *ncid.Decoder
	out     *output
	stats   Stats
	// pickedUp is, per line, the virtual time a hook-aware source saw the
	// call in progress answered: its talk time runs from there.
	pickedUp map[string]time.Time
	// err is the first write error; reading stops there.
	err error
}

func newDecoder(w io.Writer, opts Options) *decoder {
	if opts.Line == "" {
		opts.Line = "modem"
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	d := &decoder{
		opts: opts,
		now:  epoch,
		tracker: callerid.NewTracker(callerid.TrackerConfig{
			RingGap:       time.Hour,
			NoAnswerRings: opts.NoAnswerRings,
			Normalizer:    opts.Normalizer,
		}),
		ncid:     &ncid.Decoder{Device: ncidDevice, Location: opts.Location},
		out:      newOutput(w, opts.Location),
		pickedUp: map[string]time.Time{},
	}
	clock := func() time.Time { return d.now }
	d.modem = &modem.Parser{Line: opts.Line, Now: clock}
	d.whozz = &whozz.Assembler{Now: clock}
	return d
}

// read gives one line to the first reader that takes it. A line nobody
// takes still moves the clock on.
func (d *decoder) read(readers []reader, line string) {
	for _, take := range readers {
		if take(d, line) {
			return
		}
	}
	d.tick(false)
	if !isBlank(line) {
		d.stats.UnknownLines++
	}
}

// tick moves the virtual clock on by one line.
func (d *decoder) tick(ring bool) {
	if ring {
		d.now = d.now.Add(ringStep)
	} else {
		d.now = d.now.Add(otherStep)
	}
}

// flushModem ends a modem caller-ID block still gathering when a line of
// another format comes: that line is not a tag of the block, as any other
// line would not be for the modem parser.
func (d *decoder) flushModem() {
	if d.modem.Pending() {
		d.feed(d.modem.Flush()...)
	}
}

// feed hands events to the tracker.
func (d *decoder) feed(evs ...callerid.Event) {
	for _, ev := range evs {
		d.handle(ev, time.Time{})
	}
}

// handle hands one event to the tracker and the calls it ends to the
// output. answeredAt is the source's own clock time of the pick-up, where
// an End carries one.
func (d *decoder) handle(ev callerid.Event, answeredAt time.Time) {
	if d.err != nil {
		return
	}
	if ev.Kind == callerid.End && ev.Talk > 0 {
		if at, ok := d.pickedUp[ev.Line]; ok && at.Add(ev.Talk).After(d.now) {
			d.now = at.Add(ev.Talk)
			ev.At = d.now
		}
	}
	ups := d.tracker.Handle(ev)
	last := -1 // the update that ended the call this End is about
	for i, u := range ups {
		if u.Kind == callerid.CallEnded && ev.Kind == callerid.End && u.Call.Line == ev.Line {
			last = i
		}
	}
	for i, u := range ups {
		switch u.Kind {
		case callerid.CallAnswered:
			d.pickedUp[u.Call.Line] = u.Call.Answered
		case callerid.CallEnded:
			delete(d.pickedUp, u.Call.Line)
			var n notes
			if i == last {
				n = notes{talk: ev.Talk, answeredAt: answeredAt}
			}
			if err := d.out.ended(u.Call, n); err != nil {
				d.err = err
				return
			}
		}
	}
}

// finish lets go of what the parsers still hold and ends the calls left
// open: the transcript is over.
func (d *decoder) finish() {
	d.feed(d.ncid.Flush()...)
	d.feed(d.modem.Flush()...)
	if d.err != nil {
		return
	}
	ups := d.tracker.CloseAll(d.now, false)
	// The tracker keeps its lines in a map: the same capture must give the
	// same output every time.
	slices.SortFunc(ups, func(a, b callerid.Update) int { return cmp.Compare(a.Call.ID, b.Call.ID) })
	for _, u := range ups {
		if err := d.out.ended(u.Call, notes{}); err != nil {
			d.err = err
			return
		}
	}
	if err := d.out.close(); err != nil {
		d.err = err
	}
}

func (d *decoder) result() Result {
	return Result{Calls: d.out.written, Stats: d.stats}
}

// String is the stats in words, for standard error.
func (s Stats) String() string {
	return fmt.Sprintf("%d bad checksums, %d lines not understood", s.BadChecksums, s.UnknownLines)
}
