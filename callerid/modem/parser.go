package modem

import (
	"strconv"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/internal/wait"
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
//
// Besides the formatted block it understands:
//   - MESG parameters it knows, noted in Raw as "# call type: voice" after
//     the MESG line;
//   - unformatted packets (+VCID=2, #CID=2): a line of hex, with or without
//     a "MESG=" prefix or spaces, decoded and checksum-checked; a packet
//     that fails its checksum is counted (BadChecksums) and dropped;
//   - distinctive ring: the type of "RING A" or "RING 2" in
//     Event.RingPattern, and DRON/DROF cadences (see below);
//   - voice-mode events on lines of their own: <DLE>R is a ring, <DLE>P
//     (extension picked up) and <DLE>H (handset lifted) are OffHook,
//     <DLE>h is OnHook; LINE-IN-USE is OffHook too.
//
// A Lucent/Agere modem with +VDR=1,0 reports rings only as cadences: DRON=n
// when a ring pulse ends and DROF=n when the silence after it ends, both in
// tenths of a second. Pulses with short silences between them make one ring
// burst ("two short rings": DRON=5, DROF=11, DRON=5). A silence of BurstGap
// or more ends the burst, and the burst becomes one Ring event whose
// RingPattern is its cadence without the closing silence, "5-11-5": the
// closing silence is only learnt when the next burst starts, or never after
// the last one, so leaving it out keeps every ring of a call, the last too,
// with the same pattern. A burst still open when the input ends is reported
// by Flush. If the modem also prints RING lines, the first RING of a burst
// carries the cadence heard so far and the burst is not reported again.
type Parser struct {
	// Line names the phone line for every event, e.g. "modem:/dev/ttyACM0".
	Line string
	// Now stamps events; nil means time.Now.
	Now func() time.Time
	// BurstGap is the shortest silence that separates two ring bursts
	// (DefaultBurstGap if 0).
	BurstGap time.Duration

	block *block
	burst *burst
	// silence: the last cadence line was a DRON, so the line is quiet and
	// the burst ends unless a DROF comes within BurstGap; newSilence: that
	// DRON has not been seen by takeSilence yet.
	silence, newSilence bool
	badChecksums        int
}

// DefaultBurstGap separates ring bursts: the silences inside a distinctive
// ring pattern are at most about a second (1.1 s in the longest we know),
// while the silence between bursts is at least 2 s (UK) and usually 4 s.
const DefaultBurstGap = 1500 * time.Millisecond

// block is the caller-ID block being gathered.
type block struct {
	raw                              []string
	date, time, number, name         string
	hasDate, hasTime, hasNumber      bool
	hasName, numberFromDDN, anyField bool
}

// burst is the ring burst being measured from DRON/DROF lines.
type burst struct {
	cadence  []string // pulse and silence lengths in tenths of a second
	raw      []string
	reported bool // a RING line already reported it
}

// Feed takes one line of modem output without its CR/LF and returns the
// events it completes, in the order they happened: none, a CallerID event,
// a Ring, an OffHook or OnHook, or a CallerID followed by one of the others.
func (p *Parser) Feed(line string) []callerid.Event {
	l := classifyLine(line)
	switch l.kind {
	case lineBlank, lineEcho:
		// Blank lines sit between tags on many modems, and an echoed command
		// says nothing about a call: neither may cut a block short.
		return nil
	case lineTag:
		if l.tag == tagMesg {
			return p.addMesg(l)
		}
		return p.addTag(l)
	case lineCadence:
		// Cadence lines interleave with the caller-ID block (it comes in the
		// silence after the first pulse), so they leave the block alone.
		return p.addCadence(l)
	case lineRing:
		return append(p.flushBlock(), p.ring(l.text, l.pattern))
	case lineDLE:
		return p.voiceEvents(l)
	case lineInUse:
		return append(p.flushBlock(), p.event(callerid.OffHook, l.text))
	case lineHex:
		return append(p.flushBlock(), p.packet(l.value, l.text)...)
	default:
		return p.flushBlock()
	}
}

// Flush emits what is still gathering, even if incomplete: the caller-ID
// block (the line went quiet or the port closed, and a partial caller ID
// beats none) and an open ring burst. A block that holds only MESG lines
// (message waiting, call type) is not a caller ID and is dropped.
func (p *Parser) Flush() []callerid.Event {
	return append(p.flushBlock(), p.endBurst()...)
}

// Pending reports whether a partial caller-ID block is waiting for more
// lines (or for Flush).
func (p *Parser) Pending() bool { return p.block != nil }

// BadChecksums counts the unformatted packets dropped because their
// checksum was wrong: line noise, or a modem at the wrong speed. A few are
// normal; many mean the caller ID of those calls was lost.
func (p *Parser) BadChecksums() int { return p.badChecksums }

func (p *Parser) flushBlock() []callerid.Event {
	b := p.block
	p.block = nil
	if b == nil || !b.anyField {
		return nil
	}
	ev := p.event(callerid.CallerID, strings.Join(b.raw, "\n"))
	ev.Number, ev.Name, ev.TelcoDate, ev.TelcoTime = b.number, b.name, b.date, b.time
	return []callerid.Event{ev}
}

// ring is a Ring event for a RING line or <DLE>R. The first ring of an open
// burst carries its cadence so far and reports the burst.
func (p *Parser) ring(raw, pattern string) callerid.Event {
	if b := p.burst; b != nil && !b.reported {
		b.reported = true
		if pattern == "" {
			pattern = strings.Join(b.cadence, "-")
		}
	}
	ev := p.event(callerid.Ring, raw)
	ev.RingPattern = pattern
	return ev
}

func (p *Parser) addCadence(l modemLine) []callerid.Event {
	if l.ringOn {
		if p.burst == nil {
			p.burst = &burst{}
		}
		p.burst.add(l)
		p.silence, p.newSilence = true, true
		return nil
	}
	p.silence = false
	switch {
	case p.burst == nil:
		// The silence before a burst, after the last one was reported.
		return nil
	case time.Duration(l.tenths)*100*time.Millisecond >= wait.Or(p.BurstGap, DefaultBurstGap):
		return p.endBurst()
	}
	p.burst.add(l)
	return nil
}

func (b *burst) add(l modemLine) {
	b.cadence = append(b.cadence, strconv.Itoa(l.tenths))
	b.raw = append(b.raw, l.text)
}

// endBurst reports the open ring burst, unless a RING line already did.
func (p *Parser) endBurst() []callerid.Event {
	b := p.burst
	p.burst, p.silence = nil, false
	if b == nil || b.reported {
		return nil
	}
	ev := p.event(callerid.Ring, strings.Join(b.raw, "\n"))
	ev.RingPattern = strings.Join(b.cadence, "-")
	return []callerid.Event{ev}
}

// takeSilence reports whether a silence inside a burst started since the
// last call (restart the burst timer), and whether one is still going (keep
// it running; otherwise stop it).
func (p *Parser) takeSilence() (started, going bool) {
	started = p.newSilence
	p.newSilence = false
	return started, p.silence
}

// voiceEvents turns a line of DLE codes into events. Codes that say nothing
// about the call (silence, dial tone, DTMF, …) are ignored, and so the line
// then is like a blank one.
func (p *Parser) voiceEvents(l modemLine) []callerid.Event {
	var events []callerid.Event
	for _, code := range l.dleCode {
		var ev callerid.Event
		raw := "<DLE>" + string(rune(code))
		switch code {
		case 'R': // ring, in voice mode
			ev = p.ring(raw, "")
		case 'P', 'H': // extension picked up (Conexant -STE) / handset lifted
			ev = p.event(callerid.OffHook, raw)
		case 'h': // handset put down
			ev = p.event(callerid.OnHook, raw)
		default:
			continue
		}
		if len(events) == 0 {
			events = p.flushBlock()
		}
		events = append(events, ev)
	}
	return events
}

func (p *Parser) event(kind callerid.Kind, raw string) callerid.Event {
	return callerid.Event{Line: p.Line, Kind: kind, At: p.now(), Raw: raw}
}

func (p *Parser) addTag(l modemLine) []callerid.Event {
	var events []callerid.Event
	if p.block != nil && p.block.hasDate && (l.tag == tagDate || l.tag == tagDateTime) {
		// A second DATE means a new call: the last one never completed
		// and no RING came between them.
		events = p.flushBlock()
	}
	if p.block == nil {
		p.block = &block{}
	}
	b := p.block
	b.raw = append(b.raw, l.text)
	b.set(l.tag, l.value)
	if b.hasDate && b.hasTime && b.hasNumber && b.hasName {
		events = append(events, p.flushBlock()...)
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
		b.setDate(dateTimeSeparators.Replace(date))
		b.setTime(dateTimeSeparators.Replace(strings.TrimSpace(clock)))
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

// dateTimeSeparators go from "01/06 14:15"; a garbled line may put either
// in either half.
var dateTimeSeparators = strings.NewReplacer("/", "", ":", "")

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
