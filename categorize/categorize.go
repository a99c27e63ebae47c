// Package categorize decides a transaction's category. The built-in Chain tries, in order,
// the owner's rules, the merchant memory learned from the owner's corrections, a vote of
// the nearest labelled neighbours and a keyword lexicon. Every decision says how it was made.
package categorize

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aithena/aithena/categorize/kb"
	"github.com/google/uuid"
)

// Methods name how a decision was made; they are stored with every decision.
const (
	MethodRule       = "rule"
	MethodMemory     = "merchant_memory"
	MethodNeighbours = "neighbours"
	MethodLexicon    = "lexicon"
	MethodFallback   = "fallback"
	MethodCorrection = "correction"
)

// Input is what a categorizer sees of a transaction.
type Input struct {
	UserID      uuid.UUID
	Merchant    string
	MerchantKey string
	Description string
	AmountMinor int64
	Currency    string
	Embedding   []float32
	// MCC is the card network's merchant category code (ISO 18245) when the bank export
	// carries one; 0 when unknown.
	MCC int
}

// Candidate is one category a step proposed, with its score.
type Candidate struct {
	Category string  `json:"category"`
	Score    float64 `json:"score"`
	Method   string  `json:"method"`
}

// Decision is a categorizer's answer.
type Decision struct {
	Category    string        `json:"category"`
	Confidence  float64       `json:"confidence"`
	Method      string        `json:"method"`
	Explanation string        `json:"explanation"`
	Candidates  []Candidate   `json:"candidates"`
	Latency     time.Duration `json:"latency"`
	// Variant is the side of the agent experiment: "agent", "control", or "" when none ran.
	Variant string `json:"variant,omitempty"`
}

// Decided tells whether a decision came from the owner's own signals (rules, memory,
// confirmed neighbours): those stand, while a keyword or fallback guess may be improved on.
func (d Decision) Decided() bool {
	return d.Method == MethodRule || d.Method == MethodMemory || d.Method == MethodFamily || d.Method == MethodNeighbours || d.Method == MethodCorrection
}

// Categorizer is implemented by the built-in Chain and, later, by an LLM agent.
type Categorizer interface {
	Categorize(ctx context.Context, in Input) (Decision, error)
}

// Rule is an owner's rule: a case-insensitive substring of the merchant or description.
type Rule struct {
	Pattern  string
	Category string
	Priority int
}

// Count is how many confirmed transactions of a merchant carry a category.
type Count struct {
	Category string
	N        int
}

// Neighbour is a labelled past transaction close to the one being categorized.
type Neighbour struct {
	Category   string
	Merchant   string
	Similarity float64
}

// Knowledge is what the chain reads of the owner's history; the store implements it.
type Knowledge interface {
	Rules(ctx context.Context, userID uuid.UUID) ([]Rule, error)
	// MerchantMemory counts the owner's confirmed categories for a merchant, money in and
	// money out apart (sign is -1 or 1), most frequent first.
	MerchantMemory(ctx context.Context, userID uuid.UUID, merchantKey string, sign int) ([]Count, error)
	Neighbours(ctx context.Context, userID uuid.UUID, embedding []float32, k int) ([]Neighbour, error)
}

// Chain is the built-in categorizer.
type Chain struct {
	Knowledge Knowledge
	// K is how many neighbours vote; MinSimilarity drops neighbours that are not close.
	K             int
	MinSimilarity float64
	// Base is the built-in brand knowledge and word model; nil loads the shipped one.
	Base *kb.Base
}

func (c *Chain) knowledgeBase() (*kb.Base, error) {
	if c.Base != nil {
		return c.Base, nil
	}
	b, err := kb.Default()
	if err != nil {
		return nil, fmt.Errorf("load the knowledge base: %w", err)
	}
	return b, nil
}

// NewChain returns a chain with defaults: with the hashing embedder, two names that share
// their main words score above 0.7 and unrelated ones below 0.3.
// The shipped knowledge base is loaded now, so that no transaction waits for it; a load
// error surfaces with the first categorization.
func NewChain(k Knowledge) *Chain {
	c := &Chain{Knowledge: k, K: 10, MinSimilarity: 0.7}
	c.Base, _ = kb.Default()
	return c
}

// Categorize runs the steps in order and stops at the first confident answer.
func (c *Chain) Categorize(ctx context.Context, in Input) (Decision, error) {
	start := time.Now()
	d, err := c.decide(ctx, in)
	d.Latency = time.Since(start)
	return d, err
}

