package categorize

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aithena/aithena/categorize/kb"
	"github.com/google/uuid"
)

// MethodFamily is a decision from the owner's corrections of other merchants of the same
// family ("Tesco Express" taught by "Tesco Metro").
const MethodFamily = "merchant_family"

// familyDiscount: a family's memory is weaker evidence than the merchant's own; minFamily
// is how many agreeing confirmations it needs.
const (
	familyDiscount = 0.9
	minFamily      = 2
)

// FamilyKnowledge is the owner's confirmed categories for a merchant family: merchants whose
// key is the family key or starts with it and a space. A Knowledge that implements it lets
// corrections reach the family's other merchants.
type FamilyKnowledge interface {
	FamilyMemory(ctx context.Context, userID uuid.UUID, family string, sign int) ([]Count, error)
}

// Family is a merchant key's family: the known brand its name starts with ("albert heijn"
// for "albert heijn to go"), else its first word when that is a real word of four letters or
// more. It is "" when the key is its own family or has none.
func Family(base *kb.Base, merchantKey string) string {
	toks := strings.Fields(merchantKey)
	if len(toks) < 2 {
		return ""
	}
	if base != nil {
		for n := len(toks) - 1; n >= 2; n-- {
			if br, ok := base.Brand(strings.Join(toks[:n], " ")); ok {
				return br.Key
			}
		}
	}
	if first := toks[0]; len(first) >= 4 && !kb.Stop(first) && !isCode(first) {
		return first
	}
	return ""
}

func isCode(s string) bool { return strings.ContainsAny(s, "0123456789") }

// familyDecision follows the owner's confirmations of the merchant's family.
func (c *Chain) familyDecision(ctx context.Context, in Input) (Decision, bool, error) {
	fk, ok := c.Knowledge.(FamilyKnowledge)
	if !ok {
		return Decision{}, false, nil
	}
	base, _ := c.knowledgeBase()
	family := Family(base, in.MerchantKey)
	if family == "" {
		return Decision{}, false, nil
	}
	counts, err := fk.FamilyMemory(ctx, in.UserID, family, sign(in.AmountMinor))
	if err != nil {
		return Decision{}, false, fmt.Errorf("family memory of %q: %w", family, err)
	}
	// A family speaks only when it speaks with one voice, twice: "Amazon" merchants filed
	// two ways (shopping, streaming) say nothing about the next one.
	if len(counts) != 1 || counts[0].N < minFamily {
		return Decision{}, false, nil
	}
	d, ok := memoryDecision(family, counts)
	if !ok {
		return Decision{}, false, nil
	}
	d.Method, d.Confidence = MethodFamily, d.Confidence*familyDiscount
	for i := range d.Candidates {
		d.Candidates[i].Method = MethodFamily
	}
	d.Explanation = fmt.Sprintf("you filed other %q merchants under %s", family, d.Category)
	return d, true, nil
}

// Correction is a transaction whose category the owner changed from what was predicted.
type Correction struct {
	MerchantKey string
	Description string
	Predicted   string
	Category    string
}

// RuleSuggestion is a rule the owner's repeated corrections call for.
type RuleSuggestion struct {
	Pattern     string `json:"pattern"`
	Category    string `json:"category"`
	Corrections int    `json:"corrections"`
}

// minSuggestion is how many corrections a suggested rule needs.
const minSuggestion = 2

// SuggestRules proposes rules from corrections: a merchant family that at least two
// corrections share, or a word of the descriptions that at least three share, all to the same category and none to
// another; patterns an existing rule already has are left out. Families come first, then
// words; each group by how many corrections back it.
func SuggestRules(corrections []Correction, existing []Rule) []RuleSuggestion {
	base, _ := kb.Default() // without it, families are first words
	have := map[string]bool{}
	for _, r := range existing {
		have[strings.ToLower(strings.TrimSpace(r.Pattern))] = true
	}
	type tally struct {
		cats map[string]int
		n    int
	}
	collect := func(least int, key func(Correction) []string) []RuleSuggestion {
		by := map[string]*tally{}
		for _, c := range corrections {
			for _, k := range key(c) {
				t := by[k]
				if t == nil {
					t = &tally{cats: map[string]int{}}
					by[k] = t
				}
				t.cats[c.Category]++
				t.n++
			}
		}
		var out []RuleSuggestion
		for _, k := range slices.Sorted(maps.Keys(by)) {
			t := by[k]
			if len(t.cats) != 1 || t.n < least || have[k] {
				continue
			}
			for cat := range t.cats {
				out = append(out, RuleSuggestion{Pattern: k, Category: cat, Corrections: t.n})
			}
		}
		slices.SortStableFunc(out, func(a, b RuleSuggestion) int { return cmp.Compare(b.Corrections, a.Corrections) })
		return out
	}
	families := collect(minSuggestion, func(c Correction) []string {
		if f := Family(base, c.MerchantKey); f != "" {
			return []string{f}
		}
		if c.MerchantKey != "" && !isCode(c.MerchantKey) {
			return []string{c.MerchantKey}
		}
		return nil
	})
	// A word needs one correction more than a family: two lines from one town share its name.
	words := collect(minSuggestion+1, func(c Correction) []string {
		var ws []string
		seen := map[string]bool{}
		for _, t := range kb.Tokens(c.Description) {
			if len(t) >= 4 && !kb.Stop(t) && !isCode(t) && !seen[t] && !strings.Contains(c.MerchantKey, t) {
				seen[t] = true
				ws = append(ws, t)
			}
		}
		return ws
	})
	return append(families, words...)
}
