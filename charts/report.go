package charts

import "time"

// Series is one named line of numbers, a value per label of the chart it
// belongs to.
type Series struct {
	Name   string
	Values []float64
}

// DayOutcomes is how one day's calls ended. Day is a date in the shop's
// time zone; its clock time is ignored.
type DayOutcomes struct {
	Day       time.Time
	Answered  int
	Missed    int
	Voicemail int
	Abandoned int
	Unknown   int
}

// Total is every call of the day.
func (d DayOutcomes) Total() int {
	return d.Answered + d.Missed + d.Voicemail + d.Abandoned + d.Unknown
}

func (d DayOutcomes) add(o DayOutcomes) DayOutcomes {
	d.Answered += o.Answered
	d.Missed += o.Missed
	d.Voicemail += o.Voicemail
	d.Abandoned += o.Abandoned
	d.Unknown += o.Unknown
	return d
}

// Bar is one row of a "calls by ..." chart: a campaign, a medium, an area.
type Bar struct {
	Label string
	// Value is the calls.
	Value float64
	// Secondary is the part of them drawn beside it, the first-time callers.
	Secondary float64
}

// Heat counts calls by weekday, Monday first, and hour of the day.
type Heat [7][24]int

// Max is the busiest cell's count.
func (h Heat) Max() int {
	m := 0
	for _, day := range h {
		for _, n := range day {
			m = max(m, n)
		}
	}
	return m
}

// Figure is one key figure of the report, already written the way the
// shop reads it ("87%", "$12.40").
type Figure struct {
	Label string
	Value string
	// Delta is the change against the comparison period ("+12%"), empty
	// when there is none.
	Delta string
	// Note qualifies the value, e.g. "estimate" when outcomes were guessed.
	Note string
}

// CampaignRow is one campaign's line of the report's table. The rates and
// costs per call are worked out here from the counts, so that the table
// and its CSV export always agree.
type CampaignRow struct {
	Campaign  string
	Medium    string
	Calls     int
	FirstTime int
	Answered  int
	// Cost is what the campaign cost within the period.
	Cost float64
	// Value is what its calls were worth, when the shop entered call
	// values (ValueKnown).
	Value      float64
	ValueKnown bool
	// Unpaid marks the row of calls that came in with no campaign running:
	// it has no cost, so its cost columns stay empty rather than $0.
	Unpaid bool
	// costCalls and costFirstTime are the calls a total row's cost is
	// spread over: the paid campaigns' calls only.
	costCalls, costFirstTime int
}

// Report is everything the printed monthly report shows.
type Report struct {
	Shop string
	// Period names the reported period ("October 2026"); Comparison names
	// the period the deltas compare against, empty when there is none.
	Period     string
	Comparison string
	// Generated is printed in the footer; zero means now.
	Generated time.Time
	// Currency is written before amounts ("$", "€").
	Currency string

	Figures   []Figure
	Campaigns []CampaignRow
	// Notes are footnotes under the table: how estimates are made, that
	// spam is left out.
	Notes []string

	// The data of the charts.
	Days       []DayOutcomes
	ByCampaign []Bar
	ByMedium   []Bar
	ByArea     []Bar
	FirstTime  int
	Repeat     int
	CallsHeat  Heat
	MissedHeat Heat
}
