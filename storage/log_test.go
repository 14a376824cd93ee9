package storage

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callboard-app/callboard/callerid"
	bolt "go.etcd.io/bbolt"
)

// logShop is three months of calls (January to March 2026, UTC) on two
// tracking lines and one untracked, with a campaign on the flyer's line in
// February, a spam caller, private callers, notes, tags, lead statuses and
// values, and one call still ringing.
func logShop(t *testing.T) *DB {
	t.Helper()
	db := frontDesk(t)
	main, err := db.SaveLine(TrackingLine{Label: "Main number", Source: "/dev/ttyACM0", Main: true})
	mustNot(t, err)
	flyer, err := db.SaveLine(TrackingLine{Label: "Flyer number", Source: "wc/01"})
	mustNot(t, err)
	mustSaveCampaign(t, db, Campaign{Name: "Winter flyer", Medium: "flyer", Start: utc(2026, 2, 1, 0, 0),
		End: utc(2026, 2, 28, 0, 0), Lines: []int{flyer.ID}})
	_ = main
	sources := []string{"/dev/ttyACM0", "wc/01", "wc/02"}
	names := []string{"SMITH JOHN", "ACME PLUMBING", "WIRELESS CALLER", "Ødegård Åse", "BROWN ANN"}
	outcomes := []callerid.Outcome{callerid.OutcomeAnswered, callerid.OutcomeMissed, callerid.OutcomeAnswered,
		callerid.OutcomeVoicemail, callerid.OutcomeAbandoned, callerid.OutcomeUnknown, callerid.OutcomeAnswered}
	var calls []callerid.Call
	for i := range 60 {
		at := utc(2026, 1, 1, 8, 0).Add(time.Duration(i) * 37 * time.Hour)
		n := nanp(fmt.Sprintf("217555%04d", 100+i%13))
		if i%11 == 5 {
			n = special("P", callerid.Private)
		}
		c := ringing(at, sources[i%3], n)
		c.Name = names[i%len(names)]
		c = ended(c, outcomes[i%len(outcomes)], i%2 == 0)
		c.Rings = 1 + i%6
		if c.Outcome == callerid.OutcomeAnswered && c.Exact {
			c.Answered = c.Started.Add(10 * time.Second)
			c.Ended = c.Answered.Add(time.Duration(i%5) * time.Minute)
		}
		calls = append(calls, c)
	}
	mustNot(t, db.ImportCalls(calls))
	mustRecord(t, db, ringing(utc(2026, 3, 30, 11, 59), "wc/01", nanp("2175550999")))
	mustNot(t, db.SetSpam("+12175550105", true))
	for i, c := range calls {
		if i%4 == 0 {
			a := Annotation{Note: fmt.Sprintf("note %d", i), Lead: LeadStatus(i % 3), ValueCents: int64(i%3) * 5000}
			if i%8 == 0 {
				a.Tags = []string{"roof", "quote"}
			} else {
				a.Tags = []string{"gutters"}
			}
			mustNot(t, db.Annotate(c.ID, a))
		}
	}
	return db
}

func allRows(t *testing.T, db *DB) []CallRow {
	rows, err := db.Log(time.Time{}, time.Time{}, 0)
	mustNot(t, err)
	return rows
}

func viewRows(t *testing.T, v *LogView, page int) []CallRow {
	t.Helper()
	var out []CallRow
	for offset := 0; offset < v.Len(); offset += page {
		rows, err := v.Rows(offset, page)
		mustNot(t, err)
		out = append(out, rows...)
	}
	return out
}

