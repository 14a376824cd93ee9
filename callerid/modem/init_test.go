package modem_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid/modem"
)

const testTimeout = 5 * time.Second // generous: a reply that comes, comes at once

func TestInit(t *testing.T) {
	tests := []struct {
		name         string
		script       func(string) string
		echo         bool
		wantCommand  string
		wantErr      error
		wantCommands []string
	}{{
		name:         "a modem that accepts +VCID",
		script:       acceptsEverything,
		wantCommand:  "AT+VCID=1",
		wantCommands: []string{"ATZ", "ATE0 V1 Q0 S0=0", "AT+VCID=1"},
	}, {
		name:         "a modem that echoes every command",
		script:       acceptsEverything,
		echo:         true,
		wantCommand:  "AT+VCID=1",
		wantCommands: []string{"ATZ", "ATE0 V1 Q0 S0=0", "AT+VCID=1"},
	}, {
		name:         "an older modem that only knows #CID",
		script:       refuses("AT+VCID=1"),
		wantCommand:  "AT#CID=1",
		wantCommands: []string{"ATZ", "ATE0 V1 Q0 S0=0", "AT+VCID=1", "AT#CID=1"},
	}, {
		name:         "a data-only modem without caller ID",
		script:       dataOnly,
		wantErr:      modem.ErrNoCallerID,
		wantCommands: append([]string{"ATZ", "ATE0 V1 Q0 S0=0"}, everyCallerIDCommand...),
	}, {
		name:         "a device that is no modem",
		script:       refuses("ATE0 V1 Q0 S0=0"),
		wantErr:      modem.ErrRefused,
		wantCommands: []string{"ATZ", "ATE0 V1 Q0 S0=0"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, port := startFakeModem(t, tt.script, tt.echo)
			res, err := modem.Init(context.Background(), port, testTimeout)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Init error = %v, want %v", err, tt.wantErr)
			}
			if res.CallerIDCommand != tt.wantCommand {
				t.Errorf("CallerIDCommand = %q, want %q", res.CallerIDCommand, tt.wantCommand)
			}
			if got := m.received(); !slices.Equal(got, tt.wantCommands) {
				t.Errorf("modem received %q, want %q", got, tt.wantCommands)
			}
			if len(res.Transcript) == 0 || res.Transcript[0] != "> ATZ" {
				t.Errorf("transcript %q does not start with the reset", res.Transcript)
			}
		})
	}
}

func TestInitOnAPortThatTimesOutReads(t *testing.T) {
	_, port := startFakeModem(t, refuses("AT+VCID=1"), true)
	res, err := modem.Init(context.Background(), &stutter{ReadWriter: port}, testTimeout)
	if err != nil || res.CallerIDCommand != "AT#CID=1" {
		t.Fatalf("Init = %q, %v; want AT#CID=1", res.CallerIDCommand, err)
	}
}

func TestInitOfAModemThatNeverAnswers(t *testing.T) {
	m, port := startFakeModem(t, silent, false)
	res, err := modem.Init(context.Background(), port, 10*time.Millisecond)
	if !errors.Is(err, modem.ErrNoResponse) {
		t.Fatalf("Init error = %v, want ErrNoResponse", err)
	}
	// A quiet modem (Q1) ignores ATZ silently, so the set-up is still tried.
	if got, want := m.received(), []string{"ATZ", "ATE0 V1 Q0 S0=0"}; !slices.Equal(got, want) {
		t.Errorf("modem received %q, want %q", got, want)
	}
	if res.CallerIDCommand != "" {
		t.Errorf("CallerIDCommand = %q for a silent modem", res.CallerIDCommand)
	}
}

func TestInitOfAQuietModem(t *testing.T) {
	quietUntilSetUp := func(cmd string) string {
		if cmd == "ATZ" {
			return ""
		}
		return "OK"
	}
	_, port := startFakeModem(t, quietUntilSetUp, false)
	res, err := modem.Init(context.Background(), port, 10*time.Millisecond)
	if err != nil || res.CallerIDCommand != "AT+VCID=1" {
		t.Fatalf("Init = %q, %v; want AT+VCID=1", res.CallerIDCommand, err)
	}
}

func TestInitStopsWhenCancelled(t *testing.T) {
	_, port := startFakeModem(t, silent, false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := modem.Init(ctx, port, testTimeout); !errors.Is(err, context.Canceled) {
		t.Fatalf("Init error = %v, want context.Canceled", err)
	}
}
