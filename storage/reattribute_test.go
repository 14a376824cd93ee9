package storage

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// mixedCalls invents n calls between February and May 2026 on every kind
// of source: two serial lines (one with distinctive rings), a multi-line
// adapter, an NCID gateway reporting the dialled number; some calls the
// shop made, some without caller ID, a few still ringing.
func mixedCalls(n int, loc *time.Location, seed uint64) []callerid.Call {
	r := rand.New(rand.NewPCG(seed, 3))
	start := time.Date(2026, 2, 1, 0, 0, 0, 0, loc)
	span := time.Date(2026, 5, 1, 0, 0, 0, 0, loc).Sub(start)
	var calls []callerid.Call
	for range n {
		at := start.Add(time.Duration(r.Int64N(int64(span))))
		var num callerid.Number
		if r.IntN(20) == 0 {
			num = special("", callerid.NoNumber)
		} else {
			num = nanp(fmt.Sprintf("21755501%02d", r.IntN(40)))
		}
		c := ringing(at, []string{"/dev/ttyACM0", "/dev/ttyACM0", "wc/01", "wc/02", "ncid"}[r.IntN(5)], num)
		switch c.Line {
		case "/dev/ttyACM0":
			c.RingPattern = []string{"", "B"}[r.IntN(2)]
		case "ncid":
			c.Dialed = []string{"8005550100", "+18005550111", "2175559999"}[r.IntN(3)]
		}
		c.Outbound = r.IntN(15) == 0
		switch k := r.IntN(10); {
		case k == 0:
			// still ringing
		case k < 5:
			c = answered(c, time.Duration(10+r.IntN(300))*time.Second)
		case k < 8:
			c = missed(c, 4+r.IntN(3))
		default:
			c = ended(c, []callerid.Outcome{callerid.OutcomeVoicemail, callerid.OutcomeAbandoned, callerid.OutcomeUnknown}[k-8], r.IntN(2) == 0)
		}
		calls = append(calls, c)
	}
	return calls
}

func TestEditsReattributeAndKeepTheRollupsExact(t *testing.T) {
	ny := newYorkTime(t)
	db := openTest(t, Options{Location: ny})
	db.now = func() time.Time { return time.Date(2026, 4, 20, 9, 0, 0, 0, ny) }
	date := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, ny) }
	calls := mixedCalls(400, ny, 11)
	slices.SortFunc(calls, func(a, b callerid.Call) int { return a.Started.Compare(b.Started) })
	for _, c := range calls {
		if c.Active() {
			mustRecord(t, db, c)
		} else {
			mustFinish(t, db, c)
		}
	}
	checkDerived(t, db, "the calls alone")

	var lines []TrackingLine
	for _, l := range []TrackingLine{
		{Label: "Main", Source: "/dev/ttyACM0", Main: true},
		{Label: "Ring B", Source: "/dev/ttyACM0", RingPattern: "B"},
		{Label: "Adapter 1", Source: "wc/01"},
		{Label: "Toll-free", Number: "+18005550100"},
	} {
		saved, err := db.SaveLine(l)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, saved)
	}
	checkDerived(t, db, "lines set up after the calls")

	a := mustSaveCampaign(t, db, Campaign{Name: "A", Medium: "newspaper", CostCents: 5000,
		Start: date(3, 1), End: date(3, 31), Lines: []int{lines[2].ID}})
	checkDerived(t, db, "campaign A created")
	b := mustSaveCampaign(t, db, Campaign{Name: "B", Medium: "flyer", Start: date(3, 15), Lines: []int{lines[2].ID, lines[3].ID}})
	checkDerived(t, db, "campaign B takes the line from the 15th")

	a.Start, a.End, a.Lines = date(2, 10), date(3, 20), []int{lines[2].ID, lines[1].ID}
	if _, err := db.SaveCampaign(a); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, db, "campaign A's dates and lines changed")

	if err := db.SetSpam(nanp("2175550107").Key(), true); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, db, "a caller flagged as spam")

	// Ring B moves to the second adapter, where no call rings B, and
	// Adapter 1 takes over ring B on the serial line.
	lines[2].Source, lines[2].RingPattern = "/dev/ttyACM0", "B"
	lines[1].Source = "wc/02"
	for _, l := range lines[1:3] {
		if _, err := db.SaveLine(l); err != nil {
			t.Fatal(err)
		}
	}
	checkDerived(t, db, "lines recognised differently")

	if err := db.DeleteCampaign(b.ID); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, db, "campaign B deleted")
	if err := db.DeleteLine(lines[0].ID); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, db, "the main line deleted")

	rows, err := db.Log(time.Time{}, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[:20] {
		if err := db.SetCallValue(r.ID, int64(r.ID%10_000)); err != nil {
			t.Fatal(err)
		}
	}
	// A late caller ID correction moves a call between callers.
	moved := rows[30].Call
	moved.Number = nanp("2175550107")
	mustRecord(t, db, moved)
	checkDerived(t, db, "values entered, a caller ID corrected")

	if got, _ := db.Campaign(a.ID); !reflect.DeepEqual(got.Lines, []int{lines[2].ID, lines[1].ID}) {
		t.Errorf("campaign A lines = %v", got.Lines)
	}
}

