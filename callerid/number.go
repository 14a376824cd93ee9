package callerid

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Special callers are the values a line sends instead of a number. Each stays
// a caller of its own: "private" and "out of area" mean different things to a
// shop and must never merge into one "unknown".
const (
	Private       = "PRIVATE"     // P: the caller withheld the number
	OutOfArea     = "OUT-OF-AREA" // O: the network could not deliver it
	Anonymous     = "ANONYMOUS"   // A: anonymous (NCID, VoIP)
	Restricted    = "RESTRICTED"  // "Restricted" as some telcos spell it
	NoNumber      = "NO-NUMBER"   // nothing, zeros or '#' filler arrived
	defaultRegion = "US"
)

// Number is a caller's number: the raw value from the line, its E.164 form
// when it is a dialable number, or the special caller it stands for.
type Number struct {
	Raw     string `json:"raw"`
	E164    string `json:"e164,omitempty"`
	Special string `json:"special,omitempty"`
}

// Key identifies the caller: E.164, the special value, or the digits as sent
// when the number cannot be made E.164 (odd lengths, local extensions).
func (n Number) Key() string {
	switch {
	case n.E164 != "":
		return n.E164
	case n.Special != "":
		return n.Special
	}
	return Digits(n.Raw)
}

// IsNone reports whether no caller ID at all is behind the number.
func (n Number) IsNone() bool { return n.Special == NoNumber }

// Display is the number the way the shop reads it: national format for
// numbers of the home country, international for others, words for
// special callers.
func (n Number) Display(homeRegion string) string {
	switch n.Special {
	case Private:
		return "Private number"
	case OutOfArea:
		return "Out of area"
	case Anonymous:
		return "Anonymous"
	case Restricted:
		return "Restricted"
	case NoNumber:
		return "No number"
	}
	if n.E164 == "" {
		return strings.TrimSpace(n.Raw)
	}
	p, err := phonenumbers.Parse(n.E164, "")
	if err != nil {
		return n.E164
	}
	if phonenumbers.GetRegionCodeForNumber(p) == homeRegion ||
		int(p.GetCountryCode()) == phonenumbers.GetCountryCodeForRegion(homeRegion) {
		return phonenumbers.Format(p, phonenumbers.NATIONAL)
	}
	return phonenumbers.Format(p, phonenumbers.INTERNATIONAL)
}

// Place is where the number was issued (city and state for most North
// American numbers, the region elsewhere), from offline data. It is where the
// number comes from, not where the caller is: show it as approximate.
func (n Number) Place() string {
	if n.E164 == "" {
		return ""
	}
	p, err := phonenumbers.Parse(n.E164, "")
	if err != nil {
		return ""
	}
	place, err := phonenumbers.GetGeocodingForNumber(p, "en")
	if err != nil {
		return ""
	}
	return place
}

// Normalizer turns raw caller numbers into Numbers for one shop's phone line.
type Normalizer struct {
	// Region is the shop's country (ISO 3166 code, default "US").
	Region string
	// AreaCode is prefixed to seven-digit local numbers, which parse but are
	// not valid on their own (optional).
	AreaCode string
}

// Normalize classifies a raw number. It never fails: whatever the line sent
// is kept in Raw.
func (z Normalizer) Normalize(raw string) Number {
	n := Number{Raw: raw}
	if s := specialOf(raw); s != "" {
		n.Special = s
		return n
	}
	region := z.Region
	if region == "" {
		region = defaultRegion
	}
	digits := Digits(raw)
	candidate := strings.TrimSpace(raw)
	if len(digits) == 7 && z.AreaCode != "" && !strings.HasPrefix(candidate, "+") {
		candidate = z.AreaCode + digits
	}
	p, err := phonenumbers.Parse(candidate, region)
	if err != nil || !phonenumbers.IsValidNumber(p) {
		return n
	}
	n.E164 = phonenumbers.Format(p, phonenumbers.E164)
	return n
}

func specialOf(raw string) string {
	s := strings.ToUpper(strings.TrimSpace(raw))
	switch s {
	case "P", "PRIVATE", "WITHHELD", "PRIVATE NUMBER":
		return Private
	case "O", "OUT-OF-AREA", "OUT OF AREA", "UNAVAILABLE", "UNKNOWN":
		return OutOfArea
	case "A", "ANONYMOUS":
		return Anonymous
	case "RESTRICTED", "R":
		return Restricted
	case "", "NO-NUMBER", "NONE":
		return NoNumber
	}
	if strings.Trim(s, "#0- ") == "" {
		return NoNumber
	}
	return ""
}

// Digits keeps only the digits of s: how numbers are compared whatever
// their punctuation.
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
