package xdmf

import "fmt"

// Decode decodes one packet: type, length, data and checksum, nothing before
// or after. The checksum is checked before the data is read, so an edited
// or garbled packet is ErrChecksum whatever its data looks like.
func Decode(packet []byte) (Message, error) {
	if len(packet) > 0 && !isMessageType(packet[0]) {
		return Message{}, fmt.Errorf("%w: type byte %#02x", ErrNotCallerID, packet[0])
	}
	if len(packet) < 2 {
		return Message{}, ErrTruncated
	}
	want := packetLen(packet[1])
	switch {
	case len(packet) < want:
		return Message{}, fmt.Errorf("%w: %d of %d bytes", ErrTruncated, len(packet), want)
	case len(packet) > want:
		return Message{}, fmt.Errorf("%w: %d bytes after the checksum", ErrLength, len(packet)-want)
	case sum(packet) != 0:
		return Message{}, ErrChecksum
	}
	return decodeFramed(packet, false)
}

// decodeFramed decodes a packet whose length is already known to match;
// the checksum byte is absent when unverified.
func decodeFramed(packet []byte, unverified bool) (Message, error) {
	own := append([]byte(nil), packet...) // Unknown values point into it
	m, err := decodeData(own[0], own[2:2+int(own[1])])
	if err != nil {
		return Message{}, err
	}
	m.Packet, m.Unverified = own, unverified
	return m, nil
}

// packetLen is the whole packet's size for a given length byte.
func packetLen(length byte) int { return 2 + int(length) + 1 }

func sum(b []byte) byte {
	var s byte
	for _, c := range b {
		s += c
	}
	return s
}

func isMessageType(t byte) bool {
	switch t {
	case TypeSDMFCallerID, TypeSDMFMessageWait,
		TypeMDMFCallSetup, TypeMDMFTest, TypeMDMFMessageWait,
		TypeETSIAdviceOfCharge, TypeETSISMS:
		return true
	}
	return false
}

func decodeData(typ byte, data []byte) (Message, error) {
	switch typ {
	case TypeSDMFCallerID:
		return decodeSDMF(data)
	case TypeSDMFMessageWait:
		return decodeSDMFWaiting(data)
	}
	return decodeMDMF(typ, data)
}

// decodeSDMF reads "MMDDHHMM" and the number. SDMF has no inner structure to
// check, so its data must be printable ASCII: that, with the checksum, keeps
// random bytes in a stream from passing for a call.
func decodeSDMF(data []byte) (Message, error) {
	if len(data) < 8 {
		return Message{}, fmt.Errorf("%w: SDMF data of %d bytes has no room for the date", ErrMalformed, len(data))
	}
	for _, c := range data {
		if c < 0x20 || c > 0x7e {
			return Message{}, fmt.Errorf("%w: SDMF byte %#02x is not text", ErrMalformed, c)
		}
	}
	m := Message{Type: TypeSDMFCallerID, DateTime: string(data[:8])}
	switch number := string(data[8:]); number {
	case "P", "O", "A":
		m.NumberAbsence = number
	default:
		m.Number = number
	}
	return m, nil
}

func decodeSDMFWaiting(data []byte) (Message, error) {
	switch string(data) {
	case "BBB":
		return Message{Type: TypeSDMFMessageWait, MessageWaiting: ptr(true)}, nil
	case "ooo":
		return Message{Type: TypeSDMFMessageWait, MessageWaiting: ptr(false)}, nil
	}
	return Message{}, fmt.Errorf("%w: SDMF message waiting % X is neither on nor off", ErrMalformed, data)
}

func decodeMDMF(typ byte, data []byte) (Message, error) {
	params, err := Params(data)
	if err != nil {
		return Message{}, err
	}
	if len(params) == 0 {
		return Message{}, fmt.Errorf("%w: no parameters", ErrMalformed)
	}
	m := Message{Type: typ}
	for _, p := range params {
		if !m.set(p) {
			m.Unknown = append(m.Unknown, p)
		}
	}
	return m, nil
}

// set stores a parameter Message has a field for and reports whether it did.
// A parameter that repeats keeps its first non-empty value, as the modem
// parser keeps the first of repeated tags; the repeat goes to Unknown.
func (m *Message) set(p Param) bool {
	text := func(field *string) bool {
		if *field != "" {
			return false
		}
		*field = string(p.Value)
		return true
	}
	switch p.Type {
	case ParamDateTime:
		return text(&m.DateTime)
	case ParamNumber:
		return text(&m.Number)
	case ParamDialed:
		return text(&m.Dialed)
	case ParamNumberAbsence:
		return text(&m.NumberAbsence)
	case ParamRedirectReason:
		return text(&m.RedirectReason)
	case ParamQualifier:
		return text(&m.Qualifier)
	case ParamName:
		return text(&m.Name)
	case ParamNameAbsence:
		return text(&m.NameAbsence)
	case ParamRedirecting:
		return text(&m.Redirect)
	case ParamCallType:
		if len(p.Value) != 1 || m.CallType != 0 {
			return false
		}
		m.CallType = p.Value[0]
		return true
	case ParamMessageWaiting:
		if len(p.Value) != 1 || m.MessageWaiting != nil {
			return false
		}
		m.MessageWaiting = ptr(p.Value[0] != 0)
		return true
	}
	return false
}

// Params splits MDMF data into its parameters, type(1) length(1)
// value(length) each, in order. The last parameter must end exactly where the
// data does. Values point into data. Useful on its own for the MESG line of
// a modem's formatted output ("MESG = 110101" is one parameter).
func Params(data []byte) ([]Param, error) {
	var params []Param
	for i := 0; i < len(data); {
		if i+2 > len(data) {
			return nil, fmt.Errorf("%w: parameter %#02x at byte %d has no length", ErrMalformed, data[i], i)
		}
		end := i + 2 + int(data[i+1])
		if end > len(data) {
			return nil, fmt.Errorf("%w: parameter %#02x at byte %d overruns the message by %d bytes", ErrMalformed, data[i], i, end-len(data))
		}
		params = append(params, Param{Type: data[i], Value: data[i+2 : end : end]})
		i = end
	}
	return params, nil
}

func ptr[T any](v T) *T { return &v }
