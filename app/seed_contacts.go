package app

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/callboard-app/callboard/callerid"
	"github.com/callboard-app/callboard/storage"
	"github.com/callboard-app/callboard/storage/contactfile"
)

// seedCallers are the people who rang in the seeded calls, in the order
// they first did, so that the phone book made from them is repeatable.
type seedCallers struct {
	index       map[string]int // caller key → place in list
	list        []seedCaller
	robocallers map[string]bool
}

type seedCaller struct {
	key, telcoName string
	calls          int
}

func newSeedCallers(spam []string) *seedCallers {
	s := &seedCallers{index: map[string]int{}, robocallers: map[string]bool{}}
	for _, key := range spam {
		s.robocallers[key] = true
	}
	return s
}

// note counts the calls' callers; private and unknown numbers and the
// robocallers are nobody the shop would keep a card for.
func (s *seedCallers) note(calls []callerid.Call) {
	if s == nil {
		return
	}
	for _, c := range calls {
		if c.Number.Special != "" {
			continue
		}
		key := c.Number.Key()
		if key == "" || s.robocallers[key] {
			continue
		}
		i, ok := s.index[key]
		if !ok {
			i = len(s.list)
			s.index[key] = i
			s.list = append(s.list, seedCaller{key: key, telcoName: c.Name})
		}
		s.list[i].calls++
	}
}

// addSeedPhoneBook gives the shop an address book of n contacts, as it
// would import one from its phone: three in four are people who called
// (the most frequent callers first, as a shop saves its customers), the
// rest people who never did. It goes through the app's own import (a CSV
// file read by contactfile, then PreviewImport and ApplyImport) in one go,
// so that its speed is the speed the shop sees.
func addSeedPhoneBook(db *storage.DB, opts SeedOptions, callers *seedCallers, began time.Time) error {
	n := opts.Contacts
	if opts.Progress != nil {
		fmt.Fprintf(opts.Progress, "seeding a phone book of %s contacts (%.0fs)\n", thousands(n), time.Since(began).Seconds())
	}
	z, err := db.Normalizer()
	if err != nil {
		return err
	}
	b := &phoneBookMaker{
		rnd:   rand.New(rand.NewPCG(opts.Seed, 0xb00c)),
		taken: make(map[string]bool, len(callers.list)+n),
		// A phone book in North America has its numbers as people type
		// them; elsewhere the shop would have saved ours with +1.
		national: z.Normalize("(217) 555-0101").E164 == "+12175550101",
	}
	for _, c := range callers.list {
		b.taken[c.key] = true
	}
	book := make([]contactfile.Contact, 0, n)
	known := b.pickCallers(callers.list, n*3/4)
	for _, c := range known {
		book = append(book, b.callerContact(c))
	}
	for len(book) < n {
		book = append(book, b.stranger())
	}
	// Address books export in name order.
	slices.SortStableFunc(book, func(x, y contactfile.Contact) int {
		return cmp.Compare(contactTitle(x), contactTitle(y))
	})

	var file bytes.Buffer
	if err := contactfile.WriteCSV(&file, book); err != nil {
		return err
	}
	parsed, err := contactfile.Parse(&file, z)
	if err != nil {
		return err
	}
	preview, err := db.PreviewImport(parsed.Drafts)
	if err != nil {
		return err
	}
	res, err := db.ApplyImport(preview, false)
	if err != nil {
		return err
	}
	if res.Added != n {
		return fmt.Errorf("seeding the phone book: %d of %d contacts added (%d skipped)", res.Added, n, res.Skipped+len(parsed.Skipped))
	}
	if opts.Progress != nil {
		fmt.Fprintf(opts.Progress, "seeded %s contacts, %s of them callers (%.0fs)\n", thousands(n), thousands(len(known)), time.Since(began).Seconds())
	}
	return nil
}

func contactTitle(c contactfile.Contact) string {
	if c.Name != "" {
		return c.Name
	}
	return c.Company
}

// phoneBookMaker invents the contacts, numbers and all.
type phoneBookMaker struct {
	rnd      *rand.Rand
	taken    map[string]bool // caller keys of the calls and of the book
	national bool
}