func rowIDs(rows []CallRow) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func TestLogPagesNewestFirstAcrossMonths(t *testing.T) {
	db := logShop(t)
	want := allRows(t, db)
	v, err := db.OpenLog(LogFilter{}, NewestFirst)
	mustNot(t, err)
	if v.Len() != len(want) || len(want) != 61 {
		t.Fatalf("Len = %d, want %d", v.Len(), len(want))
	}
	// Pages of 7 cross the months' edges at odd places.
	if got := viewRows(t, v, 7); !reflect.DeepEqual(rowIDs(got), rowIDs(want)) {
		t.Errorf("pages\n got %v\nwant %v", rowIDs(got), rowIDs(want))
	}
	rows, _ := v.Rows(40, 3)
	if !reflect.DeepEqual(rowIDs(rows), rowIDs(want[40:43])) {
		t.Errorf("a page in the middle = %v, want %v", rowIDs(rows), rowIDs(want[40:43]))
	}
	// A call saved after opening waits for the next OpenLog.
	takeCall(t, db, answered(ringing(utc(2026, 3, 30, 12, 0), "wc/01", nanp("2175550998")), time.Minute))
	if first, _ := v.Rows(0, 1); first[0].ID != want[0].ID {
		t.Errorf("the open view moved: %v", first[0].ID)
	}
	if again, _ := db.OpenLog(LogFilter{}, NewestFirst); again.Len() != len(want)+1 {
		t.Errorf("reopened Len = %d", again.Len())
	}

	oldest, _ := db.OpenLog(LogFilter{}, LogSort{})
	got := viewRows(t, oldest, 9)
	if len(got) != len(want)+1 || got[0].ID != want[len(want)-1].ID {
		t.Errorf("oldest first starts with %v", rowIDs(got[:1]))
	}
}