func (c *Chain) decide(ctx context.Context, in Input) (Decision, error) {
	rules, err := c.Knowledge.Rules(ctx, in.UserID)
	if err != nil {
		return Decision{}, fmt.Errorf("load rules: %w", err)
	}
	if r, ok := matchRule(rules, in); ok {
		return Decision{
			Category: r.Category, Confidence: 0.99, Method: MethodRule,
			Explanation: fmt.Sprintf("your rule %q matched", r.Pattern),
			Candidates:  []Candidate{{r.Category, 0.99, MethodRule}},
		}, nil
	}

	if memorable(in.MerchantKey) {
		counts, err := c.Knowledge.MerchantMemory(ctx, in.UserID, in.MerchantKey, sign(in.AmountMinor))
		if err != nil {
			return Decision{}, fmt.Errorf("merchant memory: %w", err)
		}
		if d, ok := memoryDecision(in.Merchant, counts); ok {
			return d, nil
		}
		if d, ok, err := c.familyDecision(ctx, in); err != nil || ok {
			return d, err
		}
	}

	var vote Decision
	if len(in.Embedding) > 0 {
		ns, err := c.Knowledge.Neighbours(ctx, in.UserID, in.Embedding, c.K)
		if err != nil {
			return Decision{}, fmt.Errorf("neighbours: %w", err)
		}
		vote = c.vote(ns)
		if vote.Confidence >= 0.7 {
			return vote, nil
		}
	}

	return c.guess(in, vote)
}

// memorable tells whether a merchant key names a merchant: a key that is only a statement
// word or a code of one or two characters ("card", "mc") is what was left of a line the
// normalizer did not understand, and remembering it would file every such line alike.
func memorable(key string) bool {
	return len(key) > 2 && !kb.Stop(key)
}

func sign(amount int64) int {
	if amount > 0 {
		return 1
	}
	return -1
}

// memoryDecision follows the owner's past confirmations of a merchant. Confidence is the
// majority's share, discounted for little evidence: one confirmation gives 0.75, three
// agreeing 0.88, and a merchant the owner filed two ways (Uber rides and Uber Eats) falls
// below the review threshold until one way clearly wins.
func memoryDecision(merchant string, counts []Count) (Decision, bool) {
	total := 0
	for _, c := range counts {
		total += c.N
	}
	if total == 0 {
		return Decision{}, false
	}
	top := counts[0]
	conf := 0.97 * float64(top.N) / float64(total) * float64(total) / (float64(total) + 0.1)
	cands := make([]Candidate, len(counts))
	for i, c := range counts {
		cands[i] = Candidate{c.Category, float64(c.N) / float64(total), MethodMemory}
	}
	why := fmt.Sprintf("you filed %s under %s before", merchant, top.Category)
	if total > top.N {
		why = fmt.Sprintf("you filed %s under %s %d of %d times", merchant, top.Category, top.N, total)
	}
	return Decision{Category: top.Category, Confidence: conf, Method: MethodMemory, Explanation: why, Candidates: cands}, true
}

func matchRule(rules []Rule, in Input) (Rule, bool) {
	merchant, desc := strings.ToLower(in.Merchant), strings.ToLower(in.Description)
	rules = slices.Clone(rules)
	slices.SortStableFunc(rules, func(a, b Rule) int { return b.Priority - a.Priority })
	for _, r := range rules {
		p := strings.ToLower(strings.TrimSpace(r.Pattern))
		if p != "" && (strings.Contains(merchant, p) || strings.Contains(desc, p)) {
			return r, true
		}
	}
	return Rule{}, false
}

// vote weighs close neighbours by similarity. Confidence is the winner's share of the vote,
// discounted when few neighbours voted, times the closest neighbour's similarity.
func (c *Chain) vote(ns []Neighbour) Decision {
	weights := map[string]float64{}
	var total, best float64
	n := 0
	for _, nb := range ns {
		if nb.Similarity < c.MinSimilarity {
			continue
		}
		weights[nb.Category] += nb.Similarity
		total += nb.Similarity
		best = max(best, nb.Similarity)
		n++
	}
	if n == 0 {
		return Decision{}
	}
	var cands []Candidate
	for cat, w := range weights {
		cands = append(cands, Candidate{cat, w / total, MethodNeighbours})
	}
	cands = sortCandidates(cands)
	support := 0.6 + 0.4*float64(min(n, 3))/3
	conf := cands[0].Score * support * best
	return Decision{
		Category: cands[0].Category, Confidence: conf, Method: MethodNeighbours,
		Explanation: fmt.Sprintf("%d similar transactions you confirmed, %.0f%% of them %s", n, cands[0].Score*100, cands[0].Category),
		Candidates:  cands,
	}
}

func sortCandidates(c []Candidate) []Candidate {
	slices.SortStableFunc(c, func(a, b Candidate) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return strings.Compare(a.Category, b.Category)
	})
	return c
}
