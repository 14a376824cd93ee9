package storage

import (
	"strconv"
	"strings"
	"sync"

	"github.com/callboard-app/callboard/callerid"
	"github.com/nyaruka/phonenumbers"
)

// geo is where a number was issued, as the rollups count it.
type geo struct {
	place string // Number.Place(): "New York, NY", a state, a country
	area  string // NANP area code ("212"), or the country code ("+44")
}

// Geocoding a number takes ~30 µs, too slow for an import of a million
// calls, and most calls come from numbers already seen, so the answers are
// remembered. North American numbers are geocoded by area code and
// exchange (+1 NPA NXX), so those seven digits are the key; other numbers
// by the whole number.
var geoCache = struct {
	sync.Mutex
	m map[string]geo
}{m: map[string]geo{}}

// geoCacheSize bounds the memory: past it the cache starts again.
const geoCacheSize = 200_000

func geoOf(e164 string) geo {
	key := e164
	nanp := strings.HasPrefix(e164, "+1") && len(e164) == 12
	if nanp {
		key = e164[:8]
	}
	geoCache.Lock()
	g, ok := geoCache.m[key]
	geoCache.Unlock()
	if ok {
		return g
	}
	g.place = callerid.Number{E164: e164}.Place()
	if nanp {
		g.area = e164[2:5]
	} else if p, err := phonenumbers.Parse(e164, ""); err == nil {
		g.area = "+" + strconv.Itoa(int(p.GetCountryCode()))
	}
	geoCache.Lock()
	if len(geoCache.m) >= geoCacheSize {
		clear(geoCache.m)
	}
	geoCache.m[key] = g
	geoCache.Unlock()
	return g
}