// pickCallers are up to n callers, those who called most first (among
// equals, any).
func (b *phoneBookMaker) pickCallers(list []seedCaller, n int) []seedCaller {
	picked := slices.Clone(list)
	b.rnd.Shuffle(len(picked), func(i, j int) { picked[i], picked[j] = picked[j], picked[i] })
	slices.SortStableFunc(picked, func(x, y seedCaller) int { return cmp.Compare(y.calls, x.calls) })
	return picked[:min(n, len(picked))]
}

// callerContact is the card a shop keeps for a caller: the name the telco
// gave when it is a person's (as the person writes it), else an invented
// one; a business's name as its company.
func (b *phoneBookMaker) callerContact(c seedCaller) contactfile.Contact {
	kind, name := readTelcoName(c.telcoName)
	var out contactfile.Contact
	switch kind {
	case telcoPerson:
		out = b.person()
		out.Name = name
	case telcoBusiness:
		out = b.business()
		out.Company = name
	default:
		out = b.person()
	}
	first := contactfile.ContactNumber{Raw: b.typed(c.key), Label: out.Numbers[0].Label}
	out.Numbers[0] = first
	return out
}

// stranger is a contact who never called: a friend of the owner, a
// supplier, someone met at a trade show.
func (b *phoneBookMaker) stranger() contactfile.Contact {
	c := b.person()
	if b.rnd.IntN(8) == 0 {
		c = b.business()
	}
	c.Numbers[0].Raw = b.typed(b.newNumber())
	return c
}

// person is an invented person's card with its labels but not yet its
// first number: some work somewhere, some have a second phone, some a
// note.
func (b *phoneBookMaker) person() contactfile.Contact {
	c := contactfile.Contact{Name: b.pick(seedGiven) + " " + b.pick(seedFamily)}
	label := "mobile"
	if b.rnd.IntN(3) == 0 {
		label = "home"
	}
	c.Numbers = []contactfile.ContactNumber{{Label: label}}
	if b.rnd.IntN(6) == 0 {
		c.Company = b.company()
	}
	b.extras(&c, "work")
	return c
}

// business is a company's card, with a person to ask for now and then.
func (b *phoneBookMaker) business() contactfile.Contact {
	c := contactfile.Contact{Company: b.company()}
	if b.rnd.IntN(2) == 0 {
		c.Name = b.pick(seedGiven) + " " + b.pick(seedFamily)
	}
	c.Numbers = []contactfile.ContactNumber{{Label: "work"}}
	b.extras(&c, "fax")
	return c
}

func (b *phoneBookMaker) extras(c *contactfile.Contact, second string) {
	if b.rnd.IntN(5) == 0 {
		c.Numbers = append(c.Numbers, contactfile.ContactNumber{Raw: b.typed(b.newNumber()), Label: second})
	}
	if b.rnd.IntN(8) == 0 {
		c.Notes = b.pick(seedNotes)
	}
}

func (b *phoneBookMaker) company() string {
	if b.rnd.IntN(2) == 0 {
		return b.pick(seedFamily) + " " + b.pick(seedTrades)
	}
	return b.pick(seedCompanies)
}

func (b *phoneBookMaker) pick(list []string) string { return list[b.rnd.IntN(len(list))] }

// newNumber is a subscriber's number of the region that nobody in the
// calls or the book has yet, as a caller key.
func (b *phoneBookMaker) newNumber() string {
	for {
		area := seedBookAreas[b.rnd.IntN(len(seedBookAreas))]
		exchange := 200 + b.rnd.IntN(800)
		if exchange%100 == 11 || exchange == 555 {
			continue
		}
		key := fmt.Sprintf("+1%s%03d%04d", area, exchange, b.rnd.IntN(10000))
		if !b.taken[key] {
			b.taken[key] = true
			return key
		}
	}
}

