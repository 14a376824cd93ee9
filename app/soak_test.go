//go:build linux || darwin

package app

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

// The soak test is a busy shop's phones, time-compressed: several USB
// modems ring back to back, a new caller each time, and now and then one
// is pulled out mid-ring and plugged back in, while the window shows every
// call. Every caller who reached the app is stored once, memory and
// goroutines stay flat, and the window keeps up.
//
// By default it runs for a few seconds, as part of the tests. The long run:
//
//	CALLBOARD_SOAK=10m go test ./app -run TestSoak -v -timeout 0
//
// CALLBOARD_SOAK_SEED replays a run's random choices (the seed is logged).
// CALLBOARD_SOAK_PROFILE=<folder> writes heap profiles a quarter into the
// run and at its end, to compare with go tool pprof -base early.heap late.heap.

// Ring cadence 200 times faster than a real line: a 6 s ring cycle in
// 30 ms, caller ID 17.5 ms after the first ring; the ring gap that ends a
// call is scaled to match.
const (
	soakTimeScale = 0.005
	soakRingGap   = 100 * time.Millisecond
	// soakIDAfter is when the caller ID goes out after a call starts.
	soakIDAfter = time.Duration(3.5 * float64(time.Second) * soakTimeScale)
	// soakWait bounds a wait that only a hung app would exceed; no
	// assertion depends on it.
	soakWait = time.Minute
)

// soakPlan is how long and how hard the lines are driven.
type soakPlan struct {
	lines    int
	duration time.Duration
	// unplugEvery is the mean number of calls a line takes between unplugs
	// (besides the one each line gets at its first call).
	unplugEvery int
	// sampleEvery is the time between two measures of memory and goroutines.
	sampleEvery time.Duration
	seed        uint64
	// profiles is where heap profiles go ("": none).
	profiles string
}

func soakPlanFromEnv(t *testing.T) soakPlan {
	p := soakPlan{lines: 4, duration: 6 * time.Second, unplugEvery: 20, sampleEvery: time.Second,
		seed: uint64(time.Now().UnixNano())}
	if v := os.Getenv("CALLBOARD_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("CALLBOARD_SOAK=%q: want a duration such as 10m", v)
		}
		p.duration, p.unplugEvery, p.sampleEvery = d, 60, 5*time.Second
	}
	p.profiles = os.Getenv("CALLBOARD_SOAK_PROFILE")
	if v := os.Getenv("CALLBOARD_SOAK_SEED"); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("CALLBOARD_SOAK_SEED=%q: want a number", v)
		}
		p.seed = seed
	}
	return p
}

// soakFate is how a call's ringing ended.
type soakFate int

const (
	// rangOut: the call rang to the end with its modem plugged in.
	rangOut soakFate = iota
	// cutAfterID: the modem was pulled out mid-ring once the caller was on
	// screen. The call must be stored, once.
	cutAfterID
	// cutBeforeID: the modem was pulled out at the first ring, before the
	// caller ID went out (or just after, on a slow line). The caller is
	// stored at most once.
	cutBeforeID
)

func (f soakFate) String() string {
	return [...]string{"rang out", "cut after caller ID", "cut before caller ID"}[f]
}

// soakCall is one call rung, with a number no other call has.
type soakCall struct {
	seq          int
	line         int
	number, name string
	key          string
	fate         soakFate
	// idAt is about when the caller ID went out.
	idAt time.Time
	// shown is closed once the window showed the caller.
	shown   chan struct{}
	shownAt time.Time
}

// soakLedger is every call rung, and when the window showed it.
type soakLedger struct {
	norm callerid.Normalizer
	end  time.Time

	mu       sync.Mutex
	calls    []*soakCall
	byKey    map[string]*soakCall
	fates    [3]int
	shownN   int
	maxDelay time.Duration
}

func newSoakLedger(end time.Time) *soakLedger {
	return &soakLedger{norm: callerid.Normalizer{Region: "US"}, end: end, byKey: map[string]*soakCall{}}
}

func (l *soakLedger) over() bool { return !time.Now().Before(l.end) }

