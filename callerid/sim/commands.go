package sim

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

var errUnknownCommand = errors.New("unknown command")

// basicCommands are the single-letter commands the modem knows, with their
// highest argument. A (answer) and D (dial) are missing on purpose: a
// caller-ID host must never pick up the line.
var basicCommands = map[byte]int{'E': 1, 'V': 1, 'Q': 1, 'Z': 1, 'I': 3, 'H': 1, 'L': 3, 'M': 3, 'X': 4}

// execute runs one command and returns any information text it prints.
// Caller holds mu.
func (m *Modem) execute(c string) (string, error) {
	switch c[0] {
	case '+', '#', '-', '%', '*', '$':
		return m.extended(c)
	case 'S':
		return m.register(c)
	case '&', '\\':
		// &C, &D, &K, &W and friends: line signalling and storage that a
		// caller-ID host sends out of habit. Accept them; &F is a reset.
		if c[1] == 'F' {
			m.reset()
		}
		return "", nil
	}
	letter, arg := c[0], 0
	if len(c) > 1 {
		n, err := strconv.Atoi(c[1:])
		if err != nil {
			return "", errUnknownCommand
		}
		arg = n
	}
	if top, known := basicCommands[letter]; !known || arg > top {
		return "", errUnknownCommand
	}
	switch letter {
	case 'E':
		m.echo = arg == 1
	case 'V':
		m.verbose = arg == 1
	case 'Q':
		m.quiet = arg == 1
	case 'Z':
		m.reset()
	case 'I':
		return m.model(), nil
	}
	return "", nil
}

func (m *Modem) model() string {
	return "Callboard simulated modem (" + m.opts.Chipset.Name + ")"
}

// register handles S-registers: "S0=0" (never auto-answer, which a caller-ID
// host must send) and "S0?".
func (m *Modem) register(c string) (string, error) {
	name, value, set := strings.Cut(c[1:], "=")
	query := strings.HasSuffix(name, "?")
	n, err := strconv.Atoi(strings.TrimSuffix(name, "?"))
	if err != nil || n > 255 || (query && set) || (!query && !set) {
		return "", errUnknownCommand
	}
	if query {
		return fmt.Sprintf("%03d", m.sregs[n]), nil
	}
	v, err := strconv.Atoi(value)
	if err != nil || v > 255 {
		return "", errUnknownCommand
	}
	m.sregs[n] = v
	return "", nil
}

// extended handles the caller-ID commands of the chipset, their queries,
// the voice class and the country code. Anything else is ERROR, as on a
// modem that lacks the feature.
func (m *Modem) extended(c string) (string, error) {
	for _, accepted := range m.opts.Chipset.CallerID {
		if c == strings.ToUpper(accepted) {
			mode, _ := strconv.Atoi(c[strings.IndexByte(c, '=')+1:])
			m.setCallerID(mode)
			return "", nil
		}
	}
	name, op := c, ""
	if i := strings.IndexAny(c, "=?"); i >= 0 {
		name, op = c[:i], c[i:]
	}
	if modes := m.callerIDModes(name); len(modes) > 0 {
		switch op {
		case "?":
			return strconv.Itoa(m.cidMode), nil
		case "=?":
			return "(" + strings.Join(modes, ",") + ")", nil
		}
		return "", errUnknownCommand
	}
	switch {
	case name == "+FCLASS" && op == "?":
		return m.fclass, nil
	case name == "+FCLASS" && op == "=?":
		return "0,1,8", nil
	case name == "+FCLASS" && (op == "=0" || op == "=1" || op == "=8"):
		m.fclass = op[1:]
		return "", nil
	case name == "+GCI" && op == "?":
		return "+GCI: " + m.country, nil
	case name == "+GCI" && len(op) == 3 && isHex(op[1:]):
		m.country = op[1:]
		return "", nil
	}
	return "", errUnknownCommand
}

// callerIDModes lists the modes the chipset accepts for a caller-ID command
// name such as "+VCID", or nothing when the name is not its dialect.
func (m *Modem) callerIDModes(name string) []string {
	var modes []string
	for _, accepted := range m.opts.Chipset.CallerID {
		if n, mode, ok := strings.Cut(strings.ToUpper(accepted), "="); ok && n == name {
			modes = append(modes, mode)
		}
	}
	return modes
}

func isHex(s string) bool {
	_, err := strconv.ParseUint(s, 16, 8)
	return err == nil
}
