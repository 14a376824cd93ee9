package xdmf

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// DecodeHex decodes one packet as a modem prints it in unformatted mode
// (+VCID=2, #CID=2): ASCII hex, upper or lower case, with or without spaces
// between bytes, with or without the "MESG=" prefix of the USR 5637.
//
// Some modems leave out the checksum byte (the Askey manual's example does).
// Because a modem line ends where the packet ends, a packet whose data ends
// exactly at the end of the line is still framed unambiguously: it is
// decoded and marked Unverified, provided its data parses strictly. A
// checksum that is present and wrong is always ErrChecksum.
func DecodeHex(s string) (Message, error) {
	packet, err := hexBytes(s)
	if err != nil {
		return Message{}, err
	}
	if len(packet) >= 2 && isMessageType(packet[0]) && len(packet) == packetLen(packet[1])-1 {
		return decodeFramed(packet, true)
	}
	return Decode(packet)
}

func hexBytes(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "MESG") {
		rest := strings.TrimLeft(s[4:], " \t")
		if after, ok := strings.CutPrefix(rest, "="); ok {
			s = after
		}
	}
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, s)
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotCallerID, err)
	}
	return b, nil
}
