// Package decode reads a captured caller-ID transcript and reports the calls
// Callboard understands in it, one JSON object per line. Shop owners paste
// their modem's output into it; support uses it to reproduce a problem.
package decode

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/modem"
)

// Options set how the transcript is read.
type Options struct {
	// Line names the line in the output (default "modem").
	Line       string
	Normalizer callerid.Normalizer
	// NoAnswerRings is the ring count from which a call counts as missed.
	NoAnswerRings int
}

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
}

// The transcript has no clock, so the decoder keeps a virtual one: a ring
// every six seconds (North American cadence), other lines a moment apart.
// Calls are then told apart by their caller-ID blocks, and the ring-gap rule
// never cuts a call short.
const (
	ringStep  = 6 * time.Second
	otherStep = 100 * time.Millisecond
)

var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Decode reads a transcript from r and writes a Record per call to w, in the
// order the calls ended. It returns how many calls it wrote.
func Decode(r io.Reader, w io.Writer, opts Options) (int, error) {
	if opts.Line == "" {
		opts.Line = "modem"
	}
	now := epoch
	parser := &modem.Parser{Line: opts.Line, Now: func() time.Time { return now }}
	tracker := callerid.NewTracker(callerid.TrackerConfig{
		RingGap:       time.Hour,
		NoAnswerRings: opts.NoAnswerRings,
		Normalizer:    opts.Normalizer,
	})
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	written := 0
	write := func(ups []callerid.Update) error {
		for _, u := range ups {
			if u.Kind != callerid.CallEnded {
				continue
			}
			if err := enc.Encode(recordOf(u.Call)); err != nil {
				return err
			}
			written++
		}
		return nil
	}
	handle := func(evs []callerid.Event) error {
		for _, ev := range evs {
			if err := write(tracker.Handle(ev)); err != nil {
				return err
			}
		}
		return nil
	}

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	sc.Split(scanModemLines)
	for sc.Scan() {
		line := sc.Text()
		if isRing(line) {
			now = now.Add(ringStep)
		} else {
			now = now.Add(otherStep)
		}
		if err := handle(parser.Feed(line)); err != nil {
			return written, err
		}
	}
	if err := sc.Err(); err != nil {
		return written, err
	}
	if err := handle(parser.Flush()); err != nil {
		return written, err
	}
	return written, write(tracker.CloseAll(now, false))
}

func recordOf(c callerid.Call) Record {
	return Record{
		Line:      c.Line,
		Number:    c.Number.Key(),
		NumberRaw: c.Number.Raw,
		Name:      c.Name,
		Place:     c.Number.Place(),
		Rings:     c.Rings,
		Outcome:   string(c.Outcome),
		Exact:     c.Exact,
		TelcoDate: c.TelcoDate,
		TelcoTime: c.TelcoTime,
		Raw:       c.Raw,
	}
}

func isRing(line string) bool {
	return bytes.HasPrefix(bytes.TrimSpace([]byte(line)), []byte("RING"))
}

// scanModemLines splits on CR, LF or CRLF: modems end lines with CRLF,
// captures saved on Windows or by terminal programs mix them.
func scanModemLines(data []byte, atEOF bool) (int, []byte, error) {
	for i, b := range data {
		if b == '\n' {
			return i + 1, data[:i], nil
		}
		if b == '\r' {
			if i+1 < len(data) {
				if data[i+1] == '\n' {
					return i + 2, data[:i], nil
				}
				return i + 1, data[:i], nil
			}
			if atEOF {
				return i + 1, data[:i], nil
			}
			return 0, nil, nil // a LF may follow in the next read
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
