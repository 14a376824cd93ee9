package app

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

// lockedBuffer is written by the session's goroutine and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestListeningWithoutAWindowStoresAndPrintsEachCall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetVCID, TimeScale: 0.02})
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer m.Close()
	db := filepath.Join(t.TempDir(), "listen.db")
	var out lockedBuffer
	listenCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- listen(listenCtx, Config{DBPath: db, Port: m.Path(), RingGap: 300 * time.Millisecond}, quietLog(t), &out)
	}()
	if err := m.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.Play(ctx, sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 5}); err != nil {
		t.Fatal(err)
	}
	for !strings.Contains(out.String(), "\n") {
		select {
		case <-ctx.Done():
			t.Fatalf("no call printed; output %q", out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(out.String())), &rec); err != nil {
		t.Fatalf("not one JSON line: %q", out.String())
	}
	if rec["number"] != "+12125550147" || rec["outcome"] != "missed" || rec["rings"] != float64(5) {
		t.Errorf("printed %v", rec)
	}
	store, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	calls, err := store.Calls(time.Now().Add(-time.Hour), time.Now().Add(time.Hour), 0)
	if err != nil || len(calls) != 1 {
		t.Fatalf("database holds %d calls (err %v)", len(calls), err)
	}
}
