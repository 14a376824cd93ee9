package modem

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/xdmf"
)

// addMesg takes a MESG line. Its value is either a whole packet (the USR
// 5637 prints unformatted caller ID as "MESG=80 27 01 08 …") or, in
// formatted output, the parameters the modem did not decode itself
// ("MESG = 110101", "MESG = 06014C"): those stay in the block, with a note
// in Raw for the ones we know.
func (p *Parser) addMesg(l modemLine) []callerid.Event {
	if hexValue, ok := hexPacket(l.value); ok {
		m, err := xdmf.DecodeHex(hexValue)
		switch {
		case errors.Is(err, xdmf.ErrChecksum):
			// Kept in Raw for support, never read as a field.
			p.badChecksums++
			return p.addTag(l)
		case err == nil && m.IsCallerID():
			return append(p.flushBlock(), p.callerIDPacket(m, l.text)...)
		}
	}
	events := p.addTag(l)
	if p.block != nil {
		for _, n := range mesgNotes(l.value) {
			p.block.raw = append(p.block.raw, "# "+n)
		}
	}
	return events
}

// packet decodes a bare hex line from a modem in unformatted mode.
func (p *Parser) packet(hexValue, text string) []callerid.Event {
	m, err := xdmf.DecodeHex(hexValue)
	switch {
	case errors.Is(err, xdmf.ErrChecksum):
		p.badChecksums++
		return nil
	case err != nil:
		return nil
	}
	return p.callerIDPacket(m, text)
}

// callerIDPacket is the CallerID event of a decoded packet, with the line
// as the modem printed it in Raw and notes for what the packet says beyond
// number and name. Messages that announce no call give no event.
func (p *Parser) callerIDPacket(m xdmf.Message, text string) []callerid.Event {
	ev, ok := m.Event(p.Line, p.now())
	if !ok {
		return nil
	}
	raw := []string{text}
	if m.Unverified {
		raw = append(raw, "# no checksum: the modem left it out")
	}
	if n := callTypeNote(m.CallType); n != "" {
		raw = append(raw, "# "+n)
	}
	if n := qualifierNote(m.Qualifier); n != "" {
		raw = append(raw, "# "+n)
	}
	ev.Raw = strings.Join(raw, "\n")
	return []callerid.Event{ev}
}

// mesgNotes says in words what the MESG parameters we know mean: the BT
// call type ("110101": call type voice) and the Bell Canada call qualifier
// ("06014C": long distance), and SDMF message waiting, which some modems
// print as MESG too. Anything else gets no note: the hex stays in Raw.
func mesgNotes(value string) []string {
	data, err := hex.DecodeString(strings.ReplaceAll(value, " ", ""))
	if err != nil {
		// Odd-length values are seen (the Askey manual's "06034242431"):
		// the last digit is a stray.
		if v := strings.ReplaceAll(value, " ", ""); len(v)%2 == 1 {
			data, err = hex.DecodeString(v[:len(v)-1])
		}
		if err != nil {
			return nil
		}
	}
	if len(data) >= 5 && data[0] == xdmf.TypeSDMFMessageWait && data[1] == 3 {
		switch string(data[2:5]) {
		case "BBB":
			return []string{"message waiting: on"}
		case "ooo":
			return []string{"message waiting: off"}
		}
	}
	params, err := xdmf.Params(data)
	if err != nil && len(data) > 0 {
		// Some modems add the checksum byte after the parameters.
		params, err = xdmf.Params(data[:len(data)-1])
	}
	if err != nil {
		return nil
	}
	var notes []string
	for _, prm := range params {
		if n := paramNote(prm); n != "" {
			notes = append(notes, n)
		}
	}
	return notes
}

func paramNote(prm xdmf.Param) string {
	switch {
	case prm.Type == xdmf.ParamCallType && len(prm.Value) == 1:
		return callTypeNote(prm.Value[0])
	case prm.Type == xdmf.ParamQualifier:
		return qualifierNote(string(prm.Value))
	case prm.Type == xdmf.ParamNumberAbsence || prm.Type == xdmf.ParamNameAbsence:
		what := "number"
		if prm.Type == xdmf.ParamNameAbsence {
			what = "name"
		}
		switch string(prm.Value) {
		case "P":
			return what + " withheld by the caller"
		case "O":
			return what + " unavailable"
		}
	}
	return ""
}

// callTypeNote names an ETSI/BT call type (parameter 0x11).
func callTypeNote(t byte) string {
	switch t {
	case 0:
		return ""
	case xdmf.CallTypeVoice:
		return "call type: voice"
	case xdmf.CallTypeRingBack:
		return "call type: ring-back when free"
	case xdmf.CallTypeNameDelivery:
		return "call type: calling name delivery"
	case xdmf.CallTypeMessageWaiting:
		return "call type: message waiting"
	}
	return fmt.Sprintf("call type: %#02x", t)
}

// qualifierNote reads the Bell Canada call qualifier (parameter 0x06).
func qualifierNote(q string) string {
	switch q {
	case "":
		return ""
	case "L":
		return "long distance call"
	}
	if len(q) == 1 && q[0] > ' ' && q[0] < 0x7f {
		return "call qualifier: " + q
	}
	return fmt.Sprintf("call qualifier: % X", q)
}
