package recurring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var (
	now   = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	today = day(2025, 6, 15)
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// txnGen numbers transactions so that every test input has unique IDs.
type txnGen struct{ n int }

func (g *txnGen) txn(merchant string, d time.Time, amount int64) Txn {
	g.n++
	return Txn{
		ID: fmt.Sprintf("t%04d", g.n), Date: d.Add(9 * time.Hour), AmountMinor: amount, Currency: "USD",
		MerchantKey: merchant, Merchant: merchant, Category: "test",
	}
}

// nominal is the k-th nominal date of a series anchored at start.
func nominal(c Cadence, start time.Time, k int) time.Time {
	return newSchedule(c, civil(start)).at(k).in(time.UTC)
}

// series generates count occurrences ending at the last nominal date before now,
// each jittered by up to ±jitter days and its amount by up to ±noise (relative). It
// returns the transactions and the nominal next date.
func series(g *txnGen, r *rand.Rand, merchant string, c Cadence, start time.Time, amount int64, jitter int, noise float64) ([]Txn, time.Time) {
	var out []Txn
	k := 0
	for ; nominal(c, start, k).Before(today); k++ {
		d := nominal(c, start, k)
		if jitter > 0 {
			d = d.AddDate(0, 0, r.IntN(2*jitter+1)-jitter)
		}
		a := amount
		if noise > 0 {
			a = int64(math.Round(float64(amount) * (1 + noise*(2*r.Float64()-1))))
		}
		out = append(out, g.txn(merchant, d, a))
	}
	return out, nominal(c, start, k)
}

func shuffled(r *rand.Rand, t []Txn) []Txn {
	t = slices.Clone(t)
	r.Shuffle(len(t), func(i, j int) { t[i], t[j] = t[j], t[i] })
	return t
}

func byMerchant(s []Series, m string) []Series {
	var out []Series
	for _, x := range s {
		if x.MerchantKey == m {
			out = append(out, x)
		}
	}
	return out
}

func one(t *testing.T, s []Series, m string) Series {
	t.Helper()
	got := byMerchant(s, m)
	if len(got) != 1 {
		t.Fatalf("%s: %d series, want 1: %+v", m, len(got), got)
	}
	return got[0]
}

func TestCadencesWithJitter(t *testing.T) {
	cases := []struct {
		cad          Cadence
		start        time.Time
		amount       int64
		subscription bool
	}{
		{Weekly, day(2025, 1, 6), -1500, true},
		{BiWeekly, day(2024, 11, 1), -4000, false},
		{Monthly, day(2024, 4, 12), -1599, true},
		{Quarterly, day(2022, 9, 20), -12000, false},
		{Yearly, day(2020, 8, 3), -9900, true},
	}
	for _, tc := range cases {
		for seed := uint64(1); seed <= 25; seed++ {
			r := rand.New(rand.NewPCG(seed, 7))
			var g txnGen
			txns, next := series(&g, r, "svc", tc.cad, tc.start, tc.amount, 2, 0.01)
			got := Detect(shuffled(r, txns), DefaultOptions(now))
			if len(got) != 1 {
				t.Fatalf("%s seed %d: %d series, want 1: %+v", tc.cad, seed, len(got), got)
			}
			s := got[0]
			if s.Cadence != tc.cad {
				t.Errorf("%s seed %d: cadence %s", tc.cad, seed, s.Cadence)
			}
			if d := int(civil(s.NextDate) - civil(next)); abs(d) > 2 {
				t.Errorf("%s seed %d: next %s, want %s ±2d", tc.cad, seed, s.NextDate.Format(time.DateOnly), next.Format(time.DateOnly))
			}
			if s.Occurrences != len(txns) {
				t.Errorf("%s seed %d: %d occurrences, want %d", tc.cad, seed, s.Occurrences, len(txns))
			}
			if s.Subscription != tc.subscription || s.AmountChanged || s.Ended {
				t.Errorf("%s seed %d: subscription %v changed %v ended %v", tc.cad, seed, s.Subscription, s.AmountChanged, s.Ended)
			}
			if float64(abs(s.NextAmountMinor-tc.amount)) > 0.01*float64(-tc.amount) {
				t.Errorf("%s seed %d: next amount %d, want ≈%d", tc.cad, seed, s.NextAmountMinor, tc.amount)
			}
			if s.Confidence < 0.5 || s.Confidence > 1 {
				t.Errorf("%s seed %d: confidence %.2f", tc.cad, seed, s.Confidence)
			}
		}
	}
}

func TestPriceIncrease(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after int64
		newCount      int
	}{
		{"big step, separate amount clusters", -999, -1299, 5},
		{"small step within the amount tolerance", -1549, -1699, 5},
		{"just increased, one occurrence at the new price", -1099, -1399, 1},
	} {
		var g txnGen
		var txns []Txn
		start := day(2024, 5, 10)
		const total = 13
		for k := range total {
			a := tc.before
			if k >= total-tc.newCount {
				a = tc.after
			}
			txns = append(txns, g.txn("netflix", nominal(Monthly, start, k).AddDate(0, 0, k%3-1), a))
		}
		s := one(t, Detect(txns, DefaultOptions(now)), "netflix")
		if !s.AmountChanged || s.NextAmountMinor != tc.after || s.PreviousAmountMinor != tc.before ||
			s.LastAmountMinor != tc.after || s.TypicalAmountMinor != tc.after {
			t.Errorf("%s: changed %v next %d prev %d last %d typical %d", tc.name, s.AmountChanged,
				s.NextAmountMinor, s.PreviousAmountMinor, s.LastAmountMinor, s.TypicalAmountMinor)
		}
		if s.Occurrences != total || !s.Subscription || s.Cadence != Monthly {
			t.Errorf("%s: %d occurrences, subscription %v, %s", tc.name, s.Occurrences, s.Subscription, s.Cadence)
		}
		if want := txns[total-tc.newCount].Date; !s.AmountChangedAt.Equal(want) {
			t.Errorf("%s: changed at %s, want %s", tc.name, s.AmountChangedAt, want)
		}
		if pc := PriceChanges([]Series{s, {MerchantKey: "other"}}); len(pc) != 1 || pc[0].MerchantKey != "netflix" {
			t.Errorf("%s: PriceChanges %+v", tc.name, pc)
		}
	}
}

