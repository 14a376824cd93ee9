package sim

import (
	"context"
	"math"
	"math/rand/v2"
	"time"
)

// Demo rings a modem now and then with calls from DemoCallers, so that a
// newcomer without a modem sees the app at work.
type Demo struct {
	Modem *Modem
	// Every is the mean gap between calls (default 90 s); each gap is random.
	Every time.Duration
	// Rand picks callers and gaps (default: seeded from the clock).
	Rand *rand.Rand
	// Now stamps the caller-ID block (default time.Now).
	Now func() time.Time
}

// Odds of a call that is not from a listed caller.
const (
	demoPrivateShare   = 0.06
	demoOutOfAreaShare = 0.04
)

// demoRings weighs ring counts 1-8: most calls are picked up by ring 3,
// and the long ones let the app estimate a missed call.
var demoRings = []float64{8, 22, 25, 15, 10, 8, 6, 6}

// Run waits until the host turns caller ID on, then rings forever with a
// random gap before each call. It returns ctx.Err() when ctx ends, or the
// modem's error if the line goes away. If the host turns caller ID off
// (ATZ on reconnect), the demo waits for it again.
func (d *Demo) Run(ctx context.Context) error {
	rnd := d.Rand
	if rnd == nil {
		seed := uint64(time.Now().UnixNano())
		rnd = rand.New(rand.NewPCG(seed, seed>>32))
	}
	now := d.Now
	if now == nil {
		now = time.Now
	}
	every := d.Every
	if every <= 0 {
		every = 90 * time.Second
	}
	callers := newWeighted(len(DemoCallers), func(i int) float64 { return float64(DemoCallers[i].Weight) })
	rings := newWeighted(len(demoRings), func(i int) float64 { return demoRings[i] })
	for {
		if err := d.Modem.WaitCallerIDEnabled(ctx); err != nil {
			return err
		}
		if err := sleepUntil(ctx, time.Now().Add(demoGap(rnd, every))); err != nil {
			return err
		}
		at := now()
		c := Call{Date: at.Format("0102"), Time: at.Format("1504"), Rings: 1 + rings.pick(rnd)}
		switch r := rnd.Float64(); {
		case r < demoPrivateShare:
			c.Number, c.Name = "P", "P"
		case r < demoPrivateShare+demoOutOfAreaShare:
			c.Number, c.Name = "O", "O"
		default:
			who := DemoCallers[callers.pick(rnd)]
			c.Number, c.Name = who.Number, who.Name
		}
		if err := d.Modem.Play(ctx, c); err != nil {
			return err
		}
	}
}

// demoGap is a quarter of the mean for sure plus an exponential rest, so
// calls come irregularly but never back to back.
func demoGap(rnd *rand.Rand, mean time.Duration) time.Duration {
	floor := mean / 4
	rest := rnd.ExpFloat64() * float64(mean-floor)
	return floor + time.Duration(math.Min(rest, float64(10*mean)))
}
