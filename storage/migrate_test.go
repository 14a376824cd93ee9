package storage

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// testdata/schema2 holds a database written by the Callboard of schema 2
// (3,000 seeded calls over three months, every 50th annotated) and a digest
// of what that Callboard read from it, made by the same digest code.

type fixtureDigest struct {
	Calls    []CallRow
	Callers  map[string]Caller
	Days     []DayTotals
	Worklist []WorkItem
}

func digest(t *testing.T, db *DB, loc *time.Location) fixtureDigest {
	t.Helper()
	var d fixtureDigest
	var err error
	if d.Calls, err = db.Log(time.Time{}, time.Time{}, 0); err != nil {
		t.Fatal(err)
	}
	d.Callers = map[string]Caller{}
	for _, r := range d.Calls {
		if r.Number.IsNone() {
			continue
		}
		c, _, err := db.Caller(r.Number.Key())
		if err != nil {
			t.Fatal(err)
		}
		d.Callers[r.Number.Key()] = c
	}
	if d.Days, err = db.Days(time.Date(2026, 7, 1, 0, 0, 0, 0, loc), time.Date(2026, 11, 1, 0, 0, 0, 0, loc)); err != nil {
		t.Fatal(err)
	}
	if d.Worklist, err = db.Worklist(); err != nil {
		t.Fatal(err)
	}
	return d
}

func gunzipTo(t *testing.T, from, to string) {
	t.Helper()
	f, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestASchema2DatabaseIsMigratedAndReadsAsBefore(t *testing.T) {
	// The digest's times were written in UTC.
	local := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = local })
	dir := t.TempDir()
	path := filepath.Join(dir, "callboard.db")
	gunzipTo(t, "testdata/schema2/schema2.db.gz", path)
	gunzipTo(t, "testdata/schema2/schema2.json.gz", filepath.Join(dir, "want.json"))
	want, err := os.ReadFile(filepath.Join(dir, "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}

	db, err := Open(path, Options{Location: loc})
	if err != nil {
		t.Fatalf("open a schema-2 database: %v", err)
	}
	var v int
	if err := db.store.Get(metaBucket, schemaKey, &v); err != nil || v != currentSchema {
		t.Fatalf("schema after opening = %d (%v), want %d", v, err, currentSchema)
	}
	got, err := json.MarshalIndent(digest(t, db, loc), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("the migrated database reads differently from schema 2's own reading:\n%s", firstDifference(got, want))
	}

	// Written again in the new layout, an old call and its caller keep
	// everything but what was changed.
	var d fixtureDigest
	if err := json.Unmarshal(want, &d); err != nil {
		t.Fatal(err)
	}
	old := d.Calls[len(d.Calls)/2]
	if err := db.Annotate(old.ID, Annotation{Note: "migrated"}); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	if db, err = Open(path, Options{Location: loc}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	row, err := db.Row(old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if row.Raw != old.Raw || row.Name != old.Name || row.Number != old.Number || !row.Ended.Equal(old.Ended) || row.Note != "migrated" {
		t.Errorf("rewritten call:\n got %+v\nwant %+v with the note", row, old)
	}
	if c, _, err := db.Caller(old.Number.Key()); err != nil || c.Calls != d.Callers[old.Number.Key()].Calls {
		t.Errorf("caller after the rewrite: %+v (%v), want %d calls", c, err, d.Callers[old.Number.Key()].Calls)
	}
}

// firstDifference shows where two long texts part.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-300)
	return "got:  …" + string(got[from:min(len(got), i+200)]) + "\nwant: …" + string(want[from:min(len(want), i+200)])
}
