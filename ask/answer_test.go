package ask

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aithena/aithena/store"
	"github.com/google/uuid"
)

// fakeData answers from a fixed list of transactions, the way the SQL would.
type fakeData struct {
	txns    []store.AskTxn
	budgets []store.AskBudget
	filters []store.AskFilter
}

func (f *fakeData) AskVocabulary(context.Context, uuid.UUID) (store.AskVocabulary, error) {
	return store.AskVocabulary{Currency: "USD", Merchants: []string{"Starbucks", "Amazon"}}, nil
}

func (f *fakeData) match(flt store.AskFilter) []store.AskTxn {
	f.filters = append(f.filters, flt)
	var out []store.AskTxn
	for _, t := range f.txns {
		if flt.Flow == store.AskOut && t.AmountMinor >= 0 || flt.Flow == store.AskIn && t.AmountMinor <= 0 ||
			!flt.From.IsZero() && t.PostedAt.Before(flt.From) || !flt.To.IsZero() && t.PostedAt.After(flt.To) ||
			flt.Category != "" && t.Category != flt.Category || flt.MerchantKey != "" && strings.ToLower(t.Merchant) != flt.MerchantKey {
			continue
		}
		out = append(out, t)
	}
	return out
}

func (f *fakeData) AskTotals(_ context.Context, _ uuid.UUID, flt store.AskFilter) ([]store.AskTotal, store.SQL, error) {
	by := map[string]*store.AskTotal{}
	var out []store.AskTotal
	for _, t := range f.match(flt) {
		if by[t.Currency] == nil {
			out = append(out, store.AskTotal{Currency: t.Currency})
			by[t.Currency] = &out[len(out)-1]
		}
		by[t.Currency].SumMinor += abs(t.AmountMinor)
		by[t.Currency].Count++
	}
	return out, store.SQL{Text: "SELECT totals WHERE t.user_id = $1"}, nil
}

func (f *fakeData) AskGroups(_ context.Context, _ uuid.UUID, flt store.AskFilter, by store.AskGroupBy, _ string, _ int) ([]store.AskGroup, store.SQL, error) {
	idx := map[string]int{}
	var out []store.AskGroup
	for _, t := range f.match(flt) {
		k := t.PostedAt.Format("2006-01") + t.Currency
		if _, ok := idx[k]; !ok {
			idx[k] = len(out)
			out = append(out, store.AskGroup{Key: t.PostedAt.Format("2006-01"), Currency: t.Currency})
		}
		out[idx[k]].SumMinor += abs(t.AmountMinor)
		out[idx[k]].Count++
	}
	return out, store.SQL{Text: "SELECT groups"}, nil
}

func (f *fakeData) AskLargest(context.Context, uuid.UUID, store.AskFilter, string, int) ([]store.AskTxn, store.SQL, error) {
	return nil, store.SQL{}, nil
}

func (f *fakeData) AskSimilar(context.Context, uuid.UUID, store.AskFilter, []float32, string, int) ([]store.AskTxn, store.SQL, error) {
	return nil, store.SQL{}, nil
}

func (f *fakeData) AskBudgets(context.Context, uuid.UUID, time.Time, string) ([]store.AskBudget, store.SQL, error) {
	return f.budgets, store.SQL{Text: "SELECT budgets"}, nil
}

func txn(day string, minor int64, currency, merchant, category string) store.AskTxn {
	return store.AskTxn{ID: uuid.New(), PostedAt: d(day), AmountMinor: minor, Currency: currency, Merchant: merchant, Category: category}
}

func TestAnswer(t *testing.T) {
	f := &fakeData{
		txns: []store.AskTxn{
			txn("2026-11-02", -550, "USD", "Starbucks", "FOOD_AND_DRINK"),
			txn("2026-11-03", -601, "USD", "Starbucks", "FOOD_AND_DRINK"),
			txn("2026-11-04", -4500, "EUR", "Cafe de Flore", "FOOD_AND_DRINK"),
			txn("2026-11-05", 300000, "USD", "Acme", "INCOME"),
			txn("2026-10-10", -1000, "USD", "Starbucks", "FOOD_AND_DRINK"),
			txn("2026-08-10", -1001, "USD", "Amazon", "GENERAL_MERCHANDISE"),
		},
		budgets: []store.AskBudget{
			{Category: "FOOD_AND_DRINK", LimitMinor: 1000, Currency: "USD", SpentMinor: 1151, Count: 2},
			{Category: "TRAVEL", LimitMinor: 5000, Currency: "USD"},
		},
	}
	ctx := context.Background()
	ask := func(q string) Result {
		t.Helper()
		r, err := Ask(ctx, f, uuid.New(), q, testNow)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		return r
	}

	r := ask("How much did I spend on food this month?")
	if r.Value == nil || *r.Value != 1151 || r.Currency != "USD" || len(r.Totals) != 2 || !strings.Contains(r.Text, "11.51 USD") ||
		!strings.Contains(r.Text, "45.00 EUR") || !strings.Contains(r.Query, "user_id = $1") {
		t.Errorf("total: %+v", r)
	}
	r = ask("compare food this month vs last month")
	if *r.Value != 151 || !strings.Contains(r.Text, "1.51 USD more than last month") {
		t.Errorf("compare: %s", r.Text)
	}
	r = ask("how much do I spend on shopping per month")
	// August to October: 10.01 over three months is 3.336..., rounded to 3.34.
	if *r.Value != 334 || len(r.Rows) != 3 || r.Rows[0].Key != "2026-08" || r.Rows[1].AmountMinor != 0 {
		t.Errorf("average per month: %v %+v", *r.Value, r.Rows)
	}
	r = ask("average purchase at starbucks this month")
	if *r.Value != 576 { // 11.51 / 2 = 5.755, half away from zero
		t.Errorf("average per transaction: %v", *r.Value)
	}
	r = ask("how many times did I go to starbucks this month")
	if r.Count == nil || *r.Count != 2 || r.Value != nil {
		t.Errorf("count: %+v", r)
	}
	r = ask("what was my income this month")
	if *r.Value != 300000 || f.filters[len(f.filters)-1].Flow != store.AskIn || f.filters[len(f.filters)-1].Category != "INCOME" {
		t.Errorf("income: %+v", r)
	}
	r = ask("am I over budget")
	if *r.Value != -151+5000 || len(r.Rows) != 2 || !strings.Contains(r.Text, "over 1 of 2 budgets") {
		t.Errorf("budget: %v %s", *r.Value, r.Text)
	}
	// A hand-built query, as the agent's typed tool makes them: income is money in.
	r, err := Answer(ctx, f, uuid.New(), Query{Intent: IncomeTotal, Currency: "USD", Period: Period{From: d("2026-11-01"), To: d("2026-11-30")}})
	if err != nil || *r.Value != 300000 || !strings.Contains(r.Text, "in 2026-11-01 to 2026-11-30") && !strings.Contains(r.Text, "from 2026-11-01 to 2026-11-30") {
		t.Errorf("hand-built income: %v %+v", err, r)
	}
	r = ask("what is the meaning of life")
	if r.Intent != Unknown || !strings.Contains(r.Text, "Compare food spending") {
		t.Errorf("unknown: %+v", r)
	}
}

func TestDivRound(t *testing.T) {
	for _, c := range [][3]int64{{5, 2, 3}, {-5, 2, -3}, {4, 3, 1}, {5, 3, 2}, {0, 0, 0}, {1151, 2, 576}} {
		if got := divRound(c[0], c[1]); got != c[2] {
			t.Errorf("%d/%d = %d, want %d", c[0], c[1], got, c[2])
		}
	}
}
