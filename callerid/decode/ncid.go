package decode

import (
	"strconv"

	"github.com/callboard-app/callboard/callerid/ncid"
)

// NCID lines are read by ncid.Decoder, as the NCID client reads them live;
// the call-log replay (CIDLOG:, ENDLOG:, …) reads the same. Lines are named
// "ncid" or "ncid/<LINE>".
const ncidDevice = "ncid"

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

// takeNCID moves the clock on — by a ring step for a ring — and hands the
// line's events to the tracker, with the pick-up time an END line states.
func (d *decoder) takeNCID(l ncid.Line) {
	d.tick(ncidRinging(l))
	d.flushModem()
	answeredAt, _ := d.ncid.AnsweredAt(l)
	for _, ev := range d.ncid.Feed(l, d.now) {
		d.handle(ev, answeredAt)
	}
}

// ncidRinging reports whether a line is a ring: CIDINFO with a positive
// RING count.
func ncidRinging(l ncid.Line) bool {
	ring, err := strconv.Atoi(l.Fields["RING"])
	return l.Type == "CIDINFO" && err == nil && ring > 0
}