func TestLogCountsMonthsOfAnOlderDatabase(t *testing.T) {
	db := logShop(t)
	want := allRows(t, db)
	// As a database from before the log kept its counts.
	mustNot(t, db.update(func(t *txn) error { return t.tx.DeleteBucket([]byte(logMonthsBucket)) }))
	v, err := db.OpenLog(LogFilter{}, NewestFirst)
	mustNot(t, err)
	if v.Len() != len(want) {
		t.Errorf("Len without counts = %d, want %d", v.Len(), len(want))
	}
	again, _ := db.OpenLog(LogFilter{}, NewestFirst)
	if again.Len() != len(want) {
		t.Errorf("Len from the counts made = %d, want %d", again.Len(), len(want))
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestEachFilterNarrows(t *testing.T) {
	db := logShop(t)
	all := allRows(t, db)
	feb, mar := utc(2026, 2, 1, 0, 0), utc(2026, 3, 1, 0, 0)
	cases := []struct {
		name string
		f    LogFilter
		keep func(CallRow) bool
	}{
		{"period", LogFilter{From: feb, To: mar}, func(r CallRow) bool { return !r.Started.Before(feb) && r.Started.Before(mar) }},
		{"line", LogFilter{Lines: []int{2}}, func(r CallRow) bool { return r.LineID == 2 }},
		{"no line", LogFilter{Lines: []int{0}}, func(r CallRow) bool { return r.LineID == 0 }},
		{"campaign", LogFilter{Campaigns: []int{1}}, func(r CallRow) bool { return r.CampaignID == 1 }},
		{"outcomes", LogFilter{Outcomes: []callerid.Outcome{callerid.OutcomeMissed, callerid.OutcomeVoicemail}},
			func(r CallRow) bool {
				return r.Ended.After(r.Started) && (r.Outcome == callerid.OutcomeMissed || r.Outcome == callerid.OutcomeVoicemail)
			}},
		{"first time", LogFilter{FirstTime: ptrTo(true)}, func(r CallRow) bool { return r.FirstTime }},
		{"repeat callers", LogFilter{FirstTime: ptrTo(false)}, func(r CallRow) bool { return !r.FirstTime }},
		{"spam only", LogFilter{Spam: ptrTo(true)}, func(r CallRow) bool { return r.Spam }},
		{"spam hidden", LogFilter{Spam: ptrTo(false)}, func(r CallRow) bool { return !r.Spam }},
		{"tag", LogFilter{Tag: "quote"}, func(r CallRow) bool { return slices.Contains(r.Tags, "quote") }},
		{"lead", LogFilter{Lead: ptrTo(LeadGood)}, func(r CallRow) bool { return r.Lead == LeadGood }},
		{"not scored", LogFilter{Lead: ptrTo(LeadNotScored)}, func(r CallRow) bool { return r.Lead == LeadNotScored }},
		{"name", LogFilter{Search: "acme"}, func(r CallRow) bool { return r.Name == "ACME PLUMBING" }},
		{"accented name", LogFilter{Search: "ødegård"}, func(r CallRow) bool { return r.Name == "Ødegård Åse" }},
		{"special caller", LogFilter{Search: "private"}, func(r CallRow) bool { return r.Number.Special == callerid.Private }},
		{"digits", LogFilter{Search: "(217) 555-0107"}, func(r CallRow) bool { return r.Number.E164 == "+12175550107" }},
		{"a few digits", LogFilter{Search: "11"}, func(r CallRow) bool { return strings.Contains(r.Number.E164, "11") }},
		{"contact keys", LogFilter{Keys: []string{"+12175550101", "+12175550102"}},
			func(r CallRow) bool { return r.Number.E164 == "+12175550101" || r.Number.E164 == "+12175550102" }},
		{"name or contact", LogFilter{Search: "brown", Keys: []string{"+12175550101"}},
			func(r CallRow) bool { return r.Name == "BROWN ANN" || r.Number.E164 == "+12175550101" }},
		{"together", LogFilter{From: feb, Lines: []int{2}, Outcomes: []callerid.Outcome{callerid.OutcomeAnswered}, Spam: ptrTo(false)},
			func(r CallRow) bool {
				return !r.Started.Before(feb) && r.LineID == 2 && r.Outcome == callerid.OutcomeAnswered && !r.Spam && !r.Ended.IsZero()
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []int64
			for _, r := range all {
				if c.keep(r) {
					want = append(want, r.ID)
				}
			}
			if len(want) == 0 || len(want) == len(all) {
				t.Fatalf("the shop cannot show this filter narrowing: %d of %d", len(want), len(all))
			}
			v, err := db.OpenLog(c.f, NewestFirst)
			mustNot(t, err)
			if got := rowIDs(viewRows(t, v, 10)); !slices.Equal(got, want) {
				t.Errorf("got  %v\nwant %v", got, want)
			}
		})
	}
}

func TestLogSortsByEveryColumn(t *testing.T) {
	db := logShop(t)
	all := allRows(t, db)
	lines, _ := db.Lines()
	campaigns, _ := db.Campaigns()
	label := func(id int) string {
		for _, l := range lines {
			if l.ID == id {
				return l.Label
			}
		}
		return ""
	}
	campaign := func(id int) string {
		for _, c := range campaigns {
			if c.ID == id {
				return c.Name
			}
		}
		return ""
	}
	contacts := map[string]string{"+12175550101": "Zoe Adams", "+12175550102": "aaron best"}
	names := func(key string) string { return contacts[key] }
	talk := func(r CallRow) int64 {
		if s, ok := r.talkSeconds(); ok {
			return s
		}
		return -1
	}
	columns := map[LogColumn]func(a, b CallRow) int{
		LogByTime: func(a, b CallRow) int { return a.Started.Compare(b.Started) },
		LogByName: func(a, b CallRow) int {
			na, nb := cmp.Or(names(a.Number.Key()), a.Name), cmp.Or(names(b.Number.Key()), b.Name)
			return cmp.Or(cmp.Compare(strings.ToLower(na), strings.ToLower(nb)), cmp.Compare(na, nb))
		},
		LogByNumber: func(a, b CallRow) int { return cmp.Compare(keyOrNone(a), keyOrNone(b)) },
		LogByLine: func(a, b CallRow) int {
			return cmp.Or(cmp.Compare(strings.ToLower(label(a.LineID)), strings.ToLower(label(b.LineID))), cmp.Compare(a.LineID, b.LineID))
		},
		LogByCampaign: func(a, b CallRow) int { return cmp.Compare(campaign(a.CampaignID), campaign(b.CampaignID)) },
		LogByOutcome: func(a, b CallRow) int {
			return cmp.Compare(slices.Index(outcomeOrder, a.Outcome), slices.Index(outcomeOrder, b.Outcome))
		},
		LogByRings: func(a, b CallRow) int { return cmp.Compare(a.Rings, b.Rings) },
		LogByTalk:  func(a, b CallRow) int { return cmp.Compare(talk(a), talk(b)) },
		LogByValue: func(a, b CallRow) int { return cmp.Compare(a.ValueCents, b.ValueCents) },
	}
	for column, compare := range columns {
		for _, desc := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s desc=%v", column, desc), func(t *testing.T) {
				want := slices.Clone(all) // newest first: ties stay so
				slices.SortStableFunc(want, func(a, b CallRow) int {
					if desc {
						return compare(b, a)
					}
					return compare(a, b)
				})
				v, err := db.OpenLog(LogFilter{Names: names}, LogSort{Column: column, Desc: desc})
				mustNot(t, err)
				if got := rowIDs(viewRows(t, v, 25)); !slices.Equal(got, rowIDs(want)) {
					t.Errorf("got  %v\nwant %v", got, rowIDs(want))
				}
			})
		}
	}
	if _, err := db.OpenLog(LogFilter{}, LogSort{Column: "colour"}); err == nil {
		t.Error("sorting by a column that does not exist")
	}
}

