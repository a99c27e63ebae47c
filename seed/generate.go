package seed

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

type weighted[T any] struct {
	v T
	w int
}

// store is a merchant with its fixed set of locations (templates with only
// occurrence tokens left) and their visit weights.
type store struct {
	merchant
	locs []weighted[string]
}

// group is a set of interchangeable merchants for one habit.
type group struct {
	stores   []weighted[*store]
	debitPct int  // chance (percent) to pay with the checking debit card
	inPerson bool // debit purchases may be PIN "POS PURCHASE" ones
}

type trip struct {
	dest        destination
	book        time.Time // airfare purchase
	first       time.Time // departure day
	last        time.Time // return day (hotel checkout)
	nights      int
	rest, shops group
	sight       *store
	sightDay    time.Time
}

type gen struct {
	r     *rand.Rand
	start time.Time // exclusive
	first time.Time // first generated day
	end   time.Time // inclusive
	out   []Txn

	coffee, lunch, dinner, bars, grocery, transit, rides, gas, parking,
	amazon, retail, convenience, fun, pharmacy, doctor, barber, cleaner,
	shipping, carCare, home, charity group

	subBump    int       // index of the subscription whose price goes up
	bumpDate   time.Time // first day at the new price
	nextFuel   time.Time
	nextHair   time.Time
	trip       *trip
	taxDates   map[time.Time]bool
	giftDates  map[time.Time]bool
	salaryBase int64
}

// payEpoch is a reference payday (a Friday); paydays are every 14 days from it.
var payEpoch = time.Date(2000, 1, 7, 0, 0, 0, 0, time.UTC)

func newGen(end time.Time, months int, seed int64) *gen {
	e := end.UTC()
	e = time.Date(e.Year(), e.Month(), e.Day(), 0, 0, 0, 0, time.UTC)
	s := e.AddDate(0, -months, 0)
	g := &gen{
		r:     rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)),
		start: s,
		first: s.AddDate(0, 0, 1),
		end:   e,
	}
	g.coffee = g.newGroup(coffeeShops, 30, true)
	g.lunch = g.newGroup(lunchSpots, 25, true)
	g.dinner = g.newGroup(dinnerSpots, 15, false)
	g.bars = g.newGroup(bars, 25, true)
	g.grocery = g.newGroup(groceryStores, 35, true)
	g.transit = g.newGroup(transitFares, 20, false)
	g.rides = g.newGroup(rides, 10, false)
	g.gas = g.newGroup(gasStations, 40, true)
	g.parking = g.newGroup(parkingLots, 20, false)
	g.amazon = g.newGroup(amazon, 10, false)
	g.retail = g.newGroup(retailStores, 25, true)
	g.convenience = g.newGroup(convenienceStores, 50, true)
	g.fun = g.newGroup(entertainment, 15, false)
	g.pharmacy = g.newGroup(pharmacies, 40, true)
	g.doctor = g.newGroup(doctors, 50, false)
	g.barber = g.newGroup(barbers, 30, false)
	g.cleaner = g.newGroup(dryCleaners, 50, false)
	g.shipping = g.newGroup(shipping, 40, true)
	g.carCare = g.newGroup(carCare, 40, true)
	g.home = g.newGroup(homeStores, 30, true)
	g.charity = g.newGroup(charities, 0, false)

	days := g.days()
	g.salaryBase = 325000
	g.subBump = g.r.IntN(len(subscriptions))
	g.bumpDate = g.first.AddDate(0, 0, days/2)
	g.nextFuel = g.first.AddDate(0, 0, g.r.IntN(7))
	g.nextHair = g.first.AddDate(0, 0, g.r.IntN(30))
	g.planTrip(days)
	g.planGovernment(days)
	return g
}

// days is the number of generated days.
func (g *gen) days() int { return int(g.end.Sub(g.start) / (24 * time.Hour)) }

func (g *gen) inRange(d time.Time) bool { return !d.Before(g.first) && !d.After(g.end) }

