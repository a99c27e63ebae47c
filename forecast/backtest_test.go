package forecast

import (
	"bytes"
	"encoding/xml"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func approx(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("%s = %.15g, want %.15g", what, got, want)
	}
}

// tinyHistory, in whole units:
//
//	      Jan   Feb   Mar   Apr
//	A     100   200   300   200    non-recurring
//	B      50r   50r   50r    5    r = recurring; B's series ends in April
func tinyHistory() []Txn {
	var h []Txn
	for i, a := range []int64{10000, 20000, 30000, 20000} {
		h = append(h, Txn{Date: day(2024, time.January+time.Month(i), 5), AmountMinor: -a, Category: "A"})
	}
	for m := time.January; m <= time.March; m++ {
		h = append(h, Txn{Date: day(2024, m, 1), AmountMinor: -5000, Category: "B", Recurring: true})
	}
	return append(h,
		Txn{Date: day(2024, time.April, 9), AmountMinor: -500, Category: "B"},
		Txn{Date: day(2024, time.April, 10), AmountMinor: 99999, Category: "A"}, // inflow: ignored
	)
}

func TestBacktestExact(t *testing.T) {
	r := Backtest(tinyHistory(), day(2024, time.January, 1), day(2024, time.April, 30))
	// January has no history to fit on and is skipped. Predictions (A, B):
	//   Mar  SeasonalNaive = Feb (200, 50)   Mean (150, 50)  Model (150+0, 0+50)
	//   Apr  SeasonalNaive = Mar (300, 50)   Mean (200, 50)  Model (200, 50): too few months
	//        to score any method against the mean, so the mean stands
	//   Feb  SeasonalNaive = Jan (100, 50)   Mean (100, 50)  Model (100, 50)
	// Actuals: Feb (200, 50), Mar (300, 50), Apr (200, 5).
	if got := len(r.Series); got != 3 {
		t.Fatalf("months = %d, want 3", got)
	}
	wantSeries := []MonthPoint{
		{Month: time.Date(2024, time.February, 1, 0, 0, 0, 0, time.UTC), ActualMinor: 25000, PredictedMinor: []int64{15000, 15000, 15000, 15000}},
		{Month: time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC), ActualMinor: 35000, PredictedMinor: []int64{25000, 20000, 20000, 20000}},
		{Month: time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC), ActualMinor: 20500, PredictedMinor: []int64{35000, 25000, 25000, 35000}},
	}
	for i, w := range wantSeries {
		g := r.Series[i]
		if !g.Month.Equal(w.Month) || g.ActualMinor != w.ActualMinor || !slices.Equal(g.PredictedMinor, w.PredictedMinor) {
			t.Errorf("Series[%d] = %+v, want %+v", i, g, w)
		}
	}

	// Six pairs; B in April (5.00) is below the MAPE floor, so five points.
	// Absolute errors per pair (FebA, FebB, MarA, MarB, AprA, AprB):
	//   SeasonalNaive 100, 0, 100, 0, 100, 45
	//   Mean          100, 0, 150, 0,   0, 45
	//   Model         as Mean: with so few months no candidate can be scored against the
	//                 mean, so the mean stands
	const sumActual = 80500.0 // 200+50+300+50+200+5
	want := map[string]struct{ mape, wape float64 }{
		SeasonalNaive: {(0.5 + 0 + 1.0/3 + 0 + 0.5) / 5, 34500 / sumActual},
		Mean:          {(0.5 + 0 + 0.5 + 0 + 0) / 5, 29500 / sumActual},
		Model:         {(0.5 + 0 + 0.5 + 0 + 0) / 5, 29500 / sumActual},
	}
	if len(r.Methods) != 4 {
		t.Fatalf("methods = %+v", r.Methods)
	}
	for i, s := range r.Methods {
		if s.Method != []string{SeasonalNaive, Mean, Model, Previous}[i] {
			t.Errorf("Methods[%d] = %q", i, s.Method)
		}
		w, ok := want[s.Method]
		if !ok {
			continue
		}
		approx(t, s.Method+" MAPE", s.MAPE, w.mape)
		approx(t, s.Method+" WAPE", s.WAPE, w.wape)
		if s.Points != 5 || s.Pairs != 6 || s.ActualMinor != 80500 {
			t.Errorf("%s counts = %+v", s.Method, s)
		}
	}
}

