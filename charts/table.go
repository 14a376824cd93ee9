package charts

import (
	"math"
	"strconv"
	"strings"
)

// campaignColumns name the report's per-campaign table.
var campaignColumns = []string{
	"Campaign", "Medium", "Calls", "First-time callers", "Answered",
	"Cost", "Cost per call", "Cost per first-time caller", "Value",
}

// noFigure stands in a cell whose figure cannot be worked out, such as a
// cost per call without calls: a blank would look like a mistake.
const noFigure = "—"

// AnsweredRate is the share of calls answered, 0..1; ok is false without
// calls.
func (r CampaignRow) AnsweredRate() (rate float64, ok bool) {
	return ratio(float64(r.Answered), r.Calls)
}

// CostPerCall is the cost divided by the calls; ok is false without calls.
func (r CampaignRow) CostPerCall() (cost float64, ok bool) {
	if r.Unpaid {
		return 0, false
	}
	return ratio(r.Cost, cmpOr(r.costCalls, r.Calls))
}

// CostPerFirstTime is the cost divided by the first-time callers; ok is
// false without any.
func (r CampaignRow) CostPerFirstTime() (cost float64, ok bool) {
	if r.Unpaid {
		return 0, false
	}
	return ratio(r.Cost, cmpOr(r.costFirstTime, r.FirstTime))
}

func cmpOr(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

// costCell is a row's cost; calls of no campaign have none.
func costCell(r CampaignRow, money func(float64) string, none string) string {
	if r.Unpaid {
		return none
	}
	return money(r.Cost)
}

func ratio(v float64, n int) (float64, bool) {
	if n <= 0 {
		return 0, false
	}
	return v / float64(n), true
}

// CampaignTable is the per-campaign table as the shop reads it, the way
// the printed report shows it: header first, then one row of cells per
// campaign, amounts with currency and thousands separators.
func CampaignTable(rows []CampaignRow, currency string) (header []string, cells [][]string) {
	for _, r := range rows {
		cells = append(cells, []string{
			r.Campaign,
			r.Medium,
			thousands(int64(r.Calls)),
			thousands(int64(r.FirstTime)),
			percentOr(r.AnsweredRate()),
			costCell(r, func(v float64) string { return Money(currency, v) }, noFigure),
			moneyOr(currency)(r.CostPerCall()),
			moneyOr(currency)(r.CostPerFirstTime()),
			valueCell(r, func(v float64) string { return Money(currency, v) }),
		})
	}
	return append([]string(nil), campaignColumns...), cells
}

// CampaignCSV is the per-campaign table for a spreadsheet: plain numbers
// (a dot for decimals, no currency or thousands separators) so that every
// spreadsheet reads them as numbers; the currency goes into the header.
func CampaignCSV(rows []CampaignRow, currency string) []byte {
	header := append([]string(nil), campaignColumns...)
	if currency != "" {
		for _, i := range []int{5, 6, 7, 8} {
			header[i] += " (" + currency + ")"
		}
	}
	header[4] = "Answered (%)"
	plain := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	plainOr := func(v float64, ok bool) string {
		if !ok {
			return ""
		}
		return plain(v)
	}
	var cells [][]string
	for _, r := range rows {
		rate, ok := r.AnsweredRate()
		answered := ""
		if ok {
			answered = strconv.Itoa(int(math.Round(rate * 100)))
		}
		value := ""
		if r.ValueKnown {
			value = plain(r.Value)
		}
		cells = append(cells, []string{
			r.Campaign, r.Medium, strconv.Itoa(r.Calls), strconv.Itoa(r.FirstTime), answered,
			costCell(r, plain, ""), plainOr(r.CostPerCall()), plainOr(r.CostPerFirstTime()), value,
		})
	}
	return TableCSV(header, cells)
}

func percentOr(rate float64, ok bool) string {
	if !ok {
		return noFigure
	}
	return strconv.Itoa(int(math.Round(rate*100))) + "%"
}

func moneyOr(currency string) func(float64, bool) string {
	return func(v float64, ok bool) string {
		if !ok {
			return noFigure
		}
		return Money(currency, v)
	}
}

func valueCell(r CampaignRow, format func(float64) string) string {
	if !r.ValueKnown {
		return noFigure
	}
	return format(r.Value)
}

// Money writes an amount with two decimals, thousands separators and the
// currency in front: "$1,234.50", "-$5.00".
func Money(currency string, v float64) string {
	cents := int64(math.Round(math.Abs(v) * 100))
	s := currency + thousands(cents/100) + "." + twoDigits(cents%100)
	if v < 0 && cents != 0 {
		return "-" + s
	}
	return s
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// thousands writes n with a comma every three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}
