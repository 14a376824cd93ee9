package charts

import (
	"slices"
	"strings"
	"testing"
)

func TestCampaignTableWorksOutRatesAndCosts(t *testing.T) {
	rows := []CampaignRow{
		{Campaign: "Herald", Medium: "Newspaper", Calls: 17, FirstTime: 12, Answered: 15, Cost: 1320, Value: 2120, ValueKnown: true},
		{Campaign: "Radio", Medium: "Radio", Cost: 800},
	}
	header, cells := CampaignTable(rows, "$")
	if len(header) != 9 || header[6] != "Cost per call" {
		t.Errorf("header %q", header)
	}
	want := [][]string{
		{"Herald", "Newspaper", "17", "12", "88%", "$1,320.00", "$77.65", "$110.00", "$2,120.00"},
		{"Radio", "Radio", "0", "0", "—", "$800.00", "—", "—", "—"},
	}
	if !slices.EqualFunc(cells, want, slices.Equal) {
		t.Errorf("cells\n%q\nwant\n%q", cells, want)
	}
}

func TestCampaignCSVHasPlainNumbers(t *testing.T) {
	rows := []CampaignRow{{Campaign: "Herald", Medium: "Newspaper", Calls: 3, FirstTime: 1, Answered: 2, Cost: 1000}}
	got := string(CampaignCSV(rows, "€"))
	want := utf8BOM +
		"Campaign,Medium,Calls,First-time callers,Answered (%),Cost (€),Cost per call (€),Cost per first-time caller (€),Value (€)\r\n" +
		"Herald,Newspaper,3,1,67,1000.00,333.33,1000.00,\r\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "$0.00"}, {5, "$5.00"}, {1234.5, "$1,234.50"}, {1234567.891, "$1,234,567.89"},
		{-5, "-$5.00"}, {-0.001, "$0.00"}, {0.995, "$1.00"}, {999.999, "$1,000.00"},
	}
	for _, tt := range tests {
		if got := Money("$", tt.v); got != tt.want {
			t.Errorf("Money(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	if got := Money("", 12); strings.HasPrefix(got, "$") {
		t.Errorf("no currency given, got %q", got)
	}
}

func TestSumCampaignsAddsTheValuesEntered(t *testing.T) {
	sum := sumCampaigns([]CampaignRow{
		{Calls: 2, FirstTime: 1, Answered: 1, Cost: 10, Value: 100, ValueKnown: true},
		{Calls: 3, Cost: 5},
	})
	want := CampaignRow{Campaign: "Total", Calls: 5, FirstTime: 1, Answered: 1, Cost: 15, Value: 100, ValueKnown: true,
		costCalls: 5, costFirstTime: 1}
	if sum != want {
		t.Errorf("got %+v, want %+v", sum, want)
	}
	if sumCampaigns([]CampaignRow{{Calls: 1}}).ValueKnown {
		t.Error("no values entered, yet the total has one")
	}
}

func TestCallsOfNoCampaignHaveNoCostAndDoNotDiluteTheTotal(t *testing.T) {
	rows := []CampaignRow{
		{Campaign: "Flyer", Calls: 10, FirstTime: 4, Cost: 100},
		{Campaign: "No campaign", Calls: 90, FirstTime: 30, Unpaid: true},
	}
	_, cells := CampaignTable(append(rows, sumCampaigns(rows)), "$")
	if got := cells[1][5:8]; got[0] != noFigure || got[1] != noFigure || got[2] != noFigure {
		t.Errorf("no-campaign row costs %q, want dashes", got)
	}
	if got := cells[2][6]; got != "$10.00" {
		t.Errorf("total cost per call %q, want $10.00 (the ads' calls only)", got)
	}
	csv := string(CampaignCSV(rows, "$"))
	if !strings.Contains(csv, "No campaign,,90,30,0,,,,") {
		t.Errorf("no-campaign CSV row: %q", csv)
	}
}
