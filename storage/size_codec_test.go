package storage

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/callboard-app/callboard/callerid"
	"github.com/vmihailenco/msgpack/v5"
)

// The codec reads a day's counts itself; it must read what msgpack would.
func TestDayCountsReadAsMsgpackReadsThem(t *testing.T) {
	for _, v := range []any{
		map[string]int{"Chicago, IL": 13, "Illinois": 118, "": 1},
		map[string]int{},
		map[string]int(nil),
		map[callerid.Outcome]int{callerid.OutcomeAnswered: 121, callerid.OutcomeMissed: 42},
		map[int]int{3: 2, 0: 7},
		[24]int{8: 21, 9: 27, 23: -1},
		[3]int{1, 2, 3}, // an older, shorter day
	} {
		b, err := msgpack.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		want := reflect.New(reflect.TypeOf(v))
		if err := msgpack.Unmarshal(b, want.Interface()); err != nil {
			t.Fatal(err)
		}
		typ := reflect.TypeOf(v)
		if typ.Kind() == reflect.Array {
			typ = reflect.TypeFor[[24]int]()
			arr := reflect.New(typ)
			reflect.Copy(arr.Elem(), want.Elem())
			want = arr
		}
		got := reflect.New(typ)
		dec := msgpack.NewDecoder(bytes.NewReader(b))
		if err := decodeField(dec, got.Interface()); err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
		if !reflect.DeepEqual(got.Elem().Interface(), want.Elem().Interface()) {
			t.Errorf("read %#v, msgpack reads %#v", got.Elem().Interface(), want.Elem().Interface())
		}
	}
}

func TestADayWithMoreHoursThanADayIsAnError(t *testing.T) {
	b, err := msgpack.Marshal(make([]int, 25))
	if err != nil {
		t.Fatal(err)
	}
	var h [24]int
	if err := decodeField(msgpack.NewDecoder(bytes.NewReader(b)), &h); err == nil {
		t.Error("read 25 hours")
	}
}
