// Package fraud scores transactions for anomaly with an isolation forest trained on the
// owner's history. Features are computed in one place, Extract, from a History: the
// pipeline's History comes from one SQL query, training's from Builder walking the
// transactions in time order, so both see exactly the same features.
package fraud

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// FeatureNames are the features, in vector order.
//
//	log_amount                 ln(1 + |amount|), amount in minor units
//	amount_vs_merchant_median  ln(|amount| / median |amount| at this merchant; all history for a new merchant)
//	amount_vs_category_median  ln(|amount| / median |amount| in this category; all history for a new category)
//	hour                       hour of day (0–23); noon when the client sent no time
//	weekday                    0 = Sunday … 6 = Saturday
//	new_merchant               1 if the owner never paid this merchant before
//	new_category               1 if the owner never spent in this category before
//	days_since_merchant        days since the last payment to this merchant (365 if never, capped)
//	count_1h, count_24h        the owner's payments in the hour and the day before this one
//	log_sum_24h                ln(1 + their total), minor units
//	foreign_currency           1 if the currency is not the owner's
var FeatureNames = []string{
	"log_amount", "amount_vs_merchant_median", "amount_vs_category_median", "hour", "weekday",
	"new_merchant", "new_category", "days_since_merchant", "count_1h", "count_24h", "log_sum_24h", "foreign_currency",
}

// Txn is what the features see of a payment (money out).
type Txn struct {
	At          time.Time
	AmountMinor int64
	Currency    string
	MerchantKey string
	Category    string
}

// History is what was known of the owner's payments before Txn.
type History struct {
	HomeCurrency   string
	MerchantCount  int
	MerchantMedian float64
	CategoryCount  int
	CategoryMedian float64
	OverallMedian  float64
	LastAtMerchant time.Time
	Count1h        int
	Count24h       int
	Sum24h         float64
}

// Extract returns the feature vector of t given its history.
func Extract(t Txn, h History) []float64 {
	x := make([]float64, len(FeatureNames))
	ExtractInto(x, t, h)
	return x
}

// ExtractInto is Extract without allocating.
func ExtractInto(x []float64, t Txn, h History) {
	amt := math.Abs(float64(t.AmountMinor))
	ratio := func(count int, median float64) float64 {
		if count == 0 || median <= 0 {
			median = h.OverallMedian
		}
		if median <= 0 || amt == 0 {
			return 0
		}
		return math.Log(amt / median)
	}
	x[0] = math.Log1p(amt)
	x[1] = ratio(h.MerchantCount, h.MerchantMedian)
	x[2] = ratio(h.CategoryCount, h.CategoryMedian)
	x[3] = float64(t.At.Hour())
	x[4] = float64(t.At.Weekday())
	x[5] = b2f(h.MerchantCount == 0)
	x[6] = b2f(h.CategoryCount == 0)
	x[7] = 365
	if !h.LastAtMerchant.IsZero() {
		x[7] = min(365, t.At.Sub(h.LastAtMerchant).Hours()/24)
	}
	x[8] = float64(h.Count1h)
	x[9] = float64(h.Count24h)
	x[10] = math.Log1p(h.Sum24h)
	x[11] = b2f(h.HomeCurrency != "" && t.Currency != h.HomeCurrency)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Contribution is one feature's share in a score, for people to read.
type Contribution struct {
	Feature string  `json:"feature"`
	Value   float64 `json:"value"`
	Weight  float64 `json:"weight"`
	Reason  string  `json:"reason"`
}

// Explain names the features that isolated x most, largest first, at most n.
func Explain(x, attribution []float64, n int) []Contribution {
	idx := make([]int, len(attribution))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case attribution[a] > attribution[b]:
			return -1
		case attribution[a] < attribution[b]:
			return 1
		}
		return 0
	})
	var out []Contribution
	for _, i := range idx[:min(n, len(idx))] {
		if attribution[i] <= 0 {
			break
		}
		out = append(out, Contribution{FeatureNames[i], round(x[i]), round(attribution[i]), reason(i, x)})
	}
	return out
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

