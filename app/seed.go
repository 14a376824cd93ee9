package app

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/callerid/sim"
	"github.com/callboard-app/callboard/storage"
)

// SeedOptions describe the invented history Seed writes.
type SeedOptions struct {
	// Calls is about how many calls to make (default 1,000,000).
	Calls int
	// Years is how far back the history reaches (default: as far as the
	// calls go at ~270 a day).
	Years float64
	// End is when the history stops (default now).
	End time.Time
	// Location is the shop's time zone; it must be the one the database
	// was opened with (default time.Local).
	Location *time.Location
	// Normalizer reads the invented numbers as the shop's line would.
	Normalizer callerid.Normalizer
	// Seed makes the history repeatable.
	Seed uint64
	// Contacts, when set, is how many contacts the shop's phone book
	// holds, most of them callers; it is imported after the calls.
	Contacts int
	// Progress, when set, is told how far seeding has got.
	Progress io.Writer
}

// ErrNotEmpty: Seed only writes into a database without calls or setup.
var ErrNotEmpty = errors.New("the database already holds calls or tracking lines")

// Seed fills an empty database with an invented shop's history, for demos
// and for benchmarks at scale: a main number and three advertised
// tracking lines (recognised by their line, and one by the dialled
// number), campaigns of every kind following each other on the ad lines
// with their costs (some per insertion), more calls while an ad runs, the
// value of some answered calls of the last year, a few robocallers marked
// as spam, and, when asked, a phone book. Calls are generated and stored a
// month at a time, so ten years take little memory.
func Seed(db *storage.DB, opts SeedOptions) error {
	opts = opts.withDefaults()
	if err := checkEmpty(db); err != nil {
		return err
	}
	began := time.Now()
	end := opts.End.In(opts.Location)
	start := end.AddDate(0, 0, -int(math.Round(opts.Years*365.25)))
	start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, opts.Location)
	rnd := rand.New(rand.NewPCG(opts.Seed, 0x5eed))

	shop, err := setUpSeedShop(db, rnd, start, end, opts.Calls)
	if err != nil {
		return err
	}
	weekday := shop.weekdayRate(opts.Calls, start, end)
	gen := sim.NewGenerator(opts.Location, rnd, weekday, opts.Normalizer, seedMainSource)
	gen.Route = shop.route
	spammers := newSpammers(rnd, opts.Normalizer, start, end)
	valuesFrom := end.AddDate(-1, 0, 0)
	var callers *seedCallers
	if opts.Contacts > 0 {
		callers = newSeedCallers(spammers.keys())
	}

	total := 0
	for from := start; from.Before(end); {
		to := time.Date(from.Year(), from.Month()+1, 1, 0, 0, 0, 0, opts.Location)
		if to.After(end) {
			to = end
		}
		calls := gen.Calls(from, to, weekday*shop.lift(from, to))
		spammers.ring(rnd, calls)
		callers.note(calls)
		if err := db.ImportCalls(calls); err != nil {
			return err
		}
		if !to.Before(valuesFrom) {
			if err := enterValues(db, rnd, calls, valuesFrom); err != nil {
				return err
			}
		}
		total += len(calls)
		if opts.Progress != nil && (to.Month() == time.January || !to.Before(end)) {
			fmt.Fprintf(opts.Progress, "seeded %s calls up to %s (%.0fs)\n", thousands(total), to.AddDate(0, 0, -1).Format("January 2006"), time.Since(began).Seconds())
		}
		from = to
	}
	for _, key := range spammers.keys() {
		if err := db.SetSpam(key, true); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
	}
	if opts.Contacts > 0 {
		return addSeedPhoneBook(db, opts, callers, began)
	}
	return nil
}

