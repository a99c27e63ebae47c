package fraud

import (
	"math"
	"testing"
	"time"
)

func TestExtractFeatures(t *testing.T) {
	at := time.Date(2026, 11, 22, 3, 4, 0, 0, time.UTC) // a Sunday
	h := History{HomeCurrency: "USD", MerchantCount: 3, MerchantMedian: 500, CategoryCount: 10, CategoryMedian: 1000,
		OverallMedian: 800, LastAtMerchant: at.Add(-48 * time.Hour), Count1h: 2, Count24h: 5, Sum24h: 9999}
	x := Extract(Txn{At: at, AmountMinor: -5000, Currency: "EUR", MerchantKey: "m", Category: "c"}, h)
	want := []float64{math.Log1p(5000), math.Log(10), math.Log(5), 3, 0, 0, 0, 2, 2, 5, math.Log1p(9999), 1}
	for i := range want {
		if math.Abs(x[i]-want[i]) > 1e-9 {
			t.Errorf("%s = %v, want %v", FeatureNames[i], x[i], want[i])
		}
	}
	// A merchant and category never seen: ratios against all history, flags set.
	x = Extract(Txn{At: at, AmountMinor: -1600, Currency: "USD"}, History{HomeCurrency: "USD", OverallMedian: 800})
	if x[1] != math.Log(2) || x[2] != math.Log(2) || x[5] != 1 || x[6] != 1 || x[7] != 365 || x[11] != 0 {
		t.Errorf("new merchant features %v", x)
	}
}

func TestBuilderSeesOnlyThePast(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	pays := []Txn{
		{At: t0, AmountMinor: -100, MerchantKey: "a", Category: "x"},
		{At: t0.Add(30 * time.Minute), AmountMinor: -300, MerchantKey: "a", Category: "x"},
		{At: t0.Add(2 * time.Hour), AmountMinor: -200, MerchantKey: "b", Category: "x"},
		{At: t0.Add(30 * time.Hour), AmountMinor: -1000, MerchantKey: "a", Category: "y"},
	}
	b := NewBuilder("USD")
	var hs []History
	for _, p := range pays {
		hs = append(hs, b.History(p))
		b.Add(p)
	}
	if hs[0].MerchantCount != 0 || hs[0].Count24h != 0 {
		t.Errorf("first payment has history: %+v", hs[0])
	}
	if hs[1].MerchantCount != 1 || hs[1].MerchantMedian != 100 || hs[1].Count1h != 1 {
		t.Errorf("second: %+v", hs[1])
	}
	if hs[2].MerchantCount != 0 || hs[2].CategoryMedian != 200 || hs[2].Count1h != 0 || hs[2].Count24h != 2 || hs[2].Sum24h != 400 {
		t.Errorf("third: %+v", hs[2])
	}
	if hs[3].MerchantMedian != 200 || hs[3].CategoryCount != 0 || hs[3].Count24h != 0 || !hs[3].LastAtMerchant.Equal(t0.Add(30*time.Minute)) {
		t.Errorf("fourth: %+v", hs[3])
	}
	if got := Features("USD", pays); len(got) != len(pays) || math.Abs(got[3][7]-29.5/24) > 1e-9 {
		t.Errorf("days since merchant: %v", got[3][7])
	}
}

func TestExplainOrdersByWeight(t *testing.T) {
	x := make([]float64, len(FeatureNames))
	x[3] = 3
	attr := make([]float64, len(FeatureNames))
	attr[3], attr[0], attr[11] = 0.5, 0.3, 0.2
	c := Explain(x, attr, 2)
	if len(c) != 2 || c[0].Feature != "hour" || c[1].Feature != "log_amount" || c[0].Reason != "at 03:00" {
		t.Fatalf("%+v", c)
	}
}

func BenchmarkExtractAndScore(b *testing.B) {
	X := make([][]float64, 10000)
	h := History{HomeCurrency: "USD", MerchantCount: 5, MerchantMedian: 450, CategoryCount: 40, CategoryMedian: 1200, OverallMedian: 900}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range X {
		X[i] = Extract(Txn{At: start.Add(time.Duration(i) * 37 * time.Minute), AmountMinor: -int64(100 + (i*7919)%20000), Currency: "USD"}, h)
	}
	f, err := FitForest(X, DefaultForestParams())
	if err != nil {
		b.Fatal(err)
	}
	x := make([]float64, len(FeatureNames))
	t := Txn{At: start, AmountMinor: -320000, Currency: "EUR", MerchantKey: "new", Category: "c"}
	b.ReportAllocs()
	for b.Loop() {
		ExtractInto(x, t, h)
		_ = f.Score(x)
	}
}
