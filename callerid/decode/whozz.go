package decode

import (
	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/whozz"
)

// readWhozz takes a Whozz Calling record. The assembler follows the unit's
// own account of each call and marks its events SeesHook, so the tracker
// waits for the end record instead of ending the call when rings stop.
func (d *decoder) readWhozz(line string) bool {
	rec, ok := whozz.ParseRecord(line)
	if !ok {
		return false
	}
	d.tick(rec.Kind == whozz.Detail && rec.Detail == whozz.DetailRing)
	d.flushModem()
	evs := d.whozz.Feed(rec)
	if !rec.ChecksumGood && announces(evs) {
		// The assembler kept the call but not its number.
		d.stats.BadChecksums++
	}
	d.feed(evs...)
	return true
}

// announces reports whether events include a caller ID: a unit repeats its
// bad-checksum flag in the start and end records of one call.
func announces(evs []callerid.Event) bool {
	for _, ev := range evs {
		if ev.Kind == callerid.CallerID {
			return true
		}
	}
	return false
}
