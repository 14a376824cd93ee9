package xdmf

// Encode builds the packet for m, checksum included: SDMF for types 0x04 and
// 0x06, MDMF parameters for every other type (0 means 0x80, call set-up).
// Fields go out in the order BT and Bellcore lines send them: call type,
// date, numbers, qualifier, name, message waiting, redirecting number, then
// Unknown as given. Empty fields are left out. Packet and Unverified are
// ignored.
//
// The format cannot carry more than 255 data bytes: a value that would not
// fit is cut to the room left, and MDMF parameters with no room at all are
// left out. A message with no fields at all encodes to an empty MDMF packet,
// which Decode refuses as malformed. An SDMF date
// that is not 8 characters is padded with '0' or cut, so that the number
// still starts where receivers look for it.
func Encode(m Message) []byte {
	var data []byte
	switch m.Type {
	case TypeSDMFCallerID:
		data = encodeSDMF(m)
	case TypeSDMFMessageWait:
		data = []byte("ooo")
		if m.MessageWaiting != nil && *m.MessageWaiting {
			data = []byte("BBB")
		}
	default:
		if m.Type == 0 {
			m.Type = TypeMDMFCallSetup
		}
		data = encodeMDMF(m)
	}
	packet := append([]byte{m.Type, byte(len(data))}, data...)
	return append(packet, -sum(packet))
}

func encodeSDMF(m Message) []byte {
	date := (m.DateTime + "00000000")[:8]
	number := m.Number
	if number == "" {
		number = m.NumberAbsence
	}
	data := append([]byte(date), number...)
	return data[:min(len(data), 255)]
}

func encodeMDMF(m Message) []byte {
	var data []byte
	add := func(typ byte, value []byte) {
		room := 255 - len(data) - 2
		if len(value) == 0 || room < 1 {
			return
		}
		value = value[:min(len(value), room)]
		data = append(append(data, typ, byte(len(value))), value...)
	}
	if m.CallType != 0 {
		add(ParamCallType, []byte{m.CallType})
	}
	add(ParamDateTime, []byte(m.DateTime))
	add(ParamNumber, []byte(m.Number))
	add(ParamDialed, []byte(m.Dialed))
	add(ParamNumberAbsence, []byte(m.NumberAbsence))
	add(ParamRedirectReason, []byte(m.RedirectReason))
	add(ParamQualifier, []byte(m.Qualifier))
	add(ParamName, []byte(m.Name))
	add(ParamNameAbsence, []byte(m.NameAbsence))
	if m.MessageWaiting != nil {
		flag := byte(0x00)
		if *m.MessageWaiting {
			flag = 0xFF
		}
		add(ParamMessageWaiting, []byte{flag})
	}
	add(ParamRedirecting, []byte(m.Redirect))
	for _, p := range m.Unknown {
		if room := 255 - len(data) - 2; room >= 0 {
			value := p.Value[:min(len(p.Value), room)]
			data = append(append(data, p.Type, byte(len(value))), value...)
		}
	}
	return data
}
