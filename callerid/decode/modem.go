package decode

import (
	"errors"
	"strings"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/xdmf"
)

// readModem gives the line to the modem parser. It takes every line: the
// parser ignores what it does not know, and the line is counted unknown
// unless it is modem output of some sort.
func (d *decoder) readModem(line string) bool {
	d.tick(isRing(line))
	badChecksum := false
	if hexShaped(line) {
		// The parser drops such a packet itself; only the count is ours.
		_, err := xdmf.DecodeHex(line)
		badChecksum = errors.Is(err, xdmf.ErrChecksum)
	}
	if badChecksum {
		d.stats.BadChecksums++
	}
	pending := d.modem.Pending()
	evs := d.modem.Feed(line)
	d.feed(evs...)
	if !badChecksum && !d.modemUnderstood(line, pending, evs) {
		d.stats.UnknownLines++
	}
	return true
}

// modemUnderstood tells whether the parser made something of the line: it
// joined a caller-ID block, or gave an event of its own (not just the end
// of the block before it), or it is chatter a modem prints anyway.
func (d *decoder) modemUnderstood(line string, pendingBefore bool, evs []callerid.Event) bool {
	if d.modem.Pending() || isChatter(line) {
		return true
	}
	if pendingBefore && len(evs) > 0 && evs[0].Kind == callerid.CallerID &&
		!strings.Contains(evs[0].Raw, printable(line)) {
		evs = evs[1:]
	}
	return len(evs) > 0
}

// readHexLine takes an unformatted caller-ID packet in auto mode, where the
// line must look like nothing but a packet (see FormatAuto).
func (d *decoder) readHexLine(line string) bool {
	return hexShaped(line) && d.readAnyHex(line)
}

// readAnyHex takes a line xdmf.DecodeHex decodes, or finds with a bad
// checksum: counted, and never a caller.
func (d *decoder) readAnyHex(line string) bool {
	if isBlank(line) {
		return false
	}
	m, err := xdmf.DecodeHex(line)
	if err != nil && !errors.Is(err, xdmf.ErrChecksum) {
		return false
	}
	d.tick(false)
	d.flushModem()
	if err != nil {
		d.stats.BadChecksums++
		return true
	}
	if ev, ok := m.Event(d.opts.Line, d.now); ok {
		ev.Raw = strings.TrimSpace(line)
		if m.Unverified {
			ev.Raw += "\n# no checksum: the modem left it out"
		}
		d.feed(ev)
	}
	return true
}

// minPacketDigits: the shortest caller-ID packet (SDMF message waiting) is
// six bytes. A shorter run of digits is a result code, a time or a number.
const minPacketDigits = 12

// hexShaped reports whether a line holds only an ASCII-hex packet: hex
// digits and blanks, optionally after "MESG=", an even count of at least
// minPacketDigits digits.
func hexShaped(line string) bool {
	s := strings.TrimSpace(line)
	if len(s) >= 4 && strings.EqualFold(s[:4], "MESG") {
		rest, ok := strings.CutPrefix(strings.TrimLeft(s[4:], " \t"), "=")
		if !ok {
			return false
		}
		s = rest
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t':
		case c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f':
			digits++
		default:
			return false
		}
	}
	return digits >= minPacketDigits && digits%2 == 0
}

func isRing(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(line), "RING")
}

// chatterPrefixes are what a modem prints besides caller ID: command
// echoes, result codes, ring cadences that end no burst.
var chatterPrefixes = []string{
	"AT", "OK", "ERROR", "CONNECT", "NO CARRIER", "BUSY", "NO DIALTONE", "NO DIAL TONE",
	"NO ANSWER", "DELAYED", "BLACKLISTED", "VCON", "FAX", "DATA", "DRON", "DROF",
}

// isChatter reports whether a line is modem output that has nothing to do
// with a call: blank, a voice-mode event code, a command or result code.
func isChatter(line string) bool {
	if strings.IndexByte(line, 0x10) >= 0 { // DLE: a voice-mode event code
		return true
	}
	s := strings.ToUpper(printable(line))
	if s == "" {
		return true
	}
	for _, p := range chatterPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// printable is the line without control bytes and surrounding blanks, as
// the modem parser keeps it in Raw.
func printable(line string) string {
	b := make([]byte, 0, len(line))
	for i := 0; i < len(line); i++ {
		if c := line[i]; c >= 0x20 && c != 0x7f {
			b = append(b, c)
		}
	}
	return strings.TrimSpace(string(b))
}

func isBlank(line string) bool { return printable(line) == "" }

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
