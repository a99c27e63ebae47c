package integration

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aithena/aithena/ask"
	"github.com/aithena/aithena/embed"
	"github.com/aithena/aithena/merchant"
	"github.com/aithena/aithena/seed"
	"github.com/google/uuid"
	"github.com/pgvector/pgvector-go"
)

// askRow is one stored transaction, read with a plain SELECT of everything the user has: the
// expected answers are computed from these rows in Go, independently of store/ask.go's SQL.
type askRow struct {
	ID                           uuid.UUID
	Day                          time.Time
	Amount                       int64
	Currency, Merchant, Key, Cat string
	Status, Model                string
	Embedding                    []float32
}

func askRows(t *testing.T, userID uuid.UUID) []askRow {
	t.Helper()
	rows, err := deps.Store.Pool.Query(context.Background(), `SELECT id, posted_at, amount_minor, currency, merchant,
		merchant_key, category, status, embedding_model, embedding FROM transactions WHERE user_id = $1`, userID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []askRow
	for rows.Next() {
		var r askRow
		var v pgvector.Vector
		if err := rows.Scan(&r.ID, &r.Day, &r.Amount, &r.Currency, &r.Merchant, &r.Key, &r.Cat, &r.Status, &r.Model, &v); err != nil {
			t.Fatal(err)
		}
		r.Embedding = v.Slice()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// askSpan is an inclusive range of days; zero means all time.
type askSpan struct{ from, to time.Time }

// askEnv holds one user's rows and the calendar the expectations are written in.
type askEnv struct {
	rows    []askRow
	day0    time.Time // today
	budgets map[string]int64
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func lastDay(y int, m time.Month) int { return date(y, m+1, 1).AddDate(0, 0, -1).Day() }

// The periods, written out longhand.
func (e *askEnv) thisMonth() askSpan { return askSpan{date(e.day0.Year(), e.day0.Month(), 1), e.day0} }
func (e *askEnv) lastMonth() askSpan { return e.monthsBack(1) }
func (e *askEnv) monthsBack(n int) askSpan {
	y, m := e.day0.Year(), e.day0.Month()-time.Month(n)
	for m < 1 {
		m += 12
		y--
	}
	return askSpan{date(y, m, 1), date(y, m, lastDay(y, m))}
}
func (e *askEnv) month(m time.Month) askSpan { // the latest m that has begun, up to today
	y := e.day0.Year()
	if m > e.day0.Month() {
		y--
	}
	s := askSpan{date(y, m, 1), date(y, m, lastDay(y, m))}
	if s.to.After(e.day0) {
		s.to = e.day0
	}
	return s
}
func (e *askEnv) before(s askSpan) askSpan { // the calendar month before a month
	first := s.from.AddDate(0, -1, 0)
	return askSpan{first, date(first.Year(), first.Month(), lastDay(first.Year(), first.Month()))}
}
func (e *askEnv) since(m time.Month) askSpan { return askSpan{e.month(m).from, e.day0} }
func (e *askEnv) lastDays(n int) askSpan     { return askSpan{e.day0.AddDate(0, 0, -(n - 1)), e.day0} }
func (e *askEnv) lastMonths(n int) askSpan {
	y, m := e.day0.Year(), e.day0.Month()-time.Month(n)
	for m < 1 {
		m += 12
		y--
	}
	d := min(e.day0.Day(), lastDay(y, m))
	return askSpan{date(y, m, d).AddDate(0, 0, 1), e.day0}
}
func (e *askEnv) thisYear() askSpan { return askSpan{date(e.day0.Year(), 1, 1), e.day0} }
func (e *askEnv) lastYear() askSpan {
	return askSpan{date(e.day0.Year()-1, 1, 1), date(e.day0.Year()-1, 12, 31)}
}
func (e *askEnv) oneDay(back int) askSpan {
	d := e.day0.AddDate(0, 0, -back)
	return askSpan{d, d}
}
func (e *askEnv) week(back int) askSpan {
	monday := e.day0.AddDate(0, 0, -((int(e.day0.Weekday())+6)%7)-7*back)
	s := askSpan{monday, monday.AddDate(0, 0, 6)}
	if s.to.After(e.day0) {
		s.to = e.day0
	}
	return s
}
func (e *askEnv) threeFullMonths() askSpan {
	return askSpan{e.monthsBack(3).from, e.monthsBack(1).to}
}

// pick selects the rows a question is about: never fraud; money out (or in), the span, the
// category and the merchant key when given.
func (e *askEnv) pick(s askSpan, cat, key string, in bool) []askRow {
	var out []askRow
	for _, r := range e.rows {
		if r.Status == "fraud" || (in && r.Amount <= 0) || (!in && r.Amount >= 0) ||
			!s.from.IsZero() && (r.Day.Before(s.from) || r.Day.After(s.to)) ||
			cat != "" && r.Cat != cat || key != "" && r.Key != key {
			continue
		}
		out = append(out, r)
	}
	return out
}

func mag(r askRow) int64 {
	if r.Amount < 0 {
		return -r.Amount
	}
	return r.Amount
}

// sums totals rows per currency.
func sums(rs []askRow) (map[string]int64, map[string]int64) {
	sum, n := map[string]int64{}, map[string]int64{}
	for _, r := range rs {
		sum[r.Currency] += mag(r)
		n[r.Currency]++
	}
	return sum, n
}

// askCheck compares a result with the expectation; nil means exact.
type askCheck struct {
	intent ask.Intent
	check  func(e *askEnv, r ask.Result) error
}

func value(r ask.Result) (int64, error) {
	if r.Value == nil {
		return 0, fmt.Errorf("no value")
	}
	if r.Currency != "USD" {
		return 0, fmt.Errorf("currency %s", r.Currency)
	}
	return *r.Value, nil
}

func wantValue(r ask.Result, want int64) error {
	got, err := value(r)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("value %d, want %d", got, want)
	}
	return nil
}

func spend(s func(*askEnv) askSpan, cat, key string, in bool) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		sum, n := sums(e.pick(s(e), cat, key, in))
		if err := wantValue(r, sum["USD"]); err != nil {
			return err
		}
		// Every currency is reported, none is added to another.
		if len(r.Totals) != len(sum) {
			return fmt.Errorf("%d totals, want %d", len(r.Totals), len(sum))
		}
		for _, tt := range r.Totals {
			if tt.AmountMinor != sum[tt.Currency] || tt.Count != n[tt.Currency] {
				return fmt.Errorf("%s total %d (%d), want %d (%d)", tt.Currency, tt.AmountMinor, tt.Count, sum[tt.Currency], n[tt.Currency])
			}
		}
		return nil
	}
}

func compare(a, b func(*askEnv) askSpan, cat, key string) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		x, _ := sums(e.pick(a(e), cat, key, false))
		y, _ := sums(e.pick(b(e), cat, key, false))
		return wantValue(r, x["USD"]-y["USD"])
	}
}

