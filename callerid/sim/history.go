package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
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
	return NewGenerator(loc, rnd, perDay, z, line).Calls(from, to, perDay)
}

// Route is where a call rings: the device line it arrives on, its
// distinctive ring and the number dialled, which is how the shop's
// tracking lines tell calls apart.
type Route struct {
	Line        string
	RingPattern string
	Dialed      string
}

// Generator writes one shop's history a piece at a time, so that years of
// calls need not be held in memory at once: the callers of one piece keep
// calling in the next, and a piece starts where the last one ended.
type Generator struct {
	g *history
	// Route, when set, says where a call that starts at a time rings (it
	// may draw from rnd, the generator's own source); unset, every call
	// rings on the line given to NewGenerator. Each device line carries one
	// call at a time.
	Route func(at time.Time, rnd *rand.Rand) Route
}

// NewGenerator starts a shop's history; perDay sizes its pool of regulars
// like History's. The generator is deterministic for a given rnd.
func NewGenerator(loc *time.Location, rnd *rand.Rand, perDay float64, z callerid.Normalizer, line string) *Generator {
	return &Generator{g: newHistory(rnd, z, line, loc, perDay)}
}

// Calls generates the calls that start in [from, to), perDay on a mean
// weekday, sorted by Started. Pieces are meant to follow each other: a
// piece that overlaps an earlier one repeats its days with other calls.
func (gen *Generator) Calls(from, to time.Time, perDay float64) []callerid.Call {
	g := gen.g
	g.route = gen.Route
	g.calls = nil
	start := from.In(g.loc)
	for day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, g.loc); day.Before(to); day = day.AddDate(0, 0, 1) {
		g.day(day, from, to, perDay)
	}
	// A call held back by a busy line can pass calls on other lines.
	slices.SortStableFunc(g.calls, func(a, b callerid.Call) int { return a.Started.Compare(b.Started) })
	for i := range g.calls {
		g.calls[i].ID = g.nextID(g.calls[i].Started)
	}
	return g.calls
}

type history struct {
	rnd   *rand.Rand
	z     callerid.Normalizer
	line  string
	loc   *time.Location
	route func(time.Time, *rand.Rand) Route

	regulars     []person
	pickRegular  weighted
	pickArea     weighted
	weekdayHours weighted
	weekendHours weighted
	private      person
	outOfArea    person

	// used are the ten-digit numbers given out so far, so that a newcomer
	// is new.
	used     map[uint64]bool
	recent   []person
	calls    []callerid.Call
	lineFree map[string]time.Time
	lastID   int64
}

// person is a caller with their number read once: a history of ten years
// meets hundreds of thousands of them.
type person struct {
	Caller
	number callerid.Number
}

// churn is the chance that a newcomer becomes a regular in place of one
// who stops calling (the demo's own regulars stay): about a third of the
// pool changes in a year.
const churn = 1.0 / 400

func newHistory(rnd *rand.Rand, z callerid.Normalizer, line string, loc *time.Location, perDay float64) *history {
	g := &history{
		rnd: rnd, z: z, line: line, loc: loc,
		used:     map[uint64]bool{},
		lineFree: map[string]time.Time{},
	}
	g.private = g.person(Caller{Number: "P", Name: "P"})
	g.outOfArea = g.person(Caller{Number: "O", Name: "O"})
	g.pickArea = newWeighted(len(areaCodes), func(i int) float64 { return areaCodes[i].share })
	g.weekdayHours = newWeighted(24, func(h int) float64 { return weekdayHours[h] })
	g.weekendHours = newWeighted(24, func(h int) float64 { return weekendHours[h] })
	// The demo line's callers are regulars too, so the live demo rings
	// people the history already knows.
	for _, c := range DemoCallers {
		g.regulars = append(g.regulars, g.person(c))
		g.markUsed(c.Number)
	}
	for range max(20, int(perDay)) {
		c := g.newcomer()
		c.Weight = 1 + int(rnd.ExpFloat64()*3)
		g.regulars = append(g.regulars, c)
	}
	g.pickRegular = newWeighted(len(g.regulars), func(i int) float64 { return float64(g.regulars[i].Weight) })
	return g
}