func (g *gen) newGroup(ms []merchant, debitPct int, inPerson bool) group {
	gr := group{debitPct: debitPct, inPerson: inPerson}
	for _, m := range ms {
		st := &store{merchant: m}
		n := 1
		if hasLocToken(m.tmpl) {
			n = 1 + g.r.IntN(3)
		}
		seen := map[string]bool{}
		for i := range n {
			loc := g.expandLoc(m.tmpl)
			if seen[loc] {
				continue
			}
			seen[loc] = true
			st.locs = append(st.locs, weighted[string]{loc, []int{6, 3, 1}[i]})
		}
		gr.stores = append(gr.stores, weighted[*store]{st, m.weight})
	}
	return gr
}

func (g *gen) planTrip(days int) {
	if days < 20 {
		return
	}
	t := &trip{dest: destinations[g.r.IntN(len(destinations))]}
	t.nights = 4 + g.r.IntN(4)
	off := days*2/5 + g.r.IntN(days/5+1)
	if off+t.nights >= days {
		off = days - t.nights - 1
	}
	if off < 0 {
		return
	}
	t.first = g.first.AddDate(0, 0, off)
	t.last = t.first.AddDate(0, 0, t.nights)
	t.book = t.first.AddDate(0, 0, -(21 + g.r.IntN(30)))
	if t.book.Before(g.first) {
		t.book = g.first
	}
	t.rest = g.newGroup(t.dest.restaurants, 0, false)
	t.shops = g.newGroup(t.dest.shops, 0, false)
	t.sight = g.newGroup([]merchant{t.dest.attraction}, 0, false).stores[0].v
	t.sightDay = t.first.AddDate(0, 0, 1+g.r.IntN(t.nights-1))
	g.trip = t
}

// planGovernment picks the tax payment day(s) and charity donation day(s).
func (g *gen) planGovernment(days int) {
	g.taxDates = map[time.Time]bool{}
	g.giftDates = map[time.Time]bool{}
	for y := g.first.Year(); y <= g.end.Year(); y++ {
		d := time.Date(y, time.April, 15, 0, 0, 0, 0, time.UTC)
		if g.inRange(d) {
			g.taxDates[d] = true
		}
	}
	if len(g.taxDates) == 0 {
		// Estimated tax payment instead of the April balance due.
		g.taxDates[g.first.AddDate(0, 0, days*2/3)] = true
	}
	g.giftDates[g.first.AddDate(0, 0, g.r.IntN(max(days, 1)))] = true
	for y := g.first.Year(); y <= g.end.Year(); y++ {
		d := time.Date(y, time.December, 12+g.r.IntN(18), 0, 0, 0, 0, time.UTC)
		if g.inRange(d) {
			g.giftDates[d] = true
		}
	}
}

func (g *gen) run() {
	for d := g.first; !d.After(g.end); d = d.AddDate(0, 0, 1) {
		g.recurring(d)
		if t := g.trip; t != nil && !d.Before(t.first) && !d.After(t.last) {
			g.tripDay(d)
			continue
		}
		g.daily(d)
	}
	g.cardPayments()
}

func (g *gen) emit(d time.Time, desc string, cents int64, account, cat string) {
	g.out = append(g.out, Txn{
		Date:        d,
		Description: desc,
		Amount:      formatCents(cents),
		Currency:    "USD",
		Account:     account,
		Category:    cat,
	})
}

// dayOfMonth reports whether d is the day-th of its month (clamped to the
// month's last day).
func dayOfMonth(d time.Time, day int) bool {
	last := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return d.Day() == min(day, last)
}

func lastOfMonth(d time.Time) bool { return d.AddDate(0, 0, 1).Day() == 1 }

// scheduled emits a payment of a series and labels it with the series' name.
func (g *gen) scheduled(series string, d time.Time, desc string, cents int64, account, cat string) {
	g.emit(d, desc, cents, account, cat)
	g.out[len(g.out)-1].Series = series
}

