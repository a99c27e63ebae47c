package categorize

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aithena/aithena/categorize/kb"
	"github.com/aithena/aithena/merchant"
)

func decide(t *testing.T, description string, amount int64, mcc int) Decision {
	t.Helper()
	name := merchant.Normalize(description)
	d, err := NewChain(fakeKnowledge{}).Categorize(context.Background(), Input{
		Merchant: name, MerchantKey: merchant.Key(name), Description: description, AmountMinor: amount, MCC: mcc,
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGuessSteps(t *testing.T) {
	cases := []struct {
		name, description string
		amount            int64
		mcc               int
		category, method  string
	}{
		{"a brand the lexicon does not know, first in the name", "POS PURCHASE SOBEYS #1032 HALIFAX NS", -8721, 0, FoodAndDrink, MethodBrand},
		{"a two-word brand anywhere", "COMPRA PINGO DOCE 1234 LISBOA", -3012, 0, FoodAndDrink, MethodBrand},
		{"the lexicon's own brands come first", "STARBUCKS STORE 123", -450, 0, FoodAndDrink, MethodLexicon},
		{"a generic word in the name beats a one-word brand", "Kartenzahlung Adler-Apotheke Aachen", -1290, 0, Medical, MethodLexicon},
		{"a one-word brand in a transfer is a person", "Dauerauftrag an ALEX MARTIN Tagesgeld", -20000, 0, TransferOut, MethodLexicon},
		{"the card network's code when the export has one", "SQ *SOMETHING UNKNOWN 4411", -2000, 5812, FoodAndDrink, MethodMCC},
		{"local words of other languages", "RECIBO /ALQUILER VIVIENDA", -85000, 0, RentAndUtilities, MethodLexicon},
		{"nothing known: the default", "XQZT 99812", -1000, 0, GeneralMerchandise, MethodFallback},
	}
	for _, tc := range cases {
		d := decide(t, tc.description, tc.amount, tc.mcc)
		if d.Category != tc.category || d.Method != tc.method {
			t.Errorf("%s: %q → %s by %s (%s), want %s by %s", tc.name, tc.description, d.Category, d.Method, d.Explanation, tc.category, tc.method)
		}
		if d.Confidence <= 0 || d.Confidence > 1 || d.Explanation == "" || len(d.Candidates) == 0 {
			t.Errorf("%s: incomplete decision %+v", tc.name, d)
		}
	}
}

func TestWordModelGuessesUnknownNamesBelowTheReviewThreshold(t *testing.T) {
	d := decide(t, "SQ *BURGERIA FRANCO", -4200, 0)
	if d.Method != MethodModel || d.Category != FoodAndDrink {
		t.Fatalf("→ %s by %s (%s), want FOOD_AND_DRINK by the word model", d.Category, d.Method, d.Explanation)
	}
	if d.Confidence >= 0.6 {
		t.Fatalf("confidence %.2f: the word model's guesses are right too rarely to skip review", d.Confidence)
	}
	// Money in is never guessed as spending.
	if d := decide(t, "SQ *BURGERIA FRANCO", 4200, 0); d.Method == MethodModel {
		t.Fatalf("money in → %s by the word model", d.Category)
	}
}

func TestMCCCategory(t *testing.T) {
	for code, want := range map[int]string{5411: FoodAndDrink, 5541: Transportation, 3058: Travel, 3512: Travel,
		4900: RentAndUtilities, 5912: Medical, 6011: TransferOut, 7832: Entertainment, 9311: GovernmentAndNonProfit,
		8021: Medical, 5651: GeneralMerchandise, 5211: HomeImprovement} {
		if got, ok := MCCCategory(code, -100); !ok || got != want {
			t.Errorf("MCCCategory(%d) = %q, %v; want %s", code, got, ok, want)
		}
	}
	for _, code := range []int{0, -1, 10000, 6012 + 500} {
		if got, ok := MCCCategory(code, -100); ok {
			t.Errorf("MCCCategory(%d) = %q, want none", code, got)
		}
	}
	if _, ok := MCCCategory(5411, 100); ok {
		t.Error("money in took the code's category")
	}
}

// BenchmarkCategorizeKnowledge times the built-in chain on a first sighting, the slowest path
// without an LLM (rules, memory and neighbours empty, then lexicon, brand table and word
// model), beside the lexicon alone as the baseline of the same run.
func BenchmarkCategorizeKnowledge(b *testing.B) {
	kb.MustDefault()
	lines := []string{
		"POS PURCHASE SOBEYS #1032 HALIFAX NS", "COMPRA PINGO DOCE 1234 LISBOA",
		"SQ *BURGERIA FRANCO", "COMPRA TARJ. 5540XXXXXXXX2291 FARMACIA LOPEZ VALENCIA",
		"Dauerauftrag Miete Wohnung Hausverwaltung", "XQZT 99812",
	}
	ins := make([]Input, len(lines))
	for i, l := range lines {
		name := merchant.Normalize(l)
		ins[i] = Input{Merchant: name, MerchantKey: merchant.Key(name), Description: l, AmountMinor: -1000}
	}
	c := NewChain(fakeKnowledge{})
	b.Run("chain", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if _, err := c.Categorize(context.Background(), ins[i%len(ins)]); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		reportP99(b, lat)
	})
	b.Run("lexicon-only", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			in := ins[i%len(ins)]
			start := time.Now()
			MatchLexicon(in.Merchant, in.Description, in.AmountMinor)
			lat = append(lat, time.Since(start))
		}
		reportP99(b, lat)
	})
}

func reportP99(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[(len(lat)*99)/100])/1e3, "p99-µs")
}