func TestBacktestMonthsWithoutData(t *testing.T) {
	// A spends 100.00 in January, nothing at all in February, 100.00 in
	// March and April.
	var h []Txn
	for _, m := range []time.Month{time.January, time.March, time.April} {
		h = append(h, Txn{Date: day(2024, m, 15), AmountMinor: -10000, Category: "A"})
	}
	// The range runs past the data; months after April are not evaluated.
	r := Backtest(h, day(2023, time.June, 1), day(2024, time.December, 31))
	if len(r.Series) != 3 || r.Series[0].Month.Month() != time.February || r.Series[0].ActualMinor != 0 {
		t.Fatalf("Series = %+v", r.Series)
	}
	m := r.Methods[2] // Model
	// February's zero actual counts in WAPE (error 100.00) but not in MAPE.
	if m.Pairs != 3 || m.Points != 2 || m.ActualMinor != 20000 {
		t.Errorf("Model counts = %+v", m)
	}
	// Model = the mean: Feb 100 (err 100), Mar mean(100,0)=50 (err 50),
	// Apr mean(100,0,100) = 66.67 (err 33.33).
	approx(t, "Model MAPE", m.MAPE, (0.5+float64(10000-6667)/10000)/2)
	approx(t, "Model WAPE", m.WAPE, float64(10000+5000+3333)/20000)

	if r := Backtest(nil, day(2024, time.January, 1), day(2024, time.June, 1)); len(r.Series) != 0 || r.Methods[0].MAPE != 0 {
		t.Errorf("empty backtest = %+v", r)
	}
}

func TestBacktestSeasonalDecember(t *testing.T) {
	var h []Txn
	for y := 2022; y <= 2024; y++ {
		for m := time.January; m <= time.December; m++ {
			amt := int64(20000)
			if m == time.December {
				amt = 40000
			}
			h = addMonth(h, "Gifts", y, m, amt, 0)
		}
	}
	r := Backtest(h, day(2024, time.December, 1), day(2024, time.December, 31))
	if len(r.Series) != 1 {
		t.Fatalf("Series = %+v", r.Series)
	}
	p := r.Series[0]
	sn, mean, model := p.PredictedMinor[0], p.PredictedMinor[1], p.PredictedMinor[2]
	if model <= mean {
		t.Errorf("Model %d should exceed Mean %d in December", model, mean)
	}
	// Two Decembers before it let the seasonal methods prove themselves on the first.
	if model < 38000 || model > 42000 || sn != 40000 || mean != roundMinor((33*20000+2*40000)/35.0) {
		t.Errorf("December predictions SN %d, Mean %d, Model %d", sn, mean, model)
	}
}

func TestReports(t *testing.T) {
	r := Backtest(tinyHistory(), day(2024, time.January, 1), day(2024, time.April, 30))
	var md bytes.Buffer
	r.Markdown(&md)
	for _, want := range []string{
		"| Method | WAPE | MAPE | MAPE points |",
		"| **Mean** | 36.6% | 20.0% | 5 |",
		"| 2024-04 | 205.00 | 350.00 | 250.00 | 250.00 |",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}

	var svg bytes.Buffer
	r.SVG(&svg)
	s := svg.String()
	if err := xml.Unmarshal(svg.Bytes(), new(struct{})); err != nil {
		t.Fatalf("SVG is not well-formed XML: %v\n%s", err, s)
	}
	if strings.Count(s, "<polyline") != 5 || !strings.Contains(s, `fill="#ffffff"`) || !strings.Contains(s, ">Model</text>") {
		t.Errorf("SVG lacks lines, background or legend:\n%s", s)
	}

	// An empty result still renders.
	var e bytes.Buffer
	BacktestResult{}.SVG(&e)
	if err := xml.Unmarshal(e.Bytes(), new(struct{})); err != nil {
		t.Errorf("empty SVG: %v", err)
	}
	e.Reset()
	BacktestResult{}.Markdown(&e)
	if !strings.Contains(e.String(), "No month") {
		t.Errorf("empty markdown: %q", e.String())
	}
}