// keyOrNone is the caller key, "" for a call without caller ID.
func keyOrNone(r CallRow) string {
	if r.Number.IsNone() {
		return ""
	}
	return r.Number.Key()
}

func TestExportIsWhatTheFilterShows(t *testing.T) {
	db := logShop(t)
	f := LogFilter{Tag: "roof", Names: func(key string) string {
		if key == "+12175550100" {
			return "=Zoe Adams"
		}
		return ""
	}}
	v, err := db.OpenLog(f, NewestFirst)
	mustNot(t, err)
	want := viewRows(t, v, 100)
	var buf bytes.Buffer
	mustNot(t, db.ExportLog(&buf, f, NewestFirst))
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
		t.Error("no byte-order mark")
	}
	records, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	mustNot(t, err)
	if len(records) != len(want)+1 || len(want) < 2 {
		t.Fatalf("%d records for %d rows", len(records), len(want))
	}
	for i, r := range want {
		rec := records[i+1]
		at := r.Started.In(db.loc)
		if rec[0] != at.Format("2006-01-02") || rec[1] != at.Format("15:04:05") || rec[3] != r.Name ||
			rec[4] != r.Number.Display("US") || rec[7] != r.Outcome.Label(r.Exact) ||
			rec[14] != strings.Join(r.Tags, ", ") || rec[15] != r.Note {
			t.Errorf("row %d = %q, call %+v", i, rec, r)
		}
		if r.Number.E164 == "+12175550100" && rec[2] != "'=Zoe Adams" {
			t.Errorf("contact name cell = %q, want the formula defused", rec[2])
		}
	}
}

// TestRawCallReadsEveryField checks rawCall's field numbers against the
// record's own list, with every field set.
func TestRawCallReadsEveryField(t *testing.T) {
	rec := callRecord{Line: "wc/01", Started: 1, Known: 2, Answered: 3, Ended: 4, NumberRaw: "5",
		E164: "+16", Special: "7", Name: "eight", TelcoDate: "9", TelcoTime: "10", Rings: 11,
		Outcome: "missed", Exact: true, Raw: strings.Repeat("r", 300), FirstTime: true,
		RingPattern: "B", Dialed: "17", Outbound: true, LineID: 19, CampaignID: 20,
		ValueCents: -2_100_000_000_000, Spam: true, Note: "23", Tags: "a\nb", Lead: 2, OutcomeCorrected: true}
	raw, err := recordCodec{}.Marshal(&rec)
	mustNot(t, err)
	var r rawCall
	mustNot(t, r.parse(raw))
	mustNot(t, r.parseAll())
	if r.n != rawFields || len(rec.fields()) != rawFields {
		t.Fatalf("rawCall reads %d fields, the record has %d", r.n, len(rec.fields()))
	}
	for i, f := range rec.fields() {
		var got any
		switch p := f.(type) {
		case *string:
			got, f = string(r.str(i)), *p
		case *int64:
			got, f = r.int(i), *p
		case *int:
			got, f = int(r.int(i)), *p
		case *bool:
			got, f = r.bool(i), *p
		}
		if got != f {
			t.Errorf("field %d = %v, want %v", i, got, f)
		}
	}
	// An older record, without the annotations, reads them as zero.
	short := []byte{0xdc, 0, 2, 0xa1, 'x', 0x05}
	mustNot(t, r.parse(short))
	if string(r.str(fLine)) != "x" || r.int(fStarted) != 5 || r.str(fNote) != nil || r.bool(fSpam) {
		t.Errorf("short record read as line %q started %d", r.str(fLine), r.int(fStarted))
	}
}

