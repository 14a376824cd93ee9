package storage

import (
	"reflect"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York on machines without zoneinfo

	"github.com/callboard-app/callboard/callerid"
)

// The March 2026 fixture: a shop in New York time with four tracking lines
// and four campaigns, and the calls of one month whose every figure is
// worked out by hand below. It has a campaign that takes a line over
// mid-month, created after the calls; calls exactly on the campaigns'
// first and last moments; the night the clocks jump (8 March, 2:00 EST →
// 3:00 EDT); a spam caller flagged after the fact; a repeat caller whose
// first call was in February; estimated and exact outcomes; costs as a
// total, per insertion and for a campaign still running.

// The tracking lines, in the order they are saved (IDs 1–4).
var fixtureLines = []TrackingLine{
	{Number: "+12175550000", Label: "Main number", Source: "/dev/ttyACM0", Main: true},
	{Number: "+12175550001", Label: "Flyer number", Source: "wc/01"},
	{Number: "+18005550100", Label: "Radio number"}, // the NCID gateway reports the dialled number
	{Number: "+12175550002", Label: "Distinctive ring B", Source: "/dev/ttyACM0", RingPattern: "B"},
}

const (
	lineMain, lineFlyer, lineRadio, lineRingB = 1, 2, 3, 4
)

// Callers.
var (
	repeat  = nanp("2175550101") // first called 20 February
	spammer = nanp("2175550199")
	n1      = nanp("2175550102")
	chicago = nanp("3125550103") // calls the main number, later the flyer's
	newYork = nanp("2125550104")
	n4      = nanp("2175550105")
	n5      = nanp("2175550106")
	n6      = nanp("2175550107")
	n7      = nanp("2175550108")
	n8      = nanp("2175550109")
	n9      = nanp("2175550110")
	n10     = nanp("2175550111")
	sf      = nanp("4155550112")
	n12     = nanp("2175550113")
	n13     = nanp("2175550114")
)

type fixtureShop struct {
	db                              *DB
	ny                              *time.Location
	flyer, radio, mailer, website   Campaign
	valued, valuedRepeat, repeatsID int64
}

func newYorkTime(t testing.TB) *time.Location {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return ny
}

// ended finishes c with an outcome, 30 s after it started.
func ended(c callerid.Call, o callerid.Outcome, exact bool) callerid.Call {
	c.Ended, c.Outcome, c.Exact = c.Started.Add(30*time.Second), o, exact
	return c
}

func dialled(c callerid.Call, number string) callerid.Call {
	c.Dialed = number
	return c
}

// outbound makes c a call the shop made.
func outbound(c callerid.Call) callerid.Call {
	c.Outbound = true
	return c
}

func withRing(c callerid.Call, pattern string) callerid.Call {
	c.RingPattern = pattern
	return c
}

