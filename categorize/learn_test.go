package categorize

import (
	"context"
	"testing"

	"github.com/aithena/aithena/categorize/kb"
	"github.com/google/uuid"
)

type familyKnowledge struct {
	fakeKnowledge
	families map[string][]Count
}

func (f familyKnowledge) FamilyMemory(_ context.Context, _ uuid.UUID, family string, _ int) ([]Count, error) {
	return f.families[family], nil
}

func TestFamily(t *testing.T) {
	base := kb.MustDefault()
	for key, want := range map[string]string{
		"albert heijn to go": "albert heijn", // a known brand starts the name
		"tesco express":      "tesco",
		"joes garage":        "joes",
		"tesco":              "", // its own family
		"pos 1234":           "", // no real first word
		"the corner shop":    "", // a statement word first
	} {
		if got := Family(base, key); got != want {
			t.Errorf("Family(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestCorrectionsReachTheFamily(t *testing.T) {
	k := familyKnowledge{families: map[string][]Count{"tesco": {{Entertainment, 2}}}}
	d, err := NewChain(k).Categorize(context.Background(), Input{Merchant: "Tesco Extra", MerchantKey: "tesco extra",
		Description: "TESCO EXTRA 1234", AmountMinor: -1000})
	if err != nil {
		t.Fatal(err)
	}
	if d.Method != MethodFamily || d.Category != Entertainment || d.Confidence >= 0.97 || !d.Decided() {
		t.Fatalf("decision = %+v, want the family's ENTERTAINMENT, a little less sure than the merchant's own memory", d)
	}
	// Without family knowledge the chain falls through to the lexicon.
	d, _ = NewChain(fakeKnowledge{}).Categorize(context.Background(), Input{Merchant: "Tesco Extra", MerchantKey: "tesco extra",
		Description: "TESCO EXTRA 1234", AmountMinor: -1000})
	if d.Method == MethodFamily {
		t.Fatalf("family decision without family knowledge: %+v", d)
	}
}

func TestSuggestRules(t *testing.T) {
	cs := []Correction{
		{MerchantKey: "tesco express", Description: "TESCO EXPRESS 12", Predicted: FoodAndDrink, Category: Entertainment},
		{MerchantKey: "tesco metro", Description: "TESCO METRO 9", Predicted: FoodAndDrink, Category: Entertainment},
		{MerchantKey: "hausverwaltung leitner", Description: "Dauerauftrag Wohnung Hausverwaltung Leitner", Category: RentAndUtilities},
		{MerchantKey: "immo meyer", Description: "Dauerauftrag Wohnung Immo Meyer", Category: RentAndUtilities},
		{MerchantKey: "schmidt gmbh", Description: "Dauerauftrag Wohnung Schmidt", Category: RentAndUtilities},
		{MerchantKey: "acme", Description: "ACME 1", Category: Medical},
		{MerchantKey: "acme", Description: "ACME 2", Category: Travel}, // split: no rule
	}
	got := SuggestRules(cs, []Rule{{Pattern: "Dauerauftrag", Category: TransferOut}})
	want := []RuleSuggestion{{"tesco", Entertainment, 2}, {"wohnung", RentAndUtilities, 3}}
	if len(got) != len(want) {
		t.Fatalf("suggestions = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("suggestion %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