func (o SeedOptions) withDefaults() SeedOptions {
	if o.Calls <= 0 {
		o.Calls = 1_000_000
	}
	if o.Years <= 0 {
		o.Years = float64(o.Calls) / seedCallsPerDay / 365.25
	}
	if o.End.IsZero() {
		o.End = time.Now()
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Normalizer.Region == "" {
		o.Normalizer = callerid.Normalizer{Region: "US", AreaCode: "217"}
	}
	return o
}

// seedCallsPerDay is a busy shop's calls on an average day, weekend
// included: a million calls is about ten years of them.
const seedCallsPerDay = 270

func checkEmpty(db *storage.DB) error {
	calls, err := db.Calls(time.Time{}, time.Time{}, 1)
	if err != nil {
		return err
	}
	lines, err := db.Lines()
	if err != nil {
		return err
	}
	campaigns, err := db.Campaigns()
	if err != nil {
		return err
	}
	if len(calls)+len(lines)+len(campaigns) > 0 {
		return fmt.Errorf("%s: %w; seed a new file instead", db.Path(), ErrNotEmpty)
	}
	return nil
}

// enterValues puts what some answered calls of the last year were worth,
// as a shop enters it after booking the job. One call in 16 is a job of
// ~$400 (from $20 up to $5,000).
func enterValues(db *storage.DB, rnd *rand.Rand, calls []callerid.Call, from time.Time) error {
	for _, c := range calls {
		if c.Outcome != callerid.OutcomeAnswered || c.Started.Before(from) || rnd.Float64() >= 1.0/16 {
			continue
		}
		dollars := math.Exp(math.Log(400) + 0.9*rnd.NormFloat64())
		cents := int64(math.Round(math.Max(20, math.Min(5000, dollars))/5) * 500)
		if err := db.SetCallValue(c.ID, cents); err != nil {
			return err
		}
	}
	return nil
}

// spammers are robocallers, each at it for some months: they ring any
// line, mostly hang up or reach the voicemail.
type spammers struct {
	list []spammer
}

type spammer struct {
	name     string
	number   callerid.Number
	from, to time.Time
	share    float64
}

func newSpammers(rnd *rand.Rand, z callerid.Normalizer, start, end time.Time) *spammers {
	names := []string{"HEALTH INSURANC", "V1234567890001", "AUTO WARRANTY", "SPAM RISK", "TOLL FREE CALL", "CREDIT SERVICES"}
	s := &spammers{}
	span := end.Sub(start)
	for i, name := range names {
		raw := fmt.Sprintf("%s55501%02d", []string{"844", "855", "866", "877", "888", "833"}[i], 60+i)
		from := start.Add(time.Duration(rnd.Float64() * float64(span)))
		s.list = append(s.list, spammer{
			name: name, number: z.Normalize(raw), from: from,
			to: from.Add(time.Duration(90+rnd.IntN(450)) * 24 * time.Hour), share: 0.01 + 0.02*rnd.Float64(),
		})
	}
	return s
}

// ring gives some calls to the robocallers at work at the time.
func (s *spammers) ring(rnd *rand.Rand, calls []callerid.Call) {
	for i := range calls {
		c := &calls[i]
		r := rnd.Float64()
		for _, sp := range s.list {
			if c.Started.Before(sp.from) || !c.Started.Before(sp.to) {
				continue
			}
			if r -= sp.share; r >= 0 {
				continue
			}
			c.Number, c.Name = sp.number, sp.name
			c.Raw = "NMBR = " + sp.number.Raw + "\nNAME = " + sp.name
			if !c.Answered.IsZero() {
				// Picked up, heard a recording, hung up.
				c.Ended = c.Answered.Add(8 * time.Second)
			}
			break
		}
	}
}

func (s *spammers) keys() []string {
	var out []string
	for _, sp := range s.list {
		out = append(out, sp.number.Key())
	}
	return out
}

// The invented shop's lines. The main number rings on the demo's line, so
// that the live demo's calls land on it.
const seedMainSource = "demo"

var seedMain = storage.TrackingLine{Number: "+12175550100", Label: "Main number", Source: seedMainSource, Main: true}

// seedAdLines are the advertised numbers, each on its own source, and the
// media their campaigns use.
var seedAdLines = []struct {
	line  storage.TrackingLine
	route sim.Route
	media []string
}{
	{storage.TrackingLine{Number: "+12175550151", Label: "Print ads line", Source: "wc/02"},
		sim.Route{Line: "wc/02"}, []string{"newspaper", "magazine", "directory"}},
	{storage.TrackingLine{Number: "+12175550152", Label: "Flyer line", Source: "wc/03"},
		sim.Route{Line: "wc/03"}, []string{"flyer", "direct mail", "billboard"}},
	{storage.TrackingLine{Number: "+12175550153", Label: "Radio & web line"},
		sim.Route{Line: "ncid", Dialed: "+12175550153"}, []string{"radio", "TV", "Google Ads", "website"}},
}

// adKind is how a medium's campaigns run: how long, what they cost, and
// their pull (calls on the ad's line per call on the main number while it
// runs).
type adKind struct {
	title            string
	minDays, maxDays int
	pull             float64
	// cost: per insertion every `every` days (0: a total per 30 days)
	every          int
	minUSD, maxUSD float64
}

// adKinds are priced for a shop of 40 calls a weekday; a busier one's ads
// cost more in proportion (see costScale), so that a call costs about the
// same at any size: $2-40, the most for TV and billboards.
var adKinds = map[string]adKind{
	"newspaper":   {"Herald ad", 28, 84, 0.12, 7, 250, 450},
	"magazine":    {"Magazine ad", 60, 120, 0.08, 30, 700, 1500},
	"directory":   {"Yellow Pages", 365, 365, 0.05, 0, 250, 400},
	"flyer":       {"Flyer drop", 21, 56, 0.20, 14, 900, 1800},
	"direct mail": {"Postcards", 28, 42, 0.30, 1000, 1500, 4000},
	"billboard":   {"Billboard", 30, 90, 0.08, 0, 2000, 3500},
	"radio":       {"Radio 101.5 spots", 14, 42, 0.20, 7, 400, 900},
	"TV":          {"TV spots", 14, 28, 0.35, 7, 1500, 3000},
	"Google Ads":  {"Google Ads", 30, 120, 0.15, 0, 600, 1500},
	"website":     {"Website button", 90, 365, 0.04, 0, 40, 80},
}

// costScale is how much dearer ads are for a shop taking weekday calls a
// weekday than for one taking 40.
func costScale(weekday float64) float64 { return math.Max(0.25, weekday/40) }

// seedShop is the invented shop's lines and what its campaigns pull, by
// day since the history's first.
type seedShop struct {
	start  time.Time
	routes []sim.Route // the main number first
	pull   [][]float64 // by ad line, by day
}

// setUpSeedShop saves the lines and their campaigns, one after another on
// each ad line with gaps between, from the first months to the end.
func setUpSeedShop(db *storage.DB, rnd *rand.Rand, start, end time.Time, calls int) (*seedShop, error) {
	if _, err := db.SaveLine(seedMain); err != nil {
		return nil, err
	}
	days := dayIndex(end, start) + 1
	shop := &seedShop{start: start, routes: []sim.Route{{Line: seedMainSource}}}
	// The price of ads follows the shop's size before their lift, which
	// is near enough.
	scale := costScale(float64(calls) / float64(max(1, days)) * 7 / 5.61)
	for _, l := range seedAdLines {
		saved, err := db.SaveLine(l.line)
		if err != nil {
			return nil, err
		}
		shop.routes = append(shop.routes, l.route)
		pull := make([]float64, days+1)
		for day := rnd.IntN(120); day < days; {
			medium := l.media[rnd.IntN(len(l.media))]
			c, last, err := saveSeedCampaign(db, rnd, medium, start, day, saved.ID, scale)
			if err != nil {
				return nil, err
			}
			k := adKinds[c.Medium]
			// A fresh ad pulls hardest; people keep the flyer a while
			// after it stops.
			for d := day; d <= last+14 && d < len(pull); d++ {
				p := k.pull
				switch {
				case d < day+7:
					p *= 1.3
				case d > last:
					p *= 0.3 * float64(last+15-d) / 15
				}
				pull[d] = math.Max(pull[d], p)
			}
			day = last + 1 + rnd.IntN(60)
		}
		shop.pull = append(shop.pull, pull)
	}
	return shop, nil
}

func saveSeedCampaign(db *storage.DB, rnd *rand.Rand, medium string, start time.Time, day, line int, scale float64) (storage.Campaign, int, error) {
	k := adKinds[medium]
	length := k.minDays + rnd.IntN(k.maxDays-k.minDays+1)
	first := start.AddDate(0, 0, day)
	c := storage.Campaign{
		Name:   k.title + " — " + first.Format("Jan 2006"),
		Medium: medium,
		Start:  first,
		End:    start.AddDate(0, 0, day+length-1),
		Lines:  []int{line},
	}
	price := func() int64 { return int64(math.Round(scale*(k.minUSD+rnd.Float64()*(k.maxUSD-k.minUSD))/10)) * 1000 }
	if k.every > 0 {
		for d := 0; d < length; d += k.every {
			c.Insertions = append(c.Insertions, storage.Insertion{Date: start.AddDate(0, 0, day+d), CostCents: price()})
		}
	} else {
		c.CostCents = price() * int64((length+29)/30)
	}
	saved, err := db.SaveCampaign(c)
	return saved, day + length - 1, err
}

// dayIndex is how many calendar days t is after start.
func dayIndex(t, start time.Time) int {
	y, m, d := t.In(start.Location()).Date()
	a := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y, m, d = start.Date()
	b := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return int(a.Sub(b).Hours() / 24)
}

// route puts a call on the main number or an ad line, by what the ads
// running that day pull; a line without an ad still gets the odd wrong
// number and old customer, its noise.
func (s *seedShop) route(at time.Time, rnd *rand.Rand) sim.Route {
	day := dayIndex(at, s.start)
	total := 1.0
	for _, p := range s.pull {
		total += adNoise + p[min(max(day, 0), len(p)-1)]
	}
	r := rnd.Float64()*total - 1
	for i, p := range s.pull {
		if r < 0 {
			break
		}
		if r -= adNoise + p[min(max(day, 0), len(p)-1)]; r < 0 {
			return s.routes[i+1]
		}
	}
	return s.routes[0]
}

// adNoise is an ad line's calls per main-number call with no ad running.
const adNoise = 0.02

// lift is how many more calls the shop gets in [from, to) for its ads:
// the ads' pull, of which about half are people who would not have
// called otherwise.
func (s *seedShop) lift(from, to time.Time) float64 {
	sum, n := 0.0, 0
	for day := dayIndex(from, s.start); day < dayIndex(to, s.start); day++ {
		extra := 0.0
		for _, p := range s.pull {
			extra += p[min(max(day, 0), len(p)-1)]
		}
		sum += 1 + 0.5*extra
		n++
	}
	if n == 0 {
		return 1
	}
	return sum / float64(n)
}

// weekdayRate is the calls on a mean weekday, without the ads' lift, that
// make about calls calls between start and end. The generator's week adds
// up to 5.6 weekdays' calls.
func (s *seedShop) weekdayRate(calls int, start, end time.Time) float64 {
	days := float64(max(1, dayIndex(end, start)))
	return float64(calls) / days * 7 / 5.61 / s.lift(start, end)
}
