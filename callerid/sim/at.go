package sim

import (
	"errors"
	"strings"
)

var errSyntax = errors.New("not an AT command")

// splitCommandLine splits the body of an AT command line (what follows "AT")
// into single commands, upper-cased: "E0 V1 Q0 S0=0" gives E0, V1, Q0, S0=0;
// "+FCLASS=8;+VCID=1" gives +FCLASS=8, +VCID=1. Real modems ignore spaces
// and let USR-style '#' commands follow each other without a ';'
// ("#CLS=8#CID=1"), so both are accepted.
func splitCommandLine(body string) ([]string, error) {
	s := strings.ToUpper(body)
	var cmds []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == ';':
			i++
			continue
		case strings.IndexByte("+#-%*$", c) >= 0:
			j := extendedEnd(s, i)
			cmds = append(cmds, s[i:j])
			i = j
		case c == '&' || c == '\\':
			if i+1 >= len(s) || !isLetter(s[i+1]) {
				return cmds, errSyntax
			}
			j := digitsEnd(s, i+2)
			cmds = append(cmds, s[i:j])
			i = j
		case c == 'S':
			j := digitsEnd(s, i+1)
			switch {
			case j < len(s) && s[j] == '?':
				j++
			case j < len(s) && s[j] == '=':
				j = digitsEnd(s, j+1)
			}
			cmds = append(cmds, s[i:j])
			i = j
		case isLetter(c):
			j := digitsEnd(s, i+1)
			cmds = append(cmds, s[i:j])
			i = j
		default:
			return cmds, errSyntax
		}
	}
	return cmds, nil
}

// extendedEnd finds the end of an extended command starting at i: a prefix,
// a name, then "?", "=?" or "=value". A value runs to the next ';', space
// or command prefix.
func extendedEnd(s string, i int) int {
	j := i + 1
	for j < len(s) && (isLetter(s[j]) || isDigit(s[j]) || s[j] == '_') {
		j++
	}
	if j < len(s) && s[j] == '?' {
		return j + 1
	}
	if j < len(s) && s[j] == '=' {
		j++
		if j < len(s) && s[j] == '?' {
			return j + 1
		}
		for j < len(s) && strings.IndexByte("; +#", s[j]) < 0 {
			j++
		}
	}
	return j
}

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
