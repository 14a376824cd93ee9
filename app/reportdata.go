package app

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/callboard-app/callboard/charts"
	"github.com/callboard-app/callboard/storage"
)

// BuildReport reads the figures of period p, and of compare when it is
// given, and writes them the way the Reports screen and the printed report
// show them. The storage report comes back too, for the tables and their
// CSV. Spam callers' calls are in no figure (storage leaves them out).
func BuildReport(db *storage.DB, p Period, compare *Period, shop string) (charts.Report, storage.Report, error) {
	rep, err := db.Report(p.From, p.To, storage.ReportFilter{})
	if err != nil {
		return charts.Report{}, rep, fmt.Errorf("report for %s: %w", p.Label, err)
	}
	var prev *storage.Report
	if compare != nil {
		r, err := db.Report(compare.From, compare.To, storage.ReportFilter{})
		if err != nil {
			return charts.Report{}, rep, fmt.Errorf("report for %s: %w", compare.Label, err)
		}
		prev = &r
	}
	set, err := db.Settings()
	if err != nil {
		return charts.Report{}, rep, err
	}
	currency := currencyOf(set.Region)
	out := charts.Report{
		Shop:     shop,
		Period:   p.Label,
		Currency: currency,
		Figures:  keyFigures(rep, prev, currency),
		Notes:    reportNotes(rep),
	}
	if compare != nil {
		out.Comparison = compare.Label
	}
	out.Campaigns = campaignRows(rep.Campaigns)
	for _, c := range rep.Campaigns {
		out.ByCampaign = append(out.ByCampaign, charts.Bar{Label: c.Campaign.Name, Value: float64(c.Calls), Secondary: float64(c.FirstTime)})
	}
	for _, m := range rep.Media {
		out.ByMedium = append(out.ByMedium, charts.Bar{Label: mediumName(m.Medium), Value: float64(m.Calls), Secondary: float64(m.FirstTime)})
	}
	for _, a := range rep.AreaCodes.Top {
		out.ByArea = append(out.ByArea, charts.Bar{Label: areaName(a.Name), Value: float64(a.Calls)})
	}
	for _, d := range rep.Series {
		out.Days = append(out.Days, charts.DayOutcomes{
			Day: d.Date, Answered: d.Answered, Missed: d.Missed, Voicemail: d.Voicemail,
			Abandoned: d.Abandoned, Unknown: d.Unknown + d.Blocked,
		})
	}
	out.FirstTime, out.Repeat = rep.FirstTime, rep.RepeatCalls
	out.CallsHeat, out.MissedHeat = mondayFirst(rep.Heatmap), mondayFirst(rep.HeatmapMissed)
	return out, rep, nil
}

// adSpend adds up the campaigns, leaving out the calls that came with no
// campaign running: the main number's calls say nothing of what ads cost.
func adSpend(rep storage.Report) (s storage.Spend, ran bool) {
	for _, c := range rep.Campaigns {
		if c.Campaign.ID == 0 {
			continue
		}
		ran = true
		s.Calls += c.Calls
		s.FirstTime += c.FirstTime
		s.ValueCents += c.ValueCents
		s.CostCents += c.CostCents
	}
	return s, ran
}

