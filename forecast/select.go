package forecast

import (
	"math"
	"slices"
)

// Per-category model choice. Each category's non-recurring monthly totals are forecast by the
// candidate that predicted that category best in a backtest of its own recent months, and
// only if it beat the plain mean there: otherwise the mean stands, and says so.

// Candidate method names, reported in CategoryForecast.Method.
const (
	MethodMean          = "mean"           // mean of all months: the baseline to beat
	MethodMedian        = "median"         // median of the last 6 months: robust to one-off spikes
	MethodTrimmedMean   = "trimmed-mean"   // mean without the highest and lowest tenth of the months
	MethodSeasonalNaive = "seasonal-naive" // the same month a year ago (last month with less history)
	MethodSeasonalMean  = "seasonal-mean"  // deseasonalised mean of the last year × the month's seasonal index
	MethodCroston       = "croston-sba"    // Croston's method with the Syntetos–Boylan correction, for sparse categories
)

const (
	// selectionWindow is how many of a category's latest months each candidate is scored on,
	// each predicted from the months before it only.
	selectionWindow = 12
	// minSelectionPoints: with fewer scored months the choice is noise and the mean stands.
	minSelectionPoints = 3
	// minFitMonths: every candidate is scored on origins with at least this many months
	// before them, so that all of them are scored on the same months.
	minFitMonths = 3
	// medianMonths is the median's window.
	medianMonths = 6
	// crostonAlpha smooths Croston's sizes and intervals.
	crostonAlpha = 0.2
	// intermittentShare: a category with at least this share of months without spending is
	// sparse; only then is Croston a candidate.
	intermittentShare = 0.3
	// beatMargin: a method must beat the mean's backtest error by this share to replace it;
	// a smaller win on a dozen months is as likely luck as skill.
	beatMargin = 0.1
	// intervalQuantile is the share of past errors the prediction interval covers.
	intervalQuantile = 0.8
)

// candidate forecasts the month h steps after the end of y (h=1: the next month). On equal
// backtest errors the earlier candidate wins: the mean first, then the smoother methods.
type candidate struct {
	name string
	f    func(y []float64, h int) (float64, bool)
}

var candidates = []candidate{
	{MethodMean, func(y []float64, _ int) (float64, bool) { return mean(y), len(y) > 0 }},
	{MethodTrimmedMean, func(y []float64, _ int) (float64, bool) { return trimmedMean(y), len(y) >= 5 }},
	{MethodMedian, func(y []float64, _ int) (float64, bool) {
		return median(y[max(0, len(y)-medianMonths):]), len(y) >= 3
	}},
	{MethodDampedTrend, func(y []float64, h int) (float64, bool) {
		v, m := nonRecurringForecast(y, h)
		return v, m == MethodDampedTrend || m == MethodTrendSeasonal
	}},
	{MethodSeasonalMean, seasonalMean},
	{MethodSeasonalNaive, func(y []float64, h int) (float64, bool) {
		n := len(y)
		if n+h-12 >= 0 && n >= 12 {
			return y[n+h-13], true
		}
		return y[n-1], n > 0
	}},
	{MethodCroston, croston},
}

// Choice is the method chosen for one category's series and what it predicts.
type Choice struct {
	Method string
	// BeatMean: the method's error on the category's recent months was lower than the
	// mean's. When no candidate beats the mean, Method is MethodMean and this is false.
	BeatMean bool
	// Value and the interval [Low, High] for the months asked for (h = 1, 2).
	Value, Low, High [2]float64
}

