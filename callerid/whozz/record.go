package whozz

import "time"

// RecordKind says what a record from the unit is about.
type RecordKind int

const (
	// CallStart is an S call record: the caller ID of a call that has just
	// begun (or the digits the shop dialled, for an outbound call).
	CallStart RecordKind = iota + 1
	// CallEnd is an E call record: the call is over; it carries the
	// duration (Deluxe units) and the ring count.
	CallEnd
	// CallBlocked is a B record: CallerID.com's own samples read it as a
	// call turned away by the unit's internal block list.
	CallBlocked
	// Detail is a detail record: ring, off-hook, on-hook or hook flash.
	Detail
	// Accounting is the VoIP call-accounting C record of CallerID.com's
	// emulator: an end record with the SIP result.
	Accounting
)

func (k RecordKind) String() string {
	switch k {
	case CallStart:
		return "start"
	case CallEnd:
		return "end"
	case CallBlocked:
		return "blocked"
	case Detail:
		return "detail"
	case Accounting:
		return "accounting"
	}
	return "unknown"
}

// Format is the output format the unit is set to.
type Format int

const (
	// Comprehensive is the full call record (toggle X), with or without "$".
	Comprehensive Format = iota + 1
	// Limited is the short call record (toggle x): no start/end, no rings.
	Limited
	// TCI is the 70-column Tel-Control format (DIP switch 7 on).
	TCI
	// FromMemory is a stored end record replayed from the unit's memory,
	// prefixed by its record number and stamped in 24-hour time.
	FromMemory
	// DetailFormat is a detail record (toggle d).
	DetailFormat
)

func (f Format) String() string {
	switch f {
	case Comprehensive:
		return "comprehensive"
	case Limited:
		return "limited"
	case TCI:
		return "tci"
	case FromMemory:
		return "memory"
	case DetailFormat:
		return "detail"
	}
	return "unknown"
}

// Detail record letters.
const (
	DetailRing      byte = 'R'
	DetailOffHook   byte = 'F'
	DetailOnHook    byte = 'N'
	DetailHookFlash byte = 'H'
)

// Record is one line from a unit, decoded. Fields a format does not carry
// are left zero; the unit's clock is kept as it said (no year, 24-hour).
type Record struct {
	Format Format
	Line   int
	Kind   RecordKind
	// Inbound is false for calls the shop made (O records).
	Inbound bool
	// Duration is off-hook to on-hook, only in end records of Deluxe units
	// (Basic units always say 0).
	Duration time.Duration
	// ChecksumGood is false when the unit says the caller-ID checksum was
	// bad: the number may be wrong.
	ChecksumGood bool
	// RingType is the distinctive-ring letter (A–D), meaningful only on a
	// line with distinctive ring service; Rings is the ring count, known in
	// end records.
	RingType string
	Rings    int

	Month, Day           int
	Hour, Minute, Second int

	// Number is as the unit printed it (with or without dashes, or a text
	// such as PRIVATE or OUT-OF-AREA); for outbound calls, the digits dialled.
	Number string
	Name   string
	// Detail is the detail record's letter: DetailRing, DetailOffHook,
	// DetailOnHook or DetailHookFlash.
	Detail byte

	// Memory is the record number of a FromMemory record.
	Memory int

	// Accounting records only: seconds before answer, time on hold, and the
	// SIP final response (e.g. 486 "Busy Here").
	AnswerDelay time.Duration
	Hold        time.Duration
	SIPCode     int
	SIPReason   string

	// Raw is the record as received, without its line ending.
	Raw string
}
