package boxes

import "strings"

// A NetCallerID record, e.g.
//
//	###DATE08082225...NMBR14075551212...NAMEJOHN+++\r
//
// is "###", then fields made of a four-letter tag and a value separated by
// dots, then "+++". DATE is mmddhhmm. Any field may be empty; a voicemail
// notice comes as a record whose name is "-MSG ON-" or "-MSG OFF-".
const (
	nciDate = iota
	nciNumber
	nciName
	nciFields
)

var nciTags = [nciFields]string{"DATE", "NMBR", "NAME"}

// ParseNetCallerID decodes one NetCallerID record. It is lenient where boxes
// and serial lines are sloppy: junk before "###", lowercase tags, any number
// of dots between fields, a missing "+++", padding around values. It refuses
// a record cut short before its name began and not closed by "+++", because
// the number in it may be cut too: no caller beats a wrong caller.
//
// Names the box puts in place of a caller's name ("-UNKNOWN CALLER-",
// "-PRIVATE CALLER-") are not names: the name is left empty and, when no
// number came, the word (UNKNOWN, PRIVATE) becomes the number, so the
// callerid normalizer tells an unavailable caller from a withheld one.
func ParseNetCallerID(s string) (Record, bool) {
	raw := strings.Trim(s, "\r\n")
	start := strings.LastIndex(raw, "###")
	if start < 0 {
		return Record{}, false
	}
	body := raw[start+3:]
	closed := false
	if end := strings.Index(body, "+++"); end >= 0 {
		body, closed = body[:end], true
	}
	// A box that dropped a byte may end with "++".
	if trimmed := strings.TrimRight(body, "+"); trimmed != body {
		body, closed = trimmed, true
	}
	values, has := nciSplit(body)
	if !has[nciNumber] && !has[nciName] {
		return Record{}, false
	}
	if !closed && !has[nciName] {
		return Record{}, false
	}

	rec := Record{
		Format: FormatNetCallerID,
		Number: strings.TrimSpace(values[nciNumber]),
		Name:   strings.TrimSpace(values[nciName]),
		Raw:    raw,
	}
	rec.setNetCallerIDStamp(strings.TrimSpace(values[nciDate]))
	marker := strings.Trim(rec.Name, "- ")
	switch strings.ToUpper(marker) {
	case "MSG ON", "MSG OFF", "MESSAGE WAITING":
		rec.MessageWaiting = true
	case "UNKNOWN CALLER", "PRIVATE CALLER":
		if rec.Number == "" {
			rec.Number, _, _ = strings.Cut(marker, " ")
		}
		rec.Name = ""
	}
	return rec, true
}

// nciSplit finds the fields of a record's body. A tag counts only at the
// start or right after a dot, and only the first time, so a name such as
// "DR.NAMEY" stays whole once NAME has begun. A date or number ends at the
// first dot (neither holds one); a name ends at the first "..", which is
// where a field the box added would begin.
func nciSplit(body string) (values [nciFields]string, has [nciFields]bool) {
	field, from := -1, 0
	end := func(to int) {
		if field < 0 {
			return
		}
		v := body[from:to]
		sep := "."
		if field == nciName {
			sep = ".."
		}
		if i := strings.Index(v, sep); i >= 0 {
			v = v[:i]
		}
		values[field] = v
	}
	for i := 0; i+4 <= len(body); i++ {
		if i > 0 && body[i-1] != '.' {
			continue
		}
		t := nciTag(body[i : i+4])
		if t < 0 || has[t] {
			continue
		}
		end(i)
		field, from, has[t] = t, i+4, true
		i += 3
	}
	end(len(body))
	return values, has
}

func nciTag(s string) int {
	for i, tag := range nciTags {
		if strings.EqualFold(s, tag) {
			return i
		}
	}
	return -1
}

// setNetCallerIDStamp reads DATE's mmddhhmm; anything else leaves the
// record without a stamp.
func (r *Record) setNetCallerIDStamp(date string) {
	if len(date) != 8 {
		return
	}
	month, ok1 := digits(date[0:2])
	day, ok2 := digits(date[2:4])
	hour, ok3 := digits(date[4:6])
	minute, ok4 := digits(date[6:8])
	if ok1 && ok2 && ok3 && ok4 && validStamp(month, day, hour, minute) {
		r.Month, r.Day, r.Hour, r.Minute = month, day, hour, minute
	}
}
