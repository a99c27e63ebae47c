package categorize

import (
	"fmt"

	"github.com/aithena/aithena/categorize/kb"
)

// Methods of the built-in knowledge, tried when the owner's own signals (rules, memory,
// neighbours) have nothing to say.
const (
	MethodMCC   = "mcc"
	MethodBrand = "brand"
	MethodModel = "word_model"
)

// Confidences of the built-in knowledge: each is the share of first sightings the method got
// right on the generated evaluation set (docs/categorization-eval.md, "Methods"), so that
// confidence means how often an answer of that kind is right. The word model's confidence
// comes from its own calibration table (kb.Guess.Confidence).
const (
	confMCC            = 0.85
	confLexPhrase      = 0.95 // a lexicon brand or phrase
	confLexGeneric     = 0.85 // a generic lexicon word ("bakery", "apotheke")
	confLexMethod      = 0.6  // only a word for how money moved ("transfer")
	confBrandLead      = 0.8  // a brand that is the merchant's name, or starts it
	confBrandElsewhere = 0.6  // a brand somewhere else in the description
	confFallback       = 0.15
	// modelShift scales the word model's confidence, calibrated on held-out brand names,
	// to bank lines: on the generated set its answers were right about half as often as
	// its calibration said.
	modelShift = 0.5
	// minModelConfidence: below it the word model's guess is no better than the default.
	minModelConfidence = 0.35
)

// spending reports the categories money out can have.
func spending(category string) bool { return category != Income && category != TransferIn }

// guess answers from the built-in knowledge, strongest evidence first: the card network's
// merchant category code, a lexicon brand or phrase, a known brand from the knowledge base,
// a generic lexicon word, the owner's less similar neighbours, the word model, and last a
// default by direction.
func (c *Chain) guess(in Input, vote Decision) (Decision, error) {
	var candidates []Candidate
	candidates = append(candidates, vote.Candidates...)
	agree := func(d Decision) Decision {
		if vote.Category == d.Category && vote.Confidence > 0 {
			// Two independent signals agreeing are worth more than either alone.
			d.Confidence = 1 - (1-d.Confidence)*(1-vote.Confidence)
		}
		d.Candidates = sortCandidates(append(candidates, Candidate{d.Category, d.Confidence, d.Method}))
		return d
	}

	if cat, ok := MCCCategory(in.MCC, in.AmountMinor); ok {
		return agree(Decision{Category: cat, Confidence: confMCC, Method: MethodMCC,
			Explanation: fmt.Sprintf("the card network's merchant category code %04d is %s", in.MCC, cat)}), nil
	}

	lex, lexOK := MatchLexicon(in.Merchant, in.Description, in.AmountMinor)
	if lexOK && lex.Kind == LexiconPhrase {
		return agree(lexDecision(lex)), nil
	}

	base, err := c.knowledgeBase()
	if err != nil {
		return Decision{}, err
	}
	if br, ok := findBrand(base, in); ok {
		// A one-word brand loses to a generic word in the merchant's own name: "Adler
		// Apotheke" is a pharmacy whatever else is called Adler.
		// Nor does a one-word brand count in a transfer ("Dauerauftrag an Alex Martin"):
		// there it is a person's name.
		own, ownOK := MatchLexicon(in.Merchant, "", in.AmountMinor)
		transfer := lexOK && lex.Kind == LexiconMethod
		if br.words > 1 || ((!ownOK || own.Category == br.Category) && !transfer) {
			return agree(br.Decision), nil
		}
	}
	if lexOK {
		return agree(lexDecision(lex)), nil
	}
	if vote.Category != "" {
		return vote, nil
	}
	if in.AmountMinor <= 0 {
		if g, ok := base.Guess(nameTokens(in.Merchant), spending); ok && g.Confidence >= minModelConfidence {
			return agree(Decision{Category: g.Category, Confidence: g.Confidence * modelShift, Method: MethodModel,
				Explanation: fmt.Sprintf("the words of %q look like %s (%d known features)", in.Merchant, g.Category, g.Known)}), nil
		}
	}
	cat, why := GeneralMerchandise, "no rule, memory, neighbour, brand or known word matched; money out defaults to general merchandise"
	if in.AmountMinor > 0 {
		cat, why = Income, "no rule, memory, neighbour, brand or known word matched; money in defaults to income"
	}
	return agree(Decision{Category: cat, Confidence: confFallback, Method: MethodFallback, Explanation: why}), nil
}

func lexDecision(lex LexiconMatch) Decision {
	conf := confLexPhrase
	switch lex.Kind {
	case LexiconGeneric:
		conf = confLexGeneric
	case LexiconMethod:
		conf = confLexMethod
	}
	return Decision{Category: lex.Category, Confidence: conf, Method: MethodLexicon,
		Explanation: fmt.Sprintf("the word %q suggests %s", lex.Keyword, lex.Category)}
}

// findBrand looks for a known brand in the merchant's name first, then in the description.
// A brand that starts the merchant's name is strong evidence; one elsewhere, weaker. Money
// in at a brand is a refund and keeps the brand's category.
type brandDecision struct {
	Decision
	words int
}

func findBrand(base *kb.Base, in Input) (brandDecision, bool) {
	for field, text := range [2]string{in.Merchant, in.Description} {
		toks := kb.Tokens(text)
		lead := leadToken(toks)
		// A one-word brand counts only where the merchant's name starts: elsewhere a word
		// such as "Schmidt", "Alex" or "Natura" is far more often a person or part of
		// another name.
		m, ok := base.FindBrand(toks, func(t string) bool { return kb.Stop(t) })
		if ok && m.Words == 1 && (field != 0 || m.Pos != lead) {
			m, ok = base.FindBrand(toks, func(t string) bool { return true })
		}
		if !ok {
			continue
		}
		conf := confBrandElsewhere
		if field == 0 && m.Pos == lead {
			conf = confBrandLead
		}
		conf *= m.Share
		return brandDecision{Decision{Category: m.Category, Confidence: conf, Method: MethodBrand,
			Explanation: fmt.Sprintf("%q is a known brand selling %s", m.Key, m.Category)}, m.Words}, true
	}
	return brandDecision{}, false
}

// leadToken is the position of a name's first real word: the first token that is not a
// statement word or a short code ("4B", "C").
func leadToken(toks []string) int {
	for i, t := range toks {
		if !kb.Stop(t) && len(t) > 2 {
			return i
		}
	}
	return 0
}

// nameTokens are a merchant name's tokens without statement words.
func nameTokens(name string) []string {
	var out []string
	for _, t := range kb.Tokens(name) {
		if !kb.Stop(t) {
			out = append(out, t)
		}
	}
	return out
}
