package categorize

import (
	"math"

	"github.com/aithena/aithena/embed"
)

// Example is one of the owner's confirmed past transactions, shown to the agent.
// Similarity is its relevance to the transaction being categorized (cosine, as the store
// reports it); Embedding is its vector, used by MMR to tell near-duplicates apart.
type Example struct {
	Merchant    string
	Description string
	Category    string
	Similarity  float64
	Embedding   []float32
}

// MMR selects up to k candidates by Maximal Marginal Relevance (Carbonell & Goldstein,
// 1998): it repeatedly picks the candidate c that maximises
//
//	lambda*sim(query, c) - (1-lambda)*max over already selected s of sim(c, s)
//
// where sim is cosine similarity, so that the selection is relevant to the query but not
// made of near-duplicates. lambda = 1 is plain relevance order; lambda = 0 only spreads.
// lambda is clamped to [0, 1].
//
// sim(query, c) is computed from the embeddings when both are present, otherwise the
// candidate's Similarity is used; a candidate without an embedding counts as unlike every
// other. Ties go to the earlier candidate. The result is in selection order; k larger than
// the number of candidates returns them all. Candidates are not modified.
func MMR(query []float32, candidates []Example, k int, lambda float64) []Example {
	if k <= 0 || len(candidates) == 0 {
		return nil
	}
	k = min(k, len(candidates))
	lambda = min(max(lambda, 0), 1)

	relevance := make([]float64, len(candidates))
	for i, c := range candidates {
		if len(query) > 0 && len(c.Embedding) > 0 {
			relevance[i] = embed.Cosine(query, c.Embedding)
		} else {
			relevance[i] = c.Similarity
		}
	}
	// redundancy[i] is the largest similarity of candidate i to a selected one; before the
	// first pick the set is empty and the term is 0.
	redundancy := make([]float64, len(candidates))
	taken := make([]bool, len(candidates))
	out := make([]Example, 0, k)
	for len(out) < k {
		best, bestScore := -1, math.Inf(-1)
		for i := range candidates {
			if taken[i] {
				continue
			}
			score := lambda*relevance[i] - (1-lambda)*redundancy[i]
			if score > bestScore {
				best, bestScore = i, score
			}
		}
		if best < 0 {
			break // only NaN scores remain
		}
		taken[best] = true
		picked := candidates[best].Embedding
		for i, c := range candidates {
			if taken[i] {
				continue
			}
			sim := 0.0
			if len(c.Embedding) > 0 && len(picked) > 0 {
				sim = embed.Cosine(c.Embedding, picked)
			}
			if len(out) == 0 || sim > redundancy[i] {
				redundancy[i] = sim
			}
		}
		out = append(out, candidates[best])
	}
	return out
}