type askGroup struct {
	key      string
	sum, n   int64
	currency string
}

// ranking groups USD money out by key, largest first, then most transactions, then key.
func ranking(rs []askRow, keyOf func(askRow) string) []askGroup {
	idx := map[string]*askGroup{}
	var out []*askGroup
	for _, r := range rs {
		if r.Currency != "USD" {
			continue
		}
		k := keyOf(r)
		if idx[k] == nil {
			idx[k] = &askGroup{key: k, currency: r.Currency}
			out = append(out, idx[k])
		}
		idx[k].sum += mag(r)
		idx[k].n++
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].sum != out[j].sum {
			return out[i].sum > out[j].sum
		}
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].key < out[j].key
	})
	gs := make([]askGroup, len(out))
	for i, g := range out {
		gs[i] = *g
	}
	return gs
}

func top(s func(*askEnv) askSpan, cat string, n int, byMerchant bool) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		keyOf := func(x askRow) string { return x.Cat }
		if byMerchant {
			keyOf = func(x askRow) string { return x.Key }
		}
		want := ranking(e.pick(s(e), cat, "", false), keyOf)
		want = want[:min(n, len(want))]
		if len(r.Rows) < len(want) {
			return fmt.Errorf("%d rows, want %d", len(r.Rows), len(want))
		}
		for i, w := range want {
			if g := r.Rows[i]; g.Key != w.key || g.AmountMinor != w.sum || g.Count != w.n {
				return fmt.Errorf("row %d: %s %d (%d), want %s %d (%d)", i, g.Key, g.AmountMinor, g.Count, w.key, w.sum, w.n)
			}
		}
		if len(want) == 0 {
			return nil
		}
		return wantValue(r, want[0].sum)
	}
}