// recurring emits income, bills, subscriptions and other scheduled items.
func (g *gen) recurring(d time.Time) {
	if n := int(d.Sub(payEpoch) / (24 * time.Hour)); (n%14+14)%14 == 0 {
		g.scheduled("payroll", d, "DIRECT DEPOSIT ACME CORP PAYROLL", g.salaryBase+g.r.Int64N(2001)-1000, AccountChecking, catIncome)
	}
	if dayOfMonth(d, 1) {
		g.scheduled("rent", d, "ACH DEBIT ESSEX PROPERTY RENT PMT REF "+g.digits(8), -185000, AccountChecking, catRentUtil)
	}
	if dayOfMonth(d, 5) {
		g.scheduled("savings", d, "ONLINE TRANSFER TO SAV XXXXX4821 REF #IB"+g.alnum(8), -50000, AccountChecking, catTransferOut)
	}
	if dayOfMonth(d, 9) {
		g.scheduled("geico", d, "ACH DEBIT GEICO AUTO INS", -13842, AccountChecking, catServices)
	}
	if dayOfMonth(d, 10) {
		g.scheduled("comcast", d, "ACH DEBIT COMCAST CABLE", -7999, AccountChecking, catRentUtil)
	}
	if dayOfMonth(d, 11) {
		g.scheduled("lemonade", d, "LEMONADE INSURANCE", -1200, AccountCreditCard, catServices)
	}
	if dayOfMonth(d, 15) {
		g.scheduled("toyota", d, "ACH DEBIT TOYOTA MOTOR CREDIT", -41237, AccountChecking, catLoan)
	}
	if dayOfMonth(d, 18) {
		base := 9000 * electricSeason[d.Month()-1] / 100
		g.scheduled("city light", d, "ACH DEBIT SEATTLE CITY LIGHT WEB PMT", -g.vary(base, 150), AccountChecking, catRentUtil)
	}
	if dayOfMonth(d, 20) && d.Month()%2 == 1 {
		g.scheduled("public util", d, "SEATTLE PUBLIC UTIL ONLINE PMT", -g.vary(11000, 150), AccountChecking, catRentUtil)
	}
	if dayOfMonth(d, 24) {
		g.scheduled("verizon", d, "ACH DEBIT VERIZON WIRELESS", -(8500 + g.r.Int64N(600)), AccountChecking, catRentUtil)
	}
	for i, s := range subscriptions {
		if dayOfMonth(d, s.day) {
			price := s.old
			if i == g.subBump && !d.Before(g.bumpDate) {
				price = s.new
			}
			g.scheduled(s.desc, d, s.desc, -price, AccountCreditCard, s.cat)
		}
	}
	if lastOfMonth(d) && g.chance(250) {
		g.emit(d, "MONTHLY SERVICE FEE", -1200, AccountChecking, catBankFees)
	}
	if g.taxDates[d] {
		g.scheduled("irs", d, "IRS USATAXPYMT 2704"+g.digits(11), -g.vary(120000, 400), AccountChecking, catGovernment)
	}
	if g.giftDates[d] {
		g.purchase(d, &g.charity)
	}
	if t := g.trip; t != nil && d.Equal(t.book) {
		g.emit(d, g.expandOcc(t.dest.airline, d), -g.vary(t.dest.airfare, 150), AccountCreditCard, catTravel)
	}
	if d.Month() == time.August && d.Day() == 12 {
		g.scheduled("dol", d, "WA DOL VEHICLE LICENSE RENEWAL", -g.vary(9850, 50), AccountCreditCard, catGovernment)
	}
}

