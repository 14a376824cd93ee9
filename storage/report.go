package storage

import (
	"cmp"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ReportFilter narrows a report to some lines or campaigns. The zero
// filter reports every call, from the day rollups alone; a filter reads the
// period's calls instead (a month is ~8,000), since the rollups do not
// split the hours, places and callers by line.
type ReportFilter struct {
	// Lines keeps calls on these tracking lines; 0 is Unassigned.
	Lines []int
	// Campaigns keeps calls of these campaigns; 0 is "no campaign".
	Campaigns []int
	// Medium keeps calls of the campaigns of one medium.
	Medium string
	// Top is how many places and area codes to list; default 10.
	Top int
}

func (f ReportFilter) narrows() bool {
	return len(f.Lines) > 0 || len(f.Campaigns) > 0 || f.Medium != ""
}

// Report is everything the Reports screen and the monthly PDF show for a
// period. Spam callers' calls and the calls the shop made are in no figure
// but their own (Spam, Outbound).
type Report struct {
	// From and To are the local midnights around the days reported: a
	// report counts whole days of the shop's clock.
	From, To time.Time
	Days     int
	Counts
	// UniqueCallers counts each caller with caller ID once, however often
	// they called in the period.
	UniqueCallers int
	// RepeatCalls are calls with caller ID from callers who had called
	// before (in the period or earlier); RepeatShare is their share of the
	// calls with caller ID.
	RepeatCalls int
	RepeatShare float64
	// TalkSeconds adds up the talk time of answered calls where the source
	// saw the pick-up and hang-up (Talked of them); AvgTalk is their mean.
	TalkSeconds int64
	Talked      int
	AvgTalk     time.Duration
	Outbound    int
	Spam        int

	// Campaigns lists the campaigns that ran in the period or took its
	// calls, by start date, then a row with ID 0 for calls that came in
	// with no campaign running on their line ("No campaign"), if any.
	Campaigns []CampaignFigures
	// Media adds the campaigns up by medium, in the order of Media; a row
	// with Medium "" holds the calls of no campaign.
	Media []MediumFigures
	// Lines lists every tracking line, then ID 0 "Unassigned" for calls
	// that rang on no tracking line, if any.
	Lines []LineFigures
	// Series has one entry per day, for the calls-over-time chart.
	Series []DayFigures
	// Heatmap counts calls by [weekday][hour]; HeatmapMissed the calls
	// nobody picked up.
	Heatmap, HeatmapMissed [7][24]int
	// Places are calls by where the number was issued; AreaCodes by area
	// code (NANP) or country code.
	Places, AreaCodes Breakdown
}

// CampaignFigures are one campaign's calls and cost in the period.
type CampaignFigures struct {
	Campaign Campaign
	Spend
}

// MediumFigures are one medium's calls and cost in the period.
type MediumFigures struct {
	Medium string
	Spend
}

// LineFigures are one tracking line's calls in the period.
type LineFigures struct {
	Line TrackingLine
	Counts
	// Spam counts the spam callers' calls on the line.
	Spam int
}

// DayFigures are one day's calls.
type DayFigures struct {
	Date time.Time
	Counts
}

// Breakdown is the top of a count by name, and the rest.
type Breakdown struct {
	Top []Tally
	// Other adds up the names below the top; Unknown the calls without
	// one (no number, a private caller, a number not geocoded).
	Other, Unknown int
}

// Tally is a count under a name.
type Tally struct {
	Name  string
	Calls int
}

// Unassigned is the label of calls that rang on no tracking line.
const Unassigned = "Unassigned"

// NoCampaign is the name of calls that came with no campaign running.
const NoCampaign = "No campaign"

// Report sums up the local days that overlap [from, to).
func (db *DB) Report(from, to time.Time, f ReportFilter) (Report, error) {
	var rep Report
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		var err error
		rep, err = db.report(tx, from, to, f)
		return err
	})
	return rep, err
}

