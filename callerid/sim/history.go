package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/callboard-app/callboard/callerid"
)

// How a shop's week looks: the share of a weekday's calls each day gets.
var dayVolume = [7]float64{
	time.Sunday: 0.06, time.Monday: 1.15, time.Tuesday: 1.05, time.Wednesday: 1.0,
	time.Thursday: 1.0, time.Friday: 0.9, time.Saturday: 0.45,
}

// Calls by hour of day: open about 8-18 with a mid-morning and an
// early-afternoon peak; a trickle at night reaches the voicemail.
var weekdayHours = [24]float64{
	0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.6, // 00-07
	4, 8, 11, 9, 6, 8, 10, 8, // 08-15
	6, 4, 1.5, 0.6, 0.3, 0.15, 0.08, 0.04, // 16-23
}

// Weekends: a short morning.
var weekendHours = [24]float64{
	0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.3,
	2, 6, 9, 9, 7, 4, 2, 1,
	0.5, 0.3, 0.2, 0.15, 0.1, 0.08, 0.05, 0.03,
}

// Who calls: a few private and out-of-area callers, many people calling for
// the first time, some of them calling back within days, and regulars.
const (
	privateShare   = 0.04
	outOfAreaShare = 0.03
	newcomerShare  = 0.38
	callbackShare  = 0.10
	// recentNewcomers is how far back a callback reaches.
	recentNewcomers = 40
)

// What happened to a call, before any device saw it.
const (
	answeredShare  = 0.80
	abandonedShare = 0.05
	missedShare    = 0.08 // the rest, 7%, reaches the voicemail
	voicemailRings = 5
	// exactShare of calls come with a hook-aware adapter's exact outcome;
	// the rest only as rings, as a plain modem hears them.
	exactShare = 0.6
	// noAnswerRings is the plain-modem rule (callerid.TrackerConfig's
	// default): this many rings or more count as missed.
	noAnswerRings = 4
)

// History generates past calls between from and to (local time of loc)
// with a realistic rhythm: weekdays busier than Saturday, Sunday nearly
// closed, opening hours ~8–18 with a mid-morning and early-afternoon peak,
// a pool of repeat callers (some call many times, most once), ~15% missed
// or voicemail, a few abandoned after 1 ring, answered calls 30 s–10 min.
// perDay is the mean number of calls on a weekday. The result is sorted by
// Started and deterministic for a given rnd.
//
// About 60% of calls carry an exact outcome, as if a hook-aware adapter had
// seen them (answered calls have Answered and a talk time); the rest are
// estimated from rings by the plain-modem rule: 4 rings or more is missed,
// fewer is unknown.
func History(from, to time.Time, loc *time.Location, rnd *rand.Rand, perDay float64, z callerid.Normalizer, line string) []callerid.Call {
	g := newHistory(rnd, z, line, loc, perDay)
	start := from.In(loc)
	for day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc); day.Before(to); day = day.AddDate(0, 0, 1) {
		g.day(day, from, to, perDay)
	}
	return g.calls
}

type history struct {
	rnd  *rand.Rand
	z    callerid.Normalizer
	line string
	loc  *time.Location

	regulars     []Caller
	pickRegular  weighted
	pickArea     weighted
	weekdayHours weighted
	weekendHours weighted

	used     map[string]bool
	recent   []Caller
	numbers  map[string]callerid.Number
	calls    []callerid.Call
	lineFree time.Time
	lastID   int64
}

func newHistory(rnd *rand.Rand, z callerid.Normalizer, line string, loc *time.Location, perDay float64) *history {
	g := &history{
		rnd: rnd, z: z, line: line, loc: loc,
		used:    map[string]bool{},
		numbers: map[string]callerid.Number{},
	}
	g.pickArea = newWeighted(len(areaCodes), func(i int) float64 { return areaCodes[i].share })
	g.weekdayHours = newWeighted(24, func(h int) float64 { return weekdayHours[h] })
	g.weekendHours = newWeighted(24, func(h int) float64 { return weekendHours[h] })
	// The demo line's callers are regulars too, so the live demo rings
	// people the history already knows.
	g.regulars = append(g.regulars, DemoCallers...)
	for _, c := range DemoCallers {
		g.used[c.Number] = true
	}
	for range max(20, int(perDay)) {
		c := g.newcomer()
		c.Weight = 1 + int(rnd.ExpFloat64()*3)
		g.regulars = append(g.regulars, c)
	}
	g.pickRegular = newWeighted(len(g.regulars), func(i int) float64 { return float64(g.regulars[i].Weight) })
	return g
}

func (g *history) day(day, from, to time.Time, perDay float64) {
	mean := perDay * dayVolume[day.Weekday()] * (0.8 + 0.4*g.rnd.Float64())
	hours := g.weekdayHours
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		hours = g.weekendHours
	}
	starts := make([]time.Time, poisson(g.rnd, mean))
	for i := range starts {
		sec := g.rnd.IntN(3600)
		ns := g.rnd.IntN(int(time.Second))
		starts[i] = time.Date(day.Year(), day.Month(), day.Day(), hours.pick(g.rnd), sec/60, sec%60, ns, day.Location())
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	for _, start := range starts {
		if start.Before(from) {
			continue
		}
		// One line carries one call: whoever got the busy tone tries again.
		if start.Before(g.lineFree) {
			start = g.lineFree.Add(5*time.Second + g.jitter(55*time.Second))
		}
		if !start.Before(to) {
			return
		}
		c := g.call(start)
		g.lineFree = c.Ended
		g.calls = append(g.calls, c)
	}
}

