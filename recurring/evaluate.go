package recurring

import (
	"cmp"
	"maps"
	"slices"
)

// Evaluation compares detected series with labelled ones.
type Evaluation struct {
	// Detected series, and those whose occurrences are mostly (at least half) one true
	// series' payments.
	Detected, Correct int
	// TrueSeries with at least two payments in the data, and those a correct detected
	// series found.
	TrueSeries, Found int
	Precision         float64
	Recall            float64
	// Invented are the detected series that match no true series; Missed the true series
	// (by name) that no correct detected series found.
	Invented []Series
	Missed   []string
}

// Evaluate scores detected against truth, which maps a transaction's ID to the name of the
// series it truly belongs to (absent or "": none). A true series found twice (split at a
// price change, say) counts once for recall, and both detections count as correct.
func Evaluate(detected []Series, truth map[string]string) Evaluation {
	var e Evaluation
	size := map[string]int{}
	for _, name := range truth {
		if name != "" {
			size[name]++
		}
	}
	found := map[string]bool{}
	for _, s := range detected {
		e.Detected++
		votes := map[string]int{}
		for _, id := range s.TxnIDs {
			if name := truth[id]; name != "" {
				votes[name]++
			}
		}
		best := ""
		for _, name := range slices.Sorted(maps.Keys(votes)) {
			if best == "" || votes[name] > votes[best] {
				best = name
			}
		}
		if best != "" && 2*votes[best] >= len(s.TxnIDs) {
			e.Correct++
			found[best] = true
		} else {
			e.Invented = append(e.Invented, s)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(size)) {
		if size[name] < 2 {
			continue
		}
		e.TrueSeries++
		if found[name] {
			e.Found++
		} else {
			e.Missed = append(e.Missed, name)
		}
	}
	if e.Detected > 0 {
		e.Precision = float64(e.Correct) / float64(e.Detected)
	}
	if e.TrueSeries > 0 {
		e.Recall = float64(e.Found) / float64(e.TrueSeries)
	}
	slices.SortFunc(e.Invented, func(a, b Series) int { return cmp.Compare(a.MerchantKey, b.MerchantKey) })
	return e
}
