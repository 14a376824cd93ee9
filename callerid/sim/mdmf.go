package sim

import (
	"encoding/hex"
	"strings"
)

// MDMF parameter types (GR-30-CORE): a number or name that is withheld or
// unavailable travels as a one-letter "reason" instead of the value.
const (
	mdmfCallType     = 0x80
	mdmfDateTime     = 0x01
	mdmfNumber       = 0x02
	mdmfNumberAbsent = 0x04
	mdmfName         = 0x07
	mdmfNameAbsent   = 0x08
)

// mdmfHex is the caller ID as a modem prints it in unformatted mode
// (+VCID=2, #CID=2): the MDMF packet in upper-case ASCII hex, checksum
// included, without the channel-seizure bytes.
func mdmfHex(c Call) string {
	body := param(nil, mdmfDateTime, c.Date+c.Time)
	body = paramOrReason(body, mdmfNumber, mdmfNumberAbsent, c.Number)
	body = paramOrReason(body, mdmfName, mdmfNameAbsent, c.Name)
	packet := append([]byte{mdmfCallType, byte(len(body))}, body...)
	var sum byte
	for _, b := range packet {
		sum += b
	}
	packet = append(packet, -sum)
	return strings.ToUpper(hex.EncodeToString(packet))
}

func paramOrReason(body []byte, kind, absent byte, value string) []byte {
	switch value {
	case "":
		return body
	case "P", "O":
		return param(body, absent, value)
	}
	return param(body, kind, value)
}

func param(body []byte, kind byte, value string) []byte {
	return append(append(body, kind, byte(len(value))), value...)
}
