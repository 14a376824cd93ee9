package ncid

import (
	"strconv"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// Decoder turns the lines of calls happening now into events: it is what
// the Client does with every live line, and reads a transcript of an NCID
// server's lines the same way. It does no I/O and keeps no clock: the caller
// says when each line arrived.
//
//   - CID: is the caller ID of a call; HUP: (hung up by ncidd's blacklist)
//     and BLK: (blocked by the device) are that and an End, blocked; OUT:
//     is the caller ID of a call the shop made, and an End;
//   - CIDINFO: RING n>0 is a Ring; -1 (caller gave up) and -3 (busy) end the
//     call missed, -2 answered; 0 and -4 say nothing about the outcome;
//   - END: HTYPE BYE ends the call answered, with the talk time
//     ECALL - SCALL; CANCEL ends it missed.
//
// A gateway reports each hang-up twice — an END line with the talk time and
// a CIDINFO line with a RING code — in an order the API leaves open. The
// CIDINFO verdict is therefore held back until the END arrives (and
// replaces it), something newer happens on its line, or Flush lets it go;
// a CIDINFO after the END is dropped. So the tracker sees one End per call,
// with the talk time whenever the server gave one.
//
// Lines of the call-log replay (CIDLOG:, ENDLOG:, …) read like live ones;
// the Client replays the log its own way, stamping each call with its
// logged time.
type Decoder struct {
	// Device names the server; each NCID line id becomes Device + "/" + id.
	Device string
	// DayFirst: DATE fields are ddmmyyyy (ncidd passes on what a non-US
	// telco sends) rather than mmddyyyy. Only a replayed call's time is
	// read from DATE; a live call keeps the telco's MMDD as it came.
	DayFirst bool
	// Location reads the SCALL and ECALL stamps of END lines; nil means
	// time.Local, as ncidd writes them.
	Location *time.Location

	// held: per phone line, an End from CIDINFO waiting for its END line.
	held map[string]callerid.Event
	// closed: per phone line, an END already ended the call.
	closed map[string]bool
}

// callLine reports whether a line type announces a call: an incoming call
// (CID), one hung up by ncidd's blacklist (HUP), one blocked by the device
// (BLK), or one the shop made (OUT).
func callLine(typ string) bool {
	switch typ {
	case "CID", "HUP", "BLK", "OUT":
		return true
	}
	return false
}

// lineLabel names the phone line of an NCID line id. NCID writes "-" or
// NO-LINE when it has none: the server's default line.
func (d *Decoder) lineLabel(id string) string {
	switch id {
	case "", "-", "NO-LINE":
		return d.Device
	}
	return d.Device + "/" + id
}

// callerID is the caller-ID event of a call line.
func (d *Decoder) callerID(l Line, at time.Time) callerid.Event {
	f := l.Fields
	date := f["DATE"]
	if len(date) == 8 {
		date = date[:4] // the telco's MMDD; ncidd appended the year
	}
	return callerid.Event{
		Line:      d.lineLabel(f["LINE"]),
		Kind:      callerid.CallerID,
		At:        at,
		Number:    f["NMBR"],
		Name:      callerName(f["NAME"]),
		TelcoDate: date,
		TelcoTime: f["TIME"],
		Outbound:  l.Type == "OUT",
		Raw:       l.Raw,
	}
}

// callerName drops NCID's placeholders for "no name": a dash means "show
// nothing", NO NAME says the same in words.
func callerName(s string) string {
	switch s {
	case "-", "NO NAME":
		return ""
	}
	return s
}

// lineEnd is the End a call line implies by itself: a blocked call is over
// as soon as it is announced, and NCID reports an outgoing call once, when
// it is dialled. An ordinary CID line implies none.
func (d *Decoder) lineEnd(l Line, at time.Time) (callerid.Event, bool) {
	ev := callerid.Event{Line: d.lineLabel(l.Fields["LINE"]), Kind: callerid.End, At: at, Raw: l.Raw}
	switch l.Type {
	case "HUP", "BLK":
		ev.Outcome = callerid.OutcomeBlocked
	case "OUT":
		ev.Outbound = true
	default:
		return callerid.Event{}, false
	}
	return ev, true
}

// callEnd is the End event of an END line: BYE is a call somebody answered,
// with the talk time SCALL to ECALL; CANCEL is one nobody answered.
func (d *Decoder) callEnd(l Line, at time.Time) callerid.Event {
	f := l.Fields
	ev := callerid.Event{
		Line:     d.lineLabel(f["LINE"]),
		Kind:     callerid.End,
		At:       at,
		Outbound: f["CTYPE"] == "OUT" || f["CTYPE"] == "PUT",
		Raw:      l.Raw,
	}
	switch strings.ToUpper(f["HTYPE"]) {
	case "BYE":
		ev.Outcome = callerid.OutcomeAnswered
		ev.Talk, _ = d.callDuration(f)
	case "CANCEL":
		ev.Outcome = callerid.OutcomeMissed
	}
	return ev
}

// ringOutcome reads the hang-up codes gateways put in CIDINFO's RING:
// -1 the caller gave up before anyone answered, -2 an answered call ended,
// -3 the line was busy. Ring counts, 0 (ringing stopped: answered or not,
// nobody knows) and -4 (ncidd's own hang-up, already reported by HUP) say
// nothing about the outcome.
func ringOutcome(ring int) (callerid.Outcome, bool) {
	switch ring {
	case -1, -3:
		return callerid.OutcomeMissed, true
	case -2:
		return callerid.OutcomeAnswered, true
	}
	return "", false
}

// ringValue reads CIDINFO's RING field.
func ringValue(f map[string]string) (int, bool) {
	n, err := strconv.Atoi(f["RING"])
	return n, err == nil
}

// loggedTime reads a call line's DATE (mmddyyyy, or ddmmyyyy with dayFirst)
// and TIME (hhmm) as local time. A date that cannot be read either way, or
// names a day that does not exist, is not a time.
func (d *Decoder) loggedTime(f map[string]string) (time.Time, bool) {
	date, clock := f["DATE"], strings.ReplaceAll(f["TIME"], ":", "")
	if len(date) != 8 || len(clock) != 4 {
		return time.Time{}, false
	}
	a, b, year := digits(date[0:2]), digits(date[2:4]), digits(date[4:8])
	hour, minute := digits(clock[0:2]), digits(clock[2:4])
	month, day := a, b
	if d.DayFirst {
		month, day = b, a
	}
	if month > 12 && day <= 12 { // unambiguous: the other order was meant
		month, day = day, month
	}
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, 0, 0, time.Local)
	if t.Day() != day { // 31 April rolled over into May
		return time.Time{}, false
	}
	return t, true
}

// callDuration is ECALL - SCALL of an END line. NCID always writes both as
// mm/dd/yyyy hh:mm:ss.
func (d *Decoder) callDuration(f map[string]string) (time.Duration, bool) {
	start, ok1 := d.stamp(f["SCALL"])
	end, ok2 := d.stamp(f["ECALL"])
	if !ok1 || !ok2 || end.Before(start) {
		return 0, false
	}
	return end.Sub(start), true
}

// AnsweredAt is when an END line says its call was picked up: the SCALL of
// a call somebody answered (HTYPE BYE), on the server's clock.
func (d *Decoder) AnsweredAt(l Line) (time.Time, bool) {
	if l.Type != "END" || strings.ToUpper(l.Fields["HTYPE"]) != "BYE" {
		return time.Time{}, false
	}
	return d.stamp(l.Fields["SCALL"])
}

// stamp reads SCALL and ECALL.
func (d *Decoder) stamp(s string) (time.Time, bool) {
	loc := d.Location
	if loc == nil {
		loc = time.Local
	}
	t, err := time.ParseInLocation("01/02/2006 15:04:05", s, loc)
	return t, err == nil
}

// digits reads a short all-digit string; -1 if it is anything else.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}
