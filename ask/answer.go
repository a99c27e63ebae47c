package ask

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/embed"
	"github.com/aithena/aithena/merchant"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
	"github.com/google/uuid"
)

// Data is what answering needs from storage; *store.Store implements it. Every method
// returns the SQL it ran, so that an answer can be checked by running it again.
type Data interface {
	AskVocabulary(ctx context.Context, userID uuid.UUID) (store.AskVocabulary, error)
	AskTotals(ctx context.Context, userID uuid.UUID, f store.AskFilter) ([]store.AskTotal, store.SQL, error)
	AskGroups(ctx context.Context, userID uuid.UUID, f store.AskFilter, by store.AskGroupBy, home string, limit int) ([]store.AskGroup, store.SQL, error)
	AskLargest(ctx context.Context, userID uuid.UUID, f store.AskFilter, home string, limit int) ([]store.AskTxn, store.SQL, error)
	AskSimilar(ctx context.Context, userID uuid.UUID, f store.AskFilter, embedding []float32, model string, limit int) ([]store.AskTxn, store.SQL, error)
	AskBudgets(ctx context.Context, userID uuid.UUID, month time.Time, category string) ([]store.AskBudget, store.SQL, error)
}

var _ Data = (*store.Store)(nil)

// Result is an answer with everything needed to check it.
type Result struct {
	Question string `json:"question"`
	Intent   Intent `json:"intent"`
	// Text is a one-paragraph answer with the numbers.
	Text string `json:"text"`
	// Value is the main number in minor units of Currency (the home currency): a total, an
	// average, the difference of a comparison (first period minus second), the top row's
	// total, the largest amount or the budget left (negative when over). Nil when there is
	// no such number (Similar, Count, Unknown).
	Value *int64 `json:"value_minor,omitempty"`
	// Count is the number a Count question asks for, over all currencies.
	Count    *int64 `json:"count,omitempty"`
	Currency string `json:"currency,omitempty"`
	// Totals are the per-currency totals behind Value (TotalSpend, IncomeTotal, Count, Average).
	Totals []Total `json:"totals,omitempty"`
	// Rows are the transactions or aggregates used, at most 20.
	Rows []Row `json:"rows"`
	// Query is the SQL that was run, with its parameters.
	Query    string  `json:"query"`
	Period   *Period `json:"period,omitempty"`
	Versus   *Period `json:"versus,omitempty"`
	Category string  `json:"category,omitempty"`
	Merchant string  `json:"merchant,omitempty"`
}

// Total is a sum in one currency.
type Total struct {
	Currency    string `json:"currency"`
	AmountMinor int64  `json:"amount_minor"`
	Amount      string `json:"amount"`
	Count       int64  `json:"count"`
}

// Row is a transaction (ID set; AmountMinor signed as stored, negative = money out) or an
// aggregate (AmountMinor the positive total of Count transactions).
type Row struct {
	Label       string   `json:"label"`
	Key         string   `json:"key,omitempty"` // merchant key, category, YYYY-MM or period label
	ID          string   `json:"id,omitempty"`
	Date        string   `json:"date,omitempty"`
	Merchant    string   `json:"merchant,omitempty"`
	Category    string   `json:"category,omitempty"`
	AmountMinor int64    `json:"amount_minor"`
	Amount      string   `json:"amount"`
	Currency    string   `json:"currency"`
	Count       int64    `json:"count,omitempty"`
	Similarity  *float64 `json:"similarity,omitempty"`
	BudgetMinor *int64   `json:"budget_minor,omitempty"` // Budget rows: the monthly limit; AmountMinor is spent
}

// Ask parses the question with the user's vocabulary and answers it.
func Ask(ctx context.Context, d Data, userID uuid.UUID, question string, now time.Time) (Result, error) {
	v, err := d.AskVocabulary(ctx, userID)
	if err != nil {
		return Result{}, err
	}
	q, err := Parse(question, now, Vocabulary{Currency: v.Currency, Categories: v.Categories, Merchants: v.Merchants})
	if err != nil {
		return Result{Question: question, Intent: Unknown, Text: err.Error()}, err
	}
	return Answer(ctx, d, userID, q)
}

