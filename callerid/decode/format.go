package decode

import (
	"fmt"
	"strings"

	"github.com/callboard-app/callboard/callerid/boxes"
)

// Format is the kind of capture Decode reads, as named by
// `callboard decode --format`.
type Format string

// The formats Decode reads. FormatAuto (also the zero Format) recognises
// each line by itself, because one capture can mix several: a modem's init
// chatter, its caller-ID block, and a Whozz Calling unit's records pasted
// below.
//
// Auto tries, for every line and in this order, and the first that takes
// the line wins:
//
//  1. NCID: a line that ncid.ParseLine reads as a CID:, END:, CIDINFO:,
//     HUP:, BLK: or OUT: line, or the call-log replay of one (CIDLOG:,
//     ENDLOG:, …). The type is at the very start of the line, so no other
//     format starts this way.
//  2. Whozz Calling: a record whozz.ParseRecord accepts (comprehensive,
//     limited, detail, from-memory, TCI-format). It goes before TCI because
//     a limited record spaced five blanks apart also fits the looser TCI
//     columns of boxes.ParseTCI, and would be read with the I/O mark in the
//     name.
//  3. NetCallerID, then 4. TCI: whatever boxes.Detect names. Detect leaves
//     NCID gateway lines (CALL: ###…) alone.
//  5. Hex: a line of only hex digits and blanks, optionally after "MESG=",
//     with an even count of at least 12 digits (the shortest packet), that
//     xdmf.DecodeHex decodes or finds with a bad checksum. A packet that
//     fails otherwise (hand-edited lengths) is left to the modem parser.
//  6. Modem: everything else goes to modem.Parser, which knows formatted
//     caller ID, RING, cadences and voice events, and ignores the rest.
const (
	FormatAuto        Format = "auto"
	FormatModem       Format = "modem"
	FormatHex         Format = "hex"
	FormatWhozz       Format = "whozz"
	FormatNetCallerID Format = boxes.FormatNetCallerID
	FormatTCI         Format = boxes.FormatTCI
	FormatNCID        Format = "ncid"
)

// Formats lists every format in the order the command line documents them.
func Formats() []Format {
	return []Format{FormatAuto, FormatModem, FormatHex, FormatWhozz, FormatNetCallerID, FormatTCI, FormatNCID}
}

// ParseFormat reads a --format value. Case does not matter; an unknown value
// is an error that lists the valid ones.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if f == "" {
		return FormatAuto, nil
	}
	for _, known := range Formats() {
		if f == known {
			return f, nil
		}
	}
	names := make([]string, 0, len(Formats()))
	for _, known := range Formats() {
		names = append(names, string(known))
	}
	return "", fmt.Errorf("unknown format %q: want one of %s", s, strings.Join(names, ", "))
}

// reader takes one line if it is in its format, turns it into events and
// feeds them on, and reports whether it took the line.
type reader func(d *decoder, line string) bool

// readersFor is the order in which the readers of a format try each line.
// A format's own reader comes alone, except that hex captures are modem
// output too: the RINGs around the packets count.
func readersFor(f Format) []reader {
	switch f {
	case FormatModem:
		return []reader{(*decoder).readModem}
	case FormatHex:
		return []reader{(*decoder).readAnyHex, (*decoder).readModem}
	case FormatWhozz:
		return []reader{(*decoder).readWhozz}
	case FormatNetCallerID:
		return []reader{(*decoder).readNetCallerID}
	case FormatTCI:
		return []reader{(*decoder).readTCI}
	case FormatNCID:
		return []reader{(*decoder).readAnyNCID}
	}
	return []reader{
		(*decoder).readNCIDCall,
		(*decoder).readWhozz,
		(*decoder).readDetectedBox,
		(*decoder).readHexLine,
		(*decoder).readModem,
	}
}
