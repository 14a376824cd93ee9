package storage

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// ExportLog writes the calls the filter shows, in the sort's order, as CSV
// for a spreadsheet: UTF-8 with a byte-order mark (Excel reads the accents
// right), CRLF line ends, times in the shop's time zone, cells that a
// spreadsheet would take for a formula defused with a leading quote.
func (db *DB) ExportLog(w io.Writer, f LogFilter, s LogSort) error {
	v, err := db.OpenLog(f, s)
	if err != nil {
		return err
	}
	settings, err := db.Settings()
	if err != nil {
		return err
	}
	lines, campaigns := map[int]string{}, map[int]string{}
	err = db.store.Bolt.View(func(tx *bolt.Tx) error {
		ls, err := readLines(tx)
		for _, l := range ls {
			lines[l.ID] = l.Label
		}
		if err != nil {
			return err
		}
		cs, err := readCampaigns(tx)
		for _, c := range cs {
			campaigns[c.ID] = c.Name
		}
		return err
	})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	out := csv.NewWriter(w)
	out.UseCRLF = true
	_ = out.Write([]string{"Date", "Time", "Name", "Telco name", "Number", "Line", "Campaign",
		"Outcome", "Rings", "Talk", "Value", "First time", "Spam", "Lead", "Tags", "Note"})
	const page = 1000
	for offset := 0; offset < v.Len(); offset += page {
		rows, err := v.Rows(offset, page)
		if err != nil {
			return err
		}
		for _, r := range rows {
			at := r.Started.In(db.loc)
			name := ""
			if f.Names != nil && !r.Number.IsNone() {
				name = f.Names(r.Number.Key())
			}
			if name == "" {
				name = r.Name
			}
			talk := ""
			if secs, known := r.talkSeconds(); known {
				talk = fmt.Sprintf("%d:%02d", secs/60, secs%60)
			}
			value := ""
			if r.ValueCents != 0 {
				value = fmt.Sprintf("%.2f", float64(r.ValueCents)/100)
			}
			lead := ""
			if r.Lead != LeadNotScored {
				lead = r.Lead.String()
			}
			err := out.Write(csvCells(at.Format("2006-01-02"), at.Format("15:04:05"), name, r.Name,
				r.Number.Display(settings.Region), lines[r.LineID], campaigns[r.CampaignID],
				r.Outcome.Label(r.Exact), strconv.Itoa(r.Rings), talk, value,
				csvYes(r.FirstTime), csvYes(r.Spam), lead, strings.Join(r.Tags, ", "), r.Note))
			if err != nil {
				return err
			}
		}
	}
	out.Flush()
	return out.Error()
}

// talkSeconds is the talk time the log shows: known only where the source
// saw the call's outcome.
func (r CallRow) talkSeconds() (int64, bool) {
	rec := newCallRecord(r.Call)
	return rec.talk()
}

func csvYes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// csvCells defuses formula injection the way charts.TableCSV does: a cell
// a spreadsheet would run gets a leading quote; numbers and international
// phone numbers ("+1 217 555 0101") keep their sign.
func csvCells(cells ...string) []string {
	for i, s := range cells {
		if s == "" {
			continue
		}
		switch s[0] {
		case '=', '@', '\t', '\r':
			cells[i] = "'" + s
		case '+', '-':
			rest := strings.TrimLeft(s[1:], " ")
			if rest != "" && (!strings.ContainsRune("0123456789.(", rune(rest[0])) || strings.ContainsAny(rest, "=@")) {
				cells[i] = "'" + s
			}
		}
	}
	return cells
}