func newFixture(t *testing.T) *fixtureShop {
	ny := newYorkTime(t)
	db := openTest(t, Options{Location: ny})
	db.now = func() time.Time { return time.Date(2026, 4, 15, 12, 0, 0, 0, ny) }
	f := &fixtureShop{db: db, ny: ny}
	at := func(m time.Month, d, h, min, s int) time.Time { return time.Date(2026, m, d, h, min, s, 0, ny) }
	date := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, ny) }

	for _, l := range fixtureLines {
		if _, err := db.SaveLine(l); err != nil {
			t.Fatal(err)
		}
	}
	f.flyer = mustSaveCampaign(t, db, Campaign{Name: "Spring flyer", Medium: "flyer", CostCents: 31_000,
		Start: date(3, 1), End: date(3, 31), Lines: []int{lineFlyer}})
	f.radio = mustSaveCampaign(t, db, Campaign{Name: "Radio spots", Medium: "radio", CostCents: 7_000,
		Start: date(3, 8), End: date(3, 14), Lines: []int{lineRadio, lineRingB}})

	radio := "1 (800) 555-0100" // as the gateway spells it
	calls := []callerid.Call{
		// February: before the period and before any campaign.
		answered(ringing(at(2, 20, 10, 0, 0), "wc/01", repeat), 120*time.Second), // P1
		ended(ringing(at(2, 25, 11, 0, 0), "wc/01", spammer), callerid.OutcomeMissed, true),
		// March, numbered as in the working below.
		missed(ringing(at(3, 1, 0, 0, 0), "wc/01", n1), 4),                                                          // 1
		answered(ringing(at(3, 2, 9, 15, 0), "wc/01", repeat), 300*time.Second),                                     // 2
		answered(ringing(at(3, 2, 9, 40, 0), "/dev/ttyACM0", chicago), 60*time.Second),                              // 3
		ended(withRing(ringing(at(3, 3, 14, 0, 0), "/dev/ttyACM0", newYork), "B"), callerid.OutcomeVoicemail, true), // 4
		ended(dialled(ringing(at(3, 7, 23, 59, 59), "ncid", n4), radio), callerid.OutcomeAbandoned, true),           // 5
		missed(dialled(ringing(at(3, 8, 0, 0, 0), "ncid", n5), "18005550100"), 5),                                   // 6
		answered(withRing(ringing(at(3, 8, 1, 30, 0), "/dev/ttyACM0", n6), "B"), 90*time.Second),                    // 7: EST
		ended(withRing(ringing(at(3, 8, 3, 30, 0), "/dev/ttyACM0", spammer), "B"), callerid.OutcomeUnknown, false),  // 8: EDT
		answered(ringing(at(3, 10, 10, 0, 0), "wc/01", chicago), 120*time.Second),                                   // 21
		answered(ringing(at(3, 14, 12, 0, 0), "wc/01", n9), 240*time.Second),                                        // 11
		answered(dialled(ringing(at(3, 14, 23, 59, 59), "ncid", n7), radio), 30*time.Second),                        // 9
		ended(dialled(ringing(at(3, 15, 0, 0, 0), "ncid", n8), radio), callerid.OutcomeMissed, true),                // 10
		ended(ringing(at(3, 15, 8, 0, 0), "wc/01", repeat), callerid.OutcomeUnknown, false),                         // 12
		answered(ringing(at(3, 16, 10, 0, 0), "wc/01", n10), 180*time.Second),                                       // 13
		missed(ringing(at(3, 16, 10, 30, 0), "wc/01", spammer), 6),                                                  // 14
		answered(ringing(at(3, 20, 11, 0, 0), "wc/02", sf), 60*time.Second),                                         // 15
		outbound(ended(ringing(at(3, 25, 15, 0, 0), "/dev/ttyACM0", chicago), callerid.OutcomeAnswered, true)),      // 19
		ended(ringing(at(3, 28, 16, 0, 0), "/dev/ttyACM0", spammer), callerid.OutcomeBlocked, true),                 // 20
		ended(ringing(at(3, 31, 23, 59, 59), "wc/01", n12), callerid.OutcomeVoicemail, false),                       // 17
		answered(ringing(at(4, 1, 0, 0, 0), "wc/01", n13), 60*time.Second),                                          // 18: April
	}
	// 16: rings only, no caller ID, on the line no tracking line watches.
	noID := at(3, 20, 11, 5, 0).UTC()
	calls = append(calls, callerid.Call{ID: noID.UnixNano(), Line: "wc/02", Started: noID, Rings: 4,
		Number: special("", callerid.NoNumber), Ended: noID.Add(24 * time.Second), Outcome: callerid.OutcomeMissed})
	slices.SortFunc(calls, func(a, b callerid.Call) int { return a.Started.Compare(b.Started) })
	for _, c := range calls {
		if c.HasCallerID() {
			r := c
			r.Ended, r.Answered, r.Outcome, r.Exact = time.Time{}, time.Time{}, callerid.OutcomeUnknown, false
			mustRecord(t, db, r)
		}
		mustFinish(t, db, c)
	}
	f.valuedRepeat = at(3, 2, 9, 15, 0).UnixNano() // call 2
	f.valued = at(3, 16, 10, 0, 0).UnixNano()      // call 13
	f.repeatsID = at(3, 15, 8, 0, 0).UnixNano()    // call 12
	return f
}

