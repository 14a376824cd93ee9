package sim

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
)

// Chipset is the caller-ID dialect of a modem family: which commands turn
// caller ID on. A modem answers ERROR to the other families' commands, which
// is how drivers learn to fall back from +VCID to #CID.
type Chipset struct {
	Name string
	// CallerID lists the accepted caller-ID commands, e.g. "+VCID=1".
	// The digit after '=' is the mode: 0 off, 1 formatted, 2 raw hex.
	CallerID []string
}

// ChipsetVCID speaks the IS-101 / V.253 +VCID dialect (Conexant, Agere,
// most USB modems) and answers ERROR to #CID.
var ChipsetVCID = Chipset{Name: "Conexant-like", CallerID: []string{"+VCID=1", "+VCID=0", "+VCID=2"}}

// ChipsetHashCID speaks the #CID dialect (USR, TI, older Rockwell) and
// answers ERROR to +VCID.
var ChipsetHashCID = Chipset{Name: "USR-like", CallerID: []string{"#CID=1", "#CID=0", "#CID=2"}}

// Options shape a simulated modem.
type Options struct {
	// Chipset decides which caller-ID commands work (default ChipsetVCID).
	Chipset Chipset
	// Echo is the echo setting at power-up and after ATZ. Real modems power
	// up with echo on; ATE0 turns it off and ATE1 on.
	Echo bool
	// TimeScale stretches the ring cadence: 1 (or 0) is real time, 0.01
	// makes the 6 s ring cycle 60 ms for tests.
	TimeScale float64
	// Silent makes a device that is not a modem: it hears commands but
	// never answers, echoes or rings.
	Silent bool
}

// Modem is the modem's side of the wire: it answers AT commands like a
// Hayes modem in verbose mode and plays incoming calls.
type Modem struct {
	wire io.ReadWriter
	opts Options

	// writeMu keeps command answers and ringing from interleaving mid-line.
	writeMu sync.Mutex
	// playMu: one line rings for one call at a time.
	playMu sync.Mutex
	// running: two Runs would each get half of the host's bytes.
	running atomic.Bool

	mu       sync.Mutex
	echo     bool
	verbose  bool
	quiet    bool
	cidMode  int // 0 off, 1 formatted, 2 raw hex
	cidOn    chan struct{}
	fclass   string
	country  string
	sregs    map[int]int
	commands []string
}

// NewModem returns a powered-up modem on wire; call Run to make it listen.
func NewModem(wire io.ReadWriter, opts Options) *Modem {
	if opts.Chipset.Name == "" && len(opts.Chipset.CallerID) == 0 {
		opts.Chipset = ChipsetVCID
	}
	m := &Modem{wire: wire, opts: opts, cidOn: make(chan struct{}), country: "B5"}
	m.reset()
	return m
}

var errRunning = errors.New("sim: the modem is already running")

// Run listens to the host until ctx is done (returning ctx.Err()), the wire
// reaches EOF (nil) or fails (the error). When ctx ends first on a wire
// other than NewPipeModem's, a read in flight stays blocked until the wire
// is closed. Only one Run at a time.
func (m *Modem) Run(ctx context.Context) error {
	if !m.running.CompareAndSwap(false, true) {
		return errRunning
	}
	defer m.running.Store(false)
	chunks := make(chan []byte)
	failed := make(chan error, 1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			buf := make([]byte, 512)
			n, err := m.wire.Read(buf)
			if n > 0 {
				select {
				case chunks <- buf[:n]:
				case <-done:
					return
				}
			}
			if err != nil {
				failed <- err
				return
			}
		}
	}()

	var line []byte
	for {
		select {
		case <-ctx.Done():
			if w, ok := m.wire.(interface{ stopReading() }); ok {
				w.stopReading()
			}
			return ctx.Err()
		case err := <-failed:
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		case chunk := <-chunks:
			var out []byte
			out, line = m.hear(chunk, line)
			if err := m.send(out); err != nil {
				return err
			}
		}
	}
}

// hear takes bytes from the host, echoing them as they arrive and running
// each CR-terminated line, and returns what the modem says back.
func (m *Modem) hear(chunk, line []byte) (out, rest []byte) {
	for _, b := range chunk {
		m.mu.Lock()
		echo := m.echo && !m.opts.Silent
		m.mu.Unlock()
		if echo {
			out = append(out, b)
		}
		switch b {
		case '\r':
			out = append(out, m.commandLine(string(line))...)
			line = line[:0]
		case '\n':
			// Hosts that end lines with CRLF: the CR already ran the line.
		case '\b', 0x7f:
			if len(line) > 0 {
				line = line[:len(line)-1]
			}
		default:
			if len(line) < 256 {
				line = append(line, b)
			}
		}
	}
	return out, line
}

// commandLine runs one command line. Like a real modem it runs commands
// left to right and stops at the first one it does not know, answering
// ERROR; the commands before it keep their effect.
func (m *Modem) commandLine(line string) []byte {
	line = strings.TrimSpace(line)
	if line == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.commands = append(m.commands, line)
	if m.opts.Silent || len(line) < 2 || !strings.EqualFold(line[:2], "AT") {
		// Without the attention prefix a modem ignores the line.
		return nil
	}
	cmds, err := splitCommandLine(line[2:])
	var out bytes.Buffer
	for _, c := range cmds {
		if err != nil {
			break
		}
		var text string
		text, err = m.execute(c)
		if text != "" {
			out.WriteString(m.frameInfo(text))
		}
	}
	if err != nil {
		out.WriteString(m.frameResult(resultError))
	} else {
		out.WriteString(m.frameResult(resultOK))
	}
	return out.Bytes()
}

// Commands returns every command line the host sent, in order, as sent
// (without the CR).
func (m *Modem) Commands() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.commands...)
}

// WaitCallerIDEnabled returns once the host has turned caller ID on (at
// once if it is on), or with ctx.Err().
func (m *Modem) WaitCallerIDEnabled(ctx context.Context) error {
	m.mu.Lock()
	on := m.cidOn
	m.mu.Unlock()
	select {
	case <-on:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// reset is ATZ: settings back to power-up, caller ID off. Caller holds mu
// (or owns m exclusively).
func (m *Modem) reset() {
	m.echo = m.opts.Echo
	m.verbose = true
	m.quiet = false
	m.fclass = "0"
	m.sregs = map[int]int{}
	m.setCallerID(0)
}

func (m *Modem) setCallerID(mode int) {
	wasOn := m.cidMode != 0
	m.cidMode = mode
	switch {
	case mode != 0 && !wasOn:
		close(m.cidOn)
	case mode == 0 && wasOn:
		m.cidOn = make(chan struct{})
	}
}

func (m *Modem) send(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	m.writeMu.Lock()
	defer m.writeMu.Unlock()
	_, err := m.wire.Write(b)
	return err
}

type result int

// Numeric result codes, as a modem sends them after ATV0.
const (
	resultOK    result = 0
	resultRing  result = 2
	resultError result = 4
)

func (r result) word() string {
	switch r {
	case resultOK:
		return "OK"
	case resultRing:
		return "RING"
	}
	return "ERROR"
}

// frameResult frames a result code the way the V and Q settings ask.
// Caller holds mu.
func (m *Modem) frameResult(r result) string {
	switch {
	case m.quiet:
		return ""
	case m.verbose:
		return "\r\n" + r.word() + "\r\n"
	}
	return string(rune('0'+r)) + "\r"
}

// frameInfo frames information text (ATI, queries). Caller holds mu.
func (m *Modem) frameInfo(text string) string {
	if m.verbose {
		return "\r\n" + text + "\r\n"
	}
	return text + "\r\n"
}