// FuzzRawCall reads damaged and foreign bytes as a call: never a panic,
// and a sound record reads as the codec decodes it.
func FuzzRawCall(f *testing.F) {
	good, _ := recordCodec{}.Marshal(&callRecord{Line: "wc/01", Started: 1 << 40, Name: "SMITH JOHN",
		Outcome: "answered", Rings: 3, ValueCents: -5, Tags: "roof"})
	f.Add(good)
	f.Add([]byte{0xdc, 0, 30, 0xd9, 200, 'x'})
	f.Add([]byte{0x93, 0xdd, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		var r rawCall
		if r.parse(b) != nil {
			return
		}
		for i := range rawFields {
			_, _, _ = r.str(i), r.int(i), r.bool(i)
		}
		var rec callRecord
		if r.parseAll() == nil && (recordCodec{}).Unmarshal(b, &rec) == nil {
			if string(r.str(fName)) != rec.Name || r.int(fRings) != int64(rec.Rings) || r.bool(fSpam) != rec.Spam {
				t.Errorf("raw read %q %d %v, decoded %q %d %v", r.str(fName), r.int(fRings), r.bool(fSpam), rec.Name, rec.Rings, rec.Spam)
			}
		}
	})
}

// busyShop is a fortnight of calls in New York, a dozen a day on two
// tracking lines, with the shop's own calls on some days and a spam caller.
func busyShop(t *testing.T) *DB {
	t.Helper()
	db := openTest(t, Options{Location: newYorkTime(t)})
	db.now = func() time.Time { return utc(2026, 3, 20, 12, 0) }
	_, err := db.SaveLine(TrackingLine{Label: "Main number", Source: "/dev/ttyACM0", Main: true})
	mustNot(t, err)
	flyer, err := db.SaveLine(TrackingLine{Label: "Flyer number", Source: "wc/01"})
	mustNot(t, err)
	mustSaveCampaign(t, db, Campaign{Name: "Spring flyer", Medium: "flyer", Start: utc(2026, 3, 1, 0, 0),
		End: utc(2026, 3, 31, 0, 0), Lines: []int{flyer.ID}})
	sources := []string{"/dev/ttyACM0", "wc/01", "wc/02"}
	outcomes := []callerid.Outcome{callerid.OutcomeAnswered, callerid.OutcomeMissed, callerid.OutcomeVoicemail,
		callerid.OutcomeAnswered, callerid.OutcomeAbandoned, callerid.OutcomeUnknown}
	var calls []callerid.Call
	for i := range 170 {
		// Across the month's end in UTC and the start of daylight saving.
		at := utc(2026, 2, 26, 3, 0).Add(time.Duration(i) * 113 * time.Minute)
		c := ringing(at, sources[i%3], nanp(fmt.Sprintf("217555%04d", 100+i%23)))
		c = ended(c, outcomes[i%len(outcomes)], i%2 == 0)
		if i%29 == 7 {
			c = outbound(c)
		}
		calls = append(calls, c)
	}
	mustNot(t, db.ImportCalls(calls))
	mustNot(t, db.SetSpam("+12175550105", true))
	return db
}

