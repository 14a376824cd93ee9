// Package callerid turns what a phone line says into calls: the Event a
// driver reports, the per-line Tracker that assembles events into calls, and
// the normalization of caller numbers. It knows nothing of storage or UI.
package callerid

import "time"

// Kind says what happened on a line.
type Kind int

const (
	// Ring is one ring burst reported by the device.
	Ring Kind = iota + 1
	// CallerID carries the caller's number and name as the line delivered them.
	CallerID
	// OffHook means a phone on the line was picked up (hook-aware sources only).
	OffHook
	// OnHook means the phone on the line was put down (hook-aware sources only).
	OnHook
	// End means the source itself says the call is over.
	End
)

func (k Kind) String() string {
	switch k {
	case Ring:
		return "ring"
	case CallerID:
		return "callerid"
	case OffHook:
		return "offhook"
	case OnHook:
		return "onhook"
	case End:
		return "end"
	}
	return "unknown"
}

// Event is one thing a driver saw on one line. Drivers fill in what their
// hardware reports and leave the rest empty.
type Event struct {
	// Line names the line the event happened on, e.g. "modem:/dev/ttyACM0".
	Line string
	Kind Kind
	// At is when the driver saw the event (the PC clock).
	At time.Time

	// Number and Name are exactly as the line delivered them (CallerID only).
	Number string
	Name   string
	// TelcoDate (MMDD) and TelcoTime (HHMM) are the telco's own stamp, kept raw
	// because it has no year and may be malformed.
	TelcoDate string
	TelcoTime string

	// RingPattern is the distinctive-ring type when the line reports one
	// ("A", "B", "1", "2", or a DRON/DROF cadence such as "5-11-5"): one
	// analog line can carry several advertised numbers.
	RingPattern string
	// Dialed is the number the caller dialled, where the source knows it
	// (NCID gateways from VoIP, some ETSI lines).
	Dialed string
	// Outbound marks a call the shop made (Whozz Calling O records, NCID OUT).
	Outbound bool

	// SeesHook: the source sees the hook and sends an End (or OnHook) for
	// every call, so quiet after the last ring does not end the call.
	SeesHook bool

	// Set on End events by sources that see the whole call (hook-aware
	// adapters, gateways): how it ended, how often it rang, how long the
	// parties talked. Zero values mean the source does not say.
	Outcome Outcome
	Rings   int
	Talk    time.Duration

	// Raw is the device output the event was decoded from, for support.
	Raw string
}
