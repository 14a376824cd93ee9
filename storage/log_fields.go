package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// The log's filters and sorts test a few fields of every call in a period:
// decoding whole records costs ~1.9 µs a call, two seconds at a million.
// rawCall instead finds where each field of a stored call starts in its
// msgpack bytes and reads only the fields asked for, without copying
// (~0.1 µs a call). It reads the layout recordCodec writes: an array of the
// fields of callRecord.fields(), in order; the indexes below must follow
// that list (TestRawCallReadsEveryField checks them).
const (
	fLine = iota
	fStarted
	fKnown
	fAnswered
	fEnded
	fNumberRaw
	fE164
	fSpecial
	fName
	fTelcoDate
	fTelcoTime
	fRings
	fOutcome
	fExact
	fRaw
	fFirstTime
	fRingPattern
	fDialed
	fOutbound
	fLineID
	fCampaignID
	fValueCents
	fSpam
	fNote
	fTags
	fLead
	fOutcomeCorrected
	rawFields // how many fields rawCall knows
)

const maxID = int64(math.MaxInt64)

// rawCall is one stored call, read in place. Its byte slices are only
// valid inside the transaction that read it.
type rawCall struct {
	b []byte
	// at[i] is where field i starts, for the first parsed fields; pos is
	// where the next one starts. Fields are found as they are asked for, so
	// a filter on the outcome never walks past it.
	at     [rawFields]int32
	parsed int
	// n is how many fields the record has (within rawFields): fields a
	// record lacks, written by an older release, read as zero.
	n   int
	pos int
	err error
}

var errRawCall = errors.New("not a call record")

func (r *rawCall) parse(b []byte) error {
	r.b, r.parsed, r.err = b, 0, nil
	if len(b) < 3 {
		return errRawCall
	}
	switch c := b[0]; {
	case c >= 0x90 && c <= 0x9f:
		r.n, r.pos = int(c&0x0f), 1
	case c == 0xdc:
		r.n, r.pos = int(binary.BigEndian.Uint16(b[1:])), 3
	default:
		return errRawCall
	}
	r.n = min(r.n, rawFields)
	return nil
}

// field returns where field i starts, or -1 when the record lacks it or
// is damaged (a damaged record reads as zeros; parseAll reports it).
func (r *rawCall) field(i int) int {
	if i < 0 || i >= r.n {
		return -1
	}
	for r.parsed <= i {
		if r.err != nil {
			return -1
		}
		r.at[r.parsed] = int32(r.pos)
		r.pos, r.err = skipValue(r.b, r.pos)
		r.parsed++
	}
	if r.err != nil && i == r.parsed-1 {
		return -1
	}
	return int(r.at[i])
}

// parseAll finds every field, and says whether the record is sound.
func (r *rawCall) parseAll() error {
	r.field(r.n - 1)
	return r.err
}

// skipValue returns where the msgpack value at pos ends.
func skipValue(b []byte, pos int) (int, error) {
	if pos >= len(b) {
		return 0, errRawCall
	}
	c := b[pos]
	switch {
	case c <= 0x7f || c >= 0xe0 || c == 0xc0 || c == 0xc2 || c == 0xc3:
		return pos + 1, nil
	case c >= 0xa0 && c <= 0xbf:
		if end := pos + 1 + int(c&0x1f); end <= len(b) {
			return end, nil
		}
		return 0, errRawCall
	case c == 0xd3 || c == 0xcf: // the times
		if pos+9 <= len(b) {
			return pos + 9, nil
		}
		return 0, errRawCall
	}
	return skipOther(b, pos)
}