// daily emits the discretionary, habit-driven spending of a normal day.
func (g *gen) daily(d time.Time) {
	wd := d.Weekday()
	weekend := wd == time.Saturday || wd == time.Sunday
	pick := func(weekday, weekendPM int) int {
		if weekend {
			return weekendPM
		}
		return weekday
	}

	if g.chance(pick(850, 550)) {
		g.purchase(d, &g.coffee)
		if g.chance(200) {
			g.purchase(d, &g.coffee)
		}
	}
	if g.chance(pick(650, 0)) {
		g.purchase(d, &g.lunch)
	}
	if g.chance(pick(480, 680)) {
		g.purchase(d, &g.dinner)
	}
	barPM := 60
	if wd == time.Friday || wd == time.Saturday {
		barPM = 450
	}
	if g.chance(barPM) {
		g.purchase(d, &g.bars)
	}
	groc := 80
	switch wd {
	case time.Sunday:
		groc = 800
	case time.Saturday:
		groc = 150
	}
	if g.chance(groc) {
		g.purchase(d, &g.grocery)
	}
	if g.chance(pick(450, 60)) {
		g.purchase(d, &g.transit)
	}
	if g.chance(pick(340, 460)) {
		g.purchase(d, &g.rides)
	}
	if !d.Before(g.nextFuel) {
		g.purchase(d, &g.gas)
		g.nextFuel = d.AddDate(0, 0, 6+g.r.IntN(6))
	}
	if g.chance(130) {
		g.purchase(d, &g.parking)
	}
	if g.chance(480) {
		g.purchase(d, &g.amazon)
		if g.chance(150) {
			g.purchase(d, &g.amazon)
		}
	}
	if g.chance(30) {
		// A return credited back to the card.
		s := g.pickStore(&g.amazon)
		g.emit(d, g.expandOcc(s.locs[0].v, d), g.vary(s.typ, s.spread), AccountCreditCard, catMerchandise)
	}
	if g.chance(pick(180, 330)) {
		g.purchase(d, &g.retail)
	}
	if g.chance(140) {
		g.purchase(d, &g.convenience)
	}
	if g.chance(pick(60, 170)) {
		g.purchase(d, &g.fun)
	}
	if g.chance(40) {
		g.purchase(d, &g.pharmacy)
	}
	if g.chance(pick(20, 0)) {
		g.purchase(d, &g.doctor)
	}
	if g.chance(pick(20, 130)) {
		g.purchase(d, &g.home)
	}
	if g.chance(30) {
		g.purchase(d, &g.shipping)
	}
	if g.chance(pick(15, 80)) {
		g.purchase(d, &g.carCare)
	}
	if g.chance(pick(50, 0)) {
		g.purchase(d, &g.cleaner)
	}
	if !d.Before(g.nextHair) {
		g.purchase(d, &g.barber)
		g.nextHair = d.AddDate(0, 0, 26+g.r.IntN(12))
	}
	if g.chance(4) {
		g.emit(d, "SEATTLE MUNICIPAL COURT PARKING CITATION", -4700, AccountCreditCard, catGovernment)
	}
	g.transfers(d)
}

// transfers emits person-to-person payments and cash withdrawals.
func (g *gen) transfers(d time.Time) {
	if g.chance(60) {
		g.emit(d, "ZELLE FROM "+g.friend()+" CONF# "+g.alnum(9), g.roundish(g.vary(4500, 600)), AccountChecking, catTransferIn)
	}
	if g.chance(60) {
		g.emit(d, "ZELLE TO "+g.friend()+" CONF# "+g.alnum(9), -g.roundish(g.vary(5000, 600)), AccountChecking, catTransferOut)
	}
	if g.chance(60) {
		g.emit(d, "VENMO PAYMENT "+g.digits(10), -g.roundish(g.vary(3000, 600)), AccountChecking, catTransferOut)
	}
	if g.chance(25) {
		g.emit(d, "VENMO CASHOUT "+g.digits(10), g.roundish(g.vary(6000, 500)), AccountChecking, catTransferIn)
	}
	if g.chance(45) {
		amt := []int64{4000, 6000, 6000, 8000, 10000, 10000, 20000}[g.r.IntN(7)]
		g.emit(d, "ATM WITHDRAWAL "+g.digits(6)+" "+pickW(g.r, atmLocations), -amt, AccountChecking, catTransferOut)
		if g.chance(300) {
			g.emit(d, "NON-NETWORK ATM FEE", -250, AccountChecking, catBankFees)
		}
	}
}

