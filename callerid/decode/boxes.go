package decode

import (
	"fmt"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/boxes"
)

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

// takeBoxRecord turns a box's record into the caller ID of a call. The
// boxes report neither rings nor the hook: the tracker ends the call by
// itself. A voicemail notice is no call.
func (d *decoder) takeBoxRecord(rec boxes.Record) bool {
	d.tick(false)
	d.flushModem()
	if rec.MessageWaiting {
		return true
	}
	ev := callerid.Event{
		Line:   boxLine(rec),
		Kind:   callerid.CallerID,
		At:     d.now,
		Number: rec.Number,
		Name:   rec.Name,
		Raw:    rec.Raw,
	}
	if rec.Month != 0 { // the box sent a date and time
		ev.TelcoDate = fmt.Sprintf("%02d%02d", rec.Month, rec.Day)
		ev.TelcoTime = fmt.Sprintf("%02d%02d", rec.Hour, rec.Minute)
	}
	d.feed(ev)
	return true
}

// boxLine names the line as boxes.Box does with its default name: TCI units
// number their lines, a NetCallerID box has one.
func boxLine(rec boxes.Record) string {
	if rec.Format == boxes.FormatTCI {
		return fmt.Sprintf("%s/%d", boxes.FormatTCI, rec.Line)
	}
	return boxes.FormatNetCallerID
}