func reason(i int, x []float64) string {
	v := x[i]
	switch FeatureNames[i] {
	case "log_amount":
		return fmt.Sprintf("a large amount (%.2f)", math.Expm1(v)/100)
	case "amount_vs_merchant_median":
		if x[5] == 1 {
			return fmt.Sprintf("%.1f× your usual payment, at a new merchant", math.Exp(v))
		}
		return fmt.Sprintf("%.1f× the usual amount at this merchant", math.Exp(v))
	case "amount_vs_category_median":
		if x[6] == 1 {
			return fmt.Sprintf("%.1f× your usual payment, in a new category", math.Exp(v))
		}
		return fmt.Sprintf("%.1f× the usual amount in this category", math.Exp(v))
	case "hour":
		return fmt.Sprintf("at %02d:00", int(v))
	case "weekday":
		return "on a " + time.Weekday(int(v)).String()
	case "new_merchant":
		if v == 1 {
			return "a merchant you never paid before"
		}
		return "a merchant you know"
	case "new_category":
		if v == 1 {
			return "a category you never spent in before"
		}
		return "a category you spend in"
	case "days_since_merchant":
		return fmt.Sprintf("%.0f days since your last payment here", v)
	case "count_1h":
		return fmt.Sprintf("%.0f other payments in the hour before", v)
	case "count_24h":
		return fmt.Sprintf("%.0f other payments in the day before", v)
	case "log_sum_24h":
		return fmt.Sprintf("%.2f spent in the day before", math.Expm1(v)/100)
	case "foreign_currency":
		if v == 1 {
			return "in a foreign currency"
		}
		return "in your currency"
	}
	return FeatureNames[i]
}

// Builder computes each payment's History from the ones before it, for training. Feed it
// payments in time order.
type Builder struct {
	home       string
	byMerchant map[string][]float64 // sorted |amounts|
	byCategory map[string][]float64
	all        []float64
	last       map[string]time.Time
	recent     []Txn // payments of the last 24 hours, oldest first
}

// NewBuilder starts with no history.
func NewBuilder(homeCurrency string) *Builder {
	return &Builder{home: homeCurrency, byMerchant: map[string][]float64{}, byCategory: map[string][]float64{}, last: map[string]time.Time{}}
}

// History of t from what was added so far.
func (b *Builder) History(t Txn) History {
	h := History{HomeCurrency: b.home, LastAtMerchant: b.last[t.MerchantKey]}
	m, c := b.byMerchant[t.MerchantKey], b.byCategory[t.Category]
	h.MerchantCount, h.MerchantMedian = len(m), median(m)
	h.CategoryCount, h.CategoryMedian = len(c), median(c)
	h.OverallMedian = median(b.all)
	for _, r := range b.recent {
		d := t.At.Sub(r.At)
		if d < 0 || d > 24*time.Hour {
			continue
		}
		h.Count24h++
		h.Sum24h += math.Abs(float64(r.AmountMinor))
		if d <= time.Hour {
			h.Count1h++
		}
	}
	return h
}

// Add records t as history for the payments after it.
func (b *Builder) Add(t Txn) {
	a := math.Abs(float64(t.AmountMinor))
	b.byMerchant[t.MerchantKey] = insertSorted(b.byMerchant[t.MerchantKey], a)
	b.byCategory[t.Category] = insertSorted(b.byCategory[t.Category], a)
	b.all = insertSorted(b.all, a)
	if t.At.After(b.last[t.MerchantKey]) {
		b.last[t.MerchantKey] = t.At
	}
	b.recent = append(b.recent, t)
	cut := 0
	for cut < len(b.recent) && t.At.Sub(b.recent[cut].At) > 24*time.Hour {
		cut++
	}
	b.recent = b.recent[cut:]
}

func insertSorted(s []float64, v float64) []float64 {
	i, _ := slices.BinarySearch(s, v)
	return slices.Insert(s, i, v)
}

// median of sorted values, as PostgreSQL's percentile_cont(0.5); 0 when empty.
func median(s []float64) float64 {
	n := len(s)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Features of a whole history, in the given (time) order, for training.
func Features(home string, txns []Txn) [][]float64 {
	b := NewBuilder(home)
	out := make([][]float64, len(txns))
	for i, t := range txns {
		out[i] = Extract(t, b.History(t))
		b.Add(t)
	}
	return out
}
