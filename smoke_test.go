//go:build smoke

// The smoke test runs the real binary in a real (virtual) X display, as a
// shop would: `make smoke` starts it under Xvfb and a D-Bus session.
package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

// syncBuffer collects the app's log while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func waitFor(t *testing.T, log *syncBuffer, what string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(log.String(), what) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the app's log after %v:\n%s", what, within, log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestSmokeRealBinaryRecordsACallFromAPTYModem(t *testing.T) {
	bin, shots := os.Getenv("CALLBOARD_BIN"), os.Getenv("CALLBOARD_SHOTS")
	if bin == "" || os.Getenv("DISPLAY") == "" {
		t.Skip("run through `make smoke`: needs CALLBOARD_BIN and an X display")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	modem, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetVCID, Echo: true, TimeScale: 0.25})
	if err != nil {
		t.Fatalf("pseudo-terminal modem: %v", err)
	}
	defer modem.Close()

	db := filepath.Join(t.TempDir(), "smoke.db")
	var log syncBuffer
	cmd := exec.CommandContext(ctx, bin, "--db", db, "--port", modem.Path(), "--ring-gap", "2s")
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.Dir = filepath.Dir(bin)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
		if err := os.WriteFile(filepath.Join(shots, "smoke.log"), []byte(log.String()), 0o644); err != nil {
			t.Log(err)
		}
	}()

	if err := modem.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatalf("the app never enabled caller ID: %v\n%s", err, log.String())
	}
	waitFor(t, &log, "state=listening", 30*time.Second)
	if err := modem.Play(ctx, sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 3}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &log, "call recorded", 30*time.Second)
	waitFor(t, &log, "call finished", 30*time.Second)
	time.Sleep(time.Second) // let the window draw the finished call

	shot := filepath.Join(shots, "smoke-today.png")
	if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
		t.Errorf("screenshot: %v: %s", err, out)
	} else {
		t.Logf("screenshot: %s", shot)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("app exited with %v:\n%s", err, log.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("app did not stop on SIGTERM:\n%s", log.String())
	}
	if strings.Contains(log.String(), "Error in Fyne call thread") {
		t.Errorf("Fyne thread errors in the log:\n%s", log.String())
	}

	store, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	calls, err := store.Calls(time.Now().Add(-time.Hour), time.Now().Add(time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0].Number.E164 != "+12125550147" || calls[0].Name != "SMITH JOHN" || calls[0].Rings != 3 {
		t.Fatalf("database after the smoke run: %+v", calls)
	}
}