// keyFigures are the report's headline numbers, each with its change
// against prev when there is one.
func keyFigures(rep storage.Report, prev *storage.Report, currency string) []charts.Figure {
	var figs []charts.Figure
	add := func(label, value string, delta func(storage.Report) string, note string) {
		f := charts.Figure{Label: label, Value: value, Note: note}
		if prev != nil && delta != nil {
			f.Delta = delta(*prev)
		}
		figs = append(figs, f)
	}
	count := func(n func(storage.Report) int) func(storage.Report) string {
		return func(p storage.Report) string { return changeOf(float64(n(rep)), float64(n(p))) }
	}
	estimate := ""
	if rep.Estimated > 0 {
		estimate = "estimate"
	}
	add("Calls", thousands(rep.Calls), count(func(r storage.Report) int { return r.Calls }), "")
	add("Answered", percentText(rep.Counts.AnswerRate(), rep.Calls),
		func(p storage.Report) string { return pointsOf(rep.Counts, p.Counts) }, estimate)
	add("Missed", thousands(rep.Missed), count(func(r storage.Report) int { return r.Missed }), estimate)
	add("Voicemail", thousands(rep.Voicemail), count(func(r storage.Report) int { return r.Voicemail }), "")
	add("Abandoned", thousands(rep.Abandoned), count(func(r storage.Report) int { return r.Abandoned }), "")
	add("First-time callers", thousands(rep.FirstTime), count(func(r storage.Report) int { return r.FirstTime }), "")
	add("Unique callers", thousands(rep.UniqueCallers), count(func(r storage.Report) int { return r.UniqueCallers }), "")
	add("Repeat calls", percentText(rep.RepeatShare, rep.RepeatCalls+rep.FirstTime), func(p storage.Report) string {
		return pointsBetween(rep.RepeatShare, rep.RepeatCalls+rep.FirstTime, p.RepeatShare, p.RepeatCalls+p.FirstTime)
	}, "")
	if rep.Talked > 0 {
		add("Average talk time", talkText(rep.AvgTalk), func(p storage.Report) string {
			if p.Talked == 0 {
				return ""
			}
			return changeOf(rep.AvgTalk.Seconds(), p.AvgTalk.Seconds())
		}, "")
	}
	spend, ran := adSpend(rep)
	if !ran || spend.CostCents == 0 {
		return append(figs, valueFigures(rep, prev, currency)...)
	}
	var before storage.Spend
	if prev != nil {
		before, _ = adSpend(*prev)
	}
	money := func(cents int64) string { return charts.Money(currency, float64(cents)/100) }
	add("Ad spend", money(spend.CostCents), func(storage.Report) string {
		return changeOf(float64(spend.CostCents), float64(before.CostCents))
	}, "")
	perCall := func(s storage.Spend) (int64, bool) { return s.CostPerCall() }
	perNew := func(s storage.Spend) (int64, bool) { return s.CostPerFirstTime() }
	for _, f := range []struct {
		label string
		of    func(storage.Spend) (int64, bool)
	}{{"Cost per call", perCall}, {"Cost per first-time caller", perNew}} {
		cents, ok := f.of(spend)
		if !ok {
			add(f.label, "—", nil, "")
			continue
		}
		// "ads": the calls of no campaign are left out, unlike in the
		// table's total.
		add(f.label, money(cents), func(storage.Report) string {
			was, ok := f.of(before)
			if !ok {
				return ""
			}
			return changeOf(float64(cents), float64(was))
		}, "ads")
	}
	figs = append(figs, valueFigures(rep, prev, currency)...)
	if r, ok := spend.Return(); ok && spend.ValueCents > 0 {
		add("Return on ads", strconv.FormatFloat(r, 'f', 1, 64)+"×", func(storage.Report) string {
			was, ok := before.Return()
			if !ok || before.ValueCents == 0 {
				return ""
			}
			return changeOf(r, was)
		}, "")
	}
	return figs
}

// valueFigures show what the calls were worth, once the shop has entered
// any call's value.
func valueFigures(rep storage.Report, prev *storage.Report, currency string) []charts.Figure {
	if rep.ValueCents == 0 {
		return nil
	}
	f := charts.Figure{Label: "Call value", Value: charts.Money(currency, float64(rep.ValueCents)/100)}
	if prev != nil && prev.ValueCents > 0 {
		f.Delta = changeOf(float64(rep.ValueCents), float64(prev.ValueCents))
	}
	return []charts.Figure{f}
}

// changeOf is a relative change, "+12%"; "new" from nothing.
func changeOf(now, before float64) string {
	switch {
	case before == 0 && now == 0:
		return "no change"
	case before == 0:
		return "new"
	}
	pct := math.Round((now - before) / before * 100)
	switch {
	case pct == 0:
		return "no change"
	case pct > 0:
		return fmt.Sprintf("+%.0f%%", pct)
	}
	return fmt.Sprintf("%.0f%%", pct)
}

// pointsOf is the change of the answered rate, in percentage points.
func pointsOf(now, before storage.Counts) string {
	return pointsBetween(now.AnswerRate(), now.Calls, before.AnswerRate(), before.Calls)
}

func pointsBetween(now float64, nowOf int, before float64, beforeOf int) string {
	if nowOf == 0 || beforeOf == 0 {
		return ""
	}
	pts := math.Round((now - before) * 100)
	switch {
	case pts == 0:
		return "no change"
	case pts > 0:
		return fmt.Sprintf("+%.0f points", pts)
	}
	return fmt.Sprintf("%.0f points", pts)
}

// percentText is a share as a whole percentage; a dash when there is
// nothing to take a share of.
func percentText(share float64, of int) string {
	if of == 0 {
		return "—"
	}
	return strconv.Itoa(int(math.Round(share*100))) + "%"
}

