package modem_test

import (
	"bufio"
	"io"
	"strings"
	"sync"
	"testing"
)

// fakeModem is a scripted modem at the far end of a pair of pipes. It reads
// commands ending in CR and answers each with what its script says.
type fakeModem struct {
	script func(cmd string) string // the result code, "" to stay silent
	echo   bool                    // repeat each command back, as E1 does

	toComputer   io.WriteCloser
	fromComputer io.ReadCloser
	done         chan struct{}

	mu       sync.Mutex
	commands []string
}

// pipePort is the computer's end of a fakeModem.
type pipePort struct {
	*io.PipeReader // what the modem says
	*io.PipeWriter // commands to the modem
}

func (p pipePort) Close() error {
	p.PipeReader.Close()
	return p.PipeWriter.Close()
}

// Scripts for the modems the tests meet.
func acceptsEverything(string) string { return "OK" }

func refuses(cmds ...string) func(string) string {
	return func(cmd string) string {
		for _, c := range cmds {
			if cmd == c {
				return "ERROR"
			}
		}
		return "OK"
	}
}

func silent(string) string { return "" }

// accepts answers OK to the basic set-up and to cmds, ERROR to the rest,
// like a modem that knows only its own family's commands.
func accepts(cmds ...string) func(string) string {
	return func(cmd string) string {
		if cmd == "ATZ" || cmd == "ATE0 V1 Q0 S0=0" {
			return "OK"
		}
		for _, c := range cmds {
			if cmd == c {
				return "OK"
			}
		}
		return "ERROR"
	}
}

// dataOnly is a modem without caller ID: it refuses every extra.
var dataOnly = accepts()

// everyCallerIDCommand is what Init tries, in order, before giving up.
var everyCallerIDCommand = []string{"AT+VCID=1", "AT#CID=1", "AT#CLS=8#CID=1", "AT#CC1", "AT*ID1", "AT%CCID=1"}

func startFakeModem(t *testing.T, script func(string) string, echo bool) (*fakeModem, pipePort) {
	t.Helper()
	fromModem, toComputer := io.Pipe()
	fromComputer, toModem := io.Pipe()
	m := serveFakeModem(t, script, echo, fromComputer, toComputer)
	return m, pipePort{fromModem, toModem}
}

// serveFakeModem runs a scripted modem on any pair of wires (a pipe, the
// master side of a pseudo-terminal) until unplug closes them.
func serveFakeModem(t testing.TB, script func(string) string, echo bool, in io.ReadCloser, out io.WriteCloser) *fakeModem {
	m := &fakeModem{script: script, echo: echo, toComputer: out, fromComputer: in, done: make(chan struct{})}
	go m.serve()
	t.Cleanup(m.unplug)
	return m
}

func (m *fakeModem) serve() {
	defer close(m.done)
	in := bufio.NewReader(m.fromComputer)
	for {
		cmd, err := in.ReadString('\r')
		if err != nil {
			return
		}
		cmd = strings.TrimSuffix(cmd, "\r")
		m.mu.Lock()
		m.commands = append(m.commands, cmd)
		m.mu.Unlock()
		var reply string
		if m.echo {
			reply = cmd + "\r"
		}
		if result := m.script(cmd); result != "" {
			reply += "\r\n" + result + "\r\n"
		}
		if _, err := io.WriteString(m.toComputer, reply); err != nil {
			return
		}
	}
}

// say prints lines the way a modem does, each ended by CR LF.
func (m *fakeModem) say(t *testing.T, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if _, err := io.WriteString(m.toComputer, l+"\r\n"); err != nil {
			t.Fatalf("modem could not say %q: %v", l, err)
		}
	}
}

// unplug cuts both wires and waits for the modem to stop.
func (m *fakeModem) unplug() {
	m.toComputer.Close()
	m.fromComputer.Close()
	<-m.done
}

func (m *fakeModem) received() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.commands...)
}

// stutter makes every other Read return (0, nil), as a serial port does when
// its read timeout passes with nothing to read.
type stutter struct {
	io.ReadWriter
	idle bool
}

func (s *stutter) Read(p []byte) (int, error) {
	if s.idle = !s.idle; s.idle {
		return 0, nil
	}
	return s.ReadWriter.Read(p)
}