func (db *DB) report(tx *bolt.Tx, from, to time.Time, f ReportFilter) (Report, error) {
	lines, err := readLines(tx)
	if err != nil {
		return Report{}, err
	}
	campaigns, err := readCampaigns(tx)
	if err != nil {
		return Report{}, err
	}
	keep := f.keep(campaigns)
	var days []DayTotals
	if keep != nil {
		days, err = daysFromCalls(tx, from, to, db.loc, keep)
	} else {
		days, err = readDays(tx, from, to, db.loc)
	}
	if err != nil || len(days) == 0 {
		return Report{}, err
	}
	rep := Report{From: days[0].Date, To: nextDay(days[len(days)-1].Date), Days: len(days)}
	b := newReportBuilder(len(days))
	for _, d := range days {
		b.addDay(&rep, d)
	}
	rep.finishTotals(b, f.top())
	first, last := dayNumber(rep.From), dayNumber(rep.To)-1
	today := dayNumber(db.now().In(db.loc))
	rep.Campaigns = b.campaignRows(campaigns, first, last, today, db.loc, keep)
	rep.Media = mediaRows(rep.Campaigns)
	rep.Lines = b.lineRows(lines, keep)
	return rep, nil
}

// keep is the filter as a test on a call's line and campaign; nil keeps all.
func (f ReportFilter) keep(campaigns []campaignRecord) func(line, campaign int) bool {
	if !f.narrows() {
		return nil
	}
	ids := slices.Clone(f.Campaigns)
	if f.Medium != "" {
		for _, c := range campaigns {
			if c.Medium == f.Medium {
				ids = append(ids, c.ID)
			}
		}
		if len(ids) == 0 {
			ids = []int{-1} // a medium without campaigns keeps nothing
		}
	}
	return func(line, campaign int) bool {
		return (len(f.Lines) == 0 || slices.Contains(f.Lines, line)) &&
			(len(ids) == 0 || slices.Contains(ids, campaign))
	}
}

func (f ReportFilter) top() int {
	if f.Top <= 0 {
		return 10
	}
	return f.Top
}

// daysFromCalls rolls the kept calls of the period up into days, as the
// stored rollups would hold them were there no other calls.
func daysFromCalls(tx *bolt.Tx, from, to time.Time, loc *time.Location, keep func(line, campaign int) bool) ([]DayTotals, error) {
	cal := calendar(from, to, loc)
	if len(cal) == 0 {
		return nil, nil
	}
	days := make([]DayTotals, len(cal))
	index := map[string]*DayTotals{}
	for i, day := range cal {
		days[i].Date = day
		index[dayKey(day)] = &days[i]
	}
	lo, hi := cal[0].UnixNano(), nextDay(cal[len(cal)-1]).UnixNano()
	err := forEachMonth(tx, lo, hi, func(_ int64, r *callRecord) error {
		if r.finished() && keep(r.LineID, r.CampaignID) {
			start := time.Unix(0, r.Started).In(loc)
			if d := index[dayKey(start)]; d != nil {
				d.add(r, start, +1)
			}
		}
		return nil
	}, nil)
	return days, err
}

// reportBuilder gathers what the days hold beyond the totals.
type reportBuilder struct {
	callers    callerHashes
	identified int
	byCampaign map[int]*Counts
	byLine     map[int]*Counts
	spamByLine map[int]int
	places     map[string]int
	areas      map[string]int
}

func newReportBuilder(days int) *reportBuilder {
	return &reportBuilder{
		callers:    make(callerHashes, 0, days*64),
		byCampaign: map[int]*Counts{}, byLine: map[int]*Counts{},
		spamByLine: map[int]int{}, places: map[string]int{}, areas: map[string]int{},
	}
}

func (b *reportBuilder) addDay(rep *Report, d DayTotals) {
	day := DayFigures{Date: d.Date}
	for _, g := range d.groups {
		day.addGroup(g)
		counts(b.byCampaign, g.Campaign).addGroup(g)
		counts(b.byLine, g.Line).addGroup(g)
	}
	rep.Series = append(rep.Series, day)
	rep.addCounts(day.Counts)
	rep.TalkSeconds += d.TalkSeconds
	rep.Talked += d.Talked
	rep.Outbound += d.Outbound
	rep.Spam += d.Spam
	wd := d.Date.Weekday()
	for h := range 24 {
		rep.Heatmap[wd][h] += d.ByHour[h]
		rep.HeatmapMissed[wd][h] += d.ByHourMissed[h]
	}
	b.identified += len(d.callers)
	b.callers = append(b.callers, d.callers...)
	for l, n := range d.spamByLine {
		b.spamByLine[l] += n
	}
	for p, n := range d.ByPlace {
		b.places[p] += n
	}
	for a, n := range d.ByAreaCode {
		b.areas[a] += n
	}
}

func counts(m map[int]*Counts, id int) *Counts {
	c := m[id]
	if c == nil {
		c = &Counts{}
		m[id] = c
	}
	return c
}

