package fraud

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Ranking metrics for anomaly scores: higher scores should mean "more anomalous", and
// labels are true for anomalies (the positive class). NaN scores rank below every other
// score. Both functions panic if the slices differ in length and return NaN when a
// metric is undefined.

// ROCAUC is the area under the ROC curve of scores against labels, computed as the
// Mann–Whitney U statistic: the probability that a randomly chosen anomaly scores higher
// than a randomly chosen normal point, ties counting one half (tied scores share their
// average rank). It is NaN unless there is at least one anomaly and one normal point.
func ROCAUC(scores []float64, labels []bool) float64 {
	checkMetricInput(scores, labels)
	n := len(scores)
	idx := sortedIndex(scores, false)
	var pos int
	var rankSum float64 // sum of the (1-based, tie-averaged) ranks of the anomalies
	for i := 0; i < n; {
		j := i
		for j < n && sameScore(scores[idx[j]], scores[idx[i]]) {
			j++
		}
		rank := float64(i+1+j) / 2 // average of ranks i+1 … j
		for _, k := range idx[i:j] {
			if labels[k] {
				pos++
				rankSum += rank
			}
		}
		i = j
	}
	neg := n - pos
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	p := float64(pos)
	u := rankSum - p*(p+1)/2
	return u / (p * float64(neg))
}

// AveragePrecision summarises the precision–recall curve as scikit-learn's
// average_precision_score does: AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct score
// thresholds in decreasing order, where Pₙ and Rₙ are the precision and recall when
// everything scoring at least the n-th threshold is flagged; tied scores enter together.
// There is no interpolation. It is NaN when there are no anomalies.
func AveragePrecision(scores []float64, labels []bool) float64 {
	checkMetricInput(scores, labels)
	var pos int
	for _, l := range labels {
		if l {
			pos++
		}
	}
	if pos == 0 {
		return math.NaN()
	}
	n := len(scores)
	idx := sortedIndex(scores, true)
	var tp, flagged int
	var ap, prevRecall float64
	for i := 0; i < n; {
		j := i
		for j < n && sameScore(scores[idx[j]], scores[idx[i]]) {
			j++
		}
		for _, k := range idx[i:j] {
			if labels[k] {
				tp++
			}
		}
		flagged += j - i
		recall := float64(tp) / float64(pos)
		ap += (recall - prevRecall) * float64(tp) / float64(flagged)
		prevRecall = recall
		i = j
	}
	return ap
}

func checkMetricInput(scores []float64, labels []bool) {
	if len(scores) != len(labels) {
		panic(fmt.Sprintf("fraud: %d scores but %d labels", len(scores), len(labels)))
	}
}

// sortedIndex is the indices of scores in increasing (or decreasing) score order, NaN
// lowest.
func sortedIndex(scores []float64, descending bool) []int {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if descending {
			return cmp.Compare(scores[b], scores[a])
		}
		return cmp.Compare(scores[a], scores[b])
	})
	return idx
}

// sameScore is equality with NaN equal to NaN, matching cmp.Compare.
func sameScore(a, b float64) bool { return cmp.Compare(a, b) == 0 }
