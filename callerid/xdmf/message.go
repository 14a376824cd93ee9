package xdmf

import "errors"

// Message types (GR-30-CORE, ETSI EN 300 659-3).
const (
	TypeSDMFCallerID       = 0x04
	TypeSDMFMessageWait    = 0x06
	TypeMDMFCallSetup      = 0x80 // also the ETSI/BT call set-up
	TypeMDMFTest           = 0x81
	TypeMDMFMessageWait    = 0x82
	TypeETSIAdviceOfCharge = 0x86
	TypeETSISMS            = 0x89
)

// MDMF parameter types that Message has a field for. Every other parameter
// lands in Message.Unknown.
const (
	ParamDateTime       = 0x01
	ParamNumber         = 0x02
	ParamDialed         = 0x03 // DDN in the US; the called line identity in ETSI
	ParamNumberAbsence  = 0x04
	ParamRedirectReason = 0x05
	ParamQualifier      = 0x06
	ParamName           = 0x07
	ParamNameAbsence    = 0x08
	ParamMessageWaiting = 0x0B
	ParamCallType       = 0x11
	ParamRedirecting    = 0x1A
)

// ETSI/BT call types (parameter 0x11).
const (
	CallTypeVoice          = 0x01
	CallTypeRingBack       = 0x02
	CallTypeNameDelivery   = 0x03
	CallTypeMessageWaiting = 0x81
)

// Message is one decoded packet.
type Message struct {
	Type byte // TypeSDMFCallerID, TypeMDMFCallSetup, …

	DateTime      string // "MMDDHHMM" as sent (empty if absent)
	Number        string // calling number (param 0x02; SDMF number) — empty when absent
	NumberAbsence string // "P" private / "O" unavailable (param 0x04, or SDMF single 'P'/'O'/'A')
	Name          string // param 0x07
	NameAbsence   string // param 0x08
	Dialed        string // param 0x03: DDN in the US, the called line identity in ETSI
	CallType      byte   // ETSI/BT param 0x11 (CallTypeVoice, …); 0 when absent
	Qualifier     string // param 0x06 ("L" long distance, Bell Canada)
	// Redirect is the redirecting number (ETSI param 0x1A).
	Redirect string
	// RedirectReason is param 0x05 exactly as sent: networks disagree on
	// whether it is ASCII '0'…'2' or binary 0x00…0x06, so it is not mapped.
	RedirectReason string
	// MessageWaiting is set by SDMF 0x06 (42 42 42 on, 6F 6F 6F off) and
	// MDMF param 0x0B (non-zero on, 00 off); nil when the packet does not say.
	MessageWaiting *bool
	Unknown        []Param // parameters skipped by length, in packet order

	// Packet is the packet the message was decoded from, type byte to
	// checksum, without seizure bytes.
	Packet []byte
	// Unverified marks a packet that came without its checksum byte (some
	// modems print it so in unformatted mode): its framing was checked,
	// its bytes could not be.
	Unverified bool
}

// Param is one MDMF parameter.
type Param struct {
	Type  byte
	Value []byte
}

var (
	// ErrChecksum means the bytes of the packet do not sum to 0 mod 256:
	// something on the line changed them.
	ErrChecksum = errors.New("xdmf: bad checksum")
	// ErrTruncated means the packet ends before its length byte says.
	ErrTruncated = errors.New("xdmf: packet truncated")
	// ErrLength means bytes follow the checksum that the length byte does
	// not account for (typical of examples edited by hand).
	ErrLength = errors.New("xdmf: length byte does not match the packet")
	// ErrNotCallerID means the bytes do not start with a caller-ID message
	// type, or are not hex at all.
	ErrNotCallerID = errors.New("xdmf: not a caller-ID packet")
	// ErrMalformed means the checksum holds but the data does not parse:
	// MDMF parameters that overrun the message or leave bytes over, an SDMF
	// message without its date, a message-waiting flag that is neither on
	// nor off.
	ErrMalformed = errors.New("xdmf: malformed message")
)

// IsCallerID reports whether the message announces a call, as opposed to
// message waiting, advice of charge, a test and the like.
func (m Message) IsCallerID() bool {
	return m.Type == TypeSDMFCallerID || m.Type == TypeMDMFCallSetup
}
