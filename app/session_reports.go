package app

import (
	"cmp"
	"slices"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/devices"
)

// CallLine is a line calls ring on, as the shop picks it for a tracking
// line: its ID as calls carry it, the name the shop knows it by, and the
// distinctive rings heard on it lately.
type CallLine struct {
	ID    string
	Label string
	Rings []string
}

// recentCalls is how many of the latest calls are read to find the lines
// in use: enough to see every line of a busy shop, few enough to read in
// a blink.
const recentCalls = 5000

// CallLines lists the lines of the running devices and the lines the
// latest calls came in on, in ID order.
func (s *Session) CallLines() ([]CallLine, error) {
	found := map[string]map[string]bool{}
	s.mu.Lock()
	for _, r := range s.running {
		found[devices.LineID(r.cfg)] = map[string]bool{}
	}
	s.mu.Unlock()
	calls, err := s.db.Calls(time.Time{}, time.Now().Add(time.Minute), recentCalls)
	if err != nil {
		return nil, err
	}
	for _, c := range calls {
		if c.Line == "" || c.Outbound {
			continue
		}
		rings := found[c.Line]
		if rings == nil {
			rings = map[string]bool{}
			found[c.Line] = rings
		}
		if c.RingPattern != "" {
			rings[c.RingPattern] = true
		}
	}
	out := make([]CallLine, 0, len(found))
	for id, rings := range found {
		l := CallLine{ID: id, Label: s.LineLabel(id)}
		for p := range rings {
			l.Rings = append(l.Rings, p)
		}
		slices.Sort(l.Rings)
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b CallLine) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// ParseNumber reads a number the shop typed the way the session reads
// the numbers that call: "555-0100" with the shop's area code.
func (s *Session) ParseNumber(raw string) callerid.Number { return s.norm.Normalize(raw) }