// choose picks the method for series y (consecutive full months, oldest first) and forecasts
// the next two months with an interval from the method's own recent absolute errors (their
// intervalQuantile quantile), or, with too few of them, ±1.28 standard deviations of y.
func choose(y []float64) Choice {
	type scored struct {
		c    candidate
		err  float64
		errs []float64
	}
	var all []scored
	n := len(y)
	for _, c := range candidates {
		s := scored{c: c}
		ok := true
		for o := max(minFitMonths, n-selectionWindow); o < n; o++ {
			v, fine := c.f(y[:o], 1)
			if !fine {
				ok = false
				break
			}
			e := math.Abs(math.Max(v, 0) - y[o])
			s.err += e
			s.errs = append(s.errs, e)
		}
		if ok && len(s.errs) >= minSelectionPoints && (c.name != MethodCroston || intermittent(y)) {
			all = append(all, s)
		}
	}
	best := -1
	meanErr := math.Inf(1)
	for i, s := range all {
		if s.c.name == MethodMean {
			meanErr = s.err
		}
		if best < 0 || s.err < all[best].err-1e-9 {
			best = i
		}
	}
	ch := Choice{Method: MethodMean}
	errs := []float64(nil)
	f := candidates[0].f
	if best >= 0 && all[best].c.name != MethodMean && all[best].err < (1-beatMargin)*meanErr {
		ch.Method, ch.BeatMean, f, errs = all[best].c.name, true, all[best].c.f, all[best].errs
	} else {
		for _, s := range all {
			if s.c.name == MethodMean {
				errs = s.errs
			}
		}
	}
	width := 1.28 * stddev(y)
	if len(errs) >= minSelectionPoints {
		width = quantile(errs, intervalQuantile)
	}
	for h := 1; h <= 2; h++ {
		v, ok := f(y, h)
		if !ok || n == 0 {
			v = mean(y)
		}
		v = math.Max(v, 0)
		ch.Value[h-1], ch.Low[h-1], ch.High[h-1] = v, math.Max(v-width, 0), v+width
	}
	return ch
}

func intermittent(y []float64) bool {
	zeros := 0
	for _, v := range y {
		if v == 0 {
			zeros++
		}
	}
	return len(y) > 0 && float64(zeros)/float64(len(y)) >= intermittentShare
}

// seasonalMean needs two years: seasonal indices are each calendar month's mean over the
// series' mean; the forecast is the mean of the last 12 months with their indices divided
// out, times the target month's index.
func seasonalMean(y []float64, h int) (float64, bool) {
	n := len(y)
	if n < 24 {
		return 0, false
	}
	overall := mean(y)
	if overall <= 0 {
		return 0, false
	}
	var idx [12]float64
	var cnt [12]int
	// Position p of y is month (p - n) mod 12 relative to the target's calendar.
	for p, v := range y {
		k := ((p-n)%12 + 12) % 12
		idx[k] += v
		cnt[k]++
	}
	for k := range idx {
		idx[k] = idx[k] / float64(cnt[k]) / overall
	}
	var level float64
	for p := n - 12; p < n; p++ {
		k := ((p-n)%12 + 12) % 12
		if idx[k] > 0 {
			level += y[p] / idx[k]
		} else {
			level += overall
		}
	}
	level /= 12
	return level * idx[((h-1)%12+12)%12], true
}

// croston forecasts the mean monthly demand of a sparse series: exponentially smoothed
// non-zero sizes over smoothed intervals between them, with the Syntetos–Boylan bias
// correction (1 - α/2).
func croston(y []float64, _ int) (float64, bool) {
	var size, interval float64
	started := false
	gap := 1.0
	for _, v := range y {
		if v > 0 {
			if !started {
				size, interval, started = v, gap, true
			} else {
				size += crostonAlpha * (v - size)
				interval += crostonAlpha * (gap - interval)
			}
			gap = 1
			continue
		}
		gap++
	}
	if !started {
		return 0, len(y) > 0
	}
	return (1 - crostonAlpha/2) * size / interval, true
}

func median(y []float64) float64 {
	if len(y) == 0 {
		return 0
	}
	s := slices.Clone(y)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func stddev(y []float64) float64 {
	if len(y) < 2 {
		return 0
	}
	m := mean(y)
	var ss float64
	for _, v := range y {
		ss += (v - m) * (v - m)
	}
	return math.Sqrt(ss / float64(len(y)-1))
}

// quantile by the nearest-rank method.
func quantile(y []float64, p float64) float64 {
	s := slices.Clone(y)
	slices.Sort(s)
	k := int(math.Ceil(p*float64(len(s)))) - 1
	return s[min(max(k, 0), len(s)-1)]
}

// trimmedMean drops the highest and lowest tenth of the values (at least one each) and
// averages the rest: the mean without the trip or the refund month.
func trimmedMean(y []float64) float64 {
	s := slices.Clone(y)
	slices.Sort(s)
	k := max(1, len(s)/10)
	if len(s) <= 2*k {
		return mean(s)
	}
	return mean(s[k : len(s)-k])
}