// tripDay emits spending on a day of the trip abroad (home routine paused).
func (g *gen) tripDay(d time.Time) {
	t := g.trip
	foreign := func(s *store) {
		c := g.vary(s.typ, s.spread)
		g.emit(d, g.expandOcc(pickW(g.r, s.locs), d), -c, AccountCreditCard, s.cat)
		g.emit(d, "FOREIGN TRANSACTION FEE", -((c*3 + 50) / 100), AccountCreditCard, catBankFees)
	}
	if d.Equal(t.first) || d.Equal(t.last) {
		g.emit(d, "UBER *TRIP HELP.UBER.COM", -g.vary(4800, 200), AccountCreditCard, catTransport)
		g.emit(d, "HUDSON NEWS SEA-TAC AIRPORT", -g.vary(1400, 400), AccountCreditCard, catMerchandise)
	}
	if d.Equal(t.last) {
		c := g.vary(t.dest.nightly, 100) * int64(t.nights)
		g.emit(d, t.dest.hotel, -c, AccountCreditCard, catTravel)
		g.emit(d, "FOREIGN TRANSACTION FEE", -((c*3 + 50) / 100), AccountCreditCard, catBankFees)
	}
	meals := 2 + g.r.IntN(2)
	if d.Equal(t.first) || d.Equal(t.last) {
		meals = 1
	}
	for range meals {
		foreign(g.pickStore(&t.rest))
	}
	if d.Equal(t.sightDay) {
		foreign(t.sight)
	}
	if g.chance(400) {
		foreign(g.pickStore(&t.shops))
	}
	for range g.r.IntN(3) {
		g.emit(d, "UBER *TRIP HELP.UBER.COM", -g.vary(900, 400), AccountCreditCard, catTransport)
	}
}

