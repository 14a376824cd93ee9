package storage

import "github.com/callboard-app/callboard/callerid"

// Counts are calls split by outcome: a row of every report table.
type Counts struct {
	Calls                                                    int
	Answered, Missed, Voicemail, Abandoned, Blocked, Unknown int
	// Estimated is how many of the outcomes were guessed from the rings
	// (a plain modem): label them as estimates.
	Estimated int
	// FirstTime counts calls from callers who had never called before.
	FirstTime int
	// ValueCents adds up what the shop entered the calls were worth.
	ValueCents int64
}

func (c *Counts) addGroup(g dayGroup) {
	c.Calls += g.Calls
	c.Estimated += g.Estimated
	c.FirstTime += g.FirstTime
	c.ValueCents += g.ValueCents
	switch outcomes[g.Outcome] {
	case callerid.OutcomeAnswered:
		c.Answered += g.Calls
	case callerid.OutcomeMissed:
		c.Missed += g.Calls
	case callerid.OutcomeVoicemail:
		c.Voicemail += g.Calls
	case callerid.OutcomeAbandoned:
		c.Abandoned += g.Calls
	case callerid.OutcomeBlocked:
		c.Blocked += g.Calls
	default:
		c.Unknown += g.Calls
	}
}

func (c *Counts) addCounts(o Counts) {
	c.Calls += o.Calls
	c.Answered += o.Answered
	c.Missed += o.Missed
	c.Voicemail += o.Voicemail
	c.Abandoned += o.Abandoned
	c.Blocked += o.Blocked
	c.Unknown += o.Unknown
	c.Estimated += o.Estimated
	c.FirstTime += o.FirstTime
	c.ValueCents += o.ValueCents
}

// AnswerRate is the share of calls answered, 0 without calls.
func (c Counts) AnswerRate() float64 { return share(c.Answered, c.Calls) }

// NotPickedUp is the calls nobody answered in time: missed, voicemail,
// abandoned.
func (c Counts) NotPickedUp() int { return c.Missed + c.Voicemail + c.Abandoned }

// Spend is what calls cost: the counts of a campaign or a medium with its
// cost over the report's period.
type Spend struct {
	Counts
	CostCents int64
}

// CostPerCall is the cost divided by the calls, in cents; false without
// calls.
func (s Spend) CostPerCall() (int64, bool) { return perUnit(s.CostCents, s.Calls) }

// CostPerFirstTime is the cost of each new caller, in cents; false
// without first-time callers.
func (s Spend) CostPerFirstTime() (int64, bool) { return perUnit(s.CostCents, s.FirstTime) }

// Return is the calls' entered value for each unit of cost (2.5: every
// dollar brought two and a half back); false without a cost.
func (s Spend) Return() (float64, bool) {
	if s.CostCents <= 0 {
		return 0, false
	}
	return float64(s.ValueCents) / float64(s.CostCents), true
}

func perUnit(cents int64, n int) (int64, bool) {
	if n <= 0 {
		return 0, false
	}
	return (cents + int64(n)/2) / int64(n), true
}

func share(n, of int) float64 {
	if of <= 0 {
		return 0
	}
	return float64(n) / float64(of)
}
