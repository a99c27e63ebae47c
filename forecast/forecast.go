// Package forecast predicts per-category spending for the rest of the
// current month and for next month, and backtests the model against simple
// baselines.
//
// Spending is split in two parts. The recurring part (subscriptions, rent,
// ...) comes from series detected elsewhere and is taken as known. The
// non-recurring rest is forecast per category from calendar-month totals by
// the method that predicted that category best in a backtest of its own
// recent months (mean, median, seasonal naive, damped trend, deseasonalised
// mean, Croston/SBA for sparse categories), and only if it beat the mean
// there; see choose.
//
// All money is int64 minor units; spending is reported as positive amounts.
package forecast

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Txn is a booked transaction. Only money out (AmountMinor < 0) counts, as
// spending of -AmountMinor. Recurring marks members of a detected series.
type Txn struct {
	Date        time.Time
	AmountMinor int64
	Category    string
	Recurring   bool
}

// Expected is an upcoming charge of a recurring series (AmountMinor < 0).
type Expected struct {
	Category    string
	Date        time.Time
	AmountMinor int64
}

// CategoryForecast is one category's spending (positive minor units).
type CategoryForecast struct {
	Category string
	// SpentSoFarMinor is all spending this month up to and including AsOf.
	SpentSoFarMinor int64
	// MonthEndMinor is the forecast total for the current month.
	MonthEndMinor int64
	// NextMonthMinor is the forecast total for next month.
	NextMonthMinor int64
	// RecurringRemainingMinor is expected recurring spending after AsOf
	// within the current month.
	RecurringRemainingMinor int64
	// Method names the non-recurring model chosen for the category by its own backtest
	// (Method* constants); BeatMean is false when no model beat the plain mean there, so the
	// mean is used.
	Method   string
	BeatMean bool
	// The 80 % prediction intervals of MonthEndMinor and NextMonthMinor: the non-recurring
	// forecast ± the 80th percentile of the chosen method's recent absolute errors.
	MonthEndLowMinor, MonthEndHighMinor   int64
	NextMonthLowMinor, NextMonthHighMinor int64
}

// Forecast is the result of Predict. Categories are ordered by
// MonthEndMinor, largest first, then by name.
type Forecast struct {
	AsOf                time.Time
	Month               time.Time // first day of the current month
	Categories          []CategoryForecast
	TotalMonthEndMinor  int64
	TotalNextMonthMinor int64
}

// Predict forecasts each category's spending for the month containing
// asOf and for the month after.
//
// Transactions dated after asOf's calendar day are ignored; the full months
// before asOf's month (from the first month with any spending) are the
// model's history, with months without spending counting as zero. The
// first month is taken as complete, so history should start on a month
// boundary.
//
// Per category, the method chosen by the category's own backtest (see
// choose) forecasts its total for this month and next month, with an 80 %
// interval. Neither is allowed below what is already known:
//
//	known     = SpentSoFar + RecurringRemaining
//	MonthEnd  = known + max(0, forecast of this month - known) · (days left after asOf) / (days in month)
//	NextMonth = max(forecast of next month, the Expected charges dated in it)
//
// where RecurringRemaining is the Expected charges dated after asOf in this
// month. Expected entries dated on or before asOf are ignored: on asOf they
// are assumed to be posted already (and so in SpentSoFar).
func Predict(history []Txn, upcoming []Expected, asOf time.Time) Forecast {
	asOfDay := dayKey(asOf)
	l := aggregate(history, func(t Txn) bool { return dayKey(t.Date) <= asOfDay })
	cur := monthIndex(asOf)
	fc := Forecast{AsOf: asOf, Month: monthStart(cur, asOf.Location())}

	recRemaining := map[string]int64{}
	recNext := map[string]int64{}
	cats := map[string]bool{}
	for _, e := range upcoming {
		if e.AmountMinor >= 0 || dayKey(e.Date) <= asOfDay {
			continue
		}
		switch mi := monthIndex(e.Date); {
		case mi == cur:
			recRemaining[e.Category] += -e.AmountMinor
			cats[e.Category] = true
		case mi == cur+1:
			recNext[e.Category] += -e.AmountMinor
			cats[e.Category] = true
		}
	}
	for c := range l.firstSeen {
		cats[c] = true
	}

	left := float64(daysInMonth(cur)-asOf.Day()) / float64(daysInMonth(cur))
	first := cur // no history: every series is empty
	if l.ok && l.first < cur {
		first = l.first
	}

	for c := range cats {
		y := l.totals(c, first, cur)
		ch := Choice{Method: MethodNone}
		if len(y) > 0 {
			ch = choose(y)
		}

		cf := CategoryForecast{
			Category:                c,
			SpentSoFarMinor:         l.total(c, cur),
			RecurringRemainingMinor: recRemaining[c],
			Method:                  ch.Method,
			BeatMean:                ch.BeatMean,
		}
		// The chosen model's total for each month, never below what is known: spent so far
		// plus the series' charges still expected.
		known := cf.SpentSoFarMinor + cf.RecurringRemainingMinor
		cf.MonthEndMinor, cf.MonthEndLowMinor, cf.MonthEndHighMinor = atLeast(known, ch, 0, left)
		cf.NextMonthMinor, cf.NextMonthLowMinor, cf.NextMonthHighMinor = atLeast(recNext[c], ch, 1, 1)

		if cf.SpentSoFarMinor == 0 && cf.MonthEndMinor == 0 && cf.NextMonthMinor == 0 {
			continue // dormant category: nothing to show
		}
		fc.Categories = append(fc.Categories, cf)
		fc.TotalMonthEndMinor += cf.MonthEndMinor
		fc.TotalNextMonthMinor += cf.NextMonthMinor
	}
	slices.SortFunc(fc.Categories, func(a, b CategoryForecast) int {
		if c := cmp.Compare(b.MonthEndMinor, a.MonthEndMinor); c != 0 {
			return c
		}
		return cmp.Compare(a.Category, b.Category)
	})
	return fc
}

// atLeast is the choice's forecast for month h (0: this month, 1: next) and its interval on
// top of what is known: the part of each forecast not yet known, times the share of the
// month still to come (1 for next month).
func atLeast(known int64, ch Choice, h int, left float64) (v, lo, hi int64) {
	add := func(f float64) int64 { return known + roundMinor(math.Max(f-float64(known), 0)*left) }
	return add(ch.Value[h]), add(ch.Low[h]), add(ch.High[h])
}
