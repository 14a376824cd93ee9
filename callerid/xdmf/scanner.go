package xdmf

// Scanner finds packets in the raw byte stream of a caller-ID box: 0x55
// channel-seizure bytes, mark noise and stray bytes come before and after
// each packet, and reads may split the stream anywhere.
//
// Any 0x04, 0x06, 0x80 or 0x82 byte may start a packet; its length byte says
// where the packet ends, which cuts off the noise after it. A candidate is a
// packet only if its checksum holds and its data parses cleanly (MDMF
// parameters end exactly at the checksum, at least one of them known; SDMF
// data is text), which leaves a random run of noise very little chance to
// pass for a call: in a trial with 13 MB of random bytes (30 hours of a
// 1200-baud line that never stops talking) not one did. After a
// candidate fails, the search goes on at the next byte, so a stray type byte
// in the noise does not hide the real packet behind it.
//
// A box reports nothing between calls, so the scanner cannot wait for a
// candidate whose length byte points past the bytes received so far: such a
// stray "0x80 0xF0" would otherwise hold back the packet inside its span
// until 240 more bytes arrived. A complete, valid packet later in the buffer
// wins over an earlier candidate that is still incomplete.
//
// Not safe for concurrent use.
type Scanner struct {
	buf []byte
	// judged[i] is set once the candidate at buf[i] was complete and found
	// not to be a packet, so no later Feed re-examines or recounts it.
	judged []bool
	// base is the stream offset of buf[0]; badEnd the stream offset where
	// the last counted bad packet ends. Candidates inside a bad packet are
	// its own bytes and are not counted again.
	base, badEnd int64
	bad          int
}

// NewScanner returns a scanner at the start of a stream.
func NewScanner() *Scanner { return &Scanner{} }

// BadChecksums is how many packets so far had a wrong checksum: candidates
// that are framed like a caller-ID packet, with parameters of known types
// that end exactly at the checksum, but whose bytes do not sum to 0. Random
// noise rarely looks like that; a call garbled on the line does.
func (s *Scanner) BadChecksums() int { return s.bad }

// Feed takes the next bytes of the stream and returns the messages they
// complete, in stream order. It keeps no reference to b.
func (s *Scanner) Feed(b []byte) []Message {
	s.buf = append(s.buf, b...)
	for range b {
		s.judged = append(s.judged, false)
	}
	var out []Message
	for {
		m, end, ok := s.next()
		if !ok {
			break
		}
		out = append(out, m)
		s.drop(end)
	}
	s.drop(s.firstPending())
	return out
}

// next finds the first complete, valid packet in the buffer and returns it
// with the index just past it. Complete candidates that fail are judged on
// the way.
func (s *Scanner) next() (Message, int, bool) {
	for i, c := range s.buf {
		if !isStreamStart(c) || s.judged[i] || i+1 >= len(s.buf) {
			continue
		}
		end := i + packetLen(s.buf[i+1])
		if end > len(s.buf) {
			continue // incomplete: a later packet may still be complete
		}
		packet := s.buf[i:end]
		if sum(packet) == 0 {
			if m, err := decodeFramed(packet, false); err == nil && m.saysSomething() {
				return m, end, true
			}
		} else if s.base+int64(i) >= s.badEnd && looksLikePacket(packet) {
			s.bad++
			s.badEnd = s.base + int64(end)
		}
		s.judged[i] = true
	}
	return Message{}, 0, false
}

// firstPending is the index of the first candidate still waiting for bytes;
// everything before it can go.
func (s *Scanner) firstPending() int {
	for i, c := range s.buf {
		if isStreamStart(c) && !s.judged[i] {
			return i
		}
	}
	return len(s.buf)
}

func (s *Scanner) drop(n int) {
	s.buf = s.buf[:copy(s.buf, s.buf[n:])]
	s.judged = s.judged[:copy(s.judged, s.judged[n:])]
	s.base += int64(n)
}

// isStreamStart reports whether c can start a packet in a box's stream: the
// types boxes deliver. Advice of charge, SMS and test messages are left out
// because every extra start byte is one more way for noise to look like a
// packet.
func isStreamStart(c byte) bool {
	switch c {
	case TypeSDMFCallerID, TypeSDMFMessageWait, TypeMDMFCallSetup, TypeMDMFMessageWait:
		return true
	}
	return false
}

// looksLikePacket reports whether a packet that failed its checksum was
// nonetheless framed like a real one, so that it counts as a bad checksum
// rather than as noise.
func looksLikePacket(packet []byte) bool {
	typ, data := packet[0], packet[2:len(packet)-1]
	switch typ {
	case TypeSDMFCallerID, TypeSDMFMessageWait:
		_, err := decodeData(typ, data)
		return err == nil
	}
	params, err := Params(data)
	if err != nil || len(params) == 0 {
		return false
	}
	for _, p := range params {
		if !isKnownParam(p.Type) {
			return false
		}
	}
	return true
}

// isKnownParam reports whether t is a parameter type of GR-30-CORE or
// EN 300 659-3 (reference §2.5).
func isKnownParam(t byte) bool {
	switch {
	case t >= 0x01 && t <= 0x0B && t != 0x0A,
		t >= 0x0D && t <= 0x13,
		t == 0x15, t == 0x16, t == 0x1A,
		t == 0x20, t == 0x21, t == 0x23,
		t == 0x50, t == 0x55:
		return true
	}
	return false
}

// saysSomething reports whether an MDMF message carried at least one
// parameter Message has a field for. Every real message does (a date, a
// number, a name, a waiting flag); noise that happens to parse as a list of
// unknown parameters does not.
func (m Message) saysSomething() bool {
	return m.DateTime != "" || m.Number != "" || m.NumberAbsence != "" ||
		m.Name != "" || m.NameAbsence != "" || m.Dialed != "" || m.CallType != 0 ||
		m.Qualifier != "" || m.Redirect != "" || m.RedirectReason != "" ||
		m.MessageWaiting != nil
}