func TestMonthEnd(t *testing.T) {
	var g txnGen
	var txns []Txn
	for _, d := range []time.Time{
		day(2024, 10, 31), day(2024, 11, 30), day(2024, 12, 31), day(2025, 1, 31),
		day(2025, 2, 28), day(2025, 3, 31), day(2025, 4, 30), day(2025, 5, 31),
	} {
		txns = append(txns, g.txn("rent", d, -150000))
	}
	s := one(t, Detect(txns, DefaultOptions(now)), "rent")
	if s.Cadence != Monthly || s.Occurrences != 8 || !s.NextDate.Equal(day(2025, 6, 30)) {
		t.Fatalf("got %s ×%d next %s", s.Cadence, s.Occurrences, s.NextDate)
	}
	// The calendar stays on the month's last day when rolled forward.
	up := Upcoming([]Series{s}, day(2025, 7, 1), 40*24*time.Hour)
	if len(up) != 1 || !up[0].NextDate.Equal(day(2025, 7, 31)) {
		t.Fatalf("Upcoming: %+v", up)
	}
}

func TestLeapDayYearly(t *testing.T) {
	var g txnGen
	txns := []Txn{
		g.txn("domain", day(2020, 2, 29), -1500), g.txn("domain", day(2021, 2, 28), -1500),
		g.txn("domain", day(2022, 2, 28), -1500), g.txn("domain", day(2023, 2, 28), -1500),
		g.txn("domain", day(2024, 2, 29), -1500), g.txn("domain", day(2025, 2, 28), -1500),
	}
	s := one(t, Detect(txns, DefaultOptions(now)), "domain")
	if s.Cadence != Yearly || s.Occurrences != 6 || !s.NextDate.Equal(day(2026, 2, 28)) {
		t.Fatalf("got %s ×%d next %s", s.Cadence, s.Occurrences, s.NextDate)
	}
}

// randomTxns spreads n one-off purchases over merchants at random dates in the year
// before now, with amounts log-uniform between $3 and $300.
func randomTxns(g *txnGen, r *rand.Rand, n, merchants int) []Txn {
	var out []Txn
	for range n {
		d := today.AddDate(0, 0, -r.IntN(365))
		a := -int64(math.Round(300 * math.Exp(r.Float64()*math.Log(100))))
		out = append(out, g.txn(fmt.Sprintf("shop%02d", r.IntN(merchants)), d, a))
	}
	return out
}

