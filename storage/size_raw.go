package storage

import (
	"fmt"
	"strings"

	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// A call's Raw is the caller-ID block as the device printed it, kept for
// support. Most devices print it in one of a few fixed layouts around the
// very fields the record already holds ("DATE = 1001\nTIME = 0214\nNMBR =
// ...\nNAME = ..."), so storing it again was a third of every call record:
// 60 of 180 bytes, 60 MB at a million calls. Where Raw is exactly one of
// the layouts below filled in with the record's own fields, the record
// stores the layout's number instead of the text (a msgpack int where a
// string used to be, so the two cannot be confused); anything else, and
// every call written before, is stored and read as it came.
//
// The layouts are frozen: a stored number means the layout it had when
// written, for ever. New layouts are appended, and need a new schema
// (an older Callboard could not spell them out).
var rawLayouts = [...]func(r *callRecord) string{
	1: func(r *callRecord) string {
		return "DATE = " + r.TelcoDate + "\nTIME = " + r.TelcoTime + "\nNMBR = " + r.NumberRaw + "\nNAME = " + r.Name
	},
	2: func(r *callRecord) string {
		return "DATE = " + r.TelcoDate + "\nTIME = " + r.TelcoTime + "\nNMBR = " + r.NumberRaw
	},
	3: func(r *callRecord) string {
		return "DATE=" + r.TelcoDate + "\nTIME=" + r.TelcoTime + "\nNMBR=" + r.NumberRaw + "\nNAME=" + r.Name
	},
	4: func(r *callRecord) string {
		return "DATE=" + r.TelcoDate + "\nTIME=" + r.TelcoTime + "\nNMBR=" + r.NumberRaw
	},
}

// rawLayout is the number of the layout Raw is written in; 0: none.
func (r *callRecord) rawLayout() int64 {
	// A cheap look before spelling the layouts out: most calls match the
	// first, and calls with no caller ID have no Raw worth matching.
	if len(r.Raw) < 8 || !strings.HasPrefix(r.Raw, "DATE") {
		return 0
	}
	for n, spell := range rawLayouts {
		if spell != nil && spell(r) == r.Raw {
			return int64(n)
		}
	}
	return 0
}

// storedFields are the fields recordCodec writes: fields(), with Raw as
// its layout's number where it has one.
func (r *callRecord) storedFields() []any {
	fs := r.fields()
	n := r.rawLayout()
	if n == 0 {
		return fs
	}
	for i, f := range fs {
		if f == any(&r.Raw) {
			fs[i] = &n
		}
	}
	return fs
}

// readFields are the fields recordCodec reads into, and what to do once
// they are all read: spell out Raw from its layout's number.
func (r *callRecord) readFields() ([]any, func() error) {
	fs := r.fields()
	raw := &storedRaw{text: &r.Raw}
	for i, f := range fs {
		if f == any(&r.Raw) {
			fs[i] = raw
		}
	}
	return fs, func() error {
		if raw.layout == 0 {
			return nil
		}
		if raw.layout < 0 || raw.layout >= int64(len(rawLayouts)) || rawLayouts[raw.layout] == nil {
			return fmt.Errorf("raw caller ID in layout %d, which this Callboard does not know", raw.layout)
		}
		r.Raw = rawLayouts[raw.layout](r)
		return nil
	}
}

// storedRaw reads the Raw field: the text, or the number of its layout.
type storedRaw struct {
	text   *string
	layout int64
}

func (s *storedRaw) DecodeMsgpack(dec *msgpack.Decoder) error {
	c, err := dec.PeekCode()
	if err != nil {
		return err
	}
	s.layout = 0
	if c == msgpcode.Nil || msgpcode.IsString(c) || msgpcode.IsBin(c) {
		*s.text, err = dec.DecodeString()
		return err
	}
	s.layout, err = dec.DecodeInt64()
	return err
}