func (rep *Report) finishTotals(b *reportBuilder, top int) {
	slices.Sort(b.callers)
	rep.UniqueCallers = len(slices.Compact(b.callers))
	rep.RepeatCalls = b.identified - rep.FirstTime
	rep.RepeatShare = share(rep.RepeatCalls, b.identified)
	if rep.Talked > 0 {
		rep.AvgTalk = time.Duration(rep.TalkSeconds) * time.Second / time.Duration(rep.Talked)
	}
	rep.Places = breakdown(b.places, rep.Calls, top)
	rep.AreaCodes = breakdown(b.areas, rep.Calls, top)
}

func breakdown(m map[string]int, calls, top int) Breakdown {
	var out Breakdown
	all := make([]Tally, 0, len(m))
	named := 0
	for name, n := range m {
		all = append(all, Tally{name, n})
		named += n
	}
	slices.SortFunc(all, func(a, b Tally) int { return cmp.Or(cmp.Compare(b.Calls, a.Calls), cmp.Compare(a.Name, b.Name)) })
	out.Top = all[:min(top, len(all))]
	for _, t := range all[len(out.Top):] {
		out.Other += t.Calls
	}
	out.Unknown = calls - named
	return out
}

// campaignRows lists the campaigns that ran in days [first, last] or took
// calls in them, with their cost for those days.
func (b *reportBuilder) campaignRows(campaigns []campaignRecord, first, last, today int, loc *time.Location, keep func(int, int) bool) []CampaignFigures {
	var out []CampaignFigures
	for _, c := range campaigns {
		ran := c.Start <= last && c.lastDay() >= first
		if !ran && b.byCampaign[c.ID] == nil {
			continue
		}
		if keep != nil && !keepsCampaign(keep, c) {
			continue
		}
		row := CampaignFigures{Campaign: c.campaign(loc)}
		if n := b.byCampaign[c.ID]; n != nil {
			row.Counts = *n
		}
		row.CostCents = c.costIn(first, last, today)
		out = append(out, row)
	}
	slices.SortStableFunc(out, func(a, b CampaignFigures) int {
		return cmp.Or(a.Campaign.Start.Compare(b.Campaign.Start), cmp.Compare(a.Campaign.ID, b.Campaign.ID))
	})
	if n := b.byCampaign[0]; n != nil {
		out = append(out, CampaignFigures{Campaign: Campaign{Name: NoCampaign}, Spend: Spend{Counts: *n}})
	}
	return out
}

// keepsCampaign: a filtered report lists a campaign if some of its calls
// could pass the filter.
func keepsCampaign(keep func(int, int) bool, c campaignRecord) bool {
	return slices.ContainsFunc(c.Lines, func(l int) bool { return keep(l, c.ID) })
}

// costIn is the campaign's cost for days [first, last]: its insertions
// dated then, or else its total spread evenly over its days (a campaign
// still running: over its days so far).
func (c campaignRecord) costIn(first, last, today int) int64 {
	if len(c.Insertions) > 0 {
		var sum int64
		for _, in := range c.Insertions {
			if first <= in.Day && in.Day <= last {
				sum += in.CostCents
			}
		}
		return sum
	}
	end := c.End
	if end == 0 {
		end = max(today, c.Start)
	}
	overlap := min(last, end) - max(first, c.Start) + 1
	if overlap <= 0 || c.CostCents == 0 {
		return 0
	}
	span := int64(end - c.Start + 1)
	return (c.CostCents*int64(overlap)*2 + span) / (2 * span)
}

func mediaRows(campaigns []CampaignFigures) []MediumFigures {
	var out []MediumFigures
	for _, medium := range append(slices.Clone(Media), "") {
		row := MediumFigures{Medium: medium}
		found := false
		for _, c := range campaigns {
			if c.Campaign.Medium == medium {
				found = true
				row.addCounts(c.Counts)
				row.CostCents += c.CostCents
			}
		}
		if found {
			out = append(out, row)
		}
	}
	return out
}

func (b *reportBuilder) lineRows(lines []TrackingLine, keep func(int, int) bool) []LineFigures {
	var out []LineFigures
	for _, l := range append(lines, TrackingLine{Label: Unassigned}) {
		n, spam := b.byLine[l.ID], b.spamByLine[l.ID]
		if l.ID == 0 && n == nil && spam == 0 {
			continue
		}
		if keep != nil && n == nil && spam == 0 {
			continue
		}
		row := LineFigures{Line: l, Spam: spam}
		if n != nil {
			row.Counts = *n
		}
		out = append(out, row)
	}
	return out
}