func largest(s func(*askEnv) askSpan, cat, key string, n int) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		var usd []askRow
		for _, x := range e.pick(s(e), cat, key, false) {
			if x.Currency == "USD" {
				usd = append(usd, x)
			}
		}
		sort.Slice(usd, func(i, j int) bool { return usd[i].Amount < usd[j].Amount })
		usd = usd[:min(n, len(usd))]
		if len(r.Rows) != len(usd) {
			return fmt.Errorf("%d rows, want %d", len(r.Rows), len(usd))
		}
		byID := map[string]askRow{}
		for _, x := range e.pick(s(e), cat, key, false) {
			byID[x.ID.String()] = x
		}
		for i, w := range usd {
			got, ok := byID[r.Rows[i].ID]
			if !ok || got.Amount != w.Amount || r.Rows[i].AmountMinor != w.Amount {
				return fmt.Errorf("row %d: %s %d, want an amount of %d", i, r.Rows[i].ID, r.Rows[i].AmountMinor, w.Amount)
			}
		}
		if len(usd) == 0 {
			return nil
		}
		return wantValue(r, -usd[0].Amount)
	}
}

func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / math.Sqrt(na*nb)
}

// similar: the rows returned are the n most similar of the user's (non-fraud) rows, by a
// cosine computed here. pgvector sums in single precision, so similarities agree to 1e-5.
func similar(text string, s func(*askEnv) askSpan, n int) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		vs, _ := embed.Hashing{}.Embed(context.Background(), []string{merchant.Normalize(text)})
		sp := s(e)
		sim := map[string]float64{}
		var all []float64
		for _, x := range e.rows {
			if x.Status == "fraud" || x.Model != "hashing-v1" || !sp.from.IsZero() && (x.Day.Before(sp.from) || x.Day.After(sp.to)) {
				continue
			}
			c := cosine(vs[0], x.Embedding)
			sim[x.ID.String()] = c
			all = append(all, c)
		}
		slices.Sort(all)
		slices.Reverse(all)
		all = all[:min(n, len(all))]
		if len(r.Rows) != len(all) {
			return fmt.Errorf("%d rows, want %d", len(r.Rows), len(all))
		}
		for i, want := range all {
			got, ok := sim[r.Rows[i].ID]
			if !ok || r.Rows[i].Similarity == nil || math.Abs(got-want) > 1e-5 || math.Abs(*r.Rows[i].Similarity-got) > 1e-5 {
				return fmt.Errorf("row %d (%s): similarity %v, want %.6f", i, r.Rows[i].Merchant, r.Rows[i].Similarity, want)
			}
		}
		return nil
	}
}

func countOf(s func(*askEnv) askSpan, cat, key string, in bool) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		want := int64(len(e.pick(s(e), cat, key, in)))
		if r.Count == nil || *r.Count != want {
			return fmt.Errorf("count %v, want %d", r.Count, want)
		}
		return nil
	}
}

func avgPerTxn(s func(*askEnv) askSpan, cat, key string) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		sum, n := sums(e.pick(s(e), cat, key, false))
		var want int64
		if n["USD"] > 0 {
			want = int64(math.Round(float64(sum["USD"]) / float64(n["USD"])))
		}
		return wantValue(r, want)
	}
}

func avgPerMonth(s func(*askEnv) askSpan, months int, cat string) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		sum, _ := sums(e.pick(s(e), cat, "", false))
		return wantValue(r, int64(math.Round(float64(sum["USD"])/float64(months))))
	}
}

func budget(s func(*askEnv) askSpan, cat string) func(*askEnv, ask.Result) error {
	return func(e *askEnv, r ask.Result) error {
		month := s(e)
		var cats []string
		for c := range e.budgets {
			if cat == "" || c == cat {
				cats = append(cats, c)
			}
		}
		sort.Strings(cats)
		if len(r.Rows) != len(cats) {
			return fmt.Errorf("%d rows, want %d", len(r.Rows), len(cats))
		}
		var left int64
		for i, c := range cats {
			spent, _ := sums(e.pick(askSpan{month.from, date(month.from.Year(), month.from.Month(), lastDay(month.from.Year(), month.from.Month()))}, c, "", false))
			left += e.budgets[c] - spent["USD"]
			row := r.Rows[i]
			if row.Key != c || row.AmountMinor != spent["USD"] || row.BudgetMinor == nil || *row.BudgetMinor != e.budgets[c] {
				return fmt.Errorf("row %d: %+v, want %s spent %d of %d", i, row, c, spent["USD"], e.budgets[c])
			}
		}
		return wantValue(r, left)
	}
}