func TestFilteredLogCountsFromTheDaysAsTheScanWould(t *testing.T) {
	db := busyShop(t)
	missed := []callerid.Outcome{callerid.OutcomeMissed, callerid.OutcomeVoicemail}
	filters := []LogFilter{
		{Outcomes: missed},
		{Outcomes: missed, Spam: ptrTo(false)},
		{Lines: []int{2}, Spam: ptrTo(false)},
		{Lines: []int{0}},
		{Campaigns: []int{1}, FirstTime: ptrTo(true)},
		{Campaigns: []int{0}, FirstTime: ptrTo(false), Spam: ptrTo(false)},
		{FirstTime: ptrTo(true), Spam: ptrTo(false)},
		{Spam: ptrTo(false)},
		{Outcomes: missed, From: utc(2026, 3, 1, 0, 0), To: utc(2026, 3, 9, 15, 30)},
		{Spam: ptrTo(false), From: utc(2026, 2, 27, 5, 0)},
	}
	check := func(t *testing.T, wantIndexed bool) {
		for i, f := range filters {
			q, err := newLogQuery(f, NewestFirst)
			mustNot(t, err)
			var want []int64
			mustNot(t, db.store.Bolt.View(func(tx *bolt.Tx) error {
				want, err = q.collect(tx, db)
				return err
			}))
			v, err := db.OpenLog(f, NewestFirst)
			mustNot(t, err)
			if f.Spam != nil && (v.days != nil) != wantIndexed {
				t.Errorf("filter %d: read from the days %v, want %v", i, v.days != nil, wantIndexed)
			}
			if v.Len() != len(want) {
				t.Errorf("filter %d: Len %d, the scan finds %d", i, v.Len(), len(want))
			}
			for _, page := range []int{1, 7, 500} {
				v, err := db.OpenLog(f, NewestFirst)
				mustNot(t, err)
				if got := rowIDs(viewRows(t, v, page)); !slices.Equal(got, want) {
					t.Errorf("filter %d, pages of %d:\ngot  %v\nwant %v", i, page, got, want)
				}
			}
			// A jump ahead, then back.
			if len(want) > 20 {
				rows, err := v.Rows(len(want)-3, 10)
				mustNot(t, err)
				mustNot(t, errIf(!slices.Equal(rowIDs(rows), want[len(want)-3:]), "jump ahead: %v", rowIDs(rows)))
				rows, err = v.Rows(2, 3)
				mustNot(t, err)
				mustNot(t, errIf(!slices.Equal(rowIDs(rows), want[2:5]), "back: %v", rowIDs(rows)))
			}
		}
	}
	t.Run("every call finished", func(t *testing.T) { check(t, true) })
	// A call left ringing days ago is in no day's rollup: the log scans.
	mustRecord(t, db, ringing(utc(2026, 3, 4, 16, 1), "wc/01", nanp("2175550777")))
	t.Run("a call left ringing", func(t *testing.T) { check(t, false) })
}

func errIf(bad bool, format string, args ...any) error {
	if bad {
		return fmt.Errorf(format, args...)
	}
	return nil
}

func TestDayFieldsReadInPlace(t *testing.T) {
	d := DayTotals{Calls: 12, Outbound: 3, Spam: 4, groups: []dayGroup{
		{Line: 2, Campaign: 1, Outcome: outcomeCode(callerid.OutcomeMissed), Calls: 7, FirstTime: 5},
		{Line: 0, Campaign: 0, Outcome: outcomeCode(callerid.OutcomeAnswered), Calls: 5, FirstTime: 1},
	}}
	raw, err := (recordCodec{}).Marshal(&d)
	mustNot(t, err)
	var r, g rawCall
	mustNot(t, r.parse(raw))
	if r.int(dCalls) != 12 || r.int(dOutbound) != 3 || r.int(dSpam) != 4 {
		t.Errorf("calls %d, outbound %d, spam %d", r.int(dCalls), r.int(dOutbound), r.int(dSpam))
	}
	q, err := newLogQuery(LogFilter{Lines: []int{2}, FirstTime: ptrTo(false)}, NewestFirst)
	mustNot(t, err)
	if n, ok := q.countGroups(&r, &g, nil); n != 2 || !ok {
		t.Errorf("repeat callers on line 2: %d (%v), want 2", n, ok)
	}
}
