package fraud

import (
	"math"
	"math/rand/v2"
	"testing"
)

func metricLabels(ys ...int) []bool {
	out := make([]bool, len(ys))
	for i, y := range ys {
		out[i] = y != 0
	}
	return out
}

func TestMetricsHandComputed(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scores  []float64
		labels  []bool
		auc, ap float64
	}{
		// scikit-learn's documentation example for roc_auc_score and
		// average_precision_score.
		{"sklearn docs", []float64{0.1, 0.4, 0.35, 0.8}, metricLabels(0, 0, 1, 1), 0.75, 5.0 / 6},
		{"perfect", []float64{0.9, 0.8, 0.2, 0.1}, metricLabels(1, 1, 0, 0), 1, 1},
		{"inverted", []float64{0.1, 0.2, 0.8, 0.9}, metricLabels(1, 1, 0, 0), 0, 0.5*(1.0/3) + 0.5*(2.0/4)},
		// Ties: the anomalies tie with one normal point at 0.5, the other normal is 0.1.
		// Pairs: each anomaly beats 0.1 (1) and ties 0.5 (½): AUC = 3/4. AP: one threshold
		// 0.5 flags 3 with 2 anomalies: recall 1 at precision 2/3.
		{"ties", []float64{0.5, 0.5, 0.5, 0.1}, metricLabels(1, 0, 1, 0), 0.75, 2.0 / 3},
		// Everything tied: AUC ½, AP the prevalence.
		{"all tied", []float64{3, 3, 3, 3, 3}, metricLabels(1, 0, 0, 0, 1), 0.5, 0.4},
		// Thresholds 0.9 {1}, 0.7 {1,0} tie, 0.3 {0}, 0.2 {1}:
		// P/R: 1/ (1/3), 2/3 / (2/3), 2/4 / (2/3), 3/5 / 1
		// AP = 1·⅓ + ⅔·⅓ + 0 + ⅗·⅓ = (1 + 2/3 + 3/5)/3
		// AUC: anomaly 0.9 beats 2; 0.7 beats 0.3 and ties 0.7: 1.5; 0.2 beats none: 3.5/6.
		{"mixed", []float64{0.9, 0.7, 0.7, 0.3, 0.2}, metricLabels(1, 1, 0, 0, 1), 3.5 / 6, (1 + 2.0/3 + 3.0/5) / 3},
	} {
		if got := ROCAUC(tc.scores, tc.labels); math.Abs(got-tc.auc) > 1e-12 {
			t.Errorf("%s: ROCAUC = %v, want %v", tc.name, got, tc.auc)
		}
		if got := AveragePrecision(tc.scores, tc.labels); math.Abs(got-tc.ap) > 1e-12 {
			t.Errorf("%s: AveragePrecision = %v, want %v", tc.name, got, tc.ap)
		}
	}
}

func TestMetricsUndefined(t *testing.T) {
	if v := ROCAUC([]float64{1, 2}, metricLabels(1, 1)); !math.IsNaN(v) {
		t.Errorf("ROCAUC without normals = %v, want NaN", v)
	}
	if v := ROCAUC([]float64{1, 2}, metricLabels(0, 0)); !math.IsNaN(v) {
		t.Errorf("ROCAUC without anomalies = %v, want NaN", v)
	}
	if v := AveragePrecision([]float64{1, 2}, metricLabels(0, 0)); !math.IsNaN(v) {
		t.Errorf("AveragePrecision without anomalies = %v, want NaN", v)
	}
	if v := AveragePrecision([]float64{1, 2}, metricLabels(1, 1)); v != 1 {
		t.Errorf("AveragePrecision all anomalies = %v, want 1", v)
	}
	if v := ROCAUC(nil, nil); !math.IsNaN(v) {
		t.Errorf("ROCAUC(nil) = %v, want NaN", v)
	}
	defer func() {
		if recover() == nil {
			t.Error("length mismatch did not panic")
		}
	}()
	ROCAUC([]float64{1}, nil)
}

// TestMetricsBruteForce compares with the definitions computed naively on random data
// with many ties: AUC over all anomaly/normal pairs, AP from precision and recall at
// every distinct threshold.
func TestMetricsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 2 + rng.IntN(60)
		scores := make([]float64, n)
		labels := make([]bool, n)
		for i := range scores {
			scores[i] = float64(rng.IntN(8)) // many ties
			labels[i] = rng.IntN(3) == 0
		}
		if trial%7 == 0 {
			scores[0] = math.NaN()
		}
		var pos, neg int
		var pairs float64
		for i := range n {
			if !labels[i] {
				neg++
				continue
			}
			pos++
			for j := range n {
				if labels[j] {
					continue
				}
				si, sj := scores[i], scores[j]
				if math.IsNaN(si) {
					si = math.Inf(-1)
				}
				if math.IsNaN(sj) {
					sj = math.Inf(-1)
				}
				switch {
				case si > sj:
					pairs++
				case si == sj:
					pairs += 0.5
				}
			}
		}
		if pos > 0 && neg > 0 {
			if got, want := ROCAUC(scores, labels), pairs/float64(pos*neg); math.Abs(got-want) > 1e-12 {
				t.Fatalf("trial %d: ROCAUC = %v, brute force %v", trial, got, want)
			}
		}
		if pos == 0 {
			continue
		}
		// AP over thresholds from high to low.
		var ap, prevR float64
		for th := 7; th >= -1; th-- { // −1: the NaN, lowest
			var tp, fl int
			for i, s := range scores {
				v := s
				if math.IsNaN(v) {
					v = -1
				}
				if v >= float64(th) {
					fl++
					if labels[i] {
						tp++
					}
				}
			}
			if fl == 0 {
				continue
			}
			r := float64(tp) / float64(pos)
			ap += (r - prevR) * float64(tp) / float64(fl)
			prevR = r
		}
		if got := AveragePrecision(scores, labels); math.Abs(got-ap) > 1e-12 {
			t.Fatalf("trial %d: AveragePrecision = %v, brute force %v", trial, got, ap)
		}
	}
}
