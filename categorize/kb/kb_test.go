package kb

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func TestShippedBase(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if b.Brands() < 20000 || !strings.Contains(b.Source, "name-suggestion-index") {
		t.Fatalf("%d brands from %q: the shipped data looks truncated", b.Brands(), b.Source)
	}
	// Chains from several countries, as their names tokenize.
	for key, want := range map[string]string{
		"albert heijn": "FOOD_AND_DRINK", "mercadona": "FOOD_AND_DRINK", "esselunga": "FOOD_AND_DRINK",
		"shoppers drug mart": "MEDICAL", "bunnings": "HOME_IMPROVEMENT", "premier inn": "TRAVEL",
		"petro canada": "TRANSPORTATION", "decathlon": "GENERAL_MERCHANDISE",
	} {
		br, ok := b.Brand(key)
		if !ok || br.Category != want {
			t.Errorf("Brand(%q) = %+v, %v; want %s", key, br, ok, want)
		}
	}
}

func TestFindBrandPrefersLongestThenEarliest(t *testing.T) {
	b := MustDefault()
	m, ok := b.FindBrand(Tokens("CARD PAYMENT TO ALBERT HEIJN 1234 AMSTERDAM"), Stop)
	if !ok || m.Key != "albert heijn" || m.Pos != 3 || m.Words != 2 {
		t.Fatalf("FindBrand = %+v, %v", m, ok)
	}
	if m, ok := b.FindBrand(Tokens("card payment sepa"), Stop); ok {
		t.Fatalf("statement words matched a brand: %+v", m)
	}
}

func TestGuessIsCalibratedAndDirectional(t *testing.T) {
	b := MustDefault()
	g, ok := b.Guess(Tokens("trattoria luigi"), nil)
	if !ok || g.Category != "FOOD_AND_DRINK" || g.Confidence <= 0 || g.Confidence > 1 || g.Posterior < g.Confidence-1 {
		t.Fatalf("Guess(trattoria luigi) = %+v, %v", g, ok)
	}
	g2, ok := b.Guess(Tokens("trattoria luigi"), func(c string) bool { return c != "FOOD_AND_DRINK" })
	if !ok || g2.Category == "FOOD_AND_DRINK" {
		t.Fatalf("a category that is not allowed won: %+v", g2)
	}
	if _, ok := b.Guess(Tokens("qqqqqqqq"), nil); ok {
		t.Fatal("a name of unknown features got a guess")
	}
	// Calibration bins are monotone: a more confident posterior is never less accurate.
	prev := 0.0
	for _, bin := range b.calib {
		if bin.accuracy < prev {
			t.Fatalf("calibration not monotone: %+v", b.calib)
		}
		prev = bin.accuracy
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write([]byte("C\tA,B\nB\tacme\t7\t100\t1\n"))
	w.Close()
	if _, err := Parse(bytes.NewReader(z.Bytes())); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v, want one naming line 2", err)
	}
	if _, err := Parse(strings.NewReader("not gzip")); err == nil {
		t.Fatal("no error for input that is not gzip")
	}
}

func TestTokens(t *testing.T) {
	if got := strings.Join(Tokens("Überweisung: Lowe's B&Q Café"), "|"); got != "ueberweisung|lowes|b|q|cafe" {
		t.Fatalf("Tokens = %s", got)
	}
}

// BenchmarkLoad times loading the shipped knowledge base, which happens once per process.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Parse(bytes.NewReader(packed)); err != nil {
			b.Fatal(err)
		}
	}
}
