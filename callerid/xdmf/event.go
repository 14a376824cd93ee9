package xdmf

import (
	"encoding/hex"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Event turns a caller-ID message into the CallerID event of a call on line,
// seen at at. A withheld or unavailable number or name travels as its
// absence code ("P", "O"), the way modems print it in formatted mode, so the
// number normalizer treats both paths alike. Raw is the packet in upper-case
// hex. ok is false for messages that announce no call (message waiting,
// tests, advice of charge).
func (m Message) Event(line string, at time.Time) (callerid.Event, bool) {
	if !m.IsCallerID() {
		return callerid.Event{}, false
	}
	date, clock := splitDateTime(m.DateTime)
	ev := callerid.Event{
		Line:      line,
		Kind:      callerid.CallerID,
		At:        at,
		Number:    orElse(m.Number, m.NumberAbsence),
		Name:      orElse(m.Name, m.NameAbsence),
		TelcoDate: date,
		TelcoTime: clock,
		Raw:       hexPacket(m.Packet),
	}
	// Parameter 3 means two things: on ETSI/BT lines (which send a call
	// type) it is the line that was called — the advertised number the
	// call came in on; in North America it is the caller's own number in
	// dialable form, which says nothing about the line.
	if m.CallType != 0 {
		ev.Dialed = m.Dialed
	} else if ev.Number == "" {
		ev.Number = m.Dialed
	}
	return ev, true
}

// splitDateTime cuts "MMDDHHMM" into date and time. A stamp of another
// length is cut the same way as far as it goes: it stays raw, as the
// Event's TelcoDate and TelcoTime promise.
func splitDateTime(s string) (date, clock string) {
	if len(s) <= 4 {
		return s, ""
	}
	return s[:4], s[4:]
}

func orElse(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// hexPacket spells a packet the way modems print it in unformatted mode.
func hexPacket(p []byte) string { return strings.ToUpper(hex.EncodeToString(p)) }
