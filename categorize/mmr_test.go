package categorize

import (
	"slices"
	"testing"
)

func merchants(es []Example) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Merchant
	}
	return out
}

func TestMMRPicksMostSimilarFirst(t *testing.T) {
	query := []float32{1, 0, 0}
	cands := []Example{
		{Merchant: "half", Embedding: []float32{0.5, 0.5, 0}},
		{Merchant: "close", Embedding: []float32{0.9, 0.1, 0}},
		{Merchant: "far", Embedding: []float32{0, 1, 0}},
	}
	for _, lambda := range []float64{0.3, 0.5, 1} {
		got := MMR(query, cands, 1, lambda)
		if len(got) != 1 || got[0].Merchant != "close" {
			t.Errorf("lambda %v: MMR = %v, want [close]", lambda, merchants(got))
		}
	}
	// lambda 1 is plain relevance order.
	if got := merchants(MMR(query, cands, 3, 1)); !slices.Equal(got, []string{"close", "half", "far"}) {
		t.Errorf("lambda 1: MMR = %v, want [close half far]", got)
	}
}

func TestMMRAvoidsNearDuplicates(t *testing.T) {
	query := []float32{1, 1, 0}
	cands := []Example{
		{Merchant: "tesco", Embedding: []float32{1, 0.8, 0}},
		{Merchant: "tesco express", Embedding: []float32{1, 0.82, 0}}, // near-duplicate, slightly closer
		{Merchant: "sainsburys", Embedding: []float32{0.8, 1, 0}},
	}
	if got := merchants(MMR(query, cands, 2, 0.5)); !slices.Equal(got, []string{"tesco express", "sainsburys"}) {
		t.Fatalf("lambda 0.5: MMR = %v, want [tesco express sainsburys]", got)
	}
	// Relevance alone takes the duplicate.
	if got := merchants(MMR(query, cands, 2, 1)); !slices.Equal(got, []string{"tesco express", "tesco"}) {
		t.Fatalf("lambda 1: MMR = %v, want [tesco express tesco]", got)
	}
}

func TestMMRKLargerThanCandidates(t *testing.T) {
	query := []float32{1, 0}
	cands := []Example{
		{Merchant: "a", Embedding: []float32{1, 0}},
		{Merchant: "b", Embedding: []float32{0, 1}},
	}
	before := slices.Clone(cands)
	got := MMR(query, cands, 10, 0.5)
	if len(got) != 2 || got[0].Merchant != "a" || got[1].Merchant != "b" {
		t.Fatalf("MMR = %v, want [a b]", merchants(got))
	}
	if !slices.EqualFunc(cands, before, func(x, y Example) bool { return x.Merchant == y.Merchant }) {
		t.Fatal("MMR reordered its input")
	}
	if got := MMR(query, cands, 0, 0.5); got != nil {
		t.Fatalf("k=0: MMR = %v, want nil", merchants(got))
	}
	if got := MMR(query, nil, 3, 0.5); got != nil {
		t.Fatalf("no candidates: MMR = %v, want nil", merchants(got))
	}
}

func TestMMRWithoutEmbeddingsUsesSimilarity(t *testing.T) {
	cands := []Example{
		{Merchant: "low", Similarity: 0.2},
		{Merchant: "high", Similarity: 0.9},
		{Merchant: "mid", Similarity: 0.5},
	}
	if got := merchants(MMR(nil, cands, 3, 0.5)); !slices.Equal(got, []string{"high", "mid", "low"}) {
		t.Fatalf("MMR = %v, want [high mid low]", got)
	}
}