// Answer runs a query, from Parse or built by a caller (the agent's typed tool): fields a
// caller may leave empty get the meaning Parse would give them.
func Answer(ctx context.Context, d Data, userID uuid.UUID, q Query) (Result, error) {
	q = complete(q)
	r := Result{Question: q.Question, Intent: q.Intent, Currency: q.Currency, Category: q.Category, Merchant: q.Merchant, Rows: []Row{}}
	if q.Intent != Unknown {
		p := q.Period
		r.Period = &p
	}
	a := &answerer{ctx: ctx, d: d, user: userID, q: q, r: &r}
	var err error
	switch q.Intent {
	case TotalSpend, IncomeTotal:
		err = a.total()
	case Compare:
		v := q.Versus
		r.Versus = &v
		err = a.compare()
	case TopMerchants:
		err = a.top(store.ByMerchant)
	case TopCategories:
		err = a.top(store.ByCategory)
	case Largest:
		err = a.largest()
	case Similar:
		err = a.similar()
	case Count:
		err = a.count()
	case Average:
		err = a.average()
	case Budget:
		err = a.budget()
	default:
		r.Intent = Unknown
		r.Text = q.Message
		if r.Text == "" {
			r.Text = Help
		}
	}
	if err != nil {
		return r, fmt.Errorf("ask %s: %w", q.Intent, err)
	}
	if len(r.Rows) > maxRows {
		r.Rows = r.Rows[:maxRows]
	}
	r.Query = strings.Join(a.sql, ";\n\n")
	return r, nil
}

// complete fills in what a hand-built Query may lack.
func complete(q Query) Query {
	if q.Period.Label == "" && !q.Period.IsZero() {
		q.Period.Label = q.Period.From.Format(time.DateOnly) + " to " + q.Period.To.Format(time.DateOnly)
	}
	if q.Period.IsZero() {
		q.Period.Label = "all time"
	}
	switch q.Intent {
	case IncomeTotal:
		q.MoneyIn = true
	case Compare:
		if q.Versus.IsZero() && !q.Period.IsZero() {
			q.Versus = previous(span{Period: q.Period, unit: unitCustom}, q.Period.To)
		}
	case Average:
		if q.Per == "" {
			q.Per = PerMonth
			if q.Merchant != "" {
				q.Per = PerTransaction
			}
		}
	case Budget:
		// Budgets are monthly: the month the period ends in (this month when unbounded).
		end := q.Period.To
		if end.IsZero() {
			end = civil(time.Now())
		}
		if !q.Period.From.Equal(monthStart(end)) {
			from, to := calendar(unitMonth, end)
			q.Period = Period{From: from, To: to, Label: from.Format("January 2006")}
		}
	case Similar:
		if q.Text == "" {
			q.Text = q.Merchant
		}
	}
	if q.N <= 0 {
		switch q.Intent {
		case Similar:
			q.N = 10
		case TopMerchants, TopCategories, Largest:
			q.N = 5
		}
	}
	q.N = min(q.N, maxRows)
	return q
}

type answerer struct {
	ctx  context.Context
	d    Data
	user uuid.UUID
	q    Query
	r    *Result
	sql  []string
}

func (a *answerer) filter(p Period) store.AskFilter {
	f := store.AskFilter{From: p.From, To: p.To, Category: a.q.Category, Flow: store.AskOut}
	if a.q.Merchant != "" {
		f.MerchantKey = merchant.Key(a.q.Merchant)
	}
	if a.q.MoneyIn {
		f.Flow = store.AskIn
	}
	return f
}

func (a *answerer) ran(q store.SQL) { a.sql = append(a.sql, q.String()) }

// home is the currency of the main number: the user's, or else the one with the most
// transactions in the answer.
func (a *answerer) home(currencies ...string) string {
	if a.q.Currency != "" {
		return a.q.Currency
	}
	if len(currencies) > 0 {
		return currencies[0]
	}
	return "USD"
}

func (a *answerer) setValue(v int64, currency string) {
	a.r.Value = &v
	a.r.Currency = currency
}

