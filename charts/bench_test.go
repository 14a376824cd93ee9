package charts

import "testing"

// BenchmarkMonthCharts draws every chart of a month's report at screen
// size, one after the other: the Reports screen's cost of a refresh.
func BenchmarkMonthCharts(b *testing.B) { benchmarkMonthCharts(b, 720, 300, Theme{}) }

// BenchmarkMonthChartsHiDPI is the same on a screen of scale 2.
func BenchmarkMonthChartsHiDPI(b *testing.B) { benchmarkMonthCharts(b, 1440, 600, Theme{Scale: 2}) }

func benchmarkMonthCharts(b *testing.B, w, h int, th Theme) {
	r := sampleReport()
	charts := []func() ([]byte, error){
		func() ([]byte, error) { return CallsOverTime(r.Days, w, h, th) },
		func() ([]byte, error) { return FirstTimeVsRepeat(r.FirstTime, r.Repeat, w, h/3, th) },
		func() ([]byte, error) { return BarsBy("Calls by campaign", r.ByCampaign, w, h, th) },
		func() ([]byte, error) { return BarsBy("Calls by medium", r.ByMedium, w, h, th) },
		func() ([]byte, error) { return Heatmap("When calls come in", r.CallsHeat, w, h, th) },
		func() ([]byte, error) { return Heatmap("When calls were missed", r.MissedHeat, w, h, th) },
		func() ([]byte, error) { return BarsBy("Calls by area", r.ByArea, w, h, th) },
	}
	for b.Loop() {
		for _, draw := range charts {
			if _, err := draw(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
