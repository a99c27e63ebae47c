package categorize

import (
	"context"
	"testing"

	"github.com/google/uuid"
)

type fakeKnowledge struct {
	rules      []Rule
	memory     map[string][]Count
	neighbours []Neighbour
}

func (f fakeKnowledge) Rules(context.Context, uuid.UUID) ([]Rule, error) { return f.rules, nil }
func (f fakeKnowledge) MerchantMemory(_ context.Context, _ uuid.UUID, k string, _ int) ([]Count, error) {
	return f.memory[k], nil
}
func (f fakeKnowledge) Neighbours(context.Context, uuid.UUID, []float32, int) ([]Neighbour, error) {
	return f.neighbours, nil
}

func TestChainOrder(t *testing.T) {
	in := Input{Merchant: "Starbucks", MerchantKey: "starbucks", Description: "STARBUCKS #12", AmountMinor: -450, Embedding: []float32{1}}
	cases := []struct {
		name   string
		k      fakeKnowledge
		cat    string
		method string
	}{
		{"rule wins over everything", fakeKnowledge{
			rules:  []Rule{{Pattern: "bucks", Category: "ENTERTAINMENT"}, {Pattern: "star", Category: "TRAVEL", Priority: 5}},
			memory: map[string][]Count{"starbucks": {{"MEDICAL", 1}}}}, "TRAVEL", MethodRule},
		{"memory wins over neighbours and lexicon", fakeKnowledge{memory: map[string][]Count{"starbucks": {{"MEDICAL", 2}}},
			neighbours: []Neighbour{{"TRAVEL", "x", 0.99}, {"TRAVEL", "x", 0.99}, {"TRAVEL", "x", 0.99}}}, "MEDICAL", MethodMemory},
		{"confident neighbours win over lexicon", fakeKnowledge{
			neighbours: []Neighbour{{"TRAVEL", "x", 0.95}, {"TRAVEL", "x", 0.93}, {"TRAVEL", "x", 0.9}}}, "TRAVEL", MethodNeighbours},
		{"far neighbours are ignored", fakeKnowledge{
			neighbours: []Neighbour{{"TRAVEL", "x", 0.3}, {"TRAVEL", "x", 0.2}}}, FoodAndDrink, MethodLexicon},
		{"lexicon", fakeKnowledge{}, FoodAndDrink, MethodLexicon},
	}
	for _, c := range cases {
		d, err := NewChain(c.k).Categorize(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if d.Category != c.cat || d.Method != c.method {
			t.Errorf("%s: got %s by %s, want %s by %s", c.name, d.Category, d.Method, c.cat, c.method)
		}
		if d.Confidence <= 0 || d.Confidence > 1 || d.Explanation == "" || len(d.Candidates) == 0 {
			t.Errorf("%s: incomplete decision %+v", c.name, d)
		}
	}
}

func TestChainFallbackIsUnsure(t *testing.T) {
	for _, amount := range []int64{-700, 700} {
		d, _ := NewChain(fakeKnowledge{}).Categorize(context.Background(), Input{Merchant: "Xqzw", MerchantKey: "xqzw", Description: "XQZW 88812", AmountMinor: amount})
		want := GeneralMerchandise
		if amount > 0 {
			want = Income
		}
		if d.Method != MethodFallback || d.Category != want || d.Confidence > 0.3 {
			t.Errorf("amount %d: %+v", amount, d)
		}
	}
}

func TestAgreeingSignalsRaiseConfidence(t *testing.T) {
	in := Input{Merchant: "Starbucks", MerchantKey: "starbucks", Description: "STARBUCKS", AmountMinor: -450, Embedding: []float32{1}}
	alone, _ := NewChain(fakeKnowledge{}).Categorize(context.Background(), in)
	both, _ := NewChain(fakeKnowledge{neighbours: []Neighbour{{FoodAndDrink, "x", 0.8}}}).Categorize(context.Background(), in)
	if both.Confidence <= alone.Confidence {
		t.Fatalf("agreement %v <= alone %v", both.Confidence, alone.Confidence)
	}
}

func TestMemoryConfidenceFollowsEvidence(t *testing.T) {
	conf := func(counts ...Count) float64 {
		d, ok := memoryDecision("X", counts)
		if !ok {
			t.Fatal("no decision")
		}
		return d.Confidence
	}
	one, three, split, mostly := conf(Count{"A", 1}), conf(Count{"A", 3}), conf(Count{"A", 1}, Count{"B", 1}), conf(Count{"A", 4}, Count{"B", 1})
	if !(one >= 0.7 && three > one && split < 0.5 && mostly > split && mostly < three) {
		t.Fatalf("one %.2f three %.2f split %.2f mostly %.2f", one, three, split, mostly)
	}
	if _, ok := memoryDecision("X", nil); ok {
		t.Fatal("no memory, no decision")
	}
}
