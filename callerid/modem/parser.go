package modem

import (
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Parser turns modem output lines into callerid.Events. Not safe for
// concurrent use.
//
// Caller-ID tag lines (DATE, TIME, NMBR, NAME, …) gather into one block, the
// way NCID does it: the block becomes one CallerID event as soon as DATE,
// TIME, number and NAME are all there, or earlier when a RING or any other
// modem line arrives, or when Flush is called. So it does not matter whether
// the telco sends caller ID after the first ring (North America) or before it
// (UK and much of Europe), nor in which order the tags come.
type Parser struct {
	// Line names the phone line for every event, e.g. "modem:/dev/ttyACM0".
	Line string
	// Now stamps events; nil means time.Now.
	Now func() time.Time

	block *block
}

// block is the caller-ID block being gathered.
type block struct {
	raw                              []string
	date, time, number, name         string
	hasDate, hasTime, hasNumber      bool
	hasName, numberFromDDN, anyField bool
}

// Feed takes one line of modem output without its CR/LF and returns the
// events it completes: none, a CallerID event, a Ring, or a CallerID followed
// by a Ring.
func (p *Parser) Feed(line string) []callerid.Event {
	l := classifyLine(line)
	switch l.kind {
	case lineBlank, lineEcho:
		// Blank lines sit between tags on many modems, and an echoed command
		// says nothing about a call: neither may cut a block short.
		return nil
	case lineTag:
		return p.addTag(l)
	case lineRing:
		events := p.Flush()
		return append(events, callerid.Event{Line: p.Line, Kind: callerid.Ring, At: p.now(), Raw: l.text})
	default:
		return p.Flush()
	}
}

// Flush emits the block gathered so far, even without all four fields: the
// line went quiet or the port closed, and a partial caller ID beats none.
// A block that holds only MESG lines (message waiting, call type) is not a
// caller ID and is dropped.
func (p *Parser) Flush() []callerid.Event {
	b := p.block
	p.block = nil
	if b == nil || !b.anyField {
		return nil
	}
	return []callerid.Event{{
		Line:      p.Line,
		Kind:      callerid.CallerID,
		At:        p.now(),
		Number:    b.number,
		Name:      b.name,
		TelcoDate: b.date,
		TelcoTime: b.time,
		Raw:       strings.Join(b.raw, "\n"),
	}}
}

// Pending reports whether a partial caller-ID block is waiting for more
// lines (or for Flush).
func (p *Parser) Pending() bool { return p.block != nil }

func (p *Parser) addTag(l modemLine) []callerid.Event {
	var events []callerid.Event
	if p.block != nil && p.block.hasDate && (l.tag == tagDate || l.tag == tagDateTime) {
		// A second DATE means a new call: the last one never completed
		// and no RING came between them.
		events = p.Flush()
	}
	if p.block == nil {
		p.block = &block{}
	}
	b := p.block
	b.raw = append(b.raw, l.text)
	b.set(l.tag, l.value)
	if b.hasDate && b.hasTime && b.hasNumber && b.hasName {
		events = append(events, p.Flush()...)
	}
	return events
}

// set stores one field. A field that repeats keeps its first value: some
// telcos send "NMBR = ##########" and then "NMBR = O" in the same block.
func (b *block) set(t tag, value string) {
	switch t {
	case tagDate:
		b.setDate(value)
	case tagTime:
		b.setTime(value)
	case tagDateTime:
		// "DATE TIME=01/06 14:15": the date and time with separators.
		date, clock, _ := strings.Cut(value, " ")
		b.setDate(strings.ReplaceAll(date, "/", ""))
		b.setTime(strings.ReplaceAll(strings.TrimSpace(clock), ":", ""))
	case tagNumber:
		if !b.hasNumber || b.numberFromDDN {
			b.number, b.hasNumber, b.numberFromDDN = value, true, false
		}
	case tagDDN:
		// Where a line sends both, NMBR is the caller; a DDN can be the
		// called line (ETSI), so it is only the fallback.
		if !b.hasNumber {
			b.number, b.hasNumber, b.numberFromDDN = value, true, true
		}
	case tagName:
		if !b.hasName {
			b.name, b.hasName = value, true
		}
	default:
		return
	}
	b.anyField = true
}

func (b *block) setDate(v string) {
	if !b.hasDate {
		b.date, b.hasDate = v, true
	}
}

func (b *block) setTime(v string) {
	if !b.hasTime {
		b.time, b.hasTime = v, true
	}
}

func (p *Parser) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}
