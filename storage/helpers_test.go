package storage

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

func openTest(t testing.TB, opts Options) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "callboard.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func nanp(digits string) callerid.Number {
	return callerid.Number{Raw: digits, E164: "+1" + digits}
}

func special(raw, s string) callerid.Number {
	return callerid.Number{Raw: raw, Special: s}
}

// ringing is a call the moment its caller ID arrives, as the tracker hands
// it to Record.
func ringing(at time.Time, line string, n callerid.Number) callerid.Call {
	at = at.UTC()
	return callerid.Call{
		ID: at.UnixNano(), Line: line, Started: at, Known: at.Add(3 * time.Second),
		Number: n, Name: "SMITH JOHN", TelcoDate: at.Format("0102"), TelcoTime: at.Format("1504"),
		Rings: 1, Outcome: callerid.OutcomeUnknown,
		Raw: "DATE = " + at.Format("0102") + "\nTIME = " + at.Format("1504") + "\nNMBR = " + n.Raw + "\nNAME = SMITH JOHN",
	}
}

// answered ends c as a pick-up seen by a hook-aware source, talking for talk.
func answered(c callerid.Call, talk time.Duration) callerid.Call {
	c.Rings = 2
	c.Answered = c.Known.Add(3 * time.Second)
	c.Ended = c.Answered.Add(talk)
	c.Outcome, c.Exact = callerid.OutcomeAnswered, true
	return c
}

// missed ends c after rings rings with nobody picking up (an estimate).
func missed(c callerid.Call, rings int) callerid.Call {
	c.Rings = rings
	c.Ended = c.Started.Add(time.Duration(rings) * 6 * time.Second)
	c.Outcome, c.Exact = callerid.OutcomeMissed, false
	return c
}

func mustRecord(t testing.TB, db *DB, c callerid.Call) Caller {
	t.Helper()
	before, err := db.Record(c)
	if err != nil {
		t.Fatal(err)
	}
	return before
}

func mustFinish(t testing.TB, db *DB, c callerid.Call) {
	t.Helper()
	if err := db.Finish(c); err != nil {
		t.Fatal(err)
	}
}

func mustCaller(t testing.TB, db *DB, key string) Caller {
	t.Helper()
	c, ok, err := db.Caller(key)
	if err != nil || !ok {
		t.Fatalf("Caller(%q) = %v, %v", key, ok, err)
	}
	return c
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}