// fmtMoney renders minor units in a currency: "1234.56 USD".
func fmtMoney(minor int64, currency string) string {
	exp, ok := money.Exponent(currency)
	if !ok {
		exp = 2
	}
	return money.Format(minor, exp) + " " + currency
}

// during renders a period after a verb, with its dates: "in October 2026 (2026-10-01 to
// 2026-10-31)", "last month (…)", "since June 2026 (…)", "on 2026-11-02".
func during(p Period) string {
	l := p.Label
	switch {
	case p.IsZero():
		return "over all time"
	case strings.HasPrefix(l, "this ") || strings.HasPrefix(l, "last ") || strings.HasPrefix(l, "since ") ||
		l == "today" || l == "yesterday":
	case p.From.Equal(p.To) && l == p.From.Format(time.DateOnly):
		return "on " + l
	case strings.HasPrefix(l, p.From.Format(time.DateOnly)+" to "):
		return "from " + l
	default:
		l = "in " + l
	}
	return Period{From: p.From, To: p.To, Label: l}.String()
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// subject describes the filter: " on FOOD_AND_DRINK at Starbucks", or for money in
// " (INCOME) from Acme Corp".
func (a *answerer) subject() string {
	s := ""
	if a.q.Category != "" {
		if a.q.MoneyIn {
			s += " (" + a.q.Category + ")"
		} else {
			s += " on " + a.q.Category
		}
	}
	if a.q.Merchant != "" {
		if a.q.MoneyIn {
			s += " from " + a.q.Merchant
		} else {
			s += " at " + a.q.Merchant
		}
	}
	return s
}

// totals runs AskTotals and splits the home currency from the rest.
func (a *answerer) totals(p Period) (home store.AskTotal, others []store.AskTotal, all []store.AskTotal, err error) {
	ts, q, err := a.d.AskTotals(a.ctx, a.user, a.filter(p))
	a.ran(q)
	if err != nil {
		return home, nil, nil, err
	}
	var cs []string
	for _, t := range ts {
		cs = append(cs, t.Currency)
	}
	h := a.home(cs...)
	home.Currency = h
	for _, t := range ts {
		if t.Currency == h {
			home = t
		} else {
			others = append(others, t)
		}
	}
	return home, others, ts, nil
}

func toTotals(ts []store.AskTotal) []Total {
	out := make([]Total, len(ts))
	for i, t := range ts {
		out[i] = Total{Currency: t.Currency, AmountMinor: t.SumMinor, Amount: money2(t.SumMinor, t.Currency), Count: t.Count}
	}
	return out
}

func money2(minor int64, currency string) string {
	exp, ok := money.Exponent(currency)
	if !ok {
		exp = 2
	}
	return money.Format(minor, exp)
}

// alsoIn mentions the other currencies, which are never added to the home total.
func alsoIn(others []store.AskTotal, noun string) string {
	if len(others) == 0 {
		return ""
	}
	parts := make([]string, len(others))
	for i, t := range others {
		parts[i] = fmt.Sprintf("%s (%s)", fmtMoney(t.SumMinor, t.Currency), plural(t.Count, noun, noun+"s"))
	}
	return " Also, in other currencies (not converted): " + strings.Join(parts, ", ") + "."
}

func (a *answerer) verb() (verb, noun string) {
	if a.q.MoneyIn {
		return "received", "payment"
	}
	return "spent", "transaction"
}

func (a *answerer) total() error {
	p := a.q.Period
	home, others, all, err := a.totals(p)
	if err != nil {
		return err
	}
	a.setValue(home.SumMinor, home.Currency)
	a.r.Totals = toTotals(all)
	for _, t := range all {
		a.r.Rows = append(a.r.Rows, Row{Label: p.Label, Key: p.Label, AmountMinor: t.SumMinor, Amount: money2(t.SumMinor, t.Currency), Currency: t.Currency, Count: t.Count})
	}
	verb, noun := a.verb()
	a.r.Text = fmt.Sprintf("You %s %s%s %s, in %s.%s", verb, fmtMoney(home.SumMinor, home.Currency), a.subject(), during(p),
		plural(home.Count, noun, noun+"s"), alsoIn(others, noun))
	return nil
}

func (a *answerer) compare() error {
	p1, p2 := a.q.Period, a.q.Versus
	h1, o1, all1, err := a.totals(p1)
	if err != nil {
		return err
	}
	h2, o2, all2, err := a.totals(p2)
	if err != nil {
		return err
	}
	cur := a.home(h1.Currency)
	diff := h1.SumMinor - h2.SumMinor
	a.setValue(diff, cur)
	for _, x := range []struct {
		p   Period
		all []store.AskTotal
	}{{p1, all1}, {p2, all2}} {
		for _, t := range x.all {
			a.r.Rows = append(a.r.Rows, Row{Label: x.p.String(), Key: x.p.Label, AmountMinor: t.SumMinor, Amount: money2(t.SumMinor, t.Currency), Currency: t.Currency, Count: t.Count})
		}
	}
	verb, _ := a.verb()
	change := "the same as"
	switch {
	case diff > 0:
		change = fmtMoney(diff, cur) + " more than"
	case diff < 0:
		change = fmtMoney(-diff, cur) + " less than"
	}
	pct := ""
	if h2.SumMinor != 0 {
		pct = fmt.Sprintf(" (%+.1f%%)", float64(diff)*100/float64(h2.SumMinor))
	}
	a.r.Text = fmt.Sprintf("You %s %s%s %s and %s %s: %s %s%s.", verb, fmtMoney(h1.SumMinor, cur), a.subject(), during(p1),
		fmtMoney(h2.SumMinor, cur), during(p2), change, p2.Label, pct)
	if len(o1)+len(o2) > 0 {
		a.r.Text += " Amounts in other currencies are listed in the rows and not included."
	}
	return nil
}

func (a *answerer) top(by store.AskGroupBy) error {
	p := a.q.Period
	home := a.home()
	gs, q, err := a.d.AskGroups(a.ctx, a.user, a.filter(p), by, home, a.q.N)
	a.ran(q)
	if err != nil {
		return err
	}
	noun := "merchants"
	if by == store.ByCategory {
		noun = "categories"
	}
	verb, _ := a.verb()
	if len(gs) == 0 {
		a.r.Text = fmt.Sprintf("You %s nothing%s %s, so there are no top %s.", verb, a.subject(), during(p), noun)
		return nil
	}
	parts := make([]string, len(gs))
	for i, g := range gs {
		a.r.Rows = append(a.r.Rows, Row{Label: g.Name, Key: g.Key, AmountMinor: g.SumMinor, Amount: money2(g.SumMinor, g.Currency), Currency: g.Currency, Count: g.Count})
		parts[i] = fmt.Sprintf("%d. %s %s (%s)", i+1, g.Name, fmtMoney(g.SumMinor, g.Currency), plural(g.Count, "transaction", "transactions"))
	}
	a.setValue(gs[0].SumMinor, gs[0].Currency)
	a.r.Text = fmt.Sprintf("Your top %s by money %s%s %s: %s.", noun, verb, a.subject(), during(p), strings.Join(parts, "; "))
	return nil
}

func txnRow(t store.AskTxn) Row {
	return Row{Label: t.Merchant, ID: t.ID.String(), Date: t.PostedAt.Format(time.DateOnly), Merchant: t.Merchant,
		Category: t.Category, AmountMinor: t.AmountMinor, Amount: money2(t.AmountMinor, t.Currency), Currency: t.Currency}
}

func describeTxn(t store.AskTxn) string {
	return fmt.Sprintf("%s at %s on %s (%s)", fmtMoney(abs(t.AmountMinor), t.Currency), t.Merchant, t.PostedAt.Format(time.DateOnly), t.Category)
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func (a *answerer) largest() error {
	p := a.q.Period
	ts, q, err := a.d.AskLargest(a.ctx, a.user, a.filter(p), a.home(), a.q.N)
	a.ran(q)
	if err != nil {
		return err
	}
	noun, nouns := "purchase", "purchases"
	if a.q.MoneyIn {
		noun, nouns = "payment received", "payments received"
	}
	if len(ts) == 0 {
		a.r.Text = fmt.Sprintf("There is no %s%s %s.", noun, a.subject(), during(p))
		return nil
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		a.r.Rows = append(a.r.Rows, txnRow(t))
		parts[i] = describeTxn(t)
	}
	a.setValue(abs(ts[0].AmountMinor), ts[0].Currency)
	if len(ts) == 1 {
		a.r.Text = fmt.Sprintf("Your largest %s%s %s was %s.", noun, a.subject(), during(p), parts[0])
	} else {
		a.r.Text = fmt.Sprintf("Your %d largest %s%s %s: %s.", len(ts), nouns, a.subject(), during(p), strings.Join(parts, "; "))
	}
	return nil
}

func (a *answerer) similar() error {
	text := merchant.Normalize(a.q.Text)
	h := embed.Hashing{}
	vs, err := h.Embed(a.ctx, []string{text})
	if err != nil {
		return err
	}
	p := a.q.Period
	f := store.AskFilter{From: p.From, To: p.To, Flow: store.AskAny, Confirmed: a.q.Confirmed}
	ts, q, err := a.d.AskSimilar(a.ctx, a.user, f, vs[0], h.Name(), a.q.N)
	a.ran(q)
	if err != nil {
		return err
	}
	which := "transactions"
	if a.q.Confirmed {
		which = "confirmed transactions"
	}
	if len(ts) == 0 {
		a.r.Text = fmt.Sprintf("You have no %s to compare with %q %s.", which, text, during(p))
		return nil
	}
	merchants := map[string]int{}
	var order []string
	for _, t := range ts {
		row := txnRow(t)
		s := t.Similarity
		row.Similarity = &s
		a.r.Rows = append(a.r.Rows, row)
		if merchants[t.Merchant] == 0 {
			order = append(order, t.Merchant)
		}
		merchants[t.Merchant]++
	}
	parts := make([]string, len(order))
	for i, m := range order {
		parts[i] = fmt.Sprintf("%s (%d)", m, merchants[m])
	}
	a.r.Text = fmt.Sprintf("The %s most like %q %s, by the similarity of their merchant names: %s. The closest is %s, similarity %.2f.",
		plural(int64(len(ts)), strings.TrimSuffix(which, "s"), which), text, during(p), strings.Join(parts, ", "), describeTxn(ts[0]), ts[0].Similarity)
	return nil
}

func (a *answerer) count() error {
	p := a.q.Period
	home, others, all, err := a.totals(p)
	if err != nil {
		return err
	}
	var n int64
	for _, t := range all {
		n += t.Count
	}
	a.r.Count = &n
	a.r.Currency = home.Currency
	a.r.Totals = toTotals(all)
	for _, t := range all {
		a.r.Rows = append(a.r.Rows, Row{Label: p.Label, Key: p.Label, AmountMinor: t.SumMinor, Amount: money2(t.SumMinor, t.Currency), Currency: t.Currency, Count: t.Count})
	}
	one, many := "payment", "payments"
	if a.q.MoneyIn {
		one, many = "payment received", "payments received"
	}
	a.r.Text = fmt.Sprintf("You have %s%s %s, totalling %s.%s", plural(n, one, many), a.subject(), during(p),
		fmtMoney(home.SumMinor, home.Currency), alsoIn(others, "payment"))
	return nil
}

// divRound divides rounding half away from zero, so averages are exact to the minor unit.
func divRound(sum, n int64) int64 {
	if n == 0 {
		return 0
	}
	if (sum < 0) != (n < 0) {
		return -((abs(sum)*2 + abs(n)) / (abs(n) * 2))
	}
	return (abs(sum)*2 + abs(n)) / (abs(n) * 2)
}

func (a *answerer) average() error {
	p := a.q.Period
	verb, _ := a.verb()
	if a.q.Per == PerTransaction {
		home, others, all, err := a.totals(p)
		if err != nil {
			return err
		}
		a.r.Totals = toTotals(all)
		for _, t := range all {
			a.r.Rows = append(a.r.Rows, Row{Label: p.Label, Key: p.Label, AmountMinor: t.SumMinor, Amount: money2(t.SumMinor, t.Currency), Currency: t.Currency, Count: t.Count})
		}
		avg := divRound(home.SumMinor, home.Count)
		a.setValue(avg, home.Currency)
		a.r.Text = fmt.Sprintf("On average you %s %s per transaction%s %s: %s over %s.%s", verb, fmtMoney(avg, home.Currency),
			a.subject(), during(p), fmtMoney(home.SumMinor, home.Currency), plural(home.Count, "transaction", "transactions"), alsoIn(others, "transaction"))
		return nil
	}
	home := a.home()
	gs, q, err := a.d.AskGroups(a.ctx, a.user, a.filter(p), store.ByMonth, home, 0)
	a.ran(q)
	if err != nil {
		return err
	}
	months := p.Months()
	byMonth := map[string]store.AskGroup{}
	var sum, count int64
	var others []store.AskGroup
	for _, g := range gs {
		if g.Currency == home {
			byMonth[g.Key] = g
			sum += g.SumMinor
			count += g.Count
		} else {
			others = append(others, g)
		}
	}
	// Every month of the period is a row, months without spending too: they count in the average.
	if !p.IsZero() {
		for m := monthStart(p.From); !m.After(p.To); m = m.AddDate(0, 1, 0) {
			k := m.Format("2006-01")
			g := byMonth[k]
			a.r.Rows = append(a.r.Rows, Row{Label: m.Format("January 2006"), Key: k, AmountMinor: g.SumMinor, Amount: money2(g.SumMinor, home), Currency: home, Count: g.Count})
		}
	}
	for _, g := range others {
		a.r.Rows = append(a.r.Rows, Row{Label: g.Key, Key: g.Key, AmountMinor: g.SumMinor, Amount: money2(g.SumMinor, g.Currency), Currency: g.Currency, Count: g.Count})
	}
	a.r.Totals = []Total{{Currency: home, AmountMinor: sum, Amount: money2(sum, home), Count: count}}
	avg := divRound(sum, int64(months))
	a.setValue(avg, home)
	a.r.Text = fmt.Sprintf("On average you %s %s per month%s %s: %s over %s.", verb, fmtMoney(avg, home), a.subject(), during(p),
		fmtMoney(sum, home), plural(int64(months), "month", "months"))
	if len(others) > 0 {
		a.r.Text += " Amounts in other currencies are listed in the rows and not included."
	}
	return nil
}

func (a *answerer) budget() error {
	p := a.q.Period
	bs, q, err := a.d.AskBudgets(a.ctx, a.user, p.From, a.q.Category)
	a.ran(q)
	if err != nil {
		return err
	}
	if len(bs) == 0 {
		if a.q.Category != "" {
			a.r.Text = fmt.Sprintf("You have no budget for %s. Set one with PUT /v1/budgets/%s.", a.q.Category, a.q.Category)
		} else {
			a.r.Text = "You have no budgets. Set one with PUT /v1/budgets/{category}."
		}
		return nil
	}
	home := a.home(bs[0].Currency)
	var left int64
	var parts []string
	over := 0
	for _, b := range bs {
		limit := b.LimitMinor
		a.r.Rows = append(a.r.Rows, Row{Label: b.Category, Key: b.Category, Category: b.Category, AmountMinor: b.SpentMinor,
			Amount: money2(b.SpentMinor, b.Currency), Currency: b.Currency, Count: b.Count, BudgetMinor: &limit})
		if b.Currency == home {
			left += b.LimitMinor - b.SpentMinor
		}
		state := fmt.Sprintf("%s left", fmtMoney(b.LimitMinor-b.SpentMinor, b.Currency))
		if b.SpentMinor > b.LimitMinor {
			state = fmt.Sprintf("%s over", fmtMoney(b.SpentMinor-b.LimitMinor, b.Currency))
			over++
		}
		parts = append(parts, fmt.Sprintf("%s %s of %s (%s)", b.Category, fmtMoney(b.SpentMinor, b.Currency), fmtMoney(b.LimitMinor, b.Currency), state))
	}
	a.setValue(left, home)
	head := "You are within budget"
	switch {
	case over == 1 && len(bs) == 1:
		head = "You are over budget"
	case over > 0:
		head = fmt.Sprintf("You are over %d of %d budgets", over, len(bs))
	}
	a.r.Text = fmt.Sprintf("%s %s: %s.", head, during(p), strings.Join(parts, "; "))
	return nil
}
