package storage

import (
	"testing"

	"github.com/vmihailenco/msgpack/v5"
)

// Two releases of one record: the later one appended a field.
type noteV1 struct {
	Text string
	At   int64
}

func (n *noteV1) fields() []any { return []any{&n.Text, &n.At} }

type noteV2 struct {
	Text   string
	At     int64
	Author string
}

func (n *noteV2) fields() []any { return []any{&n.Text, &n.At, &n.Author} }

func TestNewerCodeReadsOlderRecords(t *testing.T) {
	old, err := recordCodec{}.Marshal(&noteV1{Text: "call back", At: 42})
	if err != nil {
		t.Fatal(err)
	}
	var n noteV2
	if err := (recordCodec{}).Unmarshal(old, &n); err != nil {
		t.Fatal(err)
	}
	if n != (noteV2{Text: "call back", At: 42}) {
		t.Errorf("decoded %+v", n)
	}
}

func TestOlderCodeSkipsNewerFields(t *testing.T) {
	newer, err := recordCodec{}.Marshal(&noteV2{Text: "call back", At: 42, Author: "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	var n noteV1
	if err := (recordCodec{}).Unmarshal(newer, &n); err != nil {
		t.Fatal(err)
	}
	if n != (noteV1{Text: "call back", At: 42}) {
		t.Errorf("decoded %+v", n)
	}
}

// Why the codec lists fields itself: msgpack's own arrays cannot grow.
func TestMsgpackAsArrayCannotReadOlderRecords(t *testing.T) {
	type v1 struct {
		//lint:ignore U1000 msgpack reads the tag
		_msgpack struct{} `msgpack:",as_array"`
		Text     string
	}
	type v2 struct {
		//lint:ignore U1000 msgpack reads the tag
		_msgpack struct{} `msgpack:",as_array"`
		Text     string
		Author   string
	}
	old, err := msgpack.Marshal(&v1{Text: "call back"})
	if err != nil {
		t.Fatal(err)
	}
	var n v2
	if err := msgpack.Unmarshal(old, &n); err == nil {
		t.Error("msgpack as_array now reads shorter arrays: the codec could use it")
	}
}

func TestRecordsAreArrays(t *testing.T) {
	c := ringing(utc(2026, 11, 3, 9, 15), "1", nanp("2125550147"))
	rec := newCallRecord(answered(c, 0))
	b, err := recordCodec{}.Marshal(&rec)
	if err != nil {
		t.Fatal(err)
	}
	if b[0] != 0xdc && b[0]&0xf0 != 0x90 {
		t.Errorf("a call is stored as msgpack %#x, want an array", b[0])
	}
	var back callRecord
	if err := (recordCodec{}).Unmarshal(b, &back); err != nil || back != rec {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}
