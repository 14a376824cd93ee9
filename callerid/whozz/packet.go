package whozz

import (
	"bytes"
	"encoding/hex"
	"regexp"
	"strconv"
)

// An Ethernet Link packet starts with a 20-byte header, "^^<U>", six binary
// bytes of unit number, "<S>", six binary bytes of serial number, followed
// by "$" and the record in ASCII: 83 bytes for a call record, 52 for a
// detail record, one more when the unit adds its own "$" prefix.
const (
	unitMark   = "^^<U>"
	serialMark = "<S>"
	idLen      = 6
	headerLen  = len(unitMark) + idLen + len(serialMark) + idLen
)

// recordStart finds a record inside a packet body that does not start with
// one: a call record, a detail record or a from-memory record.
var recordStart = regexp.MustCompile(`\d\d [IO] [SEBC] |\d\d [RFNH] +\d|\d{4} \d\d \d\d/`)

// ParsePacket decodes one UDP packet from an Ethernet Link unit. unit is
// the unit number in decimal (set by the installer; wc2ncid stores the
// line count there) and serial the unit's serial number in hex, which
// tells units apart. A packet without the header but holding a record is
// accepted with both empty. Replies to commands (the "V…" version string,
// the "^^IdX" parameters) are not records and report false.
//
// The record is found by scanning, not at a fixed offset: a second "$"
// may come before it. Its Raw leaves the "$" prefixes out, so the same
// record reads the same with the unit's own "$" toggle on or off.
func ParsePacket(b []byte) (unit, serial string, rec Record, ok bool) {
	body := b
	if i := bytes.Index(b, []byte(unitMark)); i >= 0 {
		h := b[i:]
		if len(h) < headerLen || string(h[len(unitMark)+idLen:len(unitMark)+idLen+len(serialMark)]) != serialMark {
			return "", "", Record{}, false
		}
		id := h[len(unitMark) : len(unitMark)+idLen]
		unit = strconv.FormatUint(bigEndian(id), 10)
		serial = hex.EncodeToString(h[headerLen-idLen : headerLen])
		body = h[headerLen:]
	}
	if rec, ok = ParseRecord(string(bytes.TrimLeft(body, "$"))); ok {
		return unit, serial, rec, true
	}
	if loc := recordStart.FindIndex(body); loc != nil {
		if rec, ok = ParseRecord(string(body[loc[0]:])); ok {
			return unit, serial, rec, true
		}
	}
	return "", "", Record{}, false
}

// bigEndian reads the unit number as wc2ncid does: one big-endian integer.
func bigEndian(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}
