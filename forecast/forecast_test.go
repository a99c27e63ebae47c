package forecast

import (
	"math"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// addMonth appends a month's spending in cat: totalMinor non-recurring split
// over ten purchases on days 1, 4, ..., 28, and optionally a recurring charge
// on the 20th.
func addMonth(txns []Txn, cat string, y int, m time.Month, totalMinor, recurringMinor int64) []Txn {
	for i := int64(0); i < 10; i++ {
		amt := totalMinor / 10
		if i == 9 {
			amt = totalMinor - 9*(totalMinor/10)
		}
		if amt > 0 {
			txns = append(txns, Txn{Date: day(y, m, int(1+3*i)), AmountMinor: -amt, Category: cat})
		}
	}
	if recurringMinor > 0 {
		txns = append(txns, Txn{Date: day(y, m, 20), AmountMinor: -recurringMinor, Category: cat, Recurring: true})
	}
	return txns
}

func find(t *testing.T, f Forecast, cat string) CategoryForecast {
	t.Helper()
	for _, c := range f.Categories {
		if c.Category == cat {
			return c
		}
	}
	t.Fatalf("category %q missing from %+v", cat, f.Categories)
	return CategoryForecast{}
}

func near(t *testing.T, what string, got, want, tol int64) {
	t.Helper()
	if d := got - want; d < -tol || d > tol {
		t.Errorf("%s = %d, want %d ± %d", what, got, want, tol)
	}
}

func TestPredictConstantWithRecurring(t *testing.T) {
	var h []Txn
	// 14 full months (Apr 2024 – May 2025) so the seasonal branch runs too.
	for mi := monthIndex(day(2024, time.April, 1)); mi < monthIndex(day(2025, time.June, 1)); mi++ {
		ms := monthStart(mi, time.UTC)
		h = addMonth(h, "Groceries", ms.Year(), ms.Month(), 30000, 1599)
	}
	// June so far: purchases on days 1, 4, 7, 10 plus one after asOf that
	// must be ignored.
	h = addMonth(h, "Groceries", 2025, time.June, 30000, 0)
	h = append(h, Txn{Date: day(2025, time.June, 3), AmountMinor: 5000, Category: "Groceries"}) // refund: ignored
	asOf := time.Date(2025, time.June, 10, 23, 0, 0, 0, time.UTC)
	upcoming := []Expected{
		{Category: "Groceries", Date: day(2025, time.June, 20), AmountMinor: -1599},
		{Category: "Groceries", Date: day(2025, time.July, 20), AmountMinor: -1599},
		{Category: "Groceries", Date: day(2025, time.June, 5), AmountMinor: -1599}, // past: ignored
	}
	f := Predict(h, upcoming, asOf)
	if !f.Month.Equal(time.Date(2025, time.June, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Month = %v", f.Month)
	}
	g := find(t, f, "Groceries")
	if g.SpentSoFarMinor != 4*3000 {
		t.Errorf("SpentSoFar = %d, want 12000", g.SpentSoFarMinor)
	}
	if g.RecurringRemainingMinor != 1599 {
		t.Errorf("RecurringRemaining = %d, want 1599", g.RecurringRemainingMinor)
	}
	// A month is 315.99; 135.99 are known, and 20 of 30 days are left: 135.99 + 180·2/3.
	near(t, "MonthEnd", g.MonthEndMinor, 12000+1599+12000, 1)
	near(t, "NextMonth", g.NextMonthMinor, 30000+1599, 1)
	// Every method is exact on a constant series, so none beats the mean: the mean stands,
	// and its interval has no width.
	if g.Method != MethodMean || g.BeatMean || g.NextMonthLowMinor != g.NextMonthMinor || g.NextMonthHighMinor != g.NextMonthMinor {
		t.Errorf("Method = %q (beat mean %v), interval [%d, %d]", g.Method, g.BeatMean, g.NextMonthLowMinor, g.NextMonthHighMinor)
	}
	if f.TotalMonthEndMinor != g.MonthEndMinor || f.TotalNextMonthMinor != g.NextMonthMinor {
		t.Errorf("totals %d/%d do not match the only category", f.TotalMonthEndMinor, f.TotalNextMonthMinor)
	}

	// Without any Expected reaching July, last month's recurring spend is used.
	f = Predict(h, nil, asOf)
	g = find(t, f, "Groceries")
	near(t, "NextMonth (fallback)", g.NextMonthMinor, 30000+1599, 1)
	near(t, "MonthEnd (no expected)", g.MonthEndMinor, 12000+(31599-12000)*2/3, 1)
}

func TestPredictTrendIsDamped(t *testing.T) {
	var h []Txn
	// 100.00, 110.00, ..., 150.00 over Jan–Jun; asOf is July 31 (no days left).
	for i := range 6 {
		h = addMonth(h, "Dining", 2025, time.January+time.Month(i), int64(10000+1000*i), 0)
	}
	f := Predict(h, nil, day(2025, time.July, 31))
	d := find(t, f, "Dining")
	// L = mean(130,140,150) = 140, slope 10, August is 3 months past L's centre:
	// 140 + 0.5·10·3 = 155; the undamped line would say 170.
	if d.NextMonthMinor != 15500 {
		t.Errorf("NextMonth = %d, want 15500", d.NextMonthMinor)
	}
	if d.NextMonthMinor <= 15000 || d.NextMonthMinor >= 17000 {
		t.Errorf("trend not picked up or not damped: %d", d.NextMonthMinor)
	}
	if d.Method != MethodDampedTrend {
		t.Errorf("Method = %q", d.Method)
	}
	if d.MonthEndMinor != 0 {
		t.Errorf("MonthEnd with no days left and nothing spent = %d", d.MonthEndMinor)
	}

	// A falling trend is damped and never goes negative: L = mean(200,100,0)
	// = 100, slope -100, so 100 - 0.5·100·2 = 0 and two months out < 0 → 0.
	down := []float64{500, 400, 300, 200, 100, 0}
	if got, _ := nonRecurringForecast(down, 1); got != 0 {
		t.Errorf("falling trend h=1: %v, want 0", got)
	}
	if got, _ := nonRecurringForecast(down, 2); got != 0 {
		t.Errorf("falling trend h=2: %v, want 0", got)
	}
}

func TestNonRecurringForecastFormula(t *testing.T) {
	got, m := nonRecurringForecast([]float64{100, 200}, 1)
	if got != 150 || m != MethodTrailingMean {
		t.Errorf("two months: %v %q", got, m)
	}
	if got, m := nonRecurringForecast(nil, 1); got != 0 || m != MethodNone {
		t.Errorf("empty: %v %q", got, m)
	}
	// Seasonal at n=13: y[1] is the target month a year ago; only one
	// year-over-year pair exists, y[12]/y[0] = 110/100.
	y := []float64{100, 400, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 110}
	got, m = nonRecurringForecast(y, 1)
	// Trend part: L = (100+100+110)/3, slope over last 6 = OLS of 100×5,110.
	level := 310.0 / 3
	trend := level + 0.5*olsSlope(y[7:])*2
	want := 0.5*400*1.1 + 0.5*trend
	if math.Abs(got-want) > 1e-9 || m != MethodTrendSeasonal {
		t.Errorf("seasonal: got %v %q, want %v", got, m, want)
	}
}

func TestPredictSeasonalDecember(t *testing.T) {
	var h []Txn
	// Jan 2022 – Oct 2024 plus part of November; Decembers are double.
	for mi := monthIndex(day(2022, time.January, 1)); mi <= monthIndex(day(2024, time.November, 1)); mi++ {
		ms := monthStart(mi, time.UTC)
		amt := int64(20000)
		if ms.Month() == time.December {
			amt = 40000
		}
		h = addMonth(h, "Gifts", ms.Year(), ms.Month(), amt, 0)
	}
	g := find(t, Predict(h, nil, day(2024, time.November, 15)), "Gifts")
	// December 2023 was predictable from December 2022 only by the seasonal methods, so one
	// of them is chosen and December 2024 is forecast near 400.00.
	if g.NextMonthMinor < 38000 || g.NextMonthMinor > 42000 || !g.BeatMean {
		t.Errorf("December forecast = %d by %s, want about 40000 by a seasonal method", g.NextMonthMinor, g.Method)
	}
	if g.NextMonthLowMinor > g.NextMonthMinor || g.NextMonthHighMinor < g.NextMonthMinor {
		t.Errorf("interval [%d, %d] misses the forecast %d", g.NextMonthLowMinor, g.NextMonthHighMinor, g.NextMonthMinor)
	}
}

func TestPredictSparseCategories(t *testing.T) {
	var h []Txn
	for m := time.January; m <= time.June; m++ {
		h = addMonth(h, "Groceries", 2025, m, 30000, 0)
	}
	h = append(h,
		Txn{Date: day(2025, time.February, 2), AmountMinor: -90000, Category: "Furniture"}, // once, long ago
		Txn{Date: day(2025, time.May, 14), AmountMinor: -6000, Category: "Concert"},        // once, recently
		Txn{Date: day(2025, time.July, 2), AmountMinor: -2500, Category: "Pharmacy"},       // new this month
	)
	f := Predict(h, nil, day(2025, time.July, 10))

	// Furniture: last 3 months are zero, slope over 6 months is negative.
	for _, c := range f.Categories {
		if c.Category == "Furniture" {
			t.Errorf("dormant one-off category listed: %+v", c)
		}
		if c.MonthEndMinor < c.SpentSoFarMinor || c.NextMonthMinor < 0 {
			t.Errorf("implausible forecast %+v", c)
		}
	}
	// Concert: one purchase in six months. The median of its months (zero) predicted its
	// recent months best, so it is dormant too.
	for _, c := range f.Categories {
		if c.Category == "Concert" && (c.NextMonthMinor < 0 || c.NextMonthMinor > 6000) {
			t.Errorf("Concert NextMonth = %d, want within [0, 60.00]", c.NextMonthMinor)
		}
	}
	p := find(t, f, "Pharmacy")
	if p.SpentSoFarMinor != 2500 || p.MonthEndMinor != 2500 || p.NextMonthMinor != 0 || p.Method != MethodMean {
		t.Errorf("Pharmacy = %+v", p)
	}
	// Sorted by month-end, largest first.
	if f.Categories[0].Category != "Groceries" {
		t.Errorf("first category = %q", f.Categories[0].Category)
	}

	// Empty history and no expectations: an empty forecast, not a panic.
	e := Predict(nil, nil, day(2025, time.July, 10))
	if len(e.Categories) != 0 || e.TotalMonthEndMinor != 0 || e.Month.Day() != 1 {
		t.Errorf("empty = %+v", e)
	}
	// Only an expectation: the recurring charge alone.
	e = Predict(nil, []Expected{{Category: "Rent", Date: day(2025, time.July, 28), AmountMinor: -100000}}, day(2025, time.July, 10))
	r := find(t, e, "Rent")
	if r.MonthEndMinor != 100000 || r.NextMonthMinor != 0 || r.Method != MethodNone {
		t.Errorf("Rent = %+v", r)
	}
}
