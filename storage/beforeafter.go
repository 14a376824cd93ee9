package storage

import (
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BeforeAfter compares the calls while a campaign ran with the same number
// of days just before it started (the baseline) and just after it ended
// (the tail), on the campaign's lines and on the shop's main number: an ad
// that works lifts its own lines, and often the main number too, as people
// look the shop up instead of using the ad's number.
type BeforeAfter struct {
	Campaign Campaign
	// During runs from the campaign's start to its end, or to today while
	// it runs; Before is as many days before it; After as many days after
	// its end, cut at today (empty while it runs).
	Before, During, After Window
	// Lift is the change in calls per day during the campaign against
	// before it (0.4: 40% more); Tail the same after it ended.
	LinesLift, MainLift Lift
	LinesTail, MainTail Lift
}

// Window is a run of days and its calls.
type Window struct {
	// From and To are the local midnights around the days.
	From, To time.Time
	Days     int
	// Lines counts the calls on the campaign's tracking lines, whatever
	// campaign they counted for; Main the calls on the main number (the
	// lines marked Main); All every call.
	Lines, Main, All Counts
}

// PerDay is calls per day.
func (w Window) PerDay(c Counts) float64 {
	if w.Days == 0 {
		return 0
	}
	return float64(c.Calls) / float64(w.Days)
}

// Lift is a relative change in calls per day. Known is false when there
// is nothing to compare: no days, or no calls at all in the baseline.
type Lift struct {
	Change float64
	Known  bool
}

func lift(base, then Window, pick func(Window) Counts) Lift {
	b := base.PerDay(pick(base))
	if base.Days == 0 || then.Days == 0 || b == 0 {
		return Lift{}
	}
	return Lift{Change: then.PerDay(pick(then))/b - 1, Known: true}
}

// BeforeAfter compares a campaign's days with those around it.
func (db *DB) BeforeAfter(campaignID int) (BeforeAfter, error) {
	var out BeforeAfter
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		campaigns, err := readCampaigns(tx)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(campaigns, func(c campaignRecord) bool { return c.ID == campaignID })
		if i < 0 {
			return fmt.Errorf("campaign %d: %w", campaignID, ErrNotFound)
		}
		c := campaigns[i]
		lines, err := readLines(tx)
		if err != nil {
			return err
		}
		var main []int
		for _, l := range lines {
			if l.Main {
				main = append(main, l.ID)
			}
		}
		today := dayNumber(db.now().In(db.loc))
		last := min(c.lastDay(), today)
		n := max(0, last-c.Start+1)
		out.Campaign = c.campaign(db.loc)
		window := func(first, days int) (Window, error) {
			return db.window(tx, first, days, c.Lines, main)
		}
		if out.Before, err = window(c.Start-n, n); err != nil {
			return err
		}
		if out.During, err = window(c.Start, n); err != nil {
			return err
		}
		tail := 0
		if c.End != 0 {
			tail = max(0, min(n, today-c.End))
		}
		if out.After, err = window(c.lastDay()+1, tail); err != nil {
			return err
		}
		pickLines := func(w Window) Counts { return w.Lines }
		pickMain := func(w Window) Counts { return w.Main }
		out.LinesLift = lift(out.Before, out.During, pickLines)
		out.MainLift = lift(out.Before, out.During, pickMain)
		out.LinesTail = lift(out.Before, out.After, pickLines)
		out.MainTail = lift(out.Before, out.After, pickMain)
		return nil
	})
	return out, err
}

// window adds up days [first, first+days) by line.
func (db *DB) window(tx *bolt.Tx, first, days int, lines, main []int) (Window, error) {
	w := Window{From: dayStart(first, db.loc), To: dayStart(first+days, db.loc), Days: days}
	if days <= 0 {
		return w, nil
	}
	all, err := readDays(tx, w.From, w.To, db.loc)
	if err != nil {
		return w, err
	}
	for _, d := range all {
		for _, g := range d.groups {
			w.All.addGroup(g)
			if slices.Contains(lines, g.Line) {
				w.Lines.addGroup(g)
			}
			if slices.Contains(main, g.Line) {
				w.Main.addGroup(g)
			}
		}
	}
	return w, nil
}

// LineBaseline is a tracking line's noise before any ad ran on it: calls
// per day and the share from spam callers. About one freshly issued number
// in seven is "dirty" (stray and robocalls) and stays so; this shows it
// before money is spent.
type LineBaseline struct {
	Line TrackingLine
	// From and To are the local midnights around the days measured: up to
	// baselineDays days before the line's first campaign (or up to today if
	// it has none), from the day of the line's first call.
	From, To time.Time
	Days     int
	// Calls counts the calls that count in reports, Spam the spam callers'.
	Calls, Spam int
	// PerDay is calls per day, spam included; SpamShare the part of them
	// that is spam.
	PerDay, SpamShare float64
	// FirstCampaignID is the campaign the baseline ends at; 0: none yet.
	FirstCampaignID int
}

// baselineDays is how far back a line's noise is measured: enough for
// weekly rhythms, recent enough to be today's noise.
const baselineDays = 90

// LineBaseline measures a tracking line's calls before its first campaign.
func (db *DB) LineBaseline(lineID int) (LineBaseline, error) {
	var out LineBaseline
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		lines, err := readLines(tx)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(lines, func(l TrackingLine) bool { return l.ID == lineID })
		if i < 0 {
			return fmt.Errorf("tracking line %d: %w", lineID, ErrNotFound)
		}
		out.Line = lines[i]
		campaigns, err := readCampaigns(tx)
		if err != nil {
			return err
		}
		end, firstStart := dayNumber(db.now().In(db.loc))+1, 0
		for _, c := range campaigns {
			if slices.Contains(c.Lines, lineID) && (out.FirstCampaignID == 0 || c.Start < firstStart) {
				firstStart, out.FirstCampaignID = c.Start, c.ID
			}
		}
		if out.FirstCampaignID != 0 {
			end = min(end, firstStart)
		}
		days, err := readDays(tx, dayStart(end-baselineDays, db.loc), dayStart(end, db.loc), db.loc)
		if err != nil {
			return err
		}
		for _, d := range days {
			calls, spam := 0, d.spamByLine[lineID]
			for _, g := range d.groups {
				if g.Line == lineID {
					calls += g.Calls
				}
			}
			if out.Days == 0 && calls+spam == 0 {
				continue // before the line's first call
			}
			if out.Days == 0 {
				out.From = d.Date
			}
			out.Days++
			out.Calls += calls
			out.Spam += spam
		}
		out.To = dayStart(end, db.loc)
		if out.Days == 0 {
			out.From = out.To
			return nil
		}
		out.PerDay = float64(out.Calls+out.Spam) / float64(out.Days)
		out.SpamShare = share(out.Spam, out.Calls+out.Spam)
		return nil
	})
	return out, err
}
