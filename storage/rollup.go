package storage

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/vmihailenco/msgpack/v5"
)

// add puts a finished call's part into the day (sign +1) or takes it out
// (-1). A call's part depends on its record alone (spam is copied onto the
// call), so taking out what was put in always balances.
func (d *DayTotals) add(rec *callRecord, start time.Time, sign int) {
	switch {
	case rec.Outbound:
		d.Outbound += sign
		return
	case rec.Spam:
		d.Spam += sign
		d.spamByLine = bump(d.spamByLine, rec.LineID, sign)
		return
	}
	o := outcomeOf(rec.Outcome)
	h := start.Hour()
	d.Calls += sign
	d.ByOutcome = bump(d.ByOutcome, o, sign)
	d.ByHour[h] += sign
	if notPickedUp(o) {
		d.ByHourMissed[h] += sign
	}
	first, estimated := 0, 0
	if rec.FirstTime {
		first = 1
		d.FirstTime += sign
	}
	if !rec.Exact && o != callerid.OutcomeUnknown {
		estimated = 1
		d.Estimated += sign
	}
	if secs, known := rec.talk(); known {
		d.TalkSeconds += int64(sign) * secs
		d.Talked += sign
	}
	d.ValueCents += int64(sign) * rec.ValueCents
	d.addGroup(dayGroup{Line: rec.LineID, Campaign: rec.CampaignID, Outcome: outcomeCode(o),
		Calls: 1, FirstTime: first, Estimated: estimated, ValueCents: rec.ValueCents}, sign)
	if key := rec.callerKey(); key != "" {
		d.callers = d.callers.add(hashCaller(key), sign)
	}
	if rec.E164 != "" {
		g := geoOf(rec.E164)
		if g.place != "" {
			d.ByPlace = bump(d.ByPlace, g.place, sign)
		}
		if g.area != "" {
			d.ByAreaCode = bump(d.ByAreaCode, g.area, sign)
		}
	}
}

// bump adds sign to m[k], dropping keys that reach zero and the map when
// it empties, so that a day reads the same however its calls came and went.
func bump[K comparable](m map[K]int, k K, sign int) map[K]int {
	if m == nil {
		m = map[K]int{}
	}
	m[k] += sign
	if m[k] == 0 {
		delete(m, k)
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// notPickedUp: the phone rang and nobody answered it in time, what the
// missed-calls heatmap shows.
func notPickedUp(o callerid.Outcome) bool {
	return o == callerid.OutcomeMissed || o == callerid.OutcomeVoicemail || o == callerid.OutcomeAbandoned
}

// outcomes fixes the small number each outcome has in a day's groups; new
// outcomes are appended.
var outcomes = []callerid.Outcome{
	callerid.OutcomeUnknown, callerid.OutcomeAnswered, callerid.OutcomeMissed,
	callerid.OutcomeVoicemail, callerid.OutcomeAbandoned, callerid.OutcomeBlocked,
}

func outcomeOf(s string) callerid.Outcome {
	o := callerid.Outcome(s)
	if outcomeCode(o) == 0 {
		return callerid.OutcomeUnknown
	}
	return o
}

func outcomeCode(o callerid.Outcome) int {
	if i := slices.Index(outcomes, o); i > 0 {
		return i
	}
	return 0
}

// dayGroup is the part of a day's calls that share a tracking line, a
// campaign and an outcome: a handful per day.
type dayGroup struct {
	Line, Campaign, Outcome int
	Calls, FirstTime        int
	Estimated               int
	ValueCents              int64
}

func (g *dayGroup) fields() []any {
	return []any{&g.Line, &g.Campaign, &g.Outcome, &g.Calls, &g.FirstTime, &g.Estimated, &g.ValueCents}
}

// EncodeMsgpack writes a group as an array that can grow like a record's.
func (g dayGroup) EncodeMsgpack(enc *msgpack.Encoder) error { return encodeFields(enc, g.fields()) }

// DecodeMsgpack reads what EncodeMsgpack wrote, by any release.
func (g *dayGroup) DecodeMsgpack(dec *msgpack.Decoder) error { return decodeFields(dec, g.fields()) }

func (g dayGroup) compare(o dayGroup) int {
	return cmp.Or(cmp.Compare(g.Line, o.Line), cmp.Compare(g.Campaign, o.Campaign), cmp.Compare(g.Outcome, o.Outcome))
}

// addGroup adds (or takes out) one call's part, keeping the groups sorted.
func (d *DayTotals) addGroup(part dayGroup, sign int) {
	i, found := slices.BinarySearchFunc(d.groups, part, dayGroup.compare)
	if !found {
		d.groups = slices.Insert(d.groups, i, dayGroup{Line: part.Line, Campaign: part.Campaign, Outcome: part.Outcome})
	}
	g := &d.groups[i]
	g.Calls += sign * part.Calls
	g.FirstTime += sign * part.FirstTime
	g.Estimated += sign * part.Estimated
	g.ValueCents += int64(sign) * part.ValueCents
	if g.Calls == 0 {
		d.groups = slices.Delete(d.groups, i, i+1)
	}
	if len(d.groups) == 0 {
		d.groups = nil
	}
}

// callerHashes are 64-bit hashes of caller keys, one per call, sorted. A
// hash instead of the key keeps a day to 8 bytes a call; two of a
// hundred thousand callers share a hash once in ~10^9 shops.
type callerHashes []uint64

func hashCaller(key string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key))
	return h.Sum64()
}

func (c callerHashes) add(h uint64, sign int) callerHashes {
	i, found := slices.BinarySearch(c, h)
	switch {
	case sign > 0:
		c = slices.Insert(c, i, h)
	case found:
		c = slices.Delete(c, i, i+1)
	}
	if len(c) == 0 {
		return nil
	}
	return c
}

// EncodeMsgpack writes the hashes as one binary string: no per-number
// headers, and read back with one copy.
func (c callerHashes) EncodeMsgpack(enc *msgpack.Encoder) error {
	if c == nil {
		return enc.EncodeNil()
	}
	raw := make([]byte, 0, 8*len(c))
	for _, h := range c {
		raw = binary.BigEndian.AppendUint64(raw, h)
	}
	return enc.EncodeBytes(raw)
}

// DecodeMsgpack reads what EncodeMsgpack wrote.
func (c *callerHashes) DecodeMsgpack(dec *msgpack.Decoder) error {
	raw, err := dec.DecodeBytes()
	if err != nil {
		return err
	}
	if len(raw)%8 != 0 {
		return fmt.Errorf("caller hashes: %d bytes", len(raw))
	}
	if len(raw) == 0 {
		*c = nil
		return nil
	}
	out := make(callerHashes, len(raw)/8)
	for i := range out {
		out[i] = binary.BigEndian.Uint64(raw[i*8:])
	}
	*c = out
	return nil
}
