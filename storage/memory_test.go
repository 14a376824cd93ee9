package storage

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// fileResidentKB is the process's resident memory that maps files.
func fileResidentKB(t *testing.T) int {
	t.Helper()
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status here")
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "RssFile:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return kb
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

func TestReleaseMemoryDropsTheReadPagesAndKeepsTheData(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux only")
	}
	db := openTest(t, Options{Location: time.UTC})
	start := utc(2026, 1, 1, 9, 0)
	var calls []callerid.Call
	for i := range 20000 {
		c := ringing(start.Add(time.Duration(i)*7*time.Minute), "1", nanp("21255"+strconv.Itoa(10000+i%9000)))
		calls = append(calls, answered(c, time.Minute))
	}
	if err := db.ImportCalls(calls); err != nil {
		t.Fatal(err)
	}
	read := func() int {
		rows, err := db.Log(time.Time{}, time.Time{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(rows)
	}
	if n := read(); n != len(calls) {
		t.Fatalf("%d calls read, want %d", n, len(calls))
	}
	before := fileResidentKB(t)
	if err := db.ReleaseMemory(); err != nil {
		t.Fatal(err)
	}
	after := fileResidentKB(t)
	if after >= before {
		t.Errorf("file-backed resident memory %d kB after release, %d kB before", after, before)
	}
	if n := read(); n != len(calls) {
		t.Errorf("after the release %d calls read, want %d", n, len(calls))
	}
	t.Logf("file-backed resident memory: %d kB → %d kB", before, after)
}