// skipOther is skipValue for the rarer kinds of value. Its complexity
// score is high only because every || of its flat table of msgpack type
// bytes counts as a branch.
//
//gocyclo:ignore
func skipOther(b []byte, pos int) (int, error) {
	c := b[pos]
	size := func(width int) (int, error) {
		if pos+1+width > len(b) {
			return 0, errRawCall
		}
		switch width {
		case 1:
			return int(b[pos+1]), nil
		case 2:
			return int(binary.BigEndian.Uint16(b[pos+1:])), nil
		}
		return int(binary.BigEndian.Uint32(b[pos+1:])), nil
	}
	items := func(head, count int) (int, error) {
		p := pos + head
		for range count {
			var err error
			if p, err = skipValue(b, p); err != nil {
				return 0, err
			}
		}
		return p, nil
	}
	var end int
	switch {
	case c <= 0x7f || c >= 0xe0 || c == 0xc0 || c == 0xc2 || c == 0xc3:
		end = pos + 1
	case c >= 0xa0 && c <= 0xbf:
		end = pos + 1 + int(c&0x1f)
	case c >= 0x90 && c <= 0x9f:
		return items(1, int(c&0x0f))
	case c >= 0x80 && c <= 0x8f:
		return items(1, 2*int(c&0x0f))
	case c == 0xcc || c == 0xd0:
		end = pos + 2
	case c == 0xcd || c == 0xd1:
		end = pos + 3
	case c == 0xce || c == 0xd2 || c == 0xca:
		end = pos + 5
	case c == 0xcf || c == 0xd3 || c == 0xcb:
		end = pos + 9
	case c >= 0xd4 && c <= 0xd8: // fixext 1, 2, 4, 8, 16
		end = pos + 2 + 1<<(c-0xd4)
	case c == 0xd9 || c == 0xc4, c == 0xda || c == 0xc5, c == 0xdb || c == 0xc6:
		width := 1 // str8, bin8
		switch c {
		case 0xda, 0xc5:
			width = 2
		case 0xdb, 0xc6:
			width = 4
		}
		n, err := size(width)
		if err != nil {
			return 0, err
		}
		end = pos + 1 + width + n
	case c >= 0xc7 && c <= 0xc9: // ext 8, 16, 32
		width := 1 << (c - 0xc7)
		n, err := size(width)
		if err != nil {
			return 0, err
		}
		end = pos + 2 + width + n
	case c == 0xdc || c == 0xdd:
		width := 2 + 2*int(c-0xdc)
		n, err := size(width)
		if err != nil {
			return 0, err
		}
		return items(1+width, n)
	case c == 0xde || c == 0xdf:
		width := 2 + 2*int(c-0xde)
		n, err := size(width)
		if err != nil {
			return 0, err
		}
		return items(1+width, 2*n)
	default:
		return 0, errRawCall
	}
	if end > len(b) {
		return 0, errRawCall
	}
	return end, nil
}

// str is field i as a string; nil when absent or not a string.
func (r *rawCall) str(i int) []byte {
	pos := r.field(i)
	if pos < 0 {
		return nil
	}
	b := r.b
	c := b[pos]
	var n, head int
	switch {
	case c >= 0xa0 && c <= 0xbf:
		n, head = int(c&0x1f), 1
	case c == 0xd9:
		n, head = int(b[pos+1]), 2
	case c == 0xda:
		n, head = int(binary.BigEndian.Uint16(b[pos+1:])), 3
	case c == 0xdb:
		n, head = int(binary.BigEndian.Uint32(b[pos+1:])), 5
	default:
		return nil
	}
	return b[pos+head : pos+head+n]
}

// int is field i as an integer; 0 when absent or not an integer.
func (r *rawCall) int(i int) int64 {
	pos := r.field(i)
	if pos < 0 {
		return 0
	}
	b := r.b
	c := b[pos]
	switch {
	case c <= 0x7f:
		return int64(c)
	case c >= 0xe0:
		return int64(int8(c))
	case c == 0xcc:
		return int64(b[pos+1])
	case c == 0xcd:
		return int64(binary.BigEndian.Uint16(b[pos+1:]))
	case c == 0xce:
		return int64(binary.BigEndian.Uint32(b[pos+1:]))
	case c == 0xcf:
		return int64(binary.BigEndian.Uint64(b[pos+1:]))
	case c == 0xd0:
		return int64(int8(b[pos+1]))
	case c == 0xd1:
		return int64(int16(binary.BigEndian.Uint16(b[pos+1:])))
	case c == 0xd2:
		return int64(int32(binary.BigEndian.Uint32(b[pos+1:])))
	case c == 0xd3:
		return int64(binary.BigEndian.Uint64(b[pos+1:]))
	}
	return 0
}

func (r *rawCall) bool(i int) bool {
	pos := r.field(i)
	return pos >= 0 && r.b[pos] == 0xc3
}

func (r *rawCall) finished() bool { return r.int(fEnded) != 0 }

// outcome is the call's outcome as its day counts it.
func (r *rawCall) outcome() callerid.Outcome {
	s := r.str(fOutcome)
	for _, o := range outcomes {
		if string(s) == string(o) {
			return o
		}
	}
	return callerid.OutcomeUnknown
}