func mustSaveCampaign(t testing.TB, db *DB, c Campaign) Campaign {
	t.Helper()
	saved, err := db.SaveCampaign(c)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// afterTheFact is what the shop does once the calls are in: the coupon
// mailer takes the flyer's line from the 15th, a website campaign starts
// on the 20th, the spammer is flagged, two calls get a value.
func (f *fixtureShop) afterTheFact(t *testing.T) {
	date := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, f.ny) }
	f.mailer = mustSaveCampaign(t, f.db, Campaign{Name: "Coupon mailer", Medium: "Direct mail",
		Insertions: []Insertion{{Date: date(4, 10), CostCents: 8_000, Note: "second drop"},
			{Date: date(3, 15), CostCents: 12_000, Note: "first drop"}},
		Start: date(3, 15), End: date(4, 30), Lines: []int{lineFlyer}})
	f.website = mustSaveCampaign(t, f.db, Campaign{Name: "New website", Medium: "website", CostCents: 10_000,
		Start: date(3, 20)})
	if err := f.db.SetSpam(spammer.Key(), true); err != nil {
		t.Fatal(err)
	}
	if err := f.db.SetCallValue(f.valuedRepeat, 10_000); err != nil {
		t.Fatal(err)
	}
	if err := f.db.SetCallValue(f.valued, 25_000); err != nil {
		t.Fatal(err)
	}
}

