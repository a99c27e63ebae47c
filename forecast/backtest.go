package forecast

import (
	"math"
	"slices"
	"time"
)

// Backtest method names, in the order they appear in BacktestResult.
const (
	SeasonalNaive = "SeasonalNaive"
	Mean          = "Mean"
	Model         = "Model"
	// Previous is the model before per-category choice (last month's recurring spending
	// plus a damped trend of the rest), kept in the report to show the change.
	Previous = "Previous"
)

// MAPEFloorMinor is the smallest actual monthly category total that enters
// MAPE. Percentage errors on tiny or zero actuals are huge or undefined and
// would dominate the mean, so those pairs only count towards WAPE.
const MAPEFloorMinor = 1000

// MethodScore is one method's error over all evaluated (month, category)
// pairs.
type MethodScore struct {
	Method string
	// MAPE is the mean of |pred-actual|/actual over the Points pairs with
	// actual ≥ MAPEFloorMinor, as a fraction (0.1 = 10%); 0 if Points == 0.
	MAPE   float64
	Points int
	// WAPE is AbsErrMinor / ActualMinor over all Pairs, zeros included, so
	// spending predicted for a month in which nothing was spent still
	// counts as error; 0 if ActualMinor == 0.
	WAPE        float64
	Pairs       int
	AbsErrMinor int64
	ActualMinor int64
}

// MonthPoint is the all-category total of one backtested month.
type MonthPoint struct {
	Month       time.Time
	ActualMinor int64
	// PredictedMinor is aligned with BacktestResult.Methods.
	PredictedMinor []int64
}

// BacktestResult is the output of Backtest.
type BacktestResult struct {
	Methods []MethodScore
	Series  []MonthPoint
	// IntervalHits of IntervalPairs (month, category) actuals fell inside the model's 80 %
	// prediction interval.
	IntervalHits, IntervalPairs int
	// Choices are the methods chosen per category for the last backtested month.
	Choices []CategoryChoice
}

// CategoryChoice is the method the model chose for a category.
type CategoryChoice struct {
	Category string
	Method   string
	BeatMean bool
}

// Backtest evaluates the methods with a rolling origin: for each calendar
// month M from from's month to to's month, each method is fitted on the
// transactions before M and predicts every category's total (recurring and
// non-recurring) spending in M. The data are assumed complete up to the end
// of to's month; months after the last transaction are skipped, as is the
// first month with spending (nothing to fit on). A category is evaluated in
// M once it has appeared, in M or before; months without any transaction
// are evaluated with zero actuals.
//
// Methods, per category:
//
//	SeasonalNaive: total of M-12 if the history reaches back to M-12
//	               (even if the category spent nothing then), else of M-1.
//	Mean:          mean total over all full months of history.
//	Model:         the method chosen for the category on months before M only
//	               (see choose), on its monthly totals.
//	Previous:      recurring spending of M-1 + the damped-trend forecast of the
//	               non-recurring rest (nonRecurringForecast): the model before.
func Backtest(history []Txn, from, to time.Time) BacktestResult {
	methods := []string{SeasonalNaive, Mean, Model, Previous}
	res := BacktestResult{Methods: make([]MethodScore, len(methods))}
	for i, m := range methods {
		res.Methods[i].Method = m
	}
	l := aggregate(history, nil)
	if !l.ok {
		return res
	}
	cats := make([]string, 0, len(l.firstSeen))
	for c := range l.firstSeen {
		cats = append(cats, c)
	}
	slices.Sort(cats) // deterministic float summation order

	ape := make([]float64, len(methods))
	lo := max(monthIndex(from), l.first+1)
	hi := min(monthIndex(to), l.last)
	for m := lo; m <= hi; m++ {
		pt := MonthPoint{Month: monthStart(m, from.Location()), PredictedMinor: make([]int64, len(methods))}
		for _, c := range cats {
			if l.firstSeen[c] > m {
				continue
			}
			actual := l.total(c, m)
			pt.ActualMinor += actual
			preds, ch, rec := predictMonth(l, c, m)
			res.IntervalPairs++
			if lo, hi := rec+roundMinor(ch.Low[0]), rec+roundMinor(ch.High[0]); actual >= lo && actual <= hi {
				res.IntervalHits++
			}
			if m == hi {
				res.Choices = append(res.Choices, CategoryChoice{Category: c, Method: ch.Method, BeatMean: ch.BeatMean})
			}
			for i, pred := range preds {
				pt.PredictedMinor[i] += pred
				s := &res.Methods[i]
				e := abs(pred - actual)
				s.Pairs++
				s.AbsErrMinor += e
				s.ActualMinor += actual
				if actual >= MAPEFloorMinor {
					s.Points++
					ape[i] += float64(e) / float64(actual)
				}
			}
		}
		res.Series = append(res.Series, pt)
	}
	for i := range res.Methods {
		s := &res.Methods[i]
		if s.Points > 0 {
			s.MAPE = ape[i] / float64(s.Points)
		}
		if s.ActualMinor > 0 {
			s.WAPE = float64(s.AbsErrMinor) / float64(s.ActualMinor)
		}
	}
	return res
}

// predictMonth returns category c's total for month m as predicted by
// SeasonalNaive, Mean, Model and Previous, fitted on months [l.first, m), with the
// Model's choice.
func predictMonth(l *ledger, c string, m int) ([4]int64, Choice, int64) {
	var sn int64
	if m-12 >= l.first {
		sn = l.total(c, m-12)
	} else {
		sn = l.total(c, m-1)
	}
	var sum int64
	for mi := l.first; mi < m; mi++ {
		sum += l.total(c, mi)
	}
	avg := roundMinor(float64(sum) / float64(m-l.first))
	ch := choose(l.totals(c, l.first, m))
	prev, _ := nonRecurringForecast(series(l.nonRec[c], l.first, m), 1)
	return [4]int64{sn, avg, roundMinor(ch.Value[0]), l.rec[c][m-1] + roundMinor(prev)}, ch, 0
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// bestMethod is the method with the lowest WAPE, the headline metric.
func (r BacktestResult) bestMethod() string {
	best, bestW := "", math.Inf(1)
	for _, s := range r.Methods {
		if s.Pairs > 0 && s.WAPE < bestW {
			best, bestW = s.Method, s.WAPE
		}
	}
	return best
}