func TestRandomPurchasesAreNotRecurring(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		var g txnGen
		for _, merchants := range []int{100, 60} {
			if got := Detect(randomTxns(&g, r, 300, merchants), DefaultOptions(now)); len(got) != 0 {
				t.Errorf("seed %d, %d merchants: false positives %+v", seed, merchants, got)
			}
		}
	}
}

func TestRecurringAmongNoise(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var g txnGen
	txns := randomTxns(&g, r, 300, 40)
	spotify, _ := series(&g, r, "spotify", Monthly, day(2024, 7, 21), -1199, 1, 0)
	gym, _ := series(&g, r, "gym", Weekly, day(2025, 2, 3), -2500, 1, 0)
	txns = append(txns, spotify...)
	txns = append(txns, gym...)
	// One-off purchases at the subscription's merchant break its amount pattern.
	oneOff := []Txn{g.txn("spotify", day(2025, 3, 21), -25000), g.txn("spotify", day(2024, 12, 2), -4999)}
	txns = append(txns, oneOff...)
	got := Detect(shuffled(r, txns), DefaultOptions(now))
	if len(got) != 2 {
		t.Fatalf("%d series, want 2: %+v", len(got), got)
	}
	s := one(t, got, "spotify")
	for _, o := range oneOff {
		if slices.Contains(s.TxnIDs, o.ID) {
			t.Errorf("one-off %s joined the series", o.ID)
		}
	}
	if s.Occurrences != len(spotify) || s.AmountChanged {
		t.Errorf("spotify: %d occurrences, changed %v", s.Occurrences, s.AmountChanged)
	}
	if s := one(t, got, "gym"); s.Cadence != Weekly || !s.Subscription {
		t.Errorf("gym: %s subscription %v", s.Cadence, s.Subscription)
	}
	// Sorted by next date.
	if !slices.IsSortedFunc(got, func(a, b Series) int { return a.NextDate.Compare(b.NextDate) }) {
		t.Error("not sorted by next date")
	}
}

func TestEnded(t *testing.T) {
	var g txnGen
	var txns []Txn
	for k := range 10 {
		txns = append(txns, g.txn("magazine", nominal(Monthly, day(2024, 5, 8), k), -899)) // last 2025-02-08
	}
	if got := Detect(txns, DefaultOptions(now)); len(got) != 0 {
		t.Fatalf("ended series reported: %+v", got)
	}
	o := DefaultOptions(now)
	o.IncludeEnded = true
	s := one(t, Detect(txns, o), "magazine")
	if !s.Ended || !s.NextDate.Equal(day(2025, 3, 8)) {
		t.Fatalf("ended %v next %s", s.Ended, s.NextDate)
	}
	if up := Upcoming([]Series{s}, now, 60*24*time.Hour); len(up) != 0 {
		t.Fatalf("ended series upcoming: %+v", up)
	}
	// One missed month is a late or failed payment, not an end.
	o.Now = day(2025, 4, 1)
	if s := one(t, Detect(txns, o), "magazine"); s.Ended {
		t.Fatal("ended after one missed month")
	}
}

func TestInterleavedAtOneMerchant(t *testing.T) {
	for _, sameDay := range []bool{false, true} {
		r := rand.New(rand.NewPCG(5, 5))
		var g txnGen
		a, _ := series(&g, r, "apple", Monthly, day(2024, 6, 3), -99, 1, 0)
		bStart := day(2024, 6, 17)
		if sameDay {
			bStart = day(2024, 6, 3)
		}
		b, _ := series(&g, r, "apple", Monthly, bStart, -999, 1, 0)
		got := byMerchant(Detect(shuffled(r, append(a, b...)), DefaultOptions(now)), "apple")
		if len(got) != 2 {
			t.Fatalf("same day %v: %d series, want 2: %+v", sameDay, len(got), got)
		}
		amounts := []int64{got[0].TypicalAmountMinor, got[1].TypicalAmountMinor}
		slices.Sort(amounts)
		if amounts[0] != -999 || amounts[1] != -99 {
			t.Errorf("same day %v: amounts %v", sameDay, amounts)
		}
		for _, s := range got {
			n := len(a)
			if s.TypicalAmountMinor == -999 {
				n = len(b)
			}
			if s.Occurrences != n || !s.Subscription || s.AmountChanged {
				t.Errorf("same day %v: %+v", sameDay, s)
			}
		}
	}
}