// checkDerived compares everything derived from the calls with what the
// calls themselves say: each call's attribution with the rules worked out
// here independently, every day rollup with one computed from scratch, and
// every caller's list and original source.
func checkDerived(t *testing.T, db *DB, step string) {
	t.Helper()
	lines, err := db.Lines()
	if err != nil {
		t.Fatal(err)
	}
	campaigns, err := db.Campaigns()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Log(time.Time{}, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string][]int64{}
	for _, r := range rows {
		line, campaign := expectedAttribution(lines, campaigns, r.Call, db.loc)
		if r.LineID != line || r.CampaignID != campaign {
			t.Errorf("%s: call on %s %q dialled %q at %v: line %d campaign %d, want %d %d",
				step, r.Line, r.RingPattern, r.Dialed, r.Started.In(db.loc), r.LineID, r.CampaignID, line, campaign)
		}
		if key := r.Number.Key(); !r.Number.IsNone() {
			ids[key] = append(ids[key], r.ID)
			c := mustCaller(t, db, key)
			if r.Spam != c.Spam {
				t.Errorf("%s: call %d spam %v, caller %v", step, r.ID, r.Spam, c.Spam)
			}
			if r.Started.Equal(c.FirstCall) && (c.FirstLineID != r.LineID || c.FirstCampaignID != r.CampaignID) {
				t.Errorf("%s: caller %s first from %d/%d, their first call is %d/%d",
					step, key, c.FirstLineID, c.FirstCampaignID, r.LineID, r.CampaignID)
			}
		}
	}

	want := recomputeDays(t, db)
	err = db.store.Bolt.View(func(tx *bolt.Tx) error {
		stored := map[string]DayTotals{}
		_ = bucketAt(tx, daysBucket).ForEach(func(k, v []byte) error {
			var d DayTotals
			if err := (recordCodec{}).Unmarshal(v, &d); err != nil {
				t.Fatal(err)
			}
			stored[string(k)] = d
			return nil
		})
		for key, w := range want {
			if got := stored[key]; !reflect.DeepEqual(got, w) {
				t.Errorf("%s: day %s\n got %+v\nwant %+v", step, key, got, w)
			}
		}
		for key := range stored {
			if _, ok := want[key]; !ok {
				t.Errorf("%s: day %s is stored but has no calls", step, key)
			}
		}
		k := newCallerBook(tx)
		for key, want := range ids {
			slices.Sort(want)
			got, err := k.calls(key)
			if err != nil || !slices.Equal(got.ids, want) {
				t.Errorf("%s: caller %s's calls %v, want %v", step, key, got.ids, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// recomputeDays rolls every stored call up from nothing, as a test-only
// reference for the rollups kept call by call.
func recomputeDays(t *testing.T, db *DB) map[string]DayTotals {
	days := map[string]*DayTotals{}
	err := db.store.Bolt.View(func(tx *bolt.Tx) error {
		return forEachMonth(tx, 0, math.MaxInt64, func(_ int64, r *callRecord) error {
			if !r.finished() {
				return nil
			}
			start := time.Unix(0, r.Started).In(db.loc)
			d := days[dayKey(start)]
			if d == nil {
				d = &DayTotals{}
				days[dayKey(start)] = d
			}
			d.add(r, start, +1)
			return nil
		}, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]DayTotals{}
	for k, d := range days {
		out[k] = *d
	}
	return out
}

// expectedAttribution is the rule as the shop is told it: the dialled
// number, then the line and ring, then the line; then the campaign on that
// line on the call's date, the later start winning.
func expectedAttribution(lines []TrackingLine, campaigns []Campaign, c callerid.Call, loc *time.Location) (line, campaign int) {
	digits := func(s string) string {
		d := digitsOf(s)
		if len(d) == 11 && d[0] == '1' {
			return d[1:]
		}
		return d
	}
	find := func(match func(TrackingLine) bool) int {
		for _, l := range lines {
			if match(l) {
				return l.ID
			}
		}
		return 0
	}
	if c.Dialed != "" && !c.Outbound {
		line = find(func(l TrackingLine) bool {
			d := l.Dialed
			if d == "" {
				d = l.Number
			}
			return d != "" && digits(d) == digits(c.Dialed)
		})
	}
	if line == 0 {
		line = find(func(l TrackingLine) bool {
			return l.Source != "" && l.Source == c.Line && l.RingPattern != "" && l.RingPattern == c.RingPattern
		})
	}
	if line == 0 {
		line = find(func(l TrackingLine) bool { return l.Source != "" && l.Source == c.Line && l.RingPattern == "" })
	}
	if line == 0 || c.Outbound {
		return line, 0
	}
	date := c.Started.In(loc).Format("2006-01-02")
	var best *Campaign
	for i, k := range campaigns {
		if !slices.Contains(k.Lines, line) || date < k.Start.Format("2006-01-02") ||
			(!k.End.IsZero() && date > k.End.Format("2006-01-02")) {
			continue
		}
		if best == nil || !k.Start.Before(best.Start) {
			best = &campaigns[i]
		}
	}
	if best != nil {
		campaign = best.ID
	}
	return line, campaign
}

func TestImportAttributesCalls(t *testing.T) {
	db := openTest(t, Options{Location: time.UTC})
	l, err := db.SaveLine(TrackingLine{Label: "Flyer", Source: "wc/01"})
	if err != nil {
		t.Fatal(err)
	}
	c := mustSaveCampaign(t, db, Campaign{Name: "Flyer", Medium: "flyer", Start: utc(2026, 1, 1, 0, 0), Lines: []int{l.ID}})
	calls := []callerid.Call{
		answered(ringing(utc(2026, 2, 3, 9, 0), "wc/01", nanp("2125550147")), time.Minute),
		missed(ringing(utc(2026, 2, 3, 10, 0), "wc/02", nanp("2125550148")), 4),
	}
	if err := db.ImportCalls(calls); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Log(time.Time{}, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rows[1].LineID != l.ID || rows[1].CampaignID != c.ID || rows[0].LineID != 0 || rows[0].CampaignID != 0 {
		t.Errorf("imported rows: %+v", rows)
	}
	if got := mustCaller(t, db, "+12125550147"); got.FirstCampaignID != c.ID {
		t.Errorf("caller's first campaign = %d, want %d", got.FirstCampaignID, c.ID)
	}
}
