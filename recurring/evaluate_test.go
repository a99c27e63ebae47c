package recurring_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/aithena/aithena/merchant"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/recurring"
	"github.com/aithena/aithena/seed"
)

// TestDetectionOnLabelledDemoData keeps floors, a little below docs/recurring-eval.md, on
// the precision and recall of detection over the demo generator's labelled series, on short
// histories (where small merchant sets tempt a detector to invent series) and a year.
func TestDetectionOnLabelledDemoData(t *testing.T) {
	end := time.Date(2026, time.October, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		seed             int64
		months           int
		precision, recal float64
	}{
		{1, 3, 0.8, 0.7}, {1, 6, 0.9, 0.8}, {1, 12, 0.95, 0.9},
		{42, 3, 0.95, 0.7}, {42, 6, 0.95, 0.85}, {42, 12, 0.9, 0.85},
	} {
		var txns []recurring.Txn
		truth := map[string]string{}
		for i, g := range seed.Generate(end, tc.months, tc.seed) {
			amount, err := money.ParseWithDecimal(g.Amount, 2, '.')
			if err != nil {
				t.Fatal(err)
			}
			name := merchant.Normalize(g.Description)
			id := strconv.Itoa(i)
			txns = append(txns, recurring.Txn{ID: id, Date: g.Date, AmountMinor: amount, Currency: g.Currency,
				MerchantKey: merchant.Key(name), Merchant: name, Category: g.Category})
			truth[id] = g.Series
		}
		e := recurring.Evaluate(recurring.Detect(txns, recurring.DefaultOptions(end.AddDate(0, 0, 1))), truth)
		if e.Precision < tc.precision || e.Recall < tc.recal {
			var invented []string
			for _, s := range e.Invented {
				invented = append(invented, s.Merchant+" "+string(s.Cadence))
			}
			t.Errorf("seed %d, %d months: precision %.2f (floor %.2f), recall %.2f (floor %.2f); invented %v, missed %v",
				tc.seed, tc.months, e.Precision, tc.precision, e.Recall, tc.recal, invented, e.Missed)
		}
	}
}

func TestEvaluate(t *testing.T) {
	detected := []recurring.Series{
		{Merchant: "Rent", TxnIDs: []string{"1", "2", "3"}},
		{Merchant: "Coffee", TxnIDs: []string{"7", "8", "9"}},
		{Merchant: "Rent again", TxnIDs: []string{"4", "x"}},
	}
	truth := map[string]string{"1": "rent", "2": "rent", "3": "rent", "4": "rent", "5": "gym", "6": "gym", "10": "once"}
	e := recurring.Evaluate(detected, truth)
	// Correct: Rent and "Rent again" (one of two payments is rent: half counts); invented:
	// Coffee. True series with two payments: rent, gym (once has one); found: rent.
	if e.Detected != 3 || e.Correct != 2 || e.TrueSeries != 2 || e.Found != 1 || len(e.Invented) != 1 ||
		e.Invented[0].Merchant != "Coffee" || len(e.Missed) != 1 || e.Missed[0] != "gym" {
		t.Fatalf("%+v", e)
	}
}