// talkText is a talk time as a clock reads it: "2:31".
func talkText(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// thousands writes n with a comma every three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func reportNotes(rep storage.Report) []string {
	var notes []string
	if rep.Estimated > 0 {
		notes = append(notes, fmt.Sprintf("The outcome of %s of %s is an estimate: a plain modem hears the rings "+
			"but not the pick-up, so 4 rings or more count as missed.", callsText(rep.Estimated), thousands(rep.Calls)))
	}
	if rep.Unknown > 0 {
		notes = append(notes, fmt.Sprintf("%s ended without the line telling whether anybody answered.", callsText(rep.Unknown)))
	}
	if rep.Spam > 0 {
		verb := "are"
		if rep.Spam == 1 {
			verb = "is"
		}
		notes = append(notes, fmt.Sprintf("%s from callers marked as spam %s left out of every figure.", callsText(rep.Spam), verb))
	}
	if _, ran := adSpend(rep); ran {
		notes = append(notes, "A cost paid per insertion counts in the period of the insertion's date; "+
			"other costs are spread evenly over the campaign's days.")
	}
	return notes
}

func callsText(n int) string {
	if n == 1 {
		return "1 call"
	}
	return thousands(n) + " calls"
}

func campaignRows(campaigns []storage.CampaignFigures) []charts.CampaignRow {
	var rows []charts.CampaignRow
	for _, c := range campaigns {
		rows = append(rows, charts.CampaignRow{
			Campaign:   c.Campaign.Name,
			Medium:     c.Campaign.Medium,
			Calls:      c.Calls,
			FirstTime:  c.FirstTime,
			Answered:   c.Answered,
			Cost:       float64(c.CostCents) / 100,
			Value:      float64(c.ValueCents) / 100,
			ValueKnown: c.ValueCents != 0,
			Unpaid:     c.Campaign.ID == 0,
		})
	}
	return rows
}

func mediumName(m string) string {
	if m == "" {
		return storage.NoCampaign
	}
	return m
}

// areaName is an area code as the shop reads it: "(217)" for North
// America, "+44" for a country.
func areaName(code string) string {
	if code != "" && code[0] != '+' {
		return "(" + code + ")"
	}
	return code
}

// mondayFirst turns storage's Sunday-first week into the charts' week.
func mondayFirst(h [7][24]int) charts.Heat {
	var out charts.Heat
	for wd := range 7 {
		out[(wd+6)%7] = h[wd]
	}
	return out
}

// currencyOf is the symbol of a region's money, "$" where unsure: a
// report's amounts are the shop's own, in whatever it typed them in.
func currencyOf(region string) string {
	switch region {
	case "GB", "GI", "IM", "JE", "GG":
		return "£"
	case "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV",
		"MT", "NL", "PT", "SI", "SK", "MC", "SM", "VA", "AD", "ME", "XK":
		return "€"
	case "JP":
		return "¥"
	case "CH":
		return "CHF "
	}
	return "$"
}

// ReportCSVs writes every table of a report as a CSV file for a
// spreadsheet, by file name: plain numbers (no currency, no thousands
// separators), shares in percent, talk time in seconds.
func ReportCSVs(rep storage.Report) map[string][]byte {
	return map[string][]byte{
		"key-figures.csv": keyFiguresCSV(rep),
		"campaigns.csv":   charts.CampaignCSV(campaignRows(rep.Campaigns), ""),
		"media.csv":       mediaCSV(rep.Media),
		"lines.csv":       linesCSV(rep.Lines),
		"days.csv":        daysCSV(rep.Series),
		"area-codes.csv":  breakdownCSV("Area code", rep.AreaCodes),
		"places.csv":      breakdownCSV("Place", rep.Places),
	}
}

