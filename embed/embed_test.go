package embed

import (
	"context"
	"errors"
	"math"
	"testing"
)

func embedOne(t *testing.T, text string) []float32 {
	t.Helper()
	vs, err := Hashing{}.Embed(context.Background(), []string{text})
	if err != nil {
		t.Fatal(err)
	}
	return vs[0]
}

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestHashingMetadata(t *testing.T) {
	var e Embedder = Hashing{}
	if e.Dimensions() != Dimensions || Dimensions != 384 {
		t.Errorf("Dimensions() = %d, const = %d, want 384", e.Dimensions(), Dimensions)
	}
	if e.Name() != "hashing-v1" {
		t.Errorf("Name() = %q", e.Name())
	}
}

func TestHashingDeterministicUnit(t *testing.T) {
	texts := []string{
		"Starbucks", "POS PURCHASE STARBUCKS #1234 SEATTLE WA", "Rewe Lastschrift REWE SAGT DANKE",
		"Café de la Paix", "a", "🙂 emoji only letters? no", "x\xffy",
	}
	vs, err := Hashing{}.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(texts) {
		t.Fatalf("got %d vectors for %d texts", len(vs), len(texts))
	}
	for i, v := range vs {
		if len(v) != Dimensions {
			t.Errorf("%q: %d dimensions", texts[i], len(v))
		}
		if n := norm(v); math.Abs(n-1) > 1e-5 {
			t.Errorf("%q: norm %v, want 1", texts[i], n)
		}
		again := embedOne(t, texts[i])
		for j := range v {
			if v[j] != again[j] {
				t.Fatalf("%q: not deterministic at %d", texts[i], j)
			}
		}
	}
}

func TestHashingCaseAndPunctuation(t *testing.T) {
	a, b := embedOne(t, "STARBUCKS COFFEE"), embedOne(t, "starbucks, coffee!")
	if c := Cosine(a, b); math.Abs(c-1) > 1e-6 {
		t.Errorf("case and punctuation changed the vector: cosine %v", c)
	}
}

func TestHashingEmpty(t *testing.T) {
	for _, text := range []string{"", "   ", "#*/-- ..."} {
		v := embedOne(t, text)
		if v[0] != 1 || norm(v) != 1 {
			t.Errorf("%q: want the fixed unit vector e0, got v[0]=%v norm=%v", text, v[0], norm(v))
		}
		if c := Cosine(v, v); math.IsNaN(c) || c != 1 {
			t.Errorf("%q: self cosine %v", text, c)
		}
	}
	vs, err := Hashing{}.Embed(context.Background(), nil)
	if err != nil || len(vs) != 0 {
		t.Errorf("Embed(nil) = %v, %v", vs, err)
	}
}

func TestHashingSimilarity(t *testing.T) {
	cases := []struct{ a, near, far string }{
		{"starbucks", "starbucks coffee", "shell oil"},
		{"starbucks", "STARBUCKS STORE 1234", "whole foods"},
		{"whole foods market", "wholefds mkt", "shell oil"},
		{"uber trip", "uber eats", "netflix"},
		{"tesco stores", "tesco express", "sainsburys"},
		{"rewe sagt danke", "rewe markt", "edeka center"},
	}
	for _, tc := range cases {
		a := embedOne(t, tc.a)
		near, far := Cosine(a, embedOne(t, tc.near)), Cosine(a, embedOne(t, tc.far))
		if near <= far {
			t.Errorf("cos(%q, %q) = %.3f not above cos(%q, %q) = %.3f", tc.a, tc.near, near, tc.a, tc.far, far)
		}
	}
}

func TestHashingCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Hashing{}).Embed(ctx, []string{"x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestCosine(t *testing.T) {
	cases := []struct {
		a, b []float32
		want float64
	}{
		{[]float32{1, 0}, []float32{1, 0}, 1},
		{[]float32{1, 0}, []float32{0, 1}, 0},
		{[]float32{1, 0}, []float32{-2, 0}, -1},
		{[]float32{3, 4}, []float32{6, 8}, 1},
		{[]float32{0, 0}, []float32{1, 0}, 0},
		{[]float32{1}, []float32{1, 0}, 0},
		{nil, nil, 0},
	}
	for _, tc := range cases {
		if got := Cosine(tc.a, tc.b); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Cosine(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func BenchmarkHashingEmbed(b *testing.B) {
	texts := []string{
		"Starbucks POS PURCHASE STARBUCKS #1234 SEATTLE WA 07/14",
		"Amazon AMZN Mktp US*2K4L33",
		"Rewe Lastschrift REWE SAGT DANKE 1234 BERLIN DE",
		"Acme Corp DIRECT DEPOSIT ACME CORP PAYROLL",
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (Hashing{}).Embed(ctx, texts); err != nil {
			b.Fatal(err)
		}
	}
}
