package contactfile

import (
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"

	"github.com/emersion/go-vcard"

	"github.com/callboard-app/callboard/callerid"
)

// ParseVCard reads a vCard file of any number of cards: 3.0 as phones and
// Google export it, 4.0, and the 2.1 of older Android exports as far as it
// goes (bare types like TEL;CELL, quoted-printable names). Lines folded
// onto the next are joined. A card cut short (no END:VCARD) is read as far
// as it goes.
func ParseVCard(r io.Reader, z callerid.Normalizer) (Parsed, error) {
	text, err := readText(r)
	if err != nil {
		return Parsed{}, err
	}
	return parseVCardText(text, z)
}

func parseVCardText(text string, z callerid.Normalizer) (Parsed, error) {
	chunks := splitCards(text)
	if len(chunks) == 0 {
		return Parsed{}, fmt.Errorf("%w: no BEGIN:VCARD in the file", ErrNotContacts)
	}
	rows := make([]draftBuilder, len(chunks))
	for i, chunk := range chunks {
		rows[i] = cardRow(i+1, chunk)
	}
	return finish(rows, z), nil
}

// splitCards cuts the file at each BEGIN:VCARD line, so that a card whose
// END line is missing cannot swallow the next card, and decodes each
// chunk on its own. Text before the first card is ignored.
func splitCards(text string) []string {
	var chunks []string
	start := -1
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		next := len(text)
		if end >= 0 {
			next = pos + end + 1
		}
		line := strings.TrimSpace(text[pos:next])
		if strings.EqualFold(line, "BEGIN:VCARD") {
			if start >= 0 {
				chunks = append(chunks, text[start:pos])
			}
			start = pos
		}
		pos = next
	}
	if start >= 0 {
		chunks = append(chunks, text[start:])
	}
	return chunks
}

func cardRow(row int, chunk string) draftBuilder {
	b := draftBuilder{row: row}
	card, err := vcard.NewDecoder(strings.NewReader(chunk)).Decode()
	if card == nil {
		// Decode only fails this way on a chunk without BEGIN, which
		// splitCards never makes; keep the row visible all the same.
		b.notes = fmt.Sprint(err)
		return b
	}
	b.name = cardText(card.Get(vcard.FieldFormattedName))
	if n := card.Name(); b.name == "" && n != nil {
		b.name = joinName(decoded(n.Field, n.GivenName), decoded(n.Field, n.AdditionalName), decoded(n.Field, n.FamilyName))
	}
	if b.name == "" {
		b.name = cardText(card.Get(vcard.FieldNickname))
	}
	if org := card.Get(vcard.FieldOrganization); org != nil {
		// ORG is "company;department;...".
		company, _, _ := strings.Cut(org.Value, ";")
		b.company = decoded(org, company)
	}
	var notes []string
	for _, f := range card[vcard.FieldNote] {
		if v := cardText(f); v != "" {
			notes = append(notes, v)
		}
	}
	b.notes = strings.Join(notes, "\n")
	labels := groupLabels(card)
	for _, f := range card[vcard.FieldTelephone] {
		raw, label := telephone(f)
		if l := labels[f.Group]; f.Group != "" && l != "" {
			label = l
		}
		if raw = strings.TrimSpace(raw); raw != "" {
			b.numbers = append(b.numbers, rawNumber{raw: raw, label: label})
		}
	}
	return b
}

// telephone reads a TEL field: its number (4.0 may write it as a
// "tel:+1-555-555-0100" URI) and its label from the TYPE parameters.
func telephone(f *vcard.Field) (raw, label string) {
	raw = decoded(f, f.Value)
	types := f.Params.Types()
	if raw == "" {
		// vCard 2.1 writes bare types (TEL;CELL:+1...), which the library
		// takes for a parameter named CELL holding the number.
		for k, vs := range f.Params {
			if len(vs) == 1 && strings.ContainsAny(vs[0], "0123456789") {
				raw = vs[0]
				types = append(types, strings.ToLower(k))
			}
		}
	}
	raw = strings.TrimPrefix(strings.TrimPrefix(raw, "tel:"), "TEL:")
	return raw, typesLabel(types)
}

// typesLabel picks the label that tells the most from TEL's TYPE list,
// e.g. "CELL,VOICE,PREF" is a mobile.
func typesLabel(types []string) string {
	best := ""
	for _, t := range types {
		switch l := normalizeLabel(t); l {
		case "fax", "pager", "mobile":
			return l
		case "work", "home":
			best = l
		case "main", "other":
			if best == "" {
				best = l
			}
		}
	}
	return best
}

// groupLabels reads Apple's custom labels: "item1.TEL:..." with
// "item1.X-ABLabel:Shop" (or "_$!<Mobile>!$_" for a built-in one).
func groupLabels(card vcard.Card) map[string]string {
	out := map[string]string{}
	for _, f := range card["X-ABLABEL"] {
		if f.Group == "" {
			continue
		}
		v := strings.TrimSuffix(strings.TrimPrefix(f.Value, "_$!<"), ">!$_")
		out[f.Group] = normalizeLabel(v)
	}
	return out
}

func cardText(f *vcard.Field) string {
	if f == nil {
		return ""
	}
	return decoded(f, f.Value)
}

// decoded undoes what the library leaves: quoted-printable (vCard 2.1)
// and the escapes it does not know (\; \N \:).
func decoded(f *vcard.Field, v string) string {
	if f != nil && strings.EqualFold(f.Params.Get("ENCODING"), "QUOTED-PRINTABLE") {
		if out, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(v))); err == nil {
			v = string(out)
		}
	}
	v = strings.NewReplacer(`\;`, ";", `\N`, "\n", `\:`, ":").Replace(v)
	return cleanText(v)
}