func (f *fixtureShop) march(t *testing.T, filter ReportFilter) Report {
	t.Helper()
	rep, err := f.db.Report(time.Date(2026, 3, 1, 0, 0, 0, 0, f.ny), time.Date(2026, 4, 1, 0, 0, 0, 0, f.ny), filter)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestMarchReportWorkedByHand(t *testing.T) {
	f := newFixture(t)

	// Before the spammer is flagged: the 16 real calls below and the
	// spammer's three March calls (8, 14, 20) = 19.
	if rep := f.march(t, ReportFilter{}); rep.Calls != 19 || rep.Spam != 0 {
		t.Fatalf("before flagging: %d calls, %d spam; want 19, 0", rep.Calls, rep.Spam)
	}
	f.afterTheFact(t)
	rep := f.march(t, ReportFilter{Top: 2})

	// In March [1 Mar 00:00, 1 Apr 00:00 New York): calls 1–17, 19–21;
	// 18 is on 1 April 00:00:00, the day after. 8, 14, 20 are spam, 19 the
	// shop's own call out: 16 calls count.
	//   answered  2 3 7 9 11 13 15 21  = 8
	//   missed    1 6 10 16            = 4  (1, 6, 16 estimated)
	//   voicemail 4 17                 = 2  (17 estimated)
	//   abandoned 5                    = 1
	//   unknown   12                   = 1  (not an estimate: no guess made)
	// First-time: all but 2 and 12 (the repeat caller, who first called on
	// 20 Feb), 21 (Chicago, who called on the 2nd) and 16 (no caller ID):
	// 12. With caller ID: 15 calls, so 3 repeat calls, a share of 0.2, from
	// 13 distinct callers (the repeat caller and Chicago count once).
	// Talk, answered and exact: 300+60+90+30+240+180+60+120 = 1080 s over
	// 8 calls: 135 s on average.
	want := Counts{Calls: 16, Answered: 8, Missed: 4, Voicemail: 2, Abandoned: 1, Unknown: 1,
		Estimated: 4, FirstTime: 12, ValueCents: 35_000}
	if rep.Counts != want {
		t.Errorf("totals = %+v\nwant %+v", rep.Counts, want)
	}
	if rep.UniqueCallers != 13 || rep.RepeatCalls != 3 || rep.RepeatShare != 0.2 {
		t.Errorf("callers: %d unique, %d repeat calls (%.2f); want 13, 3 (0.20)", rep.UniqueCallers, rep.RepeatCalls, rep.RepeatShare)
	}
	if rep.TalkSeconds != 1080 || rep.Talked != 8 || rep.AvgTalk != 135*time.Second {
		t.Errorf("talk: %d s over %d calls, avg %v; want 1080 s, 8, 2m15s", rep.TalkSeconds, rep.Talked, rep.AvgTalk)
	}
	if rep.Spam != 3 || rep.Outbound != 1 || rep.Days != 31 {
		t.Errorf("spam %d, outbound %d, days %d; want 3, 1, 31", rep.Spam, rep.Outbound, rep.Days)
	}

	// Campaigns by start date. The flyer has its line from 1 to 14 March:
	// calls 1 (00:00:00 on its first day), 2, 21, 11: 3 answered, 1 missed
	// (estimated), first-time 1 and 11; its $310 spread over 31 days is all
	// in March: $77.50 a call, $155 a first-time caller, and call 2's $100
	// value returns 0.32 a dollar.
	// The radio spots, 8–14 March on the radio and ring-B lines: 6 (00:00:00
	// on the first day, estimated missed), 7 (1:30 EST), 9 (23:59:59 on the
	// last day); 8 is spam, 10 (00:00:00 the day after) is not theirs. $70
	// over 3 calls: $23.33.
	// The coupon mailer, created after the calls, takes the flyer's line
	// from the 15th (it started later): 12, 13, 17 (23:59:59 on 31 March, in
	// both campaigns' dates); 14 is spam. In March only its first drop
	// ($120) is due: $40 a call; 13 is worth $250.
	// The website started on the 20th with no line: no calls, and its $100
	// spread over its 27 days so far (20 Mar – 15 Apr) puts 12 in March:
	// $44.44.
	// No campaign: 3 (main), 4 (ring B, before the radio), 5 (radio number,
	// 23:59:59 the day before), 10, 15 and 16 (no tracking line): 6.
	wantCampaigns := []struct {
		name         string
		counts       Counts
		cost         int64
		perCall      int64
		perFirstTime int64
	}{
		{"Spring flyer", Counts{Calls: 4, Answered: 3, Missed: 1, Estimated: 1, FirstTime: 2, ValueCents: 10_000}, 31_000, 7_750, 15_500},
		{"Radio spots", Counts{Calls: 3, Answered: 2, Missed: 1, Estimated: 1, FirstTime: 3}, 7_000, 2_333, 2_333},
		{"Coupon mailer", Counts{Calls: 3, Answered: 1, Voicemail: 1, Unknown: 1, Estimated: 1, FirstTime: 2, ValueCents: 25_000}, 12_000, 4_000, 6_000},
		{"New website", Counts{}, 4_444, 0, 0},
		// 3 answered, 4 voicemail, 5 abandoned, 10 missed, 15 answered, 16
		// missed and estimated; first-time all but 16.
		{NoCampaign, Counts{Calls: 6, Answered: 2, Missed: 2, Voicemail: 1, Abandoned: 1, Estimated: 1, FirstTime: 5}, 0, 0, 0},
	}
	if len(rep.Campaigns) != len(wantCampaigns) {
		t.Fatalf("campaigns: %+v", rep.Campaigns)
	}
	for i, w := range wantCampaigns {
		got := rep.Campaigns[i]
		perCall, _ := got.CostPerCall()
		perFirst, _ := got.CostPerFirstTime()
		if got.Campaign.Name != w.name || got.Counts != w.counts || got.CostCents != w.cost ||
			perCall != w.perCall || perFirst != w.perFirstTime {
			t.Errorf("campaign %d = %s %+v cost %d (%d a call, %d a first-time caller)\nwant %s %+v cost %d (%d, %d)",
				i, got.Campaign.Name, got.Counts, got.CostCents, perCall, perFirst,
				w.name, w.counts, w.cost, w.perCall, w.perFirstTime)
		}
	}
	if r, ok := rep.Campaigns[0].Return(); !ok || r < 0.322 || r > 0.323 {
		t.Errorf("flyer's return = %.4f, %v; want 100/310 = 0.3226", r, ok)
	}
	if _, ok := rep.Campaigns[3].CostPerCall(); ok {
		t.Error("a campaign without calls has a cost per call")
	}

	var media []string
	for _, m := range rep.Media {
		media = append(media, m.Medium)
	}
	if want := []string{"flyer", "direct mail", "radio", "website", ""}; !reflect.DeepEqual(media, want) {
		t.Errorf("media = %q, want %q", media, want)
	}

	// Lines: main 3 (and spam 20); flyer 1 2 11 12 13 17 21 (and spam 14);
	// radio 5 6 9 10; ring B 4 7 (and spam 8); Unassigned 15 16.
	wantLines := []struct {
		label       string
		calls, spam int
	}{{"Main number", 1, 1}, {"Flyer number", 7, 1}, {"Radio number", 4, 0}, {"Distinctive ring B", 2, 1}, {Unassigned, 2, 0}}
	if len(rep.Lines) != len(wantLines) {
		t.Fatalf("lines: %+v", rep.Lines)
	}
	for i, w := range wantLines {
		if got := rep.Lines[i]; got.Line.Label != w.label || got.Calls != w.calls || got.Spam != w.spam {
			t.Errorf("line %d = %s %d calls, %d spam; want %s %d, %d", i, got.Line.Label, got.Calls, got.Spam, w.label, w.calls, w.spam)
		}
	}
	if !rep.Lines[0].Line.Main {
		t.Error("the main number is not marked as the baseline")
	}

	// The day series: 31 days from 1 March; 8 March (23 hours long) has 6
	// and 7, the spammer's 8 left out.
	if len(rep.Series) != 31 || !rep.Series[7].Date.Equal(time.Date(2026, 3, 8, 0, 0, 0, 0, f.ny)) {
		t.Fatalf("series: %d days, 8th = %v", len(rep.Series), rep.Series[7].Date)
	}
	if d := rep.Series[7].Counts; d != (Counts{Calls: 2, Answered: 1, Missed: 1, Estimated: 1, FirstTime: 2}) {
		t.Errorf("8 March = %+v", d)
	}

	// Heatmap: Sunday 00:00 holds 1, 6 and 10, all missed; Sunday 1 a.m.
	// holds 7; 2 a.m. did not happen and 3 a.m. had only spam. Saturday
	// 23:59:59 twice: 5 (abandoned) and 9 (answered). Tuesday 31 March at
	// 23:59:59: 17, voicemail.
	hm, hmm := rep.Heatmap, rep.HeatmapMissed
	if hm[time.Sunday][0] != 3 || hmm[time.Sunday][0] != 3 || hm[time.Sunday][1] != 1 || hmm[time.Sunday][1] != 0 ||
		hm[time.Sunday][2] != 0 || hm[time.Sunday][3] != 0 || hm[time.Saturday][23] != 2 || hmm[time.Saturday][23] != 1 ||
		hm[time.Tuesday][23] != 1 || hmm[time.Tuesday][23] != 1 {
		t.Errorf("heatmap cells wrong:\n%v\n%v", hm, hmm)
	}
	total := 0
	for _, day := range hm {
		for _, n := range day {
			total += n
		}
	}
	if total != 16 {
		t.Errorf("heatmap holds %d calls, want 16", total)
	}

	// Area codes: 217 for 1 2 5 6 7 9 10 11 12 13 17 = 11; 312 for 3 and 21;
	// 212 for 4; 415 for 15; 16 has no number. Top 2, so 212 and 415 are
	// Other. The geocoder names the 555 numbers of 217 only by the state.
	wantAreas := Breakdown{Top: []Tally{{"217", 11}, {"312", 2}}, Other: 2, Unknown: 1}
	if !reflect.DeepEqual(rep.AreaCodes, wantAreas) {
		t.Errorf("area codes = %+v, want %+v", rep.AreaCodes, wantAreas)
	}
	wantPlaces := Breakdown{Top: []Tally{{"Illinois", 11}, {"Chicago, IL", 2}}, Other: 2, Unknown: 1}
	if !reflect.DeepEqual(rep.Places, wantPlaces) {
		t.Errorf("places = %+v, want %+v", rep.Places, wantPlaces)
	}
}

func TestCostsAreProratedToThePeriod(t *testing.T) {
	f := newFixture(t)
	f.afterTheFact(t)
	rep, err := f.db.Report(time.Date(2026, 3, 1, 0, 0, 0, 0, f.ny), time.Date(2026, 3, 11, 0, 0, 0, 0, f.ny), ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// 1–10 March: the flyer's 10 of 31 days ($100.00), the radio's 8–10 of
	// 7 days ($30.00); the mailer and the website had not started and have
	// no calls then, so they are not listed.
	var got []string
	for _, c := range rep.Campaigns {
		got = append(got, c.Campaign.Name)
		if c.Campaign.Name == "Spring flyer" && c.CostCents != 10_000 || c.Campaign.Name == "Radio spots" && c.CostCents != 3_000 {
			t.Errorf("%s costs %d in 1–10 March", c.Campaign.Name, c.CostCents)
		}
	}
	if want := []string{"Spring flyer", "Radio spots", NoCampaign}; !reflect.DeepEqual(got, want) {
		t.Errorf("campaigns = %q, want %q", got, want)
	}

	// April: the mailer's second drop ($80) is dated 10 April.
	april, err := f.db.Report(time.Date(2026, 4, 1, 0, 0, 0, 0, f.ny), time.Date(2026, 5, 1, 0, 0, 0, 0, f.ny), ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range april.Campaigns {
		if c.Campaign.ID == f.mailer.ID && (c.CostCents != 8_000 || c.Calls != 1) {
			t.Errorf("mailer in April: %d calls, cost %d; want call 18, $80", c.Calls, c.CostCents)
		}
	}
}

func TestFilteredReportReadsTheCalls(t *testing.T) {
	f := newFixture(t)
	f.afterTheFact(t)
	// The flyer's line only: 1 2 11 12 13 17 21, spam 14.
	rep := f.march(t, ReportFilter{Lines: []int{lineFlyer}})
	if rep.Calls != 7 || rep.Spam != 1 || rep.FirstTime != 4 || rep.UniqueCallers != 6 || rep.Heatmap[time.Sunday][0] != 1 {
		t.Errorf("flyer line: %d calls, %d spam, %d first-time, %d callers, %d on Sunday midnight; want 7, 1, 4, 6, 1",
			rep.Calls, rep.Spam, rep.FirstTime, rep.UniqueCallers, rep.Heatmap[time.Sunday][0])
	}
	if len(rep.Lines) != 1 || rep.Lines[0].Line.ID != lineFlyer {
		t.Errorf("lines = %+v", rep.Lines)
	}
	// The radio medium: the radio spots' 3 calls.
	radio := f.march(t, ReportFilter{Medium: "radio"})
	if radio.Calls != 3 || len(radio.Campaigns) != 1 || radio.Campaigns[0].CostCents != 7_000 {
		t.Errorf("radio: %d calls, campaigns %+v", radio.Calls, radio.Campaigns)
	}
}

func TestOriginalSourceFollowsTheFirstCall(t *testing.T) {
	f := newFixture(t)
	// Call 13 came in while the flyer had the line...
	if c := mustCaller(t, f.db, n10.Key()); c.FirstLineID != lineFlyer || c.FirstCampaignID != f.flyer.ID {
		t.Errorf("before the mailer: first from line %d campaign %d", c.FirstLineID, c.FirstCampaignID)
	}
	f.afterTheFact(t)
	// ...and belongs to the mailer once it is entered.
	if c := mustCaller(t, f.db, n10.Key()); c.FirstLineID != lineFlyer || c.FirstCampaignID != f.mailer.ID {
		t.Errorf("after the mailer: first from line %d campaign %d, want %d", c.FirstLineID, c.FirstCampaignID, f.mailer.ID)
	}
	// The repeat caller first called in February, before any campaign.
	if c := mustCaller(t, f.db, repeat.Key()); c.FirstLineID != lineFlyer || c.FirstCampaignID != 0 || c.Calls != 3 {
		t.Errorf("repeat caller = %+v", c)
	}
	row, err := f.db.Row(f.repeatsID)
	if err != nil || row.LineID != lineFlyer || row.CampaignID != f.mailer.ID || row.FirstTime || row.Spam {
		t.Errorf("call 12 = %+v, %v", row, err)
	}
}

func TestSpamLeavesEveryFigureButStaysInTheLog(t *testing.T) {
	f := newFixture(t)
	f.afterTheFact(t)
	if c := mustCaller(t, f.db, spammer.Key()); !c.Spam || c.Calls != 4 {
		t.Errorf("spammer = %+v", c)
	}
	rows, err := f.db.Log(time.Date(2026, 3, 1, 0, 0, 0, 0, f.ny), time.Date(2026, 4, 1, 0, 0, 0, 0, f.ny), 0)
	if err != nil {
		t.Fatal(err)
	}
	spam := 0
	for _, r := range rows {
		if r.Spam != (r.Number == spammer) {
			t.Errorf("call %v from %s: spam %v", r.Started, r.Number.E164, r.Spam)
		}
		if r.Spam {
			spam++
		}
	}
	if len(rows) != 20 || spam != 3 {
		t.Errorf("log has %d calls, %d spam; want 20, 3", len(rows), spam)
	}

	// Unflagged, the calls count again: back to 19.
	if err := f.db.SetSpam(spammer.Key(), false); err != nil {
		t.Fatal(err)
	}
	if rep := f.march(t, ReportFilter{}); rep.Calls != 19 || rep.Spam != 0 || rep.UniqueCallers != 14 {
		t.Errorf("after unflagging: %d calls, %d spam, %d callers; want 19, 0, 14", rep.Calls, rep.Spam, rep.UniqueCallers)
	}
	if err := f.db.SetSpam("+19995550000", true); err == nil {
		t.Error("flagged a caller who never called")
	}
}

func TestBeforeAndAfterTheRadioSpots(t *testing.T) {
	f := newFixture(t)
	f.afterTheFact(t)
	ba, err := f.db.BeforeAfter(f.radio.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 7 days each: 1–7 March before, 8–14 during, 15–21 after.
	// Its lines (radio, ring B): before 4 and 5; during 6, 7, 9 (8 is spam);
	// after 10. Main number: 3 before, none after (20 is spam, on the 28th).
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, f.ny) }
	if ba.Before.From != day(1) || ba.During.From != day(8) || ba.After.From != day(15) || ba.After.To != day(22) ||
		ba.Before.Days != 7 || ba.During.Days != 7 || ba.After.Days != 7 {
		t.Errorf("windows: %+v / %+v / %+v", ba.Before, ba.During, ba.After)
	}
	if ba.Before.Lines.Calls != 2 || ba.During.Lines.Calls != 3 || ba.After.Lines.Calls != 1 ||
		ba.Before.Main.Calls != 1 || ba.During.Main.Calls != 0 || ba.Before.All.Calls != 5 {
		t.Errorf("counts: before %+v\nduring %+v\nafter %+v", ba.Before, ba.During, ba.After)
	}
	// 3/7 against 2/7 a day: +50%; the tail 1/7: -50%; the main number
	// went from 1/7 to none: -100%.
	if ba.LinesLift != (Lift{0.5, true}) || ba.LinesTail != (Lift{-0.5, true}) || ba.MainLift != (Lift{-1, true}) {
		t.Errorf("lift %+v, tail %+v, main %+v", ba.LinesLift, ba.LinesTail, ba.MainLift)
	}

	// The website is still running on 15 April, without lines: 27 days
	// during, no tail.
	web, err := f.db.BeforeAfter(f.website.ID)
	if err != nil {
		t.Fatal(err)
	}
	if web.During.Days != 27 || web.After.Days != 0 || web.LinesLift.Known || web.LinesTail.Known {
		t.Errorf("website: %+v", web)
	}
}

func TestLineNoiseBaseline(t *testing.T) {
	f := newFixture(t)
	f.afterTheFact(t)
	// The flyer's line before 1 March: the repeat caller on 20 Feb and the
	// spammer on 25 Feb, over the 9 days 20–28 Feb.
	b, err := f.db.LineBaseline(lineFlyer)
	if err != nil {
		t.Fatal(err)
	}
	if b.Days != 9 || b.Calls != 1 || b.Spam != 1 || b.SpamShare != 0.5 || b.PerDay != 2.0/9 ||
		b.FirstCampaignID != f.flyer.ID || !b.From.Equal(time.Date(2026, 2, 20, 0, 0, 0, 0, f.ny)) {
		t.Errorf("baseline = %+v", b)
	}
	// The main number never had a campaign: measured up to today (15 April),
	// from its first call (3, on 2 March): 45 days, 1 call and 1 spam.
	main, err := f.db.LineBaseline(lineMain)
	if err != nil {
		t.Fatal(err)
	}
	if main.Days != 45 || main.Calls != 1 || main.Spam != 1 || main.FirstCampaignID != 0 {
		t.Errorf("main baseline = %+v", main)
	}
}
