package sim

import (
	"context"
	"time"
)

// Call is one incoming call for the modem to ring.
type Call struct {
	// Number and Name as the telco sends them: "P" and "O" stand for a
	// private and an out-of-area caller. Empty ones are left out.
	Number, Name string
	// Date (MMDD) and Time (HHMM) are the telco's stamp; empty takes the
	// PC clock when the call starts.
	Date, Time string
	// Rings is how many times the line rings in all (at least 1).
	Rings int
	// Before sends caller ID before the first ring, as UK and most ETSI
	// lines do; North American lines send it between ring 1 and ring 2.
	Before bool
	// Spacing is "TAG = value" (the default, as modem manuals print it)
	// or "TAG=value" (as many modems actually send it).
	Spacing string
}

// North American cadence: 2 s of ringing, 4 s of silence, and the modem
// says RING once per burst. Caller ID goes out in the first silence.
const (
	ringCycle        = 6 * time.Second
	ringOn           = 2 * time.Second
	callerIDAfter    = 3500 * time.Millisecond
	firstRingAfterID = time.Second // UK: the alert and data come before ring 1
)

// Play rings the line for c, sending the caller-ID block only if the host
// has turned caller ID on, and returns when the last ring burst is over.
// A Silent modem plays nothing.
func (m *Modem) Play(ctx context.Context, c Call) error {
	m.playMu.Lock()
	defer m.playMu.Unlock()
	if m.opts.Silent {
		return nil
	}
	start := time.Now()
	if c.Date == "" {
		c.Date = start.Format("0102")
	}
	if c.Time == "" {
		c.Time = start.Format("1504")
	}
	at := func(offset time.Duration) error {
		return sleepUntil(ctx, start.Add(m.scaled(offset)))
	}

	firstRing, idAt := time.Duration(0), callerIDAfter
	if c.Before {
		firstRing, idAt = firstRingAfterID, 0
	}
	rings := max(c.Rings, 1)
	idSent := false
	for i := range rings {
		ringAt := firstRing + time.Duration(i)*ringCycle
		if !idSent && idAt < ringAt {
			if err := m.playCallerID(at, idAt, c); err != nil {
				return err
			}
			idSent = true
		}
		if err := at(ringAt); err != nil {
			return err
		}
		if err := m.ring(); err != nil {
			return err
		}
	}
	if !idSent {
		// A single ring: the caller stayed long enough for the data.
		if err := m.playCallerID(at, idAt, c); err != nil {
			return err
		}
	}
	return at(firstRing + time.Duration(rings-1)*ringCycle + ringOn)
}

func (m *Modem) playCallerID(at func(time.Duration) error, offset time.Duration, c Call) error {
	if err := at(offset); err != nil {
		return err
	}
	m.mu.Lock()
	mode := m.cidMode
	m.mu.Unlock()
	switch mode {
	case 1:
		return m.send([]byte(formattedBlock(c)))
	case 2:
		return m.send([]byte("\r\n" + mdmfHex(c) + "\r\n"))
	}
	return nil
}

func (m *Modem) ring() error {
	m.mu.Lock()
	out := m.frameResult(resultRing)
	m.mu.Unlock()
	return m.send([]byte(out))
}

// formattedBlock is the caller ID as a modem prints it in formatted mode
// (+VCID=1, #CID=1).
func formattedBlock(c Call) string {
	sep := " = "
	if c.Spacing == "TAG=value" {
		sep = "="
	}
	out := ""
	for _, f := range [][2]string{{"DATE", c.Date}, {"TIME", c.Time}, {"NMBR", c.Number}, {"NAME", c.Name}} {
		if f[1] != "" || f[0] == "DATE" || f[0] == "TIME" {
			out += "\r\n" + f[0] + sep + f[1] + "\r\n"
		}
	}
	return out
}

func (m *Modem) scaled(d time.Duration) time.Duration {
	s := m.opts.TimeScale
	if s <= 0 {
		s = 1
	}
	return time.Duration(float64(d) * s)
}

func sleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