// typed is a caller key as a person types it into a phone.
func (b *phoneBookMaker) typed(key string) string {
	if !strings.HasPrefix(key, "+1") || len(key) != 12 {
		return key
	}
	area, exchange, line := key[2:5], key[5:8], key[8:]
	if !b.national {
		return "+1 " + area + " " + exchange + " " + line
	}
	switch r := b.rnd.IntN(10); {
	case r < 5:
		return "(" + area + ") " + exchange + "-" + line
	case r < 8:
		return area + "-" + exchange + "-" + line
	case r < 9:
		return area + "." + exchange + "." + line
	}
	return "+1 " + area + "-" + exchange + "-" + line
}

type telcoKind int

const (
	telcoNobody telcoKind = iota // a placeholder: WIRELESS CALLER, a place
	telcoPerson
	telcoBusiness
)

// readTelcoName tells what a telco's caller name is, and writes it as
// people do: "GARCIA MARIA" is Maria Garcia, "ACME PLUMBING" is Acme
// Plumbing; "WIRELESS CALLER" and "PEORIA IL" name nobody, and a name the
// telco cut at 15 letters is no good either.
func readTelcoName(telco string) (telcoKind, string) {
	words := strings.Fields(telco)
	switch {
	case len(words) == 2 && seedGivenSet[words[1]] && isLetters(words[0]):
		return telcoPerson, titleWord(words[1]) + " " + titleWord(words[0])
	case len(words) == 0 || len(telco) >= 15 || telco == "WIRELESS CALLER" || strings.HasPrefix(telco, "TOLL FREE"):
		return telcoNobody, ""
	case len(words[len(words)-1]) <= 2:
		// A wireless caller's city and state.
		return telcoNobody, ""
	}
	for i, w := range words {
		words[i] = titleWord(w)
	}
	return telcoBusiness, strings.Join(words, " ")
}

func isLetters(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0
}

// titleWord writes an upper-case word as a name is written.
func titleWord(w string) string {
	if w == "OBRIEN" {
		return "O'Brien"
	}
	if w == "" {
		return w
	}
	return w[:1] + strings.ToLower(w[1:])
}

// seedGiven are the first names the telcos send (see sim) and then some.
var seedGiven = []string{
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
	"David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
	"Thomas", "Sarah", "Charles", "Karen", "Daniel", "Lisa", "Matthew", "Nancy",
	"Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Dorothy",
	"Paul", "Kimberly", "Andrew", "Emily", "Joshua", "Donna", "Kevin", "Michelle",
	"Brian", "Carol", "George", "Amanda", "Timothy", "Melissa", "Jose", "Maria",
	"José", "Zoë", "Thanh", "Fatima", "Omar", "Mei", "Priya", "Ingrid", "Renée", "Łukasz",
}

var seedGivenSet = func() map[string]bool {
	set := map[string]bool{}
	for _, g := range seedGiven {
		set[strings.ToUpper(g)] = true
	}
	return set
}()

var seedFamily = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
	"Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
	"Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
	"White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
	"Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
	"Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
	"Carter", "Roberts", "Kowalski", "Schmidt", "O'Brien", "Patel", "Kim",
	"Núñez", "Weiß", "McAllister", "Van der Berg",
}

var seedTrades = []string{
	"Plumbing", "Roofing", "Auto Repair", "Electric", "Lawn & Garden", "Bakery",
	"Dental", "Painting", "Heating & Cooling", "Supply Co.", "Insurance", "Realty",
}

var seedCompanies = []string{
	"Prairie State Bank", "Lincoln Elementary School", "Heartland Auto Parts",
	"Sunrise Daycare", "Capitol Printing", "Memorial Medical Center", "Illini Fence",
	"Riverside Veterinary Clinic", "Downtown Deli", "United Freight", "City of Springfield",
	"Springfield Hardware", "Lakeside Supply", "Oak Street Dental", "St. John's Hospital",
}

var seedNotes = []string{
	"Prefers a text to a call",
	"Gate code 4412",
	"Ask for the manager",
	"Pays by check",
	"Referred by a neighbour",
	"Wants a quote before any work",
	"Regular since 2019",
	"Only after 5 pm",
	"Dog in the yard\nUse the side door",
	"Speaks Spanish",
}

// seedBookAreas are where the book's other people live, mostly near the
// shop.
var seedBookAreas = []string{"217", "217", "217", "217", "217", "309", "618", "312", "314", "815"}
