package sim

import (
	"context"
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

func TestDemoRingsWithCallerIDOnceTheHostAsksForIt(t *testing.T) {
	h, m := pipeHost(t, Options{TimeScale: 0.001})
	ctx, cancel := context.WithCancel(testContext(t))
	defer cancel()
	demo := &Demo{Modem: m, Every: 10 * time.Millisecond, Rand: rand.New(rand.NewPCG(1, 2)),
		Now: func() time.Time { return time.Date(2026, 3, 21, 14, 5, 0, 0, time.Local) }}
	stopped := make(chan error, 1)
	go func() { stopped <- demo.Run(ctx) }()

	h.ok("AT+VCID=1")
	var call []string
	for line := h.next(); !strings.HasPrefix(line, "NAME = "); line = h.next() {
		call = append(call, line)
	}
	cancel()
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("Run after cancel = %v", err)
	}
	want := []string{"RING", "DATE = 0321", "TIME = 1405"}
	if len(call) != 4 || strings.Join(call[:3], "|") != strings.Join(want, "|") || !strings.HasPrefix(call[3], "NMBR = ") {
		t.Errorf("first demo call began %q, want RING, DATE, TIME, NMBR", call)
	}
}

func TestDemoCallersLookLikeWhatATelcoSends(t *testing.T) {
	if len(DemoCallers) < 35 {
		t.Errorf("only %d demo callers", len(DemoCallers))
	}
	fictional := regexp.MustCompile(`^[2-9]\d\d55501\d\d$`)
	z := callerid.Normalizer{Region: "US"}
	seen := map[string]bool{}
	for _, c := range DemoCallers {
		if !fictional.MatchString(c.Number) {
			t.Errorf("%s is not a fictional 555-01XX number", c.Number)
		}
		if z.Normalize(c.Number).E164 == "" {
			t.Errorf("%s does not normalize to E.164", c.Number)
		}
		if seen[c.Number] {
			t.Errorf("%s listed twice", c.Number)
		}
		seen[c.Number] = true
		if len(c.Name) > 15 || c.Name != strings.ToUpper(c.Name) || c.Name == "" {
			t.Errorf("name %q is not as a telco sends it", c.Name)
		}
		if c.Weight < 1 {
			t.Errorf("%s never calls", c.Name)
		}
	}
}

func TestDemoGapsAverageEvery(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	var total time.Duration
	for range 10000 {
		g := demoGap(rnd, 90*time.Second)
		if g < 90*time.Second/4 {
			t.Fatalf("gap %v shorter than a quarter of the mean", g)
		}
		total += g
	}
	if mean := total / 10000; mean < 85*time.Second || mean > 95*time.Second {
		t.Errorf("mean gap %v, want about 90s", mean)
	}
}
