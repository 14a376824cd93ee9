package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
)

// callerName is the best name the window has for a caller, the name the
// shop gave them aside.
func callerName(c callerid.Call, region string) string {
	switch {
	case c.Name != "" && !isPlaceholderName(c.Name):
		return c.Name
	case c.Known.IsZero():
		return "Incoming call"
	case c.Number.IsNone():
		return "No caller ID"
	}
	return c.Number.Display(region)
}

// viewName is the name the card shows: the shop's own for the caller
// first, the telco's otherwise.
func viewName(v CallView, region string) string {
	if v.Contact != "" {
		return v.Contact
	}
	return callerName(v.Call, region)
}

// telcoAside is the telco's name, shown beside the shop's when they differ.
func telcoAside(v CallView) string {
	name := v.Call.Name
	if v.Contact == "" || name == "" || isPlaceholderName(name) || strings.EqualFold(strings.TrimSpace(name), v.Contact) {
		return ""
	}
	return "Caller ID says: " + strings.TrimSpace(name)
}

// isPlaceholderName spots the names a telco sends instead of a name.
func isPlaceholderName(name string) bool {
	switch name {
	case "P", "O", "A", "NO NAME", "-":
		return true
	}
	return false
}

func numberText(c callerid.Call, region string) string {
	if c.Known.IsZero() {
		return "Caller ID on its way…"
	}
	return c.Number.Display(region)
}

func placeText(c callerid.Call) string {
	if p := c.Number.Place(); p != "" {
		return "≈ " + p
	}
	return ""
}

// stateText says where the call stands: still ringing, or how it ended.
func stateText(c callerid.Call) string {
	rings := plural(c.Rings, "ring", "rings")
	if c.Active() {
		if !c.Answered.IsZero() {
			return "Answered · on the phone"
		}
		return fmt.Sprintf("Ringing · %s", rings)
	}
	return fmt.Sprintf("%s · %s", c.Outcome.Label(c.Exact), rings)
}

// historyText is the caller's story before this call, in one line.
func historyText(h storage.Caller, now time.Time) string {
	if h.FirstTime() {
		return "First-time caller"
	}
	last := ""
	if !h.LastCall.IsZero() {
		last = ", last " + dayText(h.LastCall, now)
		if h.LastOutcome != "" {
			last += ", " + lower(h.LastOutcome.Label(h.LastExact))
		}
	}
	return fmt.Sprintf("%s call%s", ordinal(h.Calls+1), last)
}

// totalsText sums up a caller from their record as it stands now, for a
// call looked at after the fact.
func totalsText(h storage.Caller, now time.Time) string {
	if h.Calls <= 1 {
		return "Called once"
	}
	return fmt.Sprintf("%s in all, first %s", plural(h.Calls, "call", "calls"), dayText(h.FirstCall, now))
}

func dayText(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	switch {
	case y1 == y2 && m1 == m2 && d1 == d2:
		return "today at " + t.Format("15:04")
	case y1 == y2 && m1 == m2 && d1 == d2-1:
		return "yesterday at " + t.Format("15:04")
	case y1 == y2:
		return "on " + t.Format("2 Jan")
	}
	return "on " + t.Format("2 Jan 2006")
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}

// titleCase turns a telco's "SMITH JOHN" into "Smith John" for a new
// contact's name: the shop corrects the order if it likes.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
