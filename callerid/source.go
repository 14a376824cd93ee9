package callerid

import "fmt"

// SourceKind names a family of caller-ID devices.
type SourceKind string

const (
	// SourceModem is a Hayes-compatible modem on a serial port.
	SourceModem SourceKind = "modem"
	// SourceWhozzSerial is a CallerID.com Whozz Calling unit on a serial port.
	SourceWhozzSerial SourceKind = "whozz-serial"
	// SourceWhozzUDP is a Whozz Calling Ethernet Link unit sending UDP.
	SourceWhozzUDP SourceKind = "whozz-udp"
	// SourceNCID is an NCID server on the network.
	SourceNCID SourceKind = "ncid"
	// SourceNetCallerID is a NetCallerID box (serial, 4800 baud).
	SourceNetCallerID SourceKind = "netcallerid"
	// SourceTCI is a Tel-Control (TCI) box (serial, 9600 baud).
	SourceTCI SourceKind = "tci"
	// SourceRawBox is a box that sends raw SDMF/MDMF packets (CTI Comet,
	// GaneData, HT9032D modules; serial, 1200 baud by default).
	SourceRawBox SourceKind = "raw-box"
	// SourceSimulated is the demo line.
	SourceSimulated SourceKind = "simulated"
)

// SourceKinds lists the kinds a shop can add, in the order a menu shows them.
var SourceKinds = []SourceKind{SourceModem, SourceWhozzSerial, SourceWhozzUDP, SourceNCID, SourceNetCallerID, SourceTCI, SourceRawBox, SourceSimulated}

// Label is the kind in the shop's words.
func (k SourceKind) Label() string {
	switch k {
	case SourceModem:
		return "Modem (USB or serial)"
	case SourceWhozzSerial:
		return "Whozz Calling (serial)"
	case SourceWhozzUDP:
		return "Whozz Calling Ethernet Link (network)"
	case SourceNCID:
		return "NCID server (network)"
	case SourceNetCallerID:
		return "NetCallerID box (serial)"
	case SourceTCI:
		return "TCI caller-ID box (serial)"
	case SourceRawBox:
		return "Raw caller-ID decoder (serial)"
	case SourceSimulated:
		return "Simulated line (demo)"
	}
	return string(k)
}

// Serial reports whether the kind is read from a serial port.
func (k SourceKind) Serial() bool {
	switch k {
	case SourceModem, SourceWhozzSerial, SourceNetCallerID, SourceTCI, SourceRawBox:
		return true
	}
	return false
}

// DefaultBaud is the speed the kind's devices ship with.
func (k SourceKind) DefaultBaud() int {
	switch k {
	case SourceWhozzSerial, SourceTCI:
		return 9600
	case SourceNetCallerID:
		return 4800
	case SourceRawBox:
		return 1200
	}
	return 115200
}

// SourceConfig is one device the shop set up: what it is, where it is, and
// the names of its lines.
type SourceConfig struct {
	ID   int        `msgpack:"id"`
	Kind SourceKind `msgpack:"kind"`
	// Name is what the shop calls the device ("Front desk modem").
	Name string `msgpack:"name"`
	// Path is the serial port; Addr the network address (host:port, or
	// :3520 to listen for Whozz Calling UDP).
	Path string `msgpack:"path,omitempty"`
	Baud int    `msgpack:"baud,omitempty"`
	Addr string `msgpack:"addr,omitempty"`
	// USB identity of a serial device, so that it is found again when it
	// comes back on another port after being unplugged.
	USBVendor  string `msgpack:"vid,omitempty"`
	USBProduct string `msgpack:"pid,omitempty"`
	USBSerial  string `msgpack:"usb_serial,omitempty"`
	// Modem options: the country code for AT+GCI (T.35 hex, e.g. "B4" for
	// the UK; empty leaves the modem's setting alone), distinctive ring,
	// raw (unformatted) caller ID for modems whose formatted output is
	// broken.
	Country         string `msgpack:"country,omitempty"`
	DistinctiveRing bool   `msgpack:"distinctive_ring,omitempty"`
	RawCallerID     bool   `msgpack:"raw_callerid,omitempty"`
	// ExtensionPickup asks a voice modem to report when a phone on the line
	// is picked up (AT-STE), which makes "answered" exact.
	ExtensionPickup bool `msgpack:"extension_pickup,omitempty"`
	// HangUpSpam rejects calls from callers flagged as spam: the modem
	// picks up and hangs up at once. Off unless the shop turns it on.
	HangUpSpam bool `msgpack:"hang_up_spam,omitempty"`
	// Disabled sources are kept but not opened.
	Disabled bool `msgpack:"disabled,omitempty"`
	// Labels name the device's lines: line ID (as calls carry it) -> label.
	Labels map[string]string `msgpack:"labels,omitempty"`
}

// Where is the device's port or address, for the status bar.
func (c SourceConfig) Where() string {
	if c.Kind.Serial() {
		return c.Path
	}
	return c.Addr
}

// Title names the source for the person at the desk.
func (c SourceConfig) Title() string {
	switch {
	case c.Name != "":
		return c.Name
	case c.Where() != "":
		return fmt.Sprintf("%s %s", c.Kind.Label(), c.Where())
	}
	return c.Kind.Label()
}