// A merchant billing the same price on two calendars (two family members' plans).
func TestSamePriceTwoCalendars(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	var g txnGen
	a, _ := series(&g, r, "cloud", Monthly, day(2024, 6, 3), -299, 1, 0)
	b, _ := series(&g, r, "cloud", Monthly, day(2024, 9, 18), -299, 1, 0)
	got := byMerchant(Detect(append(a, b...), DefaultOptions(now)), "cloud")
	if len(got) != 2 || got[0].Occurrences+got[1].Occurrences != len(a)+len(b) {
		t.Fatalf("%+v", got)
	}
}

func TestSalary(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	var g txnGen
	txns, next := series(&g, r, "acme payroll", BiWeekly, day(2024, 9, 6), 250000, 1, 0)
	s := one(t, Detect(txns, DefaultOptions(now)), "acme payroll")
	if s.Cadence != BiWeekly || s.Subscription || s.NextAmountMinor != 250000 || abs(int(civil(s.NextDate)-civil(next))) > 1 {
		t.Fatalf("%+v", s)
	}
}

func TestSkippedAndDuplicate(t *testing.T) {
	var g txnGen
	var txns []Txn
	for k := range 12 {
		d := nominal(Monthly, day(2024, 6, 20), k)
		if k == 5 {
			continue // a failed payment
		}
		txns = append(txns, g.txn("insurance", d, -8900))
		if k == 8 {
			txns = append(txns, g.txn("insurance", d.AddDate(0, 0, 1), -8900)) // charged twice
		}
	}
	s := one(t, Detect(txns, DefaultOptions(now)), "insurance")
	if s.Occurrences != 11 || s.Cadence != Monthly || !s.NextDate.Equal(day(2025, 6, 20)) {
		t.Fatalf("%+v", s)
	}
	if s.Confidence >= 1 || s.Confidence < 0.5 {
		t.Errorf("confidence %.2f", s.Confidence)
	}
}

func TestUtilityBill(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	var g txnGen
	txns, _ := series(&g, r, "power co", Monthly, day(2024, 5, 25), -9000, 2, 0.15)
	s := one(t, Detect(txns, DefaultOptions(now)), "power co")
	if s.Subscription || s.AmountChanged || s.Occurrences != len(txns) {
		t.Fatalf("%+v", s)
	}
}

func TestGroceryIsNotASubscription(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewPCG(seed, 1))
		var g txnGen
		var txns []Txn
		for d := today.AddDate(-1, 0, 0); d.Before(today); d = d.AddDate(0, 0, 3+r.IntN(9)) {
			txns = append(txns, g.txn("grocer", d, -int64(2000+r.IntN(16000))))
		}
		for _, s := range Detect(txns, DefaultOptions(now)) {
			if s.Subscription {
				t.Errorf("seed %d: grocery is a subscription: %+v", seed, s)
			}
		}
	}
}

func TestDailyHabitIsNotWeekly(t *testing.T) {
	var g txnGen
	var txns []Txn
	for d := today.AddDate(0, 0, -120); d.Before(today); d = d.AddDate(0, 0, 1) {
		txns = append(txns, g.txn("coffee", d, -450))
	}
	if got := Detect(txns, DefaultOptions(now)); len(got) != 0 {
		t.Fatalf("%+v", got)
	}
}

func TestUpcoming(t *testing.T) {
	var g txnGen
	r := rand.New(rand.NewPCG(2, 2))
	w, _ := series(&g, r, "weekly box", Weekly, day(2025, 3, 3), -6000, 0, 0) // Mondays
	m, _ := series(&g, r, "phone", Monthly, day(2024, 12, 28), -3500, 0, 0)   // 28th
	y, _ := series(&g, r, "prime", Yearly, day(2022, 11, 11), -13900, 0, 0)   // Nov 11
	all := Detect(append(append(w, m...), y...), DefaultOptions(now))
	if len(all) != 3 {
		t.Fatalf("%+v", all)
	}
	up := Upcoming(all, now, 14*24*time.Hour) // through June 29
	var names []string
	for _, s := range up {
		names = append(names, s.MerchantKey+" "+s.NextDate.Format(time.DateOnly))
	}
	want := []string{"weekly box 2025-06-16", "phone 2025-06-28"}
	if !slices.Equal(names, want) {
		t.Fatalf("Upcoming = %v, want %v", names, want)
	}
	// Detected long ago: the weekly box rolls forward on its calendar.
	up = Upcoming(all, day(2025, 8, 1), 3*24*time.Hour)
	if len(up) != 1 || up[0].MerchantKey != "weekly box" || !up[0].NextDate.Equal(day(2025, 8, 4)) {
		t.Fatalf("rolled: %+v", up)
	}
}