func (e *askEnv) expectations() map[string]askCheck {
	type sp = func(*askEnv) askSpan
	thisMonth, lastMonth, thisYear := (*askEnv).thisMonth, (*askEnv).lastMonth, (*askEnv).thisYear
	month := func(m time.Month) sp { return func(e *askEnv) askSpan { return e.month(m) } }
	since := func(m time.Month) sp { return func(e *askEnv) askSpan { return e.since(m) } }
	days := func(n int) sp { return func(e *askEnv) askSpan { return e.lastDays(n) } }
	months := func(n int) sp { return func(e *askEnv) askSpan { return e.lastMonths(n) } }
	fixed := func(a, b string) sp {
		return func(*askEnv) askSpan {
			x, _ := time.Parse(time.DateOnly, a)
			y, _ := time.Parse(time.DateOnly, b)
			return askSpan{x, y}
		}
	}
	allTime := func(*askEnv) askSpan { return askSpan{} }
	const food, transport = "FOOD_AND_DRINK", "TRANSPORTATION"
	return map[string]askCheck{
		"How much did I spend this month?":                                {ask.TotalSpend, spend(thisMonth, "", "", false)},
		"How much did I spend last month?":                                {ask.TotalSpend, spend(lastMonth, "", "", false)},
		"How much did I spend on groceries last month?":                   {ask.TotalSpend, spend(lastMonth, food, "", false)},
		"What did I spend at Starbucks in the last 30 days?":              {ask.TotalSpend, spend(days(30), "", "starbucks", false)},
		"How much have I spent on transportation this year?":              {ask.TotalSpend, spend(thisYear, transport, "", false)},
		"Total spent at Amazon since June":                                {ask.TotalSpend, spend(since(time.June), "", "amazon", false)},
		"how much did i spend on rent last month":                         {ask.TotalSpend, spend(lastMonth, "RENT_AND_UTILITIES", "", false)},
		"How much did I pay for Netflix in the last 3 months?":            {ask.TotalSpend, spend(months(3), "", "netflix", false)},
		"How much did I spend on food between 2026-09-01 and 2026-09-30?": {ask.TotalSpend, spend(fixed("2026-09-01", "2026-09-30"), food, "", false)},
		"How much did I spend yesterday?":                                 {ask.TotalSpend, spend(func(e *askEnv) askSpan { return e.oneDay(1) }, "", "", false)},
		"How much did I spend today?":                                     {ask.TotalSpend, spend(func(e *askEnv) askSpan { return e.oneDay(0) }, "", "", false)},
		"How much did I spend on Uber Eats in October?":                   {ask.TotalSpend, spend(month(time.October), "", "uber eats", false)},
		"spending on entertainment in the last 2 months":                  {ask.TotalSpend, spend(months(2), "ENTERTAINMENT", "", false)},
		"How much did I spend at Trader Joe's this year?":                 {ask.TotalSpend, spend(thisYear, "", "trader joes", false)},
		"how much did I spend on coffee last week":                        {ask.TotalSpend, spend(func(e *askEnv) askSpan { return e.week(1) }, food, "", false)},

		"What was my income last month?":      {ask.IncomeTotal, spend(lastMonth, "INCOME", "", true)},
		"How much did I earn this year?":      {ask.IncomeTotal, spend(thisYear, "INCOME", "", true)},
		"How much money came in last month?":  {ask.IncomeTotal, spend(lastMonth, "", "", true)},
		"How much did I get paid in October?": {ask.IncomeTotal, spend(month(time.October), "INCOME", "", true)},

		"Compare this month with last month":                               {ask.Compare, compare(thisMonth, lastMonth, "", "")},
		"Compare food spending this month vs last month":                   {ask.Compare, compare(thisMonth, lastMonth, food, "")},
		"Did I spend more on transportation in October than in September?": {ask.Compare, compare(month(time.October), month(time.September), transport, "")},
		"Amazon spending: October vs the month before": {ask.Compare, compare(month(time.October),
			func(e *askEnv) askSpan { return e.before(e.month(time.October)) }, "", "amazon")},
		"How does my spending this year compare to last year?": {ask.Compare, compare(thisYear, (*askEnv).lastYear, "", "")},

		"What are my top 5 merchants this month?":             {ask.TopMerchants, top(thisMonth, "", 5, true)},
		"Where did I spend the most last month?":              {ask.TopMerchants, top(lastMonth, "", 5, true)},
		"top 3 merchants for food in the last 90 days":        {ask.TopMerchants, top(days(90), food, 3, true)},
		"Which merchants did I spend the most at since June?": {ask.TopMerchants, top(since(time.June), "", 5, true)},

		"What did I spend the most on last month?": {ask.TopCategories, top(lastMonth, "", 5, false)},
		"Top categories this year":                 {ask.TopCategories, top(thisYear, "", 5, false)},
		"Spending by category in October":          {ask.TopCategories, top(month(time.October), "", 20, false)},

		"What was my biggest purchase last month?":        {ask.Largest, largest(lastMonth, "", "", 1)},
		"Show my 3 largest transactions this year":        {ask.Largest, largest(thisYear, "", "", 3)},
		"Largest food purchases in the last 60 days":      {ask.Largest, largest(days(60), food, "", 5)},
		"most expensive transaction at Amazon since July": {ask.Largest, largest(since(time.July), "", "amazon", 1)},

		"Show transactions like Starbucks":            {ask.Similar, similar("starbucks", allTime, 10)},
		"Find payments similar to blue bottle coffee": {ask.Similar, similar("blue bottle coffee", allTime, 10)},
		"anything like uber eats last month":          {ask.Similar, similar("uber eats", lastMonth, 10)},

		"How many times did I go to Starbucks last month?": {ask.Count, countOf(lastMonth, "", "starbucks", false)},
		"How many transactions at Chipotle this year?":     {ask.Count, countOf(thisYear, "", "chipotle", false)},
		"How many purchases did I make on food this week?": {ask.Count, countOf(func(e *askEnv) askSpan { return e.week(0) }, food, "", false)},
		"How many paychecks did I get this year?":          {ask.Count, countOf(thisYear, "INCOME", "", true)},

		"What's my average purchase at Starbucks?":             {ask.Average, avgPerTxn((*askEnv).threeFullMonths, "", "starbucks")},
		"How much do I spend on groceries per month?":          {ask.Average, avgPerMonth((*askEnv).threeFullMonths, 3, food)},
		"Average monthly spending on transportation this year": {ask.Average, avgPerMonth(thisYear, int(e.day0.Month()), transport)},
		"average transaction at Amazon last month":             {ask.Average, avgPerTxn(lastMonth, "", "amazon")},

		"Am I over budget this month?":                         {ask.Budget, budget(thisMonth, "")},
		"How is my food budget doing?":                         {ask.Budget, budget(thisMonth, food)},
		"What was my transportation budget status last month?": {ask.Budget, budget(lastMonth, transport)},
	}
}

