package callerid

import "testing"

func TestNormalize(t *testing.T) {
	z := Normalizer{Region: "US", AreaCode: "415"}
	cases := []struct {
		raw, e164, special, key string
	}{
		{"4075551212", "+14075551212", "", "+14075551212"},
		{"14075551212", "+14075551212", "", "+14075551212"},
		{"(407) 555-1212", "+14075551212", "", "+14075551212"},
		{"5550147", "+14155550147", "", "+14155550147"}, // seven digits: home area code added
		{"P", "", Private, Private},
		{"O", "", OutOfArea, OutOfArea},
		{"A", "", Anonymous, Anonymous},
		{"PRIVATE", "", Private, Private},
		{"OUT-OF-AREA", "", OutOfArea, OutOfArea},
		{"Restricted", "", Restricted, Restricted},
		{"0000000000", "", NoNumber, NoNumber},
		{"##########", "", NoNumber, NoNumber},
		{"", "", NoNumber, NoNumber},
		{"2120", "", "", "2120"},
		{"+442079460000", "+442079460000", "", "+442079460000"},
	}
	for _, tc := range cases {
		n := z.Normalize(tc.raw)
		if n.Raw != tc.raw || n.E164 != tc.e164 || n.Special != tc.special || n.Key() != tc.key {
			t.Errorf("Normalize(%q) = %+v key %q, want e164 %q special %q key %q", tc.raw, n, n.Key(), tc.e164, tc.special, tc.key)
		}
	}
}

func TestSevenDigitsWithoutAreaCodeStayRaw(t *testing.T) {
	n := Normalizer{Region: "US"}.Normalize("5550147")
	if n.E164 != "" || n.Key() != "5550147" {
		t.Fatalf("seven digits without a home area code = %+v", n)
	}
}

func TestSpecialCallersStayDistinct(t *testing.T) {
	z := Normalizer{}
	seen := map[string]string{}
	for _, raw := range []string{"P", "O", "A", "Restricted", ""} {
		k := z.Normalize(raw).Key()
		if other, dup := seen[k]; dup {
			t.Fatalf("%q and %q share the caller key %q", raw, other, k)
		}
		seen[k] = raw
	}
}

func TestDisplayAndPlace(t *testing.T) {
	n := Normalizer{Region: "US"}.Normalize("2125550147")
	if got := n.Display("US"); got != "(212) 555-0147" {
		t.Errorf("national format = %q", got)
	}
	if got := n.Place(); got != "New York, NY" {
		t.Errorf("place = %q, want New York, NY", got)
	}
	uk := Normalizer{Region: "US"}.Normalize("+442079460000")
	if got := uk.Display("US"); got != "+44 20 7946 0000" {
		t.Errorf("foreign number shown as %q", got)
	}
	if got := (Number{Special: Private}).Display("US"); got != "Private number" {
		t.Errorf("private shown as %q", got)
	}
}
