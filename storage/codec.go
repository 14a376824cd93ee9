package storage

import (
	"bytes"
	"fmt"

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
	if err := encodeFields(enc, r.fields()); err != nil {
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
	return decodeFields(dec, r.fields())
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
	default:
		err = dec.Decode(f)
	}
	return err
}
