//go:build smoke

// The smoke test runs the real binary in a real (virtual) X display, as a
// shop would: `make smoke` starts it under Xvfb and a D-Bus session.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
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
	app := startApp(t, ctx, bin, "--db", db, "--port", modem.Path(), "--ring-gap", "2s")
	defer func() {
		if err := os.WriteFile(filepath.Join(shots, "smoke.log"), []byte(app.log.String()), 0o644); err != nil {
			t.Log(err)
		}
	}()

	if err := modem.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatalf("the app never enabled caller ID: %v\n%s", err, app.log.String())
	}
	waitFor(t, &app.log, "state=listening", 30*time.Second)
	if err := modem.Play(ctx, sim.Call{Number: "2125550147", Name: "SMITH JOHN", Rings: 3}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &app.log, "call recorded", 30*time.Second)
	waitFor(t, &app.log, "call finished", 30*time.Second)
	time.Sleep(time.Second) // let the window draw the finished call

	shot := filepath.Join(shots, "smoke-today.png")
	if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
		t.Errorf("screenshot: %v: %s", err, out)
	} else {
		t.Logf("screenshot: %s", shot)
	}

	app.stop(t)
	if strings.Contains(app.log.String(), "Error in Fyne call thread") {
		t.Errorf("Fyne thread errors in the log:\n%s", app.log.String())
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

// child is the real binary running as a child process.
type child struct {
	cmd    *exec.Cmd
	log    syncBuffer
	exited chan error
}

func startApp(t *testing.T, ctx context.Context, bin string, args ...string) *child {
	t.Helper()
	a := &child{cmd: exec.CommandContext(ctx, bin, args...), exited: make(chan error, 1)}
	a.cmd.Stdout, a.cmd.Stderr = &a.log, &a.log
	a.cmd.Dir = filepath.Dir(bin)
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.exited <- a.cmd.Wait() }()
	t.Cleanup(func() {
		if a.cmd.ProcessState == nil {
			_ = a.cmd.Process.Kill()
			<-a.exited
		}
	})
	return a
}

// shown are the IDs of the calls the window showed, from its log.
func (a *child) shown() []string {
	var ids []string
	for _, line := range strings.Split(a.log.String(), "\n") {
		if !strings.Contains(line, `msg="caller shown"`) {
			continue
		}
		for _, f := range strings.Fields(line) {
			if id, ok := strings.CutPrefix(f, "id="); ok {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func (a *child) stop(t *testing.T) {
	t.Helper()
	if err := a.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-a.exited:
		if err != nil {
			t.Fatalf("app exited with %v:\n%s", err, a.log.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("app did not stop on SIGTERM:\n%s", a.log.String())
	}
}

// A burst of calls on a pty modem, the app killed (SIGKILL) while one of
// them rings: after a restart every call whose caller ID reached the
// window is in the database, and the one cut off is closed, outcome
// unknown.
func TestSmokeKilledMidBurstLosesNothingShown(t *testing.T) {
	bin := os.Getenv("CALLBOARD_BIN")
	if bin == "" || os.Getenv("DISPLAY") == "" {
		t.Skip("run through `make smoke`: needs CALLBOARD_BIN and an X display")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	modem, err := sim.StartPTY(ctx, sim.Options{Chipset: sim.ChipsetVCID, Echo: true, TimeScale: 0.1})
	if err != nil {
		t.Fatalf("pseudo-terminal modem: %v", err)
	}
	defer modem.Close()
	db := filepath.Join(t.TempDir(), "crash.db")
	args := []string{"--db", db, "--port", modem.Path(), "--ring-gap", "1s"}

	first := startApp(t, ctx, bin, args...)
	if err := modem.WaitCallerIDEnabled(ctx); err != nil {
		t.Fatalf("the app never enabled caller ID: %v\n%s", err, first.log.String())
	}
	waitFor(t, &first.log, "state=listening", 30*time.Second)

	const killAfter = 5
	burst, stopBurst := context.WithCancel(ctx)
	defer stopBurst()
	go func() {
		for i := 0; burst.Err() == nil; i++ {
			// Five rings: the kill comes while the call still rings.
			_ = modem.Play(burst, sim.Call{Number: fmt.Sprintf("21255501%02d", i), Name: "CALLER " + strconv.Itoa(i), Rings: 5})
		}
	}()
	deadline := time.Now().Add(time.Minute)
	for len(first.shown()) < killAfter {
		if time.Now().After(deadline) {
			t.Fatalf("only %d calls shown in a minute:\n%s", len(first.shown()), first.log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := first.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-first.exited
	stopBurst()
	shown := first.shown()
	cutOff := shown[len(shown)-1]

	second := startApp(t, ctx, bin, args...)
	waitFor(t, &second.log, "state=listening", 30*time.Second)

	// A third one on the same database says so and leaves.
	began := time.Now()
	third := exec.CommandContext(ctx, bin, args...)
	out, err := third.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 || !strings.Contains(string(out), "already running") {
		t.Errorf("a second Callboard on the same database: %v\n%s", err, out)
	}
	t.Logf("a second Callboard was refused after %v", time.Since(began).Round(10*time.Millisecond))
	if !strings.Contains(second.log.String(), "closed calls cut off by the last stop") {
		t.Errorf("the restart closed no call cut off:\n%s", second.log.String())
	}
	second.stop(t)

	store, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, id := range shown {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			t.Fatalf("call id %q in the log: %v", id, err)
		}
		c, err := store.Call(n)
		if err != nil {
			t.Errorf("call %s was shown but is not stored: %v", id, err)
			continue
		}
		if c.Ended.IsZero() {
			t.Errorf("call %s still rings after the restart: %+v", id, c)
		}
		if id == cutOff && c.Outcome != callerid.OutcomeUnknown {
			t.Errorf("the call cut off ended %q, want unknown", c.Outcome)
		}
	}
	t.Logf("%d calls shown before SIGKILL; all stored; call %s closed as unknown", len(shown), cutOff)
}
