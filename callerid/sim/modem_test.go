package sim

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestEchoIsOnAtPowerUpAndE0TurnsItOff(t *testing.T) {
	got, _ := transcript(t, Options{Echo: true}, "ATZ\rATE0\rAT\rATE1\rAT\r")
	want := "ATZ\r\r\nOK\r\n" + // echoed, then the verbose result
		"ATE0\r\r\nOK\r\n" + // echo turns off after the line that asked
		"\r\nOK\r\n" +
		"\r\nOK\r\n" + // ATE1 itself is typed while echo is off
		"AT\r\r\nOK\r\n"
	if got != want {
		t.Errorf("modem wrote %q\nwant %q", got, want)
	}
}

func TestATZPutsEchoBackAndTurnsCallerIDOff(t *testing.T) {
	got, m := transcript(t, Options{Echo: true}, "ATE0\rAT+VCID=1\rAT+VCID?\rATZ\rAT+VCID?\r")
	want := "ATE0\r\r\nOK\r\n" +
		"\r\nOK\r\n" +
		"\r\n1\r\n\r\nOK\r\n" +
		"\r\nOK\r\n" +
		"AT+VCID?\r\r\n0\r\n\r\nOK\r\n"
	if got != want {
		t.Errorf("modem wrote %q\nwant %q", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := m.WaitCallerIDEnabled(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("caller ID still on after ATZ: WaitCallerIDEnabled = %v", err)
	}
}

func TestEachChipsetAcceptsOnlyItsOwnCallerIDCommand(t *testing.T) {
	cases := []struct {
		chipset Chipset
		command string
		want    string
	}{
		{ChipsetVCID, "AT+VCID=1", "OK"},
		{ChipsetVCID, "AT+VCID=0", "OK"},
		{ChipsetVCID, "AT#CID=1", "ERROR"},
		{ChipsetVCID, "AT+FCLASS=8;+VCID=1", "OK"},
		{ChipsetVCID, "at+vcid=1", "OK"},
		{ChipsetHashCID, "AT#CID=1", "OK"},
		{ChipsetHashCID, "AT#CID=2", "OK"},
		{ChipsetHashCID, "AT+VCID=1", "ERROR"},
		{ChipsetHashCID, "AT+FCLASS=8;+VCID=1", "ERROR"},
	}
	for _, tc := range cases {
		got, _ := transcript(t, Options{Chipset: tc.chipset}, tc.command+"\r")
		if want := "\r\n" + tc.want + "\r\n"; got != want {
			t.Errorf("%s: %s answered %q, want %q", tc.chipset.Name, tc.command, got, want)
		}
	}
}

func TestQueriesReportSettings(t *testing.T) {
	got, _ := transcript(t, Options{Chipset: ChipsetHashCID}, "AT#CID=?\rAT#CID=2\rAT#CID?\rATS0=0\rATS0?\rAT+GCI?\rAT+FCLASS=?\r")
	want := "\r\n(1,0,2)\r\n\r\nOK\r\n" +
		"\r\nOK\r\n" +
		"\r\n2\r\n\r\nOK\r\n" +
		"\r\nOK\r\n" +
		"\r\n000\r\n\r\nOK\r\n" +
		"\r\n+GCI: B5\r\n\r\nOK\r\n" +
		"\r\n0,1,8\r\n\r\nOK\r\n"
	if got != want {
		t.Errorf("modem wrote %q\nwant %q", got, want)
	}
}

func TestInitLinesWithSeveralCommands(t *testing.T) {
	for _, line := range []string{"AT Z S0=0 E1 V1 Q0", "ATE0 V1 Q0 S0=0", "ATE0V1Q0S0=0&C1&D2", "AT&F"} {
		got, _ := transcript(t, Options{}, line+"\r")
		if got != "\r\nOK\r\n" {
			t.Errorf("%q answered %q, want OK", line, got)
		}
	}
}

func TestUnknownCommandAnswersErrorAndStopsTheLine(t *testing.T) {
	// E0 runs before the unknown command, so the next line is not echoed;
	// ATA would pick up the line, which a caller-ID modem must never do.
	got, _ := transcript(t, Options{Echo: true}, "ATE0+XYZ=1\rATA\rATE2\r")
	want := "ATE0+XYZ=1\r\r\nERROR\r\n" + "\r\nERROR\r\n" + "\r\nERROR\r\n"
	if got != want {
		t.Errorf("modem wrote %q\nwant %q", got, want)
	}
}

func TestNumericAndQuietResults(t *testing.T) {
	got, _ := transcript(t, Options{}, "ATV0\rAT#CID=1\rATQ1\rAT\r")
	if want := "0\r4\r"; got != want {
		t.Errorf("modem wrote %q, want %q (numeric OK, numeric ERROR, then quiet)", got, want)
	}
}

func TestModelString(t *testing.T) {
	got, _ := transcript(t, Options{Chipset: ChipsetHashCID}, "ATI3\r")
	if !strings.Contains(got, "USR-like") || !strings.HasSuffix(got, "\r\nOK\r\n") {
		t.Errorf("ATI3 answered %q", got)
	}
}

func TestCommandsAreKeptInOrder(t *testing.T) {
	input := "AT Z S0=0 E1 V1 Q0\r\n" + "AT+VCID=1\r\n" + "at#cid=1\r" + "hello\r" + "\r"
	_, m := transcript(t, Options{}, input)
	want := []string{"AT Z S0=0 E1 V1 Q0", "AT+VCID=1", "at#cid=1", "hello"}
	if got := m.Commands(); !slices.Equal(got, want) {
		t.Errorf("Commands() = %q, want %q", got, want)
	}
}

func TestSilentDeviceHearsButNeverAnswers(t *testing.T) {
	got, m := transcript(t, Options{Echo: true, Silent: true}, "ATZ\rAT+VCID=1\r")
	if got != "" {
		t.Errorf("a silent device wrote %q", got)
	}
	if got := m.Commands(); !slices.Equal(got, []string{"ATZ", "AT+VCID=1"}) {
		t.Errorf("Commands() = %q", got)
	}
	if err := m.Play(context.Background(), Call{Number: "2125550147", Rings: 3}); err != nil {
		t.Errorf("Play on a silent device: %v", err)
	}
}

func TestBackspaceEditsTheLine(t *testing.T) {
	got, m := transcript(t, Options{}, "ATE3\bZ\r")
	if got != "\r\nOK\r\n" || m.Commands()[0] != "ATEZ" {
		// "ATEZ" is E (echo off) then Z: both valid.
		t.Errorf("modem wrote %q for %q", got, m.Commands())
	}
}
