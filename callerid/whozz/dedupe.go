package whozz

import "time"

// DefaultDedupeWindow is how long a repeat of a packet counts as a
// duplicate. CallerID.com's emulator repeats each record up to 8 times,
// 40 ms apart; their own sample forgets a record after 0.5–1.1 s. No unit
// sends the same record twice for two events: its time stamps differ.
const DefaultDedupeWindow = 1500 * time.Millisecond

// dedupe remembers the records seen within the window, keyed by unit
// serial and full record text.
type dedupe struct {
	window time.Duration
	seen   map[string]time.Time
}

// repeat reports whether key came within the window before now; the
// window runs from its first copy.
func (d *dedupe) repeat(key string, now time.Time) bool {
	if d.seen == nil {
		d.seen = map[string]time.Time{}
	}
	for k, at := range d.seen {
		if now.Sub(at) >= d.window || now.Before(at) {
			delete(d.seen, k) // keep the map to the last few records
		}
	}
	if _, ok := d.seen[key]; ok {
		return true
	}
	d.seen[key] = now
	return false
}
