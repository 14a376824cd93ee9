package storage

import (
	"reflect"
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

func TestADayRoundTripsWithItsGroupsAndCallers(t *testing.T) {
	d := DayTotals{Calls: 2, ByPlace: map[string]int{"Illinois": 2}}
	d.addGroup(dayGroup{Line: 2, Campaign: 7, Outcome: 1, Calls: 1, FirstTime: 1, ValueCents: 500}, +1)
	d.addGroup(dayGroup{Line: 0, Campaign: 0, Outcome: 2, Calls: 1, Estimated: 1}, +1)
	d.callers = d.callers.add(hashCaller("+12175550147"), +1).add(hashCaller("PRIVATE"), +1)
	b, err := recordCodec{}.Marshal(&d)
	if err != nil {
		t.Fatal(err)
	}
	var back DayTotals
	if err := (recordCodec{}).Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, d) || len(back.groups) != 2 || back.groups[0].Line != 0 {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, d)
	}
	// The groups are arrays too: an older release reading a newer group
	// skips what it does not know (see decodeFields).
	var g dayGroup
	raw, _ := msgpack.Marshal([]any{2, 7, 1, 1, 1, 0, 500, "a field from the future"})
	if err := msgpack.Unmarshal(raw, &g); err != nil || g != d.groups[1] {
		t.Errorf("newer group read as %+v, %v; want %+v", g, err, d.groups[1])
	}
}