// next books the next call, or returns nil once the run is over.
func (l *soakLedger) next(line int, fate soakFate) *soakCall {
	if l.over() {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	seq := len(l.calls) + 1
	number := fmt.Sprintf("312%07d", 2000000+seq)
	c := &soakCall{seq: seq, line: line, number: number, name: fmt.Sprintf("SOAK %d", seq),
		key: l.norm.Normalize(number).Key(), fate: fate, shown: make(chan struct{})}
	l.calls = append(l.calls, c)
	l.byKey[c.key] = c
	l.fates[fate]++
	return c
}

// ringing notes that c starts to ring now.
func (l *soakLedger) ringing(c *soakCall) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c.idAt = time.Now().Add(soakIDAfter)
}

// show notes that the window shows the caller behind key.
func (l *soakLedger) show(key string, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.byKey[key]
	if c == nil || !c.shownAt.IsZero() {
		return
	}
	c.shownAt = at
	l.shownN++
	l.maxDelay = max(l.maxDelay, at.Sub(c.idAt))
	close(c.shown)
}

// counts is how many calls were rung, how many of them the window must
// show (their caller ID went out), and how many it showed so far.
func (l *soakLedger) counts() (rung, due, shown int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.calls), len(l.calls) - l.fates[cutBeforeID], l.shownN
}

// unshown lists the calls that must be on screen and are not (yet).
func (l *soakLedger) unshown() []*soakCall {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*soakCall
	for _, c := range l.calls {
		if c.fate != cutBeforeID && c.shownAt.IsZero() {
			out = append(out, c)
		}
	}
	return out
}

// soakLine rings one line until the run is over, pulling its modem out now
// and then.
type soakLine struct {
	t      *testing.T
	n      int
	usb    *sim.USBModem
	ledger *soakLedger
	rnd    *rand.Rand
	every  int // mean calls between unplugs
	calls  int
	// last is the line's latest call whose caller ID surely went out.
	last *soakCall
}

func (l *soakLine) run(ctx context.Context) {
	for ctx.Err() == nil && !l.ledger.over() {
		m := l.usb.Modem()
		wait, cancel := context.WithTimeout(ctx, soakWait)
		err := m.WaitCallerIDEnabled(wait)
		cancel()
		if err != nil {
			if ctx.Err() == nil {
				l.t.Errorf("line %d: the app never turned caller ID on after the modem was plugged in", l.n)
			}
			return
		}
		// A line rings its next caller once the window showed the last
		// one: at a rate the window cannot follow, the lines wait for it
		// rather than pile up work it would never catch up with, so the
		// run measures the rate the whole app sustains, window included.
		if l.last != nil {
			l.waitShown(ctx, l.last)
		}
		c := l.ledger.next(l.n, l.fate())
		if c == nil {
			return
		}
		l.calls++
		call := sim.Call{Number: c.number, Name: c.name, Rings: 1 + l.rnd.IntN(5)}
		if c.fate == rangOut {
			l.ledger.ringing(c)
			if err := m.Play(ctx, call); err != nil {
				if ctx.Err() == nil {
					l.t.Errorf("line %d: ringing call %d: %v", l.n, c.seq, err)
				}
				return
			}
			l.last = c
		} else {
			call.Rings = 8 // still ringing when the plug is pulled
			l.cut(ctx, m, c, call)
		}
		// The line stays quiet for the ring gap, so that the next call is
		// a new one.
		pause(ctx, soakRingGap+30*time.Millisecond+time.Duration(l.rnd.IntN(30))*time.Millisecond)
	}
}

// fate picks how the next call ends: every line is pulled out at its
// first call (half the lines after the caller ID went out, half before),
// then at random.
func (l *soakLine) fate() soakFate {
	cut := l.rnd.IntN(l.every) == 0
	if l.calls == 0 {
		return []soakFate{cutAfterID, cutBeforeID}[l.n%2]
	}
	if !cut {
		return rangOut
	}
	return []soakFate{cutAfterID, cutBeforeID}[l.rnd.IntN(2)]
}

// cut rings c and pulls the modem out in the middle of it, then plugs it
// back in.
func (l *soakLine) cut(ctx context.Context, m *sim.PTYModem, c *soakCall, call sim.Call) {
	played := make(chan error, 1)
	l.ledger.ringing(c)
	go func() { played <- m.Play(ctx, call) }()
	if c.fate == cutAfterID {
		l.waitShown(ctx, c)
		l.last = c
	} else {
		pause(ctx, soakIDAfter/4)
	}
	if err := l.usb.Unplug(); err != nil {
		l.t.Errorf("line %d: unplug: %v", l.n, err)
	}
	<-played
	pause(ctx, time.Duration(l.rnd.IntN(200))*time.Millisecond)
	if err := l.usb.Plug(); err != nil {
		l.t.Errorf("line %d: plug back in: %v", l.n, err)
	}
}

