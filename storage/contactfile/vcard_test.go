package contactfile

import "testing"

func TestVCard3WithTypesFoldedLinesAndAppleLabels(t *testing.T) {
	checkParsed(t, parseFile(t, "v3.vcf"), []Draft{
		draft(1, "Peter O'Neil", "O'Neil Roofing", "Roof job in March, paid cash.\nAsk for Pete.",
			num("+1 212-555-0170", "+12125550170", "mobile"),
			num("(212) 555-0171", "+12125550171", "work"),
			num("212-555-0173", "+12125550173", "shop"),
			num("(212) 555-0172", "+12125550172", "fax")),
		// No FN: the N field makes the name.
		draft(2, "Grace Lee", "", "This note is long enough that an exporter folds it onto a second line as RFC 6350 asks.",
			num("212 555 0174", "+12125550174", "home")),
	}, nil)
}

func TestVCard4WithTelURIsAndExtensions(t *testing.T) {
	checkParsed(t, parseFile(t, "v4.vcf"), []Draft{
		draft(1, "Henry Ford", "Ford Garage", "",
			num("+1-212-555-0180", "+12125550180", "mobile"),
			num("+1-212-555-0181;ext=102", "+12125550181", "work")),
		draft(2, "Ines Duarte", "", "", num("+351 21 234 5678", "+351212345678", "home")),
	}, nil)
}

func TestBrokenVCardFileSaysWhichCardsAreLeftOut(t *testing.T) {
	checkParsed(t, parseFile(t, "broken.vcf"), []Draft{
		draft(1, "Good Card", "", "", num("212-555-0196", "+12125550196", "")),
		// No END:VCARD: read as far as it goes; the next card is its own.
		draft(2, "No End", "", "", num("212-555-0197", "+12125550197", "")),
		// vCard 2.1 from an old Android phone: quoted-printable name, bare type.
		draft(5, "Ana Muñoz", "", "", num("+12125550198", "+12125550198", "main")),
	}, []Skip{
		{Row: 3, Reason: "no name and no phone number"},
		{Row: 4, Reason: `no valid phone number ("none")`},
	})
}