func keyFiguresCSV(rep storage.Report) []byte {
	n := strconv.Itoa
	cents := func(c int64) string { return strconv.FormatFloat(float64(c)/100, 'f', 2, 64) }
	pct := func(share float64, of int) string {
		if of == 0 {
			return ""
		}
		return strconv.FormatFloat(share*100, 'f', 1, 64)
	}
	rows := [][]string{
		{"First day", rep.From.Format(time.DateOnly)},
		{"Last day", lastDayText(rep)},
		{"Calls", n(rep.Calls)},
		{"Answered", n(rep.Answered)},
		{"Answered (%)", pct(rep.AnswerRate(), rep.Calls)},
		{"Missed", n(rep.Missed)},
		{"Voicemail", n(rep.Voicemail)},
		{"Abandoned", n(rep.Abandoned)},
		{"Blocked", n(rep.Blocked)},
		{"Outcome unknown", n(rep.Unknown)},
		{"Outcomes estimated", n(rep.Estimated)},
		{"First-time callers", n(rep.FirstTime)},
		{"Unique callers", n(rep.UniqueCallers)},
		{"Repeat calls", n(rep.RepeatCalls)},
		{"Repeat calls (%)", pct(rep.RepeatShare, rep.RepeatCalls+rep.FirstTime)},
		{"Calls with talk time", n(rep.Talked)},
		{"Average talk time (s)", strconv.FormatFloat(rep.AvgTalk.Seconds(), 'f', 0, 64)},
	}
	if spend, ran := adSpend(rep); ran {
		rows = append(rows, []string{"Ad spend", cents(spend.CostCents)}, []string{"Ad calls", n(spend.Calls)})
		if c, ok := spend.CostPerCall(); ok {
			rows = append(rows, []string{"Cost per call", cents(c)})
		}
		if c, ok := spend.CostPerFirstTime(); ok {
			rows = append(rows, []string{"Cost per first-time caller", cents(c)})
		}
		if r, ok := spend.Return(); ok {
			rows = append(rows, []string{"Return on ads", strconv.FormatFloat(r, 'f', 2, 64)})
		}
	}
	rows = append(rows,
		[]string{"Call value", cents(rep.ValueCents)},
		[]string{"Spam calls (left out)", n(rep.Spam)},
		[]string{"Calls made by the shop (left out)", n(rep.Outbound)},
	)
	return charts.TableCSV([]string{"Figure", "Value"}, rows)
}

func lastDayText(rep storage.Report) string {
	if rep.To.IsZero() {
		return ""
	}
	y, m, d := rep.To.Date()
	return time.Date(y, m, d-1, 0, 0, 0, 0, rep.To.Location()).Format(time.DateOnly)
}

// countsHeader names the outcome columns of a table row.
var countsHeader = []string{"Calls", "Answered", "Missed", "Voicemail", "Abandoned", "Blocked", "Outcome unknown", "First-time callers", "Outcomes estimated"}

func countsCells(c storage.Counts) []string {
	n := strconv.Itoa
	return []string{n(c.Calls), n(c.Answered), n(c.Missed), n(c.Voicemail), n(c.Abandoned), n(c.Blocked), n(c.Unknown), n(c.FirstTime), n(c.Estimated)}
}

func mediaCSV(media []storage.MediumFigures) []byte {
	header := append([]string{"Medium"}, countsHeader...)
	header = append(header, "Cost", "Cost per call", "Cost per first-time caller", "Value")
	var rows [][]string
	for _, m := range media {
		row := append([]string{mediumName(m.Medium)}, countsCells(m.Counts)...)
		row = append(row, csvAmount(m.CostCents, true), csvAmount(m.CostPerCall()), csvAmount(m.CostPerFirstTime()), csvAmount(m.ValueCents, m.ValueCents != 0))
		rows = append(rows, row)
	}
	return charts.TableCSV(header, rows)
}

func csvAmount(c int64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(float64(c)/100, 'f', 2, 64)
}

func linesCSV(lines []storage.LineFigures) []byte {
	header := append([]string{"Line", "Number", "Main number"}, countsHeader...)
	header = append(header, "Spam calls")
	var rows [][]string
	for _, l := range lines {
		main := ""
		if l.Line.Main {
			main = "yes"
		}
		row := append([]string{l.Line.Label, l.Line.Number, main}, countsCells(l.Counts)...)
		rows = append(rows, append(row, strconv.Itoa(l.Spam)))
	}
	return charts.TableCSV(header, rows)
}

func daysCSV(days []storage.DayFigures) []byte {
	header := append([]string{"Date"}, countsHeader...)
	var rows [][]string
	for _, d := range days {
		rows = append(rows, append([]string{d.Date.Format(time.DateOnly)}, countsCells(d.Counts)...))
	}
	return charts.TableCSV(header, rows)
}

// breakdownCSV lists the top names, then the rest and the calls without a
// name, so that the column adds up to the calls.
func breakdownCSV(name string, b storage.Breakdown) []byte {
	var rows [][]string
	for _, t := range b.Top {
		rows = append(rows, []string{t.Name, strconv.Itoa(t.Calls)})
	}
	if b.Other > 0 {
		rows = append(rows, []string{"Other", strconv.Itoa(b.Other)})
	}
	if b.Unknown > 0 {
		rows = append(rows, []string{"Unknown", strconv.Itoa(b.Unknown)})
	}
	return charts.TableCSV([]string{name, "Calls"}, rows)
}