// cardPayments pays each month's credit-card statement from checking: on the
// 23rd, the previous calendar month's net card spending (extrapolated when
// the month is only partly generated).
func (g *gen) cardPayments() {
	for m := time.Date(g.first.Year(), g.first.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(g.end); m = m.AddDate(0, 1, 0) {
		pay := m.AddDate(0, 0, 22)
		if !g.inRange(pay) {
			continue
		}
		p0, p1 := m.AddDate(0, -1, 0), m // statement month [p0, p1)
		var sum int64
		for _, t := range g.out {
			if t.Account == AccountCreditCard && t.Category != catLoan && !t.Date.Before(p0) && t.Date.Before(p1) {
				sum += parseCents(t.Amount)
			}
		}
		owed := -sum
		total := int64(p1.Sub(p0) / (24 * time.Hour))
		if covered := int64(p1.Sub(maxTime(p0, g.first)) / (24 * time.Hour)); covered < total {
			if covered <= 0 {
				owed = g.vary(240000, 250)
			} else {
				owed = owed * total / covered
			}
		}
		if owed <= 0 {
			continue
		}
		g.scheduled("card autopay", pay, "CHASE CREDIT CRD AUTOPAY PPD ID: 4760039224", -owed, AccountChecking, catLoan)
		g.scheduled("card autopay received", pay, "AUTOMATIC PAYMENT - THANK YOU", owed, AccountCreditCard, catLoan)
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// parseCents parses the output of formatCents back into cents.
func parseCents(s string) int64 {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	c := w*100 + f
	if neg {
		return -c
	}
	return c
}

// purchase emits one card purchase at a merchant of gr, on the credit card or
// (debitPct of the time) on the checking debit card with a bank prefix.
func (g *gen) purchase(d time.Time, gr *group) {
	s := g.pickStore(gr)
	desc := g.expandOcc(pickW(g.r, s.locs), d)
	c := g.vary(s.typ, s.spread)
	if g.r.IntN(100) < gr.debitPct {
		if gr.inPerson && g.chance(400) {
			desc = "POS PURCHASE " + desc
		} else {
			when := d.AddDate(0, 0, -g.r.IntN(2))
			desc = "CHECKCARD " + when.Format("0102") + " " + desc
		}
		g.emit(d, desc, -c, AccountChecking, s.cat)
		return
	}
	g.emit(d, desc, -c, AccountCreditCard, s.cat)
}

func (g *gen) pickStore(gr *group) *store { return pickW(g.r, gr.stores) }

func pickW[T any](r *rand.Rand, xs []weighted[T]) T {
	total := 0
	for _, x := range xs {
		total += x.w
	}
	n := r.IntN(total)
	for _, x := range xs {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	return xs[len(xs)-1].v
}

// chance reports true with probability permille/1000.
func (g *gen) chance(permille int) bool { return g.r.IntN(1000) < permille }

// vary returns a positive amount in cents scattered log-normally around typ
// (its median) with a spread of roughly spread/1000 in log space. It is pure
// integer arithmetic: six random multiplicative steps, each multiplying or
// dividing by 1+u with u uniform in [0, w], which keeps the median at typ.
func (g *gen) vary(typ, spread int64) int64 {
	if spread <= 0 {
		return typ
	}
	w := min(spread*1000/1414, 2000) // permille
	v := typ * 1000                  // milli-cents
	for range 6 {
		f := 1000 + g.r.Int64N(w+1)
		if g.r.IntN(2) == 0 {
			v = v * f / 1000
		} else {
			v = v * 1000 / f
		}
	}
	return max((v+500)/1000, 1)
}

// roundish rounds a person-to-person amount the way people split bills:
// usually to whole dollars, sometimes to five dollars.
func (g *gen) roundish(c int64) int64 {
	switch n := g.r.IntN(10); {
	case n < 4:
		return max((c+250)/500*500, 500)
	case n < 9:
		return max((c+50)/100*100, 100)
	}
	return c
}

func (g *gen) friend() string { return pickW(g.r, friends) }

const (
	upper  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	alnums = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

func (g *gen) digits(n int) string  { return g.fromSet("0123456789", n) }
func (g *gen) letters(n int) string { return g.fromSet(upper, n) }
func (g *gen) alnum(n int) string   { return g.fromSet(alnums, n) }

func (g *gen) fromSet(set string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[g.r.IntN(len(set))]
	}
	return string(b)
}

// expand replaces each {token} of t for which f reports ok.
func expand(t string, f func(tok string) (string, bool)) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(t[:i])
		if s, ok := f(t[i+1 : i+j]); ok {
			b.WriteString(s)
		} else {
			b.WriteString(t[i : i+j+1])
		}
		t = t[i+j+1:]
	}
	b.WriteString(t)
	return b.String()
}

// tokenLen parses tokens like "s4" (kind 's', length 4).
func tokenLen(tok string, kind byte) (int, bool) {
	if len(tok) < 2 || tok[0] != kind {
		return 0, false
	}
	n, err := strconv.Atoi(tok[1:])
	return n, err == nil && n > 0
}

func hasLocToken(t string) bool {
	found := false
	expand(t, func(tok string) (string, bool) {
		_, s := tokenLen(tok, 's')
		_, l := tokenLen(tok, 'L')
		found = found || s || l || tok == "city"
		return "", false
	})
	return found
}

func (g *gen) expandLoc(t string) string {
	return expand(t, func(tok string) (string, bool) {
		if n, ok := tokenLen(tok, 's'); ok {
			return g.digits(n), true
		}
		if n, ok := tokenLen(tok, 'L'); ok {
			return g.letters(n), true
		}
		if tok == "city" {
			return pickW(g.r, homeCities), true
		}
		return "", false
	})
}

func (g *gen) expandOcc(t string, d time.Time) string {
	return expand(t, func(tok string) (string, bool) {
		if n, ok := tokenLen(tok, 'd'); ok {
			return g.digits(n), true
		}
		if n, ok := tokenLen(tok, 'a'); ok {
			return g.alnum(n), true
		}
		switch tok {
		case "day":
			return strings.ToUpper(d.Weekday().String()[:3]), true
		case "hr":
			return strconv.Itoa(5+g.r.IntN(7)) + "PM", true
		}
		return "", false
	})
}
