package charts

import (
	"fmt"
	"time"
)

// sampleMonth is a typical October: busier on weekdays, quiet on Sundays.
func sampleMonth() []DayOutcomes {
	var days []DayOutcomes
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local)
	for i := range 31 {
		day := start.AddDate(0, 0, i)
		busy := 6 + (i*7)%11
		if day.Weekday() == time.Sunday {
			busy = 1
		}
		days = append(days, DayOutcomes{
			Day:       day,
			Answered:  busy,
			Missed:    i % 4,
			Voicemail: i % 3 / 2,
			Abandoned: i % 5 / 4,
			Unknown:   i % 7 / 6,
		})
	}
	return days
}

// sampleDays is n days of steady calls from the first of January.
func sampleDays(n int) []DayOutcomes {
	var days []DayOutcomes
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		days = append(days, DayOutcomes{Day: start.AddDate(0, 0, i), Answered: 4 + i%5, Missed: i % 3})
	}
	return days
}

func sampleBars() []Bar {
	return []Bar{
		{Label: "Autumn flyer — Elm Street and the new estate by the river", Value: 48, Secondary: 31},
		{Label: "Google Ads", Value: 36, Secondary: 20},
		{Label: "Herald, weekend edition", Value: 17, Secondary: 12},
		{Label: "Radio 101.5", Value: 9, Secondary: 2},
		{Label: "Main number", Value: 120, Secondary: 15},
	}
}

func manyBars(n int) []Bar {
	var bars []Bar
	for i := range n {
		bars = append(bars, Bar{Label: fmt.Sprintf("(%d) area", 200+i), Value: float64(n - i), Secondary: float64((n - i) / 2)})
	}
	return bars
}

// sampleHeat is a shop's week: busy late mornings, a lunch dip, closed on
// Sunday, with the single busiest hour on Monday at 10am.
func sampleHeat() Heat {
	var h Heat
	for d := range 6 {
		for hour := 8; hour < 19; hour++ {
			n := 3 + (hour%5)*2 - d/2
			if hour == 13 {
				n = 1
			}
			h[d][hour] = max(n, 0)
		}
	}
	h[0][10] = 25
	return h
}

// sampleReport is October 2026 at a small bakery with four campaigns.
func sampleReport() Report {
	var missed Heat
	heat := sampleHeat()
	for d := range heat {
		for h, n := range heat[d] {
			missed[d][h] = n / 4
		}
	}
	return Report{
		Shop:       "Zoë's Bakery & Café",
		Period:     "October 2026",
		Comparison: "September 2026",
		Generated:  time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC),
		Currency:   "$",
		Figures: []Figure{
			{Label: "Calls", Value: "358", Delta: "+12% vs September"},
			{Label: "Answered", Value: "82%", Delta: "−3 points", Note: "estimate"},
			{Label: "Missed", Value: "45", Delta: "+9"},
			{Label: "Voicemail", Value: "10"},
			{Label: "First-time callers", Value: "121", Delta: "+18%"},
			{Label: "Repeat share", Value: "37%"},
			{Label: "Average talk time", Value: "3:42", Note: "where known"},
			{Label: "Cost per call", Value: "$8.41", Delta: "−$1.20"},
			{Label: "Cost per first-time caller", Value: "$19.80"},
			{Label: "Return", Value: "$6,120.00", Delta: "2.6× the cost"},
		},
		Campaigns: []CampaignRow{
			{Campaign: "Autumn flyer — Elm Street and the new estate by the river", Medium: "Flyer", Calls: 48, FirstTime: 31, Answered: 40, Cost: 450, Value: 1900, ValueKnown: true},
			{Campaign: "Google Ads", Medium: "Google Ads", Calls: 36, FirstTime: 20, Answered: 30, Cost: 612.5, Value: 2100, ValueKnown: true},
			{Campaign: "Herald, weekend edition", Medium: "Newspaper", Calls: 17, FirstTime: 12, Answered: 15, Cost: 1320, Value: 2120, ValueKnown: true},
			{Campaign: "Radio 101.5 breakfast show", Medium: "Radio", Calls: 0, FirstTime: 0, Answered: 0, Cost: 800},
		},
		Notes: []string{
			"Answered rate is an estimate: lines that do not report when a call is picked up count a call as answered when it rang for less than 30 seconds.",
			"Spam and blocked calls are left out of every figure.",
		},
		Days:       sampleMonth(),
		ByCampaign: sampleBars(),
		ByMedium:   []Bar{{Label: "Flyer", Value: 48, Secondary: 31}, {Label: "Google Ads", Value: 36, Secondary: 20}, {Label: "Newspaper", Value: 17, Secondary: 12}},
		ByArea:     manyBars(8),
		FirstTime:  121,
		Repeat:     71,
		CallsHeat:  heat,
		MissedHeat: missed,
	}
}