func TestOptionsDefaults(t *testing.T) {
	var g txnGen
	var txns []Txn
	for k := range 6 {
		txns = append(txns, g.txn("news", nominal(Monthly, day(2024, 12, 1), k), -500))
	}
	// Zero options behave like the defaults with Now at the latest transaction.
	if s := one(t, Detect(txns, Options{}), "news"); s.Occurrences != 6 || s.Ended {
		t.Fatalf("%+v", s)
	}
	o := DefaultOptions(now)
	o.MinOccurrences = map[Cadence]int{Monthly: 7}
	if got := Detect(txns, o); len(got) != 0 {
		t.Fatalf("MinOccurrences ignored: %+v", got)
	}
}

// A user's three years: subscriptions, salary, bills and insurance among daily
// coffee, frequent lunches, weekly-ish groceries, Amazon shopping around a Prime
// membership and 900 purchases at 150 other shops.
func TestRealisticProfile(t *testing.T) {
	r := rand.New(rand.NewPCG(42, 42))
	var g txnGen
	var txns []Txn
	add := func(x []Txn, _ time.Time) { txns = append(txns, x...) }
	add(series(&g, r, "netflix", Monthly, day(2022, 7, 14), -1549, 0, 0))
	add(series(&g, r, "spotify", Monthly, day(2022, 7, 2), -1199, 1, 0))
	add(series(&g, r, "payroll", BiWeekly, day(2022, 7, 1), 320000, 1, 0))
	add(series(&g, r, "power", Monthly, day(2022, 7, 20), -9000, 2, 0.15))
	add(series(&g, r, "insurance", Quarterly, day(2022, 7, 5), -45000, 1, 0))
	add(series(&g, r, "domain", Yearly, day(2022, 9, 9), -1500, 0, 0))
	add(series(&g, r, "amazon", Monthly, day(2022, 7, 25), -1499, 0, 0))
	txns = append(txns, randomTxns(&g, r, 900, 150)...)
	for d := day(2022, 7, 1); d.Before(today); d = d.AddDate(0, 0, 1) {
		if r.IntN(10) < 8 {
			txns = append(txns, g.txn("coffee", d, -450-int64(r.IntN(3))*50))
		}
		if r.IntN(7) < 3 {
			txns = append(txns, g.txn("lunch", d, -1200-int64(r.IntN(400))))
		}
		if r.IntN(7) == 0 {
			txns = append(txns, g.txn("grocer", d, -int64(2000+r.IntN(16000))))
		}
		if r.IntN(10) == 0 {
			txns = append(txns, g.txn("amazon", d, -int64(300+r.IntN(20000))))
		}
	}
	got := Detect(shuffled(r, txns), DefaultOptions(now))
	var desc []string
	for _, s := range got {
		desc = append(desc, fmt.Sprintf("%s %s sub=%v", s.MerchantKey, s.Cadence, s.Subscription))
	}
	want := []string{
		"power monthly sub=false", "amazon monthly sub=true", "payroll biweekly sub=false",
		"spotify monthly sub=true", "insurance quarterly sub=false", "netflix monthly sub=true",
		"domain yearly sub=true",
	}
	if !slices.Equal(desc, want) {
		t.Fatalf("got\n%v\nwant\n%v", desc, want)
	}
}

func TestDateConversions(t *testing.T) {
	for d := time.Date(1899, 12, 25, 0, 0, 0, 0, time.UTC); d.Year() < 2101; d = d.AddDate(0, 0, 1) {
		n := civil(d)
		if int64(n) != d.Unix()/86400 || !n.in(time.UTC).Equal(d) {
			t.Fatalf("%s: %d", d, n)
		}
	}
	// A date is its calendar day wherever the transaction was recorded.
	tokyo := time.FixedZone("JST", 9*3600)
	if civil(time.Date(2025, 3, 1, 0, 30, 0, 0, tokyo)) != civil(day(2025, 3, 1)) {
		t.Fatal("civil depends on the zone")
	}
}