func (g *history) call(start time.Time) callerid.Call {
	who := g.caller()
	local := start.In(g.loc)
	start = start.UTC()
	id := start.UnixNano()
	if id <= g.lastID {
		id = g.lastID + 1
	}
	g.lastID = id

	outcome, rings := g.fate()
	ring := func(k int) time.Time { return start.Add(time.Duration(k-1) * ringCycle) }
	last := ring(rings)
	c := callerid.Call{
		ID:        id,
		Line:      g.line,
		Started:   start,
		Known:     start.Add(3*time.Second + g.jitter(1500*time.Millisecond)),
		Number:    g.normalize(who.Number),
		Name:      who.Name,
		TelcoDate: local.Format("0102"),
		TelcoTime: local.Format("1504"),
		Rings:     rings,
		Outcome:   outcome,
		Exact:     g.rnd.Float64() < exactShare,
	}
	c.Raw = "DATE = " + c.TelcoDate + "\nTIME = " + c.TelcoTime + "\nNMBR = " + who.Number + "\nNAME = " + who.Name
	switch {
	case !c.Exact:
		// As a plain modem's tracker ends it: at the last thing it heard.
		c.Ended = later(last, c.Known)
		c.Outcome = callerid.OutcomeUnknown
		if rings >= noAnswerRings {
			c.Outcome = callerid.OutcomeMissed
		}
	case outcome == callerid.OutcomeAnswered:
		c.Answered = last.Add(500*time.Millisecond + g.jitter(4*time.Second))
		c.Ended = c.Answered.Add(g.talkTime())
	case outcome == callerid.OutcomeVoicemail:
		c.Ended = last.Add(15*time.Second + g.jitter(75*time.Second))
	default:
		c.Ended = later(last.Add(500*time.Millisecond+g.jitter(ringOn)), c.Known)
	}
	return c
}

// fate is what really happened to a call and how often it rang.
func (g *history) fate() (callerid.Outcome, int) {
	switch r := g.rnd.Float64(); {
	case r < answeredShare:
		return callerid.OutcomeAnswered, 2 + g.rnd.IntN(2)
	case r < answeredShare+abandonedShare:
		if g.rnd.Float64() < 0.6 {
			return callerid.OutcomeAbandoned, 1
		}
		return callerid.OutcomeAbandoned, 2 + g.rnd.IntN(2)
	case r < answeredShare+abandonedShare+missedShare:
		return callerid.OutcomeMissed, noAnswerRings + g.rnd.IntN(5)
	}
	return callerid.OutcomeVoicemail, voicemailRings
}

// talkTime is log-normal around two and a half minutes, within 30 s–10 min.
func (g *history) talkTime() time.Duration {
	s := math.Exp(math.Log(150) + 0.8*g.rnd.NormFloat64())
	return time.Duration(math.Max(30, math.Min(600, s)) * float64(time.Second))
}

func (g *history) caller() Caller {
	switch r := g.rnd.Float64(); {
	case r < privateShare:
		return Caller{Number: "P", Name: "P"}
	case r < privateShare+outOfAreaShare:
		return Caller{Number: "O", Name: "O"}
	case r < privateShare+outOfAreaShare+newcomerShare:
		c := g.newcomer()
		if len(g.recent) == recentNewcomers {
			g.recent = g.recent[1:]
		}
		g.recent = append(g.recent, c)
		return c
	case r < privateShare+outOfAreaShare+newcomerShare+callbackShare && len(g.recent) > 0:
		return g.recent[g.rnd.IntN(len(g.recent))]
	}
	return g.regulars[g.pickRegular.pick(g.rnd)]
}

// newcomer is someone who never called before, on a fictional number
// (555-0100..0199) not given to anyone yet while such numbers last.
func (g *history) newcomer() Caller {
	var area areaCode
	var number string
	for range 20 {
		area = areaCodes[g.pickArea.pick(g.rnd)]
		number = area.code + "55501" + string(rune('0'+g.rnd.IntN(10))) + string(rune('0'+g.rnd.IntN(10)))
		if !g.used[number] {
			break
		}
	}
	g.used[number] = true
	return Caller{Number: number, Name: g.name(area)}
}

// name is a caller's name as the telco's database gives it.
func (g *history) name(area areaCode) string {
	var name string
	switch r := g.rnd.Float64(); {
	case r < 0.15:
		name = "WIRELESS CALLER"
	case r < 0.23:
		name = area.place
	case r < 0.30:
		name = businesses[g.rnd.IntN(len(businesses))]
	default:
		name = lastNames[g.rnd.IntN(len(lastNames))] + " " + firstNames[g.rnd.IntN(len(firstNames))]
	}
	return name[:min(len(name), 15)]
}

func (g *history) normalize(raw string) callerid.Number {
	n, ok := g.numbers[raw]
	if !ok {
		n = g.z.Normalize(raw)
		g.numbers[raw] = n
	}
	return n
}

// jitter is a random duration in [0, d).
func (g *history) jitter(d time.Duration) time.Duration {
	return time.Duration(g.rnd.Int64N(int64(d)))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// poisson draws a call count with the given mean: Knuth's method for small
// means, the normal approximation where that would be slow.
func poisson(rnd *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*rnd.NormFloat64())))
	}
	limit, p, n := math.Exp(-mean), rnd.Float64(), 0
	for p > limit {
		p *= rnd.Float64()
		n++
	}
	return n
}
