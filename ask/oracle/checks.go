package oracle

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/aithena/aithena/ask"
	"github.com/aithena/aithena/embed"
	"github.com/aithena/aithena/merchant"
)

// expectation is the intent a question must get and the check of its numbers; nil means exact.
type expectation struct {
	intent ask.Intent
	check  func(e *env, r ask.Result) error
}

// spanOf computes a question's period from the calendar.
type spanOf = func(*env) span

func mag(r row) int64 {
	if r.Amount < 0 {
		return -r.Amount
	}
	return r.Amount
}

// sums totals rows per currency.
func sums(rs []row) (map[string]int64, map[string]int64) {
	sum, n := map[string]int64{}, map[string]int64{}
	for _, r := range rs {
		sum[r.Currency] += mag(r)
		n[r.Currency]++
	}
	return sum, n
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

func spend(s spanOf, cat, key string, in bool) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
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

func compare(a, b spanOf, cat, key string) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
		x, _ := sums(e.pick(a(e), cat, key, false))
		y, _ := sums(e.pick(b(e), cat, key, false))
		return wantValue(r, x["USD"]-y["USD"])
	}
}

type group struct {
	key      string
	sum, n   int64
	currency string
}

// ranking groups USD money out by key, largest first, then most transactions, then key.
func ranking(rs []row, keyOf func(row) string) []group {
	idx := map[string]*group{}
	var out []*group
	for _, r := range rs {
		if r.Currency != "USD" {
			continue
		}
		k := keyOf(r)
		if idx[k] == nil {
			idx[k] = &group{key: k, currency: r.Currency}
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
	gs := make([]group, len(out))
	for i, g := range out {
		gs[i] = *g
	}
	return gs
}

func top(s spanOf, cat string, n int, byMerchant bool) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
		keyOf := func(x row) string { return x.Cat }
		if byMerchant {
			keyOf = func(x row) string { return x.Key }
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

func largest(s spanOf, cat, key string, n int) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
		var usd []row
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
		byID := map[string]row{}
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
func similar(text string, s spanOf, n int) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
		vs, err := embed.Hashing{}.Embed(e.ctx, []string{merchant.Normalize(text)})
		if err != nil {
			return fmt.Errorf("embedding %q: %w", text, err)
		}
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

func countOf(s spanOf, cat, key string, in bool) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
		want := int64(len(e.pick(s(e), cat, key, in)))
		if r.Count == nil || *r.Count != want {
			return fmt.Errorf("count %v, want %d", r.Count, want)
		}
		return nil
	}
}

func avgPerTxn(s spanOf, cat, key string) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
		sum, n := sums(e.pick(s(e), cat, key, false))
		var want int64
		if n["USD"] > 0 {
			want = int64(math.Round(float64(sum["USD"]) / float64(n["USD"])))
		}
		return wantValue(r, want)
	}
}

func avgPerMonth(s spanOf, months int, cat string) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
		sum, _ := sums(e.pick(s(e), cat, "", false))
		return wantValue(r, int64(math.Round(float64(sum["USD"])/float64(months))))
	}
}

// budgetStatus: one row per budget (only cat's when given), by category, with the USD money
// out in the whole calendar month of the span; the value is what is left over all of them.
// Only USD budgets are worked out here; any other currency is reported as not checked.
func budgetStatus(s spanOf, cat string) func(*env, ask.Result) error {
	return func(e *env, r ask.Result) error {
		month := s(e)
		var cats []string
		for c := range e.budgets {
			if cat == "" || c == cat {
				cats = append(cats, c)
			}
		}
		sort.Strings(cats)
		if len(cats) == 0 {
			// No budget to report on: no rows and no number, not a made-up zero.
			if len(r.Rows) != 0 || r.Value != nil {
				return fmt.Errorf("no budgets, yet %d rows and value %v", len(r.Rows), r.Value)
			}
			return nil
		}
		if len(r.Rows) != len(cats) {
			return fmt.Errorf("%d rows, want %d", len(r.Rows), len(cats))
		}
		var left int64
		for i, c := range cats {
			b := e.budgets[c]
			if b.currency != "USD" {
				return fmt.Errorf("budget for %s is in %s: the oracle checks USD budgets only", c, b.currency)
			}
			spent, _ := sums(e.pick(span{month.from, date(month.from.Year(), month.from.Month(), lastDay(month.from.Year(), month.from.Month()))}, c, "", false))
			left += b.amount - spent["USD"]
			got := r.Rows[i]
			if got.Key != c || got.AmountMinor != spent["USD"] || got.BudgetMinor == nil || *got.BudgetMinor != b.amount {
				return fmt.Errorf("row %d: %+v, want %s spent %d of %d", i, got, c, spent["USD"], b.amount)
			}
		}
		return wantValue(r, left)
	}
}