// TestAskEvaluation asks every evaluation question of six months of seeded data and requires
// every answer to be exact against expectations computed here from the raw rows.
func TestAskEvaluation(t *testing.T) {
	ctx := context.Background()
	u := newUser(t)
	budgets := map[string]int64{"FOOD_AND_DRINK": 40000, "TRANSPORTATION": 15000, "ENTERTAINMENT": 5000}
	for c, a := range budgets {
		if err := deps.Store.SetBudget(ctx, u.ID, c, a, "USD"); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := seed.WriteCSV(&buf, seed.Generate(time.Now().AddDate(0, 0, -1), 6, 42)); err != nil {
		t.Fatal(err)
	}
	if _, st := u.importCSV(buf.String()); st.Progress.Status != "completed" || st.Progress.Accepted < 900 {
		t.Fatalf("import: %+v", st.Progress)
	}
	// A payment in another currency: totals must report it beside the dollars, never add it.
	eur := u.wait(u.postAt("ask-eur", today(), "12:00", "-45.00", "EUR", "CAFE DE FLORE PARIS"))
	// The owner's fraud verdict on last month's largest payment takes it out of every answer.
	if _, err := deps.Store.Pool.Exec(ctx, `UPDATE transactions SET status = 'fraud' WHERE id = (
		SELECT id FROM transactions WHERE user_id = $1 AND amount_minor < 0
		  AND posted_at >= date_trunc('month', current_date) - interval '1 month' AND posted_at < date_trunc('month', current_date)
		ORDER BY amount_minor LIMIT 1)`, u.ID); err != nil {
		t.Fatal(err)
	}

	// A second user with data of their own, asked the same way.
	other := newUser(t)
	buf.Reset()
	if err := seed.WriteCSV(&buf, seed.Generate(time.Now().AddDate(0, 0, -1), 2, 43)); err != nil {
		t.Fatal(err)
	}
	if _, st := other.importCSV(buf.String()); st.Progress.Status != "completed" {
		t.Fatalf("second import: %+v", st.Progress)
	}

	now := time.Now()
	day0 := date(now.Year(), now.Month(), now.Day())
	env := &askEnv{rows: askRows(t, u.ID), day0: day0, budgets: budgets}
	want := env.expectations()

	exact := 0
	var lat []time.Duration
	for _, q := range ask.EvalQuestions {
		w, ok := want[q]
		if !ok {
			t.Errorf("%q: no expectation in this test", q)
			continue
		}
		start := time.Now()
		r, err := ask.Ask(ctx, deps.Store, u.ID, q, now)
		lat = append(lat, time.Since(start))
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		switch {
		case r.Intent != w.intent:
			err = fmt.Errorf("intent %s, want %s", r.Intent, w.intent)
		case len(r.Rows) > 20:
			err = fmt.Errorf("%d rows", len(r.Rows))
		case !strings.Contains(r.Query, "t.user_id = $1") && !strings.Contains(r.Query, "b.user_id = $1"),
			!strings.Contains(r.Query, "$1 = '"+u.ID.String()+"'"):
			err = fmt.Errorf("query not scoped to the user: %s", r.Query)
		default:
			err = w.check(env, r)
		}
		if err != nil {
			t.Errorf("%q: %v\n  answer: %s\n  query: %s", q, err, r.Text, r.Query)
			continue
		}
		exact++
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(math.Ceil(p*float64(len(lat))))-1] }
	t.Logf("ask offline: %d/%d exact (%.1f%%), latency p50 %v, p99 %v", exact, len(ask.EvalQuestions),
		100*float64(exact)/float64(len(ask.EvalQuestions)), pct(0.5), pct(0.99))
	if exact != len(ask.EvalQuestions) {
		t.Errorf("accuracy must be 100%% for the offline parser")
	}

	// The foreign payment shows as its own total.
	r, err := ask.Ask(ctx, deps.Store, u.ID, "How much did I spend today?", now)
	if err != nil || !strings.Contains(r.Text, "45.00 EUR") {
		t.Errorf("foreign currency not reported: %q %v", r.Text, err)
	}

	// Tenant isolation: the other user's answers come from their rows only.
	oenv := &askEnv{rows: askRows(t, other.ID), day0: day0}
	for _, q := range []string{"How much did I spend last month?", "How much did I spend this month?", "Where did I spend the most last month?"} {
		mine, err1 := ask.Ask(ctx, deps.Store, u.ID, q, now)
		theirs, err2 := ask.Ask(ctx, deps.Store, other.ID, q, now)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if err := oenv.expectations()[q].check(oenv, theirs); err != nil {
			t.Errorf("other user, %q: %v", q, err)
		}
		if *mine.Value == *theirs.Value {
			t.Errorf("%q: both users get %d", q, *mine.Value)
		}
	}
	v, err := deps.Store.AskVocabulary(ctx, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(v.Merchants, eur.Merchant) {
		t.Errorf("the other user's vocabulary has %q, a merchant only the first user has", eur.Merchant)
	}
	like, err := ask.Ask(ctx, deps.Store, other.ID, "transactions like "+eur.Merchant, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range like.Rows {
		if row.ID == eur.ID {
			t.Errorf("the other user's similar transactions include the first user's %s", eur.ID)
		}
	}
}