func (l *soakLine) waitShown(ctx context.Context, c *soakCall) {
	select {
	case <-c.shown:
	case <-ctx.Done():
	case <-time.After(soakWait):
		l.t.Errorf("line %d: call %d (%s) never reached the window", l.n, c.seq, c.number)
	}
}

func pause(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// soakSample is one measure taken during the run.
type soakSample struct {
	rung, due, shown, goroutines int
	// heap is the heap in use (spans holding live objects); live the bytes
	// of live objects alone, without the room that churn leaves in spans.
	heap, live uint64
}

// soakDesk is the window's UI thread in the soak test: it runs what the
// bridge queues, notes each caller the card shows, paints now and then,
// and measures.
type soakDesk struct {
	u      *UI
	q      uiThread
	ledger *soakLedger

	samples   []soakSample
	maxQueued int
	// busy is the time the UI thread spent on the app's work, painting
	// the part of it spent painting the window.
	busy, painting time.Duration
	painted        time.Time
}

// soakPaintEvery: the real window paints whenever something changed, and
// Fyne then drops the renderers of widgets gone for a minute; the test
// window only does so when it paints.
const soakPaintEvery = 10 * time.Second

func (d *soakDesk) do(f func()) {
	d.maxQueued = max(d.maxQueued, len(d.q)+1)
	began := time.Now()
	f()
	if v := d.u.today.card.view; v.Kind == callerid.CallKnown && v.Call.HasCallerID() {
		d.ledger.show(v.Call.Number.Key(), time.Now())
	}
	if time.Since(d.painted) >= soakPaintEvery {
		paint := time.Now()
		d.u.win.Canvas().Capture()
		d.painted = time.Now()
		d.painting += d.painted.Sub(paint)
	}
	d.busy += time.Since(began)
}

// sample measures the heap in use, after a collection, and the goroutines.
func (d *soakDesk) sample() {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rung, due, shown := d.ledger.counts()
	d.samples = append(d.samples, soakSample{rung: rung, due: due, shown: shown, goroutines: runtime.NumGoroutine(),
		heap: ms.HeapInuse, live: ms.HeapAlloc})
}

// waitAllShown runs the UI thread until the window has shown every caller
// it must, and reports whether it did.
func (d *soakDesk) waitAllShown(t *testing.T) bool {
	t.Helper()
	deadline := time.After(soakWait)
	for len(d.ledger.unshown()) > 0 {
		select {
		case f := <-d.q:
			d.do(f)
		case <-deadline:
			missing := d.ledger.unshown()
			t.Errorf("the window never showed %d calls", len(missing))
			for _, c := range missing[:min(10, len(missing))] {
				t.Errorf("  not shown: call %d on line %d (%s, %s)", c.seq, c.line, c.number, c.fate)
			}
			return false
		}
	}
	return true
}

func TestSoakManyLinesUnpluggedAtRandom(t *testing.T) {
	plan := soakPlanFromEnv(t)
	t.Logf("seed %d (CALLBOARD_SOAK_SEED=%d replays the run's choices)", plan.seed, plan.seed)
	rnd := rand.New(rand.NewPCG(plan.seed, 0x50a6))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	dir := t.TempDir()
	dbPath := filepath.Join(dir, "callboard.db")
	cfg := Config{DBPath: dbPath, Region: "US", RingGap: soakRingGap}
	for i := range plan.lines {
		cfg.Sources = append(cfg.Sources, callerid.SourceConfig{Kind: callerid.SourceModem,
			Name: fmt.Sprintf("Line %d", i+1), Path: filepath.Join(dir, fmt.Sprintf("usb-modem-%d", i+1))})
	}
	u, q := openUI(t, cfg)
	q.drain()
	baseline := runtime.NumGoroutine()

	var usbs []*sim.USBModem
	for _, src := range cfg.Sources {
		usb, err := sim.PlugInUSBModem(ctx, src.Path, sim.Options{Chipset: sim.ChipsetVCID, Echo: true, TimeScale: soakTimeScale})
		if err != nil {
			closeUI(u, q)
			t.Skipf("no pseudo-terminals here: %v", err)
		}
		usbs = append(usbs, usb)
	}
	started := time.Now()
	ledger := newSoakLedger(started.Add(plan.duration))
	var lines sync.WaitGroup
	for i, usb := range usbs {
		line := &soakLine{t: t, n: i + 1, usb: usb, ledger: ledger, every: plan.unplugEvery,
			rnd: rand.New(rand.NewPCG(rnd.Uint64(), uint64(i)))}
		lines.Go(func() { line.run(ctx) })
	}
	u.Start()

	// The test goroutine is the UI thread from here on.
	desk := &soakDesk{u: u, q: q, ledger: ledger, painted: started}
	ringing := make(chan struct{})
	go func() { lines.Wait(); close(ringing) }()
	tick := time.NewTicker(plan.sampleEvery)
	early := time.After(plan.duration / 4)
	for running := true; running; {
		select {
		case f := <-q:
			desk.do(f)
		case <-tick.C:
			desk.sample()
		case <-early:
			writeHeapProfile(t, plan.profiles, "early.heap")
		case <-ringing:
			running = false
		}
	}
	tick.Stop()
	writeHeapProfile(t, plan.profiles, "late.heap")
	elapsed, busy := time.Since(started), desk.busy
	if desk.waitAllShown(t) {
		checkTodayList(t, u, ledger)
	}

	closeUI(u, q)
	for _, usb := range usbs {
		if err := usb.Close(); err != nil {
			t.Errorf("unplug at the end: %v", err)
		}
	}
	cancel()
	end := settledGoroutines(baseline)
	if end > baseline+soakGoroutineSlack {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after stopping, %d before starting:\n%s", end, baseline, buf[:runtime.Stack(buf, true)])
	}
	st := checkStored(t, dbPath, ledger)
	checkFlat(t, desk.samples)
	reportSoak(t, desk, st, baseline, end, elapsed, busy)
}

// writeHeapProfile writes the live heap to folder/name, if folder is set.
func writeHeapProfile(t *testing.T, folder, name string) {
	if folder == "" {
		return
	}
	runtime.GC()
	f, err := os.Create(filepath.Join(folder, name))
	if err == nil {
		err = errors.Join(pprof.WriteHeapProfile(f), f.Close())
	}
	if err != nil {
		t.Errorf("heap profile: %v", err)
	}
}

// soakGoroutineSlack allows for goroutines the runtime and Fyne's test
// driver start on their own; soakGoroutineGrowth for the screens' loaders
// in flight when a sample is taken.
const (
	soakGoroutineSlack  = 3
	soakGoroutineGrowth = 10
)

// settledGoroutines waits a little for goroutines on their way out, and
// counts those left.
func settledGoroutines(baseline int) int {
	n := runtime.NumGoroutine()
	for range 100 {
		if n <= baseline {
			break
		}
		time.Sleep(20 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

// checkTodayList: Today's list has every caller shown exactly once.
func checkTodayList(t *testing.T, u *UI, l *soakLedger) {
	t.Helper()
	listed := map[string]int{}
	for _, c := range u.today.calls {
		if c.HasCallerID() {
			listed[c.Number.Key()]++
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.calls {
		if n := listed[c.key]; n > 1 || n == 0 && !c.shownAt.IsZero() {
			t.Errorf("call %d (%s) is in today's list %d times", c.seq, c.number, n)
		}
	}
}

// soakStored is what the database held after the run.
type soakStored struct {
	// rows counts every stored call, those without caller ID too; callers
	// the calls rung that are stored once.
	rows, callers, duplicates, lost int
}

// checkStored reopens the database: every caller that reached the window
// is stored once and counted once in the caller's record, and every call
// is closed.
func checkStored(t *testing.T, path string, l *soakLedger) (st soakStored) {
	t.Helper()
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("reopen the database: %v", err)
	}
	defer db.Close()
	rows, err := db.Log(time.Time{}, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	st.rows = len(rows)
	stored := map[string]int{}
	for _, r := range rows {
		if r.Ended.IsZero() {
			t.Errorf("call %d (%s) is still open after the app stopped", r.ID, r.Number.Key())
		}
		if !r.HasCallerID() {
			continue
		}
		stored[r.Number.Key()]++
		if l.byKey[r.Number.Key()] == nil {
			t.Errorf("stored a caller nobody rang: %+v", r.Call)
		}
	}
	for _, c := range l.calls {
		n := stored[c.key]
		switch {
		case n > 1:
			st.duplicates++
			t.Errorf("call %d (%s, line %d, %s) stored %d times", c.seq, c.number, c.line, c.fate, n)
		case n == 0 && c.fate != cutBeforeID:
			st.lost++
			t.Errorf("call %d (%s, line %d, %s) was lost", c.seq, c.number, c.line, c.fate)
		case n == 1:
			st.callers++
			if who, ok, err := db.Caller(c.key); err != nil || !ok || who.Calls != 1 {
				t.Errorf("caller of call %d: %+v (found %v, err %v), want one call", c.seq, who, ok, err)
			}
		}
	}
	return st
}

// checkFlat compares the last quarter of the run with the first quarter
// after warm-up: goroutines do not pile up, and the heap does not grow
// beyond what the day's list of calls and Fyne's one-minute caches take.
func checkFlat(t *testing.T, samples []soakSample) {
	t.Helper()
	samples = samples[len(samples)/8:] // warm-up
	if len(samples) < 4 {
		t.Errorf("only %d samples after warm-up", len(samples))
		return
	}
	quarter := len(samples) / 4
	first, last := samples[:quarter], samples[len(samples)-quarter:]
	most := func(s []soakSample) int {
		return slices.MaxFunc(s, func(a, b soakSample) int { return a.goroutines - b.goroutines }).goroutines
	}
	if a, b := most(first), most(last); b > a+soakGoroutineGrowth {
		t.Errorf("goroutines grew from at most %d early on to %d at the end", a, b)
	}
	mean := func(s []soakSample) float64 {
		var sum float64
		for _, x := range s {
			sum += float64(x.heap)
		}
		return sum / float64(len(s))
	}
	if a, b := mean(first), mean(last); b > 1.5*a+8<<20 {
		t.Errorf("heap in use grew from %.1f MB early on to %.1f MB at the end", a/(1<<20), b/(1<<20))
	}
}

// reportSoak logs the run's figures; busy is the UI thread's work while
// the lines rang.
func reportSoak(t *testing.T, d *soakDesk, st soakStored, baseline, end int, elapsed, busy time.Duration) {
	l, samples := d.ledger, d.samples
	l.mu.Lock()
	defer l.mu.Unlock()
	rung := len(l.calls)
	t.Logf("ran %s: %d calls rung (%.1f calls/s), %d shown; unplugged %d times (%d after caller ID, %d before)",
		elapsed.Round(time.Second), rung, float64(rung)/elapsed.Seconds(), l.shownN,
		l.fates[cutAfterID]+l.fates[cutBeforeID], l.fates[cutAfterID], l.fates[cutBeforeID])
	t.Logf("stored: %d callers of the %d rung once each, %d duplicates, %d lost; %d calls in all (with ring-only ones)",
		st.callers, rung, st.duplicates, st.lost, st.rows)
	if len(samples) > 0 {
		maxG, maxHeap, backlog := 0, uint64(0), 0
		for _, s := range samples {
			maxG, maxHeap, backlog = max(maxG, s.goroutines), max(maxHeap, s.heap), max(backlog, s.due-s.shown)
		}
		first, last := samples[0], samples[len(samples)-1]
		mb := func(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
		t.Logf("goroutines: %d before, %d first sample, %d most, %d last sample, %d after stopping",
			baseline, first.goroutines, maxG, last.goroutines, end)
		t.Logf("heap in use: %s first sample, %s most, %s last sample (%d samples); live objects %s first, %s last",
			mb(first.heap), mb(maxHeap), mb(last.heap), len(samples), mb(first.live), mb(last.live))
		t.Logf("window: at most %d callers sent but not on screen yet when sampled", backlog)
	}
	t.Logf("window: largest delay from caller ID to the card %s; UI queue at most %d deep",
		l.maxDelay.Round(time.Millisecond), d.maxQueued)
	t.Logf("UI thread busy %s of the %s the lines rang (%.0f%%): %s per call, painting the window included (%s in all)",
		busy.Round(time.Millisecond), elapsed.Round(time.Millisecond), 100*busy.Seconds()/elapsed.Seconds(),
		(d.busy / time.Duration(max(1, rung))).Round(time.Millisecond), d.painting.Round(time.Millisecond))
}
