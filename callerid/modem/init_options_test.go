package modem_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/callboard-app/callboard/callerid/modem"
)

var basicSetUp = []string{"ATZ", "ATE0 V1 Q0 S0=0"}

func TestInitFindsEveryChipsetsCallerIDCommand(t *testing.T) {
	for i, cmd := range everyCallerIDCommand {
		t.Run(cmd, func(t *testing.T) {
			m, port := startFakeModem(t, accepts(cmd), false)
			res, err := modem.Init(context.Background(), port, testTimeout)
			if err != nil || res.CallerIDCommand != cmd {
				t.Fatalf("Init = %q, %v; want %s", res.CallerIDCommand, err, cmd)
			}
			// Tried in order, and no further than needed.
			want := append(slices.Clone(basicSetUp), everyCallerIDCommand[:i+1]...)
			if got := m.received(); !slices.Equal(got, want) {
				t.Errorf("modem received %q, want %q", got, want)
			}
		})
	}
}

func TestInitWithOptions(t *testing.T) {
	tests := []struct {
		name         string
		script       func(string) string
		opts         modem.InitOptions
		wantCallerID string
		wantAccepted []string
		wantCommands []string
		wantNote     string // a line the transcript must hold
	}{{
		name:         "a UK line: the country goes before caller ID",
		script:       accepts("AT+GCI=B4", "AT+VCID=1"),
		opts:         modem.InitOptions{Country: "b4"},
		wantCallerID: "AT+VCID=1",
		wantAccepted: []string{"AT+GCI=B4"},
		wantCommands: []string{"AT+GCI=B4", "AT+VCID=1"},
	}, {
		name:         "a modem without +GCI is used anyway",
		script:       accepts("AT+VCID=1"),
		opts:         modem.InitOptions{Country: "B4"},
		wantCallerID: "AT+VCID=1",
		wantCommands: []string{"AT+GCI=B4", "AT+VCID=1"},
		wantNote:     "! AT+GCI=B4 not accepted: the modem keeps its own country setting",
	}, {
		name:         "a country that is no T.35 code is not sent",
		script:       accepts("AT+VCID=1"),
		opts:         modem.InitOptions{Country: "UK"},
		wantCallerID: "AT+VCID=1",
		wantCommands: []string{"AT+VCID=1"},
		wantNote:     `! country code "UK" is not a T.35 code such as B5 or B4: not sent`,
	}, {
		name:         "distinctive ring on a USR: ATS41=1 goes to the #CID family first",
		script:       accepts("AT#CID=1", "ATS41=1"),
		opts:         modem.InitOptions{DistinctiveRing: true},
		wantCallerID: "AT#CID=1",
		wantAccepted: []string{"ATS41=1"},
		wantCommands: []string{"AT+FCLASS=8", "AT+VCID=1", "AT#CID=1", "ATS41=1"},
	}, {
		name:         "distinctive ring on a Conexant: -SDR=7, and never S41",
		script:       accepts("AT+FCLASS=8", "AT+VCID=1", "AT-SDR=7", "ATS41=1"),
		opts:         modem.InitOptions{DistinctiveRing: true},
		wantCallerID: "AT+VCID=1",
		wantAccepted: []string{"AT+FCLASS=8", "AT-SDR=7"},
		wantCommands: []string{"AT+FCLASS=8", "AT+VCID=1", "AT-SDR=7"},
	}, {
		name:         "distinctive ring on a Lucent: cadence reports in voice class",
		script:       accepts("AT+FCLASS=8", "AT+VCID=1", "AT+VDR=1,0"),
		opts:         modem.InitOptions{DistinctiveRing: true},
		wantCallerID: "AT+VCID=1",
		wantAccepted: []string{"AT+FCLASS=8", "AT+VDR=1,0"},
		wantCommands: []string{"AT+FCLASS=8", "AT+VCID=1", "AT-SDR=7", "AT+VDR=1,0"},
	}, {
		name:         "no distinctive ring at all: caller ID still on",
		script:       accepts("AT+VCID=1"),
		opts:         modem.InitOptions{DistinctiveRing: true},
		wantCallerID: "AT+VCID=1",
		wantCommands: []string{"AT+FCLASS=8", "AT+VCID=1", "AT-SDR=7", "AT+VDR=1,0"},
	}, {
		name:         "extension pick-up: voice class and -STE=7 before caller ID",
		script:       accepts("AT+FCLASS=8", "AT-STE=7", "AT+VCID=1"),
		opts:         modem.InitOptions{ExtensionPickup: true},
		wantCallerID: "AT+VCID=1",
		wantAccepted: []string{"AT+FCLASS=8", "AT-STE=7"},
		wantCommands: []string{"AT+FCLASS=8", "AT-STE=7", "AT+VCID=1"},
	}, {
		name:         "extension pick-up refused: noted, caller ID still on",
		script:       accepts("AT+FCLASS=8", "AT+VCID=1"),
		opts:         modem.InitOptions{ExtensionPickup: true},
		wantCallerID: "AT+VCID=1",
		wantAccepted: []string{"AT+FCLASS=8"},
		wantCommands: []string{"AT+FCLASS=8", "AT-STE=7", "AT+VCID=1"},
		wantNote:     "! AT-STE=7 not accepted: no extension pick-up detection",
	}, {
		name:         "unformatted caller ID",
		script:       accepts("AT+VCID=2", "AT+VCID=1"),
		opts:         modem.InitOptions{Raw: true},
		wantCallerID: "AT+VCID=2",
		wantCommands: []string{"AT+VCID=2"},
	}, {
		name:         "unformatted caller ID on a USR",
		script:       accepts("AT#CID=2", "AT#CID=1"),
		opts:         modem.InitOptions{Raw: true},
		wantCallerID: "AT#CID=2",
		wantCommands: []string{"AT+VCID=2", "AT#CID=2"},
	}, {
		name:         "no unformatted mode: formatted it is",
		script:       accepts("AT*ID1"),
		opts:         modem.InitOptions{Raw: true},
		wantCallerID: "AT*ID1",
		wantCommands: []string{"AT+VCID=2", "AT#CID=2", "AT#CLS=8#CID=2", "AT+VCID=1", "AT#CID=1", "AT#CLS=8#CID=1", "AT#CC1", "AT*ID1"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, port := startFakeModem(t, tt.script, false)
			res, err := modem.InitWith(context.Background(), port, testTimeout, tt.opts)
			if err != nil || res.CallerIDCommand != tt.wantCallerID {
				t.Fatalf("InitWith = %q, %v; want %s", res.CallerIDCommand, err, tt.wantCallerID)
			}
			if !slices.Equal(res.Accepted, tt.wantAccepted) {
				t.Errorf("Accepted = %q, want %q", res.Accepted, tt.wantAccepted)
			}
			if got, want := m.received(), append(slices.Clone(basicSetUp), tt.wantCommands...); !slices.Equal(got, want) {
				t.Errorf("modem received %q, want %q", got, want)
			}
			if tt.wantNote != "" && !slices.Contains(res.Transcript, tt.wantNote) {
				t.Errorf("transcript lacks %q:\n%s", tt.wantNote, strings.Join(res.Transcript, "\n"))
			}
		})
	}
}
