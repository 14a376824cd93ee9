package decode

import "github.com/callboard-app/callboard/callerid/boxes"

// readDetectedBox takes a NetCallerID or TCI record in auto mode, as
// boxes.Detect names it (NCID gateway lines are not NetCallerID records).
func (d *decoder) readDetectedBox(line string) bool {
	switch boxes.Detect(line) {
	case boxes.FormatNetCallerID:
		return d.readNetCallerID(line)
	case boxes.FormatTCI:
		return d.readTCI(line)
	}
	return false
}

func (d *decoder) readNetCallerID(line string) bool {
	rec, ok := boxes.ParseNetCallerID(line)
	return ok && d.takeBoxRecord(rec)
}

func (d *decoder) readTCI(line string) bool {
	rec, ok := boxes.ParseTCI(line)
	return ok && d.takeBoxRecord(rec)
}

// takeBoxRecord turns a box's record into the caller ID of a call, on the
// line a Box with its default name reports it on ("netcallerid", "tci/1").
// The boxes report neither rings nor the hook: the tracker ends the call by
// itself. A voicemail notice is no call.
func (d *decoder) takeBoxRecord(rec boxes.Record) bool {
	d.tick(false)
	d.flushModem()
	if ev, isCall := rec.Event(rec.Format, d.now); isCall {
		d.feed(ev)
	}
	return true
}
