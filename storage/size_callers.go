package storage

import (
	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// A caller record repeats itself: a call's ID is its start, so the first
// and last call are each written twice; a caller with one call has it as
// first, last and last answered, and the state before their latest call
// starts where the state now does. Stored in full that is half of the
// record (54 of ~100 bytes for most callers), 20 MB at a million calls. A
// field equal to the field it is usually a copy of is written as nil
// instead (one byte): no older record holds a nil there, so reading one
// means "the same as that field". What a field copies is fixed for ever.

// sameAs is one field that may be a copy of another.
type sameAs[T comparable] struct {
	field, of *T
}

func (r *callerRecord) sameInts() []sameAs[int64] {
	n, b := &r.Now, &r.Before
	// In order: a field is worked out only from fields already known.
	return []sameAs[int64]{
		{&n.FirstCall, &n.FirstCallID},
		{&n.LastCallID, &n.FirstCallID},
		{&n.LastCall, &n.LastCallID},
		{&n.LastAnswered, &n.LastCall},
		{&r.BeforeFor, &n.LastCallID},
		{&b.FirstCallID, &n.FirstCallID},
		{&b.FirstCall, &n.FirstCall},
		{&b.LastCall, &b.LastCallID},
		{&b.LastAnswered, &b.LastCall},
	}
}

func (r *callerRecord) sameStrings() []sameAs[string] {
	return []sameAs[string]{{&r.Before.FirstLine, &r.Now.FirstLine}}
}

// storedFields writes nil for each field that copies its original; a zero
// is as short written out.
func (r *callerRecord) storedFields() []any {
	fs := r.fields()
	for _, s := range r.sameInts() {
		if *s.field != 0 && *s.field == *s.of {
			leaveOut(fs, s.field)
		}
	}
	for _, s := range r.sameStrings() {
		if *s.field != "" && *s.field == *s.of {
			leaveOut(fs, s.field)
		}
	}
	return fs
}

func leaveOut(fs []any, field any) {
	for i, f := range fs {
		if f == field {
			fs[i] = nil
		}
	}
}

// readFields notes the fields read as nil and copies their originals into
// them once the whole record is read.
func (r *callerRecord) readFields() ([]any, func() error) {
	fs := r.fields()
	ints, strs := r.sameInts(), r.sameStrings()
	copied := make([]bool, len(ints)+len(strs))
	for i, s := range ints {
		replaceField(fs, s.field, &maybeNil{v: s.field, isNil: &copied[i]})
	}
	for i, s := range strs {
		replaceField(fs, s.field, &maybeNil{v: s.field, isNil: &copied[len(ints)+i]})
	}
	return fs, func() error {
		for i, s := range ints {
			if copied[i] {
				*s.field = *s.of
			}
		}
		for i, s := range strs {
			if copied[len(ints)+i] {
				*s.field = *s.of
			}
		}
		return nil
	}
}

func replaceField(fs []any, field, with any) {
	for i, f := range fs {
		if f == field {
			fs[i] = with
		}
	}
}

// maybeNil reads a field that may be written as nil.
type maybeNil struct {
	v     any // *int64 or *string
	isNil *bool
}

func (m *maybeNil) DecodeMsgpack(dec *msgpack.Decoder) error {
	c, err := dec.PeekCode()
	if err != nil {
		return err
	}
	*m.isNil = c == msgpcode.Nil
	if *m.isNil {
		return dec.DecodeNil()
	}
	return decodeField(dec, m.v)
}