func (g *history) person(c Caller) person {
	return person{Caller: c, number: g.z.Normalize(c.Number)}
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
		route := Route{Line: g.line}
		if g.route != nil {
			route = g.route(start, g.rnd)
		}
		// One line carries one call: whoever got the busy tone tries again.
		if free := g.lineFree[route.Line]; start.Before(free) {
			start = free.Add(5*time.Second + g.jitter(55*time.Second))
		}
		if !start.Before(to) {
			continue
		}
		c := g.call(start, route)
		g.lineFree[route.Line] = c.Ended
		g.calls = append(g.calls, c)
	}
}

// nextID is a call's ID: its start in nanoseconds, made unique.
func (g *history) nextID(start time.Time) int64 {
	id := start.UnixNano()
	if id <= g.lastID {
		id = g.lastID + 1
	}
	g.lastID = id
	return id
}

func (g *history) call(start time.Time, route Route) callerid.Call {
	who := g.caller()
	local := start.In(g.loc)
	start = start.UTC()

	outcome, rings := g.fate()
	ring := func(k int) time.Time { return start.Add(time.Duration(k-1) * ringCycle) }
	last := ring(rings)
	c := callerid.Call{
		Line:        route.Line,
		RingPattern: route.RingPattern,
		Dialed:      route.Dialed,
		Started:     start,
		Known:       start.Add(3*time.Second + g.jitter(1500*time.Millisecond)),
		Number:      who.number,
		Name:        who.Name,
		TelcoDate:   local.Format("0102"),
		TelcoTime:   local.Format("1504"),
		Rings:       rings,
		Outcome:     outcome,
		Exact:       g.rnd.Float64() < exactShare,
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

func (g *history) caller() person {
	switch r := g.rnd.Float64(); {
	case r < privateShare:
		return g.private
	case r < privateShare+outOfAreaShare:
		return g.outOfArea
	case r < privateShare+outOfAreaShare+newcomerShare:
		c := g.newcomer()
		if len(g.recent) == recentNewcomers {
			g.recent = g.recent[1:]
		}
		g.recent = append(g.recent, c)
		if g.rnd.Float64() < churn {
			// They liked the shop; someone else moved away.
			i := len(DemoCallers) + g.rnd.IntN(len(g.regulars)-len(DemoCallers))
			c.Weight = g.regulars[i].Weight
			g.regulars[i] = c
		}
		return c
	case r < privateShare+outOfAreaShare+newcomerShare+callbackShare && len(g.recent) > 0:
		return g.recent[g.rnd.IntN(len(g.recent))]
	}
	return g.regulars[g.pickRegular.pick(g.rnd)]
}

// newcomer is someone who never called before, on a random number of one
// of the area codes around the shop: a real area code and a possible
// exchange (200–999, neither an N11 service code nor 555), so that it
// reads and geocodes like a subscriber's, though nobody in particular has
// it. A few numbers out of millions are not enough to collide often; a
// collision draws again.
func (g *history) newcomer() person {
	var area areaCode
	var number string
	for range 20 {
		area = areaCodes[g.pickArea.pick(g.rnd)]
		number = area.code + strconv.Itoa(g.exchange()) + fmt.Sprintf("%04d", g.rnd.IntN(10000))
		if !g.markUsed(number) {
			break
		}
	}
	return g.person(Caller{Number: number, Name: g.name(area)})
}

// exchange is the middle three digits of a subscriber's number.
func (g *history) exchange() int {
	for {
		x := 200 + g.rnd.IntN(800)
		if x%100 != 11 && x != 555 {
			return x
		}
	}
}

// markUsed notes that a number is given out, and whether it already was.
func (g *history) markUsed(number string) (was bool) {
	n, err := strconv.ParseUint(number, 10, 64)
	if err != nil {
		return false
	}
	was = g.used[n]
	g.used[n] = true
	return was
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
