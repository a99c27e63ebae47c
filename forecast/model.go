package forecast

import (
	"math"
	"time"
)

// Model parameters. They are constants rather than options because the
// backtest is what justifies them; change them there, not per call.
const (
	// trailingMonths is k, the number of full months in the level estimate.
	trailingMonths = 3
	// trendMonths is the longest window the slope is fitted over.
	trendMonths = 6
	// minTrendMonths: with fewer points a slope is mostly noise.
	minTrendMonths = 3
	// damping multiplies the slope: spending trends rarely persist, and an
	// undamped trend overshoots after any one-off change in level.
	damping = 0.5
	// seasonalMinMonths is the history needed to see the target month a
	// year ago and at least one year-over-year pair for the level ratio.
	seasonalMinMonths = 13
	// seasonalWeight is the share of the seasonal estimate in the blend.
	seasonalWeight = 0.5
	// maxYoYRatio caps the year-over-year scaling so that a tiny base a
	// year ago cannot blow the seasonal estimate up.
	maxYoYRatio = 2.0
)

// Method names reported in CategoryForecast.Method.
const (
	MethodNone          = "none"                  // no full month of history
	MethodTrailingMean  = "trailing-mean"         // fewer than minTrendMonths months
	MethodDampedTrend   = "damped-trend"          // level + damped slope
	MethodTrendSeasonal = "damped-trend+seasonal" // blended with last year
)

// nonRecurringForecast forecasts one month's non-recurring spending from y,
// the category's non-recurring totals for consecutive full months ending
// with the month before the forecast origin O (y[len(y)-1] is month O-1).
// h is the horizon: h=1 forecasts month O, h=2 month O+1.
//
// With n = len(y), k = min(3, n), m = min(6, n):
//
//	L = mean(y[n-k:])                       trailing level, centred (k+1)/2 months before O
//	b = OLS slope of y[n-m:] (0 if m < 3)
//	T = max(0, L + 0.5·b·((k+1)/2 + h-1))  damped trend, extrapolated to the target
//
// and, when n ≥ 13 and last year's level is positive,
//
//	r = Σ_{j=1..k} y[n-j] / Σ_{j=1..k} y[n-j-12]   (pairs with both months in history; r ≤ 2)
//	S = y[target-12] · r                             same month last year at this year's level
//	F = 0.5·S + 0.5·T
//
// otherwise F = T.
func nonRecurringForecast(y []float64, h int) (float64, string) {
	n := len(y)
	if n == 0 {
		return 0, MethodNone
	}
	k := min(trailingMonths, n)
	level := mean(y[n-k:])
	trend, method := level, MethodTrailingMean
	if m := min(trendMonths, n); m >= minTrendMonths {
		slope := olsSlope(y[n-m:])
		trend = level + damping*slope*(float64(k+1)/2+float64(h-1))
		method = MethodDampedTrend
	}
	trend = math.Max(trend, 0)

	if n < seasonalMinMonths || h < 1 || h > 12 {
		return trend, method
	}
	var num, den float64
	for j := 1; j <= k && n-j-12 >= 0; j++ {
		num += y[n-j]
		den += y[n-j-12]
	}
	if den <= 0 {
		// Nothing a year ago to scale: the category is new or was dormant,
		// so last year's months say nothing about its seasonality.
		return trend, method
	}
	ratio := math.Min(num/den, maxYoYRatio)
	seasonal := y[n+h-13] * ratio
	return seasonalWeight*seasonal + (1-seasonalWeight)*trend, MethodTrendSeasonal
}

func mean(y []float64) float64 {
	if len(y) == 0 {
		return 0
	}
	var s float64
	for _, v := range y {
		s += v
	}
	return s / float64(len(y))
}

// olsSlope is the least-squares slope of y against 0, 1, ..., len(y)-1.
func olsSlope(y []float64) float64 {
	n := float64(len(y))
	if n < 2 {
		return 0
	}
	xbar, ybar := (n-1)/2, mean(y)
	var sxy, sxx float64
	for i, v := range y {
		dx := float64(i) - xbar
		sxy += dx * (v - ybar)
		sxx += dx * dx
	}
	return sxy / sxx
}

// Months are handled as integer indices (year*12 + month-1) so that month
// arithmetic cannot be thrown off by time zones or month lengths. Dates are
// read in their own location: a transaction's calendar date is what counts.
func monthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

func monthStart(idx int, loc *time.Location) time.Time {
	return time.Date(idx/12, time.Month(idx%12+1), 1, 0, 0, 0, 0, loc)
}

func daysInMonth(idx int) int {
	return time.Date(idx/12, time.Month(idx%12+1)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayKey orders calendar dates regardless of time of day or location.
func dayKey(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

func roundMinor(v float64) int64 { return int64(math.Round(v)) }

// ledger holds spending (positive minor units) per category and month,
// split into the recurring and non-recurring parts.
type ledger struct {
	ok          bool // at least one spending transaction
	first, last int  // month indices of the earliest and latest spending
	nonRec      map[string]map[int]int64
	rec         map[string]map[int]int64
	firstSeen   map[string]int
}

// aggregate sums money out per category and month. Inflows (refunds,
// income) are ignored: the forecast is of spending, and netting refunds
// would make a category's history depend on when merchants pay back.
func aggregate(txns []Txn, keep func(Txn) bool) *ledger {
	l := &ledger{
		nonRec:    map[string]map[int]int64{},
		rec:       map[string]map[int]int64{},
		firstSeen: map[string]int{},
	}
	for _, t := range txns {
		if t.AmountMinor >= 0 || (keep != nil && !keep(t)) {
			continue
		}
		mi := monthIndex(t.Date)
		part := l.nonRec
		if t.Recurring {
			part = l.rec
		}
		if part[t.Category] == nil {
			part[t.Category] = map[int]int64{}
		}
		part[t.Category][mi] += -t.AmountMinor
		if fs, seen := l.firstSeen[t.Category]; !seen || mi < fs {
			l.firstSeen[t.Category] = mi
		}
		if !l.ok || mi < l.first {
			l.first = mi
		}
		if !l.ok || mi > l.last {
			l.last = mi
		}
		l.ok = true
	}
	return l
}

// series returns the category's values for months [from, to) in order,
// with months without transactions as zero: inside the observed span a
// missing month means nothing was spent, not that data is missing.
func series(part map[int]int64, from, to int) []float64 {
	if to <= from {
		return nil
	}
	y := make([]float64, to-from)
	for i := range y {
		y[i] = float64(part[from+i])
	}
	return y
}

// total is recurring plus non-recurring spending of a category in a month.
func (l *ledger) total(cat string, mi int) int64 {
	return l.nonRec[cat][mi] + l.rec[cat][mi]
}

// totals is a category's total (recurring and not) per month for months [from, to).
func (l *ledger) totals(cat string, from, to int) []float64 {
	y := series(l.nonRec[cat], from, to)
	for i, v := range series(l.rec[cat], from, to) {
		y[i] += v
	}
	return y
}