// keyDigits appends the digits of the caller key (none for special callers
// and calls without caller ID).
func (r *rawCall) keyDigits(dst []byte) []byte {
	if e := r.str(fE164); len(e) > 0 {
		return appendDigitBytes(dst, e)
	}
	if len(r.str(fSpecial)) > 0 {
		return dst
	}
	return appendDigitBytes(dst, r.str(fNumberRaw))
}

// callerKey is the caller key (callRecord.callerKey) as bytes, into dst
// when it has to be made; nil without caller ID.
func (r *rawCall) callerKey(dst []byte) []byte {
	if e := r.str(fE164); len(e) > 0 {
		return e
	}
	if s := r.str(fSpecial); len(s) > 0 {
		if string(s) == callerid.NoNumber {
			return nil
		}
		return s
	}
	return appendDigitBytes(dst[:0], r.str(fNumberRaw))
}

func (r *rawCall) hasTag(tag string) bool {
	tags := r.str(fTags)
	for len(tags) > 0 {
		i := bytes.IndexByte(tags, '\n')
		if i < 0 {
			return string(tags) == tag
		}
		if string(tags[:i]) == tag {
			return true
		}
		tags = tags[i+1:]
	}
	return false
}

// talk is callRecord.talk on the raw fields.
func (r *rawCall) talk() (seconds int64, known bool) {
	if !r.finished() || !r.bool(fExact) || string(r.str(fOutcome)) != string(callerid.OutcomeAnswered) {
		return 0, false
	}
	from := r.int(fAnswered)
	if from == 0 {
		from = r.int(fKnown)
	}
	if from == 0 {
		from = r.int(fStarted)
	}
	if ended := r.int(fEnded); ended > from {
		return (ended - from) / 1e9, true
	}
	return 0, true
}

func appendDigitBytes(dst, s []byte) []byte {
	for _, c := range s {
		if c >= '0' && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}

// containsFold reports whether lower (already lower case) is in s, ignoring
// ASCII case; names with other letters are lowered in full.
func containsFold(s []byte, lower string) bool {
	if len(lower) == 0 {
		return true
	}
	for _, c := range s {
		if c >= 0x80 {
			return strings.Contains(strings.ToLower(string(s)), lower)
		}
	}
	first := lower[0]
	for i := 0; i+len(lower) <= len(s); i++ {
		if asciiLower(s[i]) != first {
			continue
		}
		j := 1
		for j < len(lower) && asciiLower(s[i+j]) == lower[j] {
			j++
		}
		if j == len(lower) {
			return true
		}
	}
	return false
}

func asciiLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// scanCalls calls fn with each call that started in [lo, hi), newest first
// (oldest first when asc), read in place, until fn returns false.
func scanCalls(tx *bolt.Tx, lo, hi int64, asc bool, fn func(int64, *rawCall) bool) error {
	root := tx.Bucket([]byte(callsBucket))
	if hi <= lo || root == nil {
		return nil
	}
	var r rawCall
	for _, month := range monthsIn(root, lo, hi, asc) {
		c := root.Bucket([]byte(month)).Cursor()
		var k, v []byte
		if asc {
			k, v = c.Seek(callKey(lo))
		} else if k, v = c.Seek(callKey(hi)); k == nil {
			k, v = c.Last()
		}
		for ; k != nil; k, v = stepCursor(c, asc) {
			if len(k) != 8 || v == nil {
				continue
			}
			id := keyInt(k)
			if id >= hi {
				if asc {
					break
				}
				continue
			}
			if id < lo {
				if asc {
					continue
				}
				break
			}
			if err := r.parse(v); err != nil {
				return fmt.Errorf("read call %d: %w", id, err)
			}
			if !fn(id, &r) {
				return nil
			}
		}
	}
	return nil
}

func stepCursor(c *bolt.Cursor, asc bool) ([]byte, []byte) {
	if asc {
		return c.Next()
	}
	return c.Prev()
}

// monthsIn lists the month buckets that may hold calls of [lo, hi).
func monthsIn(root *bolt.Bucket, lo, hi int64, asc bool) []string {
	first, last := monthOf(max(lo, 1)), monthOf(hi-1)
	var names []string
	c := root.Cursor()
	for k, v := c.Seek([]byte(first)); k != nil && string(k) <= last; k, v = c.Next() {
		if v == nil && len(k) == len(first) {
			names = append(names, string(k))
		}
	}
	if !asc {
		for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
			names[i], names[j] = names[j], names[i]
		}
	}
	return names
}
