package modem

import "strings"

// InitOptions are the optional parts of the modem set-up. The zero value is
// the plain set-up: formatted caller ID and nothing else.
type InitOptions struct {
	// Country is the ITU-T T.35 country code in hex ("B5" USA, "B4" UK,
	// "3D" France, "42" Germany), sent as AT+GCI=<code> before caller ID
	// is turned on. A modem set for the wrong country decodes no caller ID
	// outside the US. Empty leaves the modem's own setting alone; a modem
	// that refuses it keeps its setting and is used anyway.
	Country string
	// DistinctiveRing asks the modem to tell ring patterns apart, so one
	// line can carry several advertised numbers: RING A/B/C (3Com, USR,
	// TI), RING 1/2/3 (Conexant) or DRON/DROF cadences (Lucent/Agere).
	// A modem that cannot is used without it.
	DistinctiveRing bool
	// ExtensionPickup puts the modem in voice class and asks it to report
	// the line being picked up (Conexant -STE=7): then the dashboard knows
	// for certain that a call was answered. A modem that cannot is used
	// without it.
	ExtensionPickup bool
	// Raw asks for unformatted caller ID (+VCID=2, #CID=2): the whole
	// packet in hex, which this package checks and decodes itself. For
	// modems whose formatted output is broken; a modem without it falls
	// back to formatted caller ID.
	Raw bool
}

// formattedCallerID lists the commands that turn on formatted caller ID, in
// the order they are tried; the first the modem accepts wins.
//
// The standard goes first: +VCID (IS-101/V.253) is on nearly every modem
// sold this century, and a modem without it answers ERROR at once. #CID is
// the next most common family (USR, TI, Rockwell-compatible). #CLS=8#CID
// comes after plain #CID because it also switches the modem into voice
// class, which only those modems that want it should get. The last three
// each belong to one small, older family (Aspen/Cirrus/Motorola Voice
// Surfer, Motorola, Practical Peripherals), and their short vendor
// prefixes mean other things on other brands, so they are tried only once
// every common form has been refused.
var formattedCallerID = []string{
	"AT+VCID=1",
	"AT#CID=1",
	"AT#CLS=8#CID=1",
	"AT#CC1",
	"AT*ID1",
	"AT%CCID=1",
}

// rawCallerID lists the unformatted (hex) forms, tried before the
// formatted ones when InitOptions.Raw is set. Only the +VCID and #CID
// families have one.
var rawCallerID = []string{
	"AT+VCID=2",
	"AT#CID=2",
	"AT#CLS=8#CID=2",
}

// callerIDCommands is the list to try for opts.
func callerIDCommands(opts InitOptions) []string {
	if opts.Raw {
		return append(append([]string(nil), rawCallerID...), formattedCallerID...)
	}
	return formattedCallerID
}

const (
	// voiceClassCommand: extension pick-up is reported only in voice class
	// (<DLE>P), and Lucent's +VDR is refused outside it.
	voiceClassCommand = "AT+FCLASS=8"
	// extensionCommand turns on line-in-use, extension pick-up and remote
	// hang-up detection (Conexant -STE, bits 0-2).
	extensionCommand = "AT-STE=7"
)

// distinctiveRingCommands are tried in order until one is accepted. The
// extended commands go first: a modem that lacks one says ERROR. ATS41=1 is
// an S-register write that most modems accept whatever register 41 means to
// them, so it is sent only to the #CID family (3Com/USR/TI) it belongs to,
// and to them first.
func distinctiveRingCommands(callerID string) []string {
	cmds := []string{"AT-SDR=7", "AT+VDR=1,0"}
	if strings.HasPrefix(callerID, "AT#CID") || strings.HasPrefix(callerID, "AT#CLS") {
		cmds = append([]string{"ATS41=1"}, cmds...)
	}
	return cmds
}

// countryCommand returns AT+GCI=<code>, or "" when code is no T.35 code
// (one byte in hex).
func countryCommand(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 2 || !isHexDigits(code) {
		return ""
	}
	return "AT+GCI=" + code
}

func isHexDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
