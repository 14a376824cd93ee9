package storage

import (
	"bytes"
	"fmt"

	"github.com/callboard-app/callboard/callerid"
	"github.com/vmihailenco/msgpack/v5"
)

// The codec is fixed for the life of a database (storm records its name in
// every bucket and refuses another), so it was chosen for ten years of
// calls: msgpack, with Callboard's own records written as arrays.
//
// An array drops the field names that would otherwise fill about half of
// every call record. msgpack/v5's own `as_array` cannot be used: its decoder
// refuses an array whose length differs from the struct ("number of fields
// in array-encoded struct has changed"), so the first release that adds a
// field could no longer read the calls already stored. Records therefore
// list their fields themselves (fielder) and this codec reads as many as
// were written: a field missing from an older record stays zero, a field a
// newer release appended is skipped. The rule that keeps this safe: fields
// are only ever appended to a record's list, never removed or reordered.
//
// Values that are not records (the schema number) are plain msgpack.
type recordCodec struct{}

// fielder is a stored record: pointers to its fields in their stored order.
type fielder interface {
	fields() []any
}

// packer is a record that leaves out of the file what its other fields
// already say (see callRecord.storedFields).
type packer interface {
	// storedFields are the fields to write, in fields() order; a field
	// left out is written as something shorter that readFields knows.
	storedFields() []any
	// readFields are the fields to read into, and what to do once all
	// are read.
	readFields() ([]any, func() error)
}

func (recordCodec) Name() string { return "callboard-msgpack-arrays" }

func (recordCodec) Marshal(v any) ([]byte, error) {
	r, ok := v.(fielder)
	if !ok {
		return msgpack.Marshal(v)
	}
	buf := bytes.NewBuffer(make([]byte, 0, 256)) // a call is ~200 bytes
	enc := msgpack.GetEncoder()
	defer msgpack.PutEncoder(enc)
	enc.Reset(buf)
	fs := r.fields()
	if p, ok := r.(packer); ok {
		fs = p.storedFields()
	}
	if err := encodeFields(enc, fs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (recordCodec) Unmarshal(b []byte, v any) error {
	r, ok := v.(fielder)
	if !ok {
		return msgpack.Unmarshal(b, v)
	}
	dec := msgpack.GetDecoder()
	defer msgpack.PutDecoder(dec)
	dec.Reset(bytes.NewReader(b))
	p, ok := r.(packer)
	if !ok {
		return decodeFields(dec, r.fields())
	}
	fs, done := p.readFields()
	if err := decodeFields(dec, fs); err != nil {
		return err
	}
	return done()
}

// encodeFields writes a record as an array of its fields. Records nested
// in a record (a campaign's insertions, a day's groups) use it too, through
// msgpack's CustomEncoder, so they can grow by the same rule.
func encodeFields(enc *msgpack.Encoder, fs []any) error {
	if err := enc.EncodeArrayLen(len(fs)); err != nil {
		return err
	}
	for _, f := range fs {
		if err := encodeField(enc, f); err != nil {
			return err
		}
	}
	return nil
}

// decodeFields reads as many fields as were written: a field missing from
// an older record stays as it was, one appended by a newer release is
// skipped.
func decodeFields(dec *msgpack.Decoder, fs []any) error {
	n, err := dec.DecodeArrayLen()
	if err != nil {
		return fmt.Errorf("record is not an array: %w", err)
	}
	for i := 0; i < n; i++ {
		if i >= len(fs) {
			if err := dec.Skip(); err != nil {
				return err
			}
			continue
		}
		if err := decodeField(dec, fs[i]); err != nil {
			return fmt.Errorf("field %d: %w", i, err)
		}
	}
	return nil
}

// encodeField spares the common field types msgpack's reflection.
func encodeField(enc *msgpack.Encoder, f any) error {
	switch p := f.(type) {
	case *string:
		return enc.EncodeString(*p)
	case *int64:
		return enc.EncodeInt(*p)
	case *int:
		return enc.EncodeInt(int64(*p))
	case *bool:
		return enc.EncodeBool(*p)
	case nil:
		return enc.EncodeNil() // a field left out (see packer)
	}
	return enc.Encode(f)
}

func decodeField(dec *msgpack.Decoder, f any) error {
	var err error
	switch p := f.(type) {
	case *string:
		*p, err = dec.DecodeString()
	case *int64:
		*p, err = dec.DecodeInt64()
	case *int:
		*p, err = dec.DecodeInt()
	case *bool:
		*p, err = dec.DecodeBool()
	case *[24]int:
		err = decodeHours(dec, p)
	case *map[string]int:
		err = decodeCounts(dec, p, dec.DecodeString)
	case *map[callerid.Outcome]int:
		err = decodeCounts(dec, p, func() (callerid.Outcome, error) {
			s, err := dec.DecodeString()
			return callerid.Outcome(s), err
		})
	case *map[int]int:
		err = decodeCounts(dec, p, dec.DecodeInt)
	case *storedRaw:
		err = p.DecodeMsgpack(dec)
	case *maybeNil:
		err = p.DecodeMsgpack(dec)
	default:
		err = dec.Decode(f)
	}
	return err
}

// The day rollups' counts are read without msgpack's reflection, which
// was half the cost of a report over years of days. Both read exactly
// what msgpack's own decoding would.

// decodeHours reads a day's counts by hour.
func decodeHours(dec *msgpack.Decoder, h *[24]int) error {
	n, err := dec.DecodeArrayLen()
	if err != nil || n == -1 {
		return err
	}
	if n > len(h) {
		return fmt.Errorf("%d hours in a day", n)
	}
	for i := range n {
		if h[i], err = dec.DecodeInt(); err != nil {
			return err
		}
	}
	return nil
}

// maxCounts bounds the map made before its entries are read, as msgpack
// does, so that a damaged length cannot ask for any amount of memory.
const maxCounts = 1e6

// decodeCounts reads counts by name (an outcome, a place) or by number.
func decodeCounts[K comparable](dec *msgpack.Decoder, m *map[K]int, key func() (K, error)) error {
	n, err := dec.DecodeMapLen()
	if err != nil {
		return err
	}
	if n == -1 {
		*m = nil
		return nil
	}
	if *m == nil {
		*m = make(map[K]int, min(n, maxCounts))
	}
	for range n {
		k, err := key()
		if err != nil {
			return err
		}
		v, err := dec.DecodeInt()
		if err != nil {
			return err
		}
		(*m)[k] = v
	}
	return nil
}
