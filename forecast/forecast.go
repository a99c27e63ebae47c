// Package forecast predicts per-category spending for the rest of the
// current month and for next month, and backtests the model against simple
// baselines.
//
// Spending is split in two parts. The recurring part (subscriptions, rent,
// ...) comes from series detected elsewhere and is taken as known. The
// non-recurring rest is forecast per category from calendar-month totals
// with a damped trend blended with last year's same month; see
// nonRecurringForecast for the formula.
//
// All money is int64 minor units; spending is reported as positive amounts.
package forecast

import (
	"cmp"
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
	// Method names the non-recurring model used (Method* constants).
	Method string
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
// Current month, per category:
//
//	MonthEnd = SpentSoFar (recurring and not)
//	         + RecurringRemaining (Expected dated after asOf in this month)
//	         + F₁ · (days left after asOf) / (days in month)
//
// where F₁ is the non-recurring forecast for the whole month. Prorating by
// days assumes spending is spread evenly over the month; a day-of-month
// profile would need more history than most users have.
//
// Next month = F₂ (non-recurring forecast two months out) + the Expected
// charges dated in next month. If no Expected entry reaches next month at
// all, the series horizon is taken to be too short and the recurring part
// falls back to last full month's recurring spending. Expected entries
// dated on or before asOf are ignored: on asOf they are assumed to be
// posted already (and so in SpentSoFar).
func Predict(history []Txn, upcoming []Expected, asOf time.Time) Forecast {
	asOfDay := dayKey(asOf)
	l := aggregate(history, func(t Txn) bool { return dayKey(t.Date) <= asOfDay })
	cur := monthIndex(asOf)
	fc := Forecast{AsOf: asOf, Month: monthStart(cur, asOf.Location())}

	recRemaining := map[string]int64{}
	recNext := map[string]int64{}
	horizonReachesNext := false
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
			horizonReachesNext = true
		case mi > cur+1:
			horizonReachesNext = true
		}
	}
	for c := range l.firstSeen {
		cats[c] = true
	}

	first := cur // no history: every series is empty
	if l.ok && l.first < cur {
		first = l.first
	}
	dim := daysInMonth(cur)
	left := float64(dim - asOf.Day())

	for c := range cats {
		y := series(l.nonRec[c], first, cur)
		f1, _ := nonRecurringForecast(y, 1)
		f2, method := nonRecurringForecast(y, 2)

		cf := CategoryForecast{
			Category:                c,
			SpentSoFarMinor:         l.total(c, cur),
			RecurringRemainingMinor: recRemaining[c],
			Method:                  method,
		}
		cf.MonthEndMinor = cf.SpentSoFarMinor + cf.RecurringRemainingMinor + roundMinor(f1*left/float64(dim))
		next := recNext[c]
		if !horizonReachesNext {
			next = l.rec[c][cur-1]
		}
		cf.NextMonthMinor = next + roundMinor(f2)

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
