package forecast

import (
	"math"
	"testing"
)

func TestCrostonSBA(t *testing.T) {
	// Sizes 120 every third month: after the first, size and interval stay 120 and 3, so
	// the forecast is (1 - 0.1)·120/3 = 36 a month.
	y := []float64{0, 0, 120, 0, 0, 120, 0, 0, 120}
	got, ok := croston(y, 1)
	if !ok || math.Abs(got-36) > 1e-9 {
		t.Fatalf("croston = %v, %v; want 36", got, ok)
	}
	if got, ok := croston([]float64{0, 0}, 1); !ok || got != 0 {
		t.Fatalf("no demand yet: %v, %v", got, ok)
	}
}

func TestSeasonalMean(t *testing.T) {
	// Two years of 100 a month with a December of 300: December's index is 300/116.67.
	var y []float64
	for range 2 {
		for m := 1; m <= 12; m++ {
			v := 100.0
			if m == 12 {
				v = 300
			}
			y = append(y, v)
		}
	}
	// The series ends with a December; h=12 is the next December, h=1 January.
	dec, ok := seasonalMean(y, 12)
	jan, _ := seasonalMean(y, 1)
	if !ok || math.Abs(dec-300) > 1e-6 || math.Abs(jan-100) > 1e-6 {
		t.Fatalf("seasonal mean: December %v, January %v (ok %v)", dec, jan, ok)
	}
	if _, ok := seasonalMean(y[:23], 1); ok {
		t.Fatal("seasonal mean with less than two years")
	}
}

func TestChooseKeepsTheMeanUnlessBeaten(t *testing.T) {
	// Noise around 100: nothing beats the mean by the margin, so the mean stands.
	noisy := []float64{90, 110, 95, 105, 100, 92, 108, 97, 103, 99, 101, 96}
	ch := choose(noisy)
	if ch.Method != MethodMean || ch.BeatMean {
		t.Fatalf("noise: %+v", ch)
	}
	if !(ch.Low[0] < ch.Value[0] && ch.Value[0] < ch.High[0]) {
		t.Fatalf("interval [%v, %v] around %v", ch.Low[0], ch.High[0], ch.Value[0])
	}
	// A level shift: the recent months are what counts, and a method that follows them wins.
	shift := []float64{100, 100, 100, 100, 100, 100, 200, 200, 200, 200, 200, 200, 200, 200}
	ch = choose(shift)
	if !ch.BeatMean || ch.Value[0] < 180 {
		t.Fatalf("level shift: %+v", ch)
	}
	// One spike: the median ignores it.
	spike := []float64{100, 100, 100, 100, 100, 900, 100, 100, 100, 100, 100, 100}
	if ch = choose(spike); ch.Value[0] > 120 {
		t.Fatalf("spike: %+v", ch)
	}
}
