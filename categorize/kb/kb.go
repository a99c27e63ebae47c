// Package kb is the built-in merchant knowledge base: brand names from around the world with
// the category of what they sell, and a small naive-Bayes model over name words that guesses
// the category of a merchant no table knows. Both are generated offline from public data by
// ./categorize/kb/gen (see docs/knowledge-base.md for the sources, their licences and how to
// regenerate) and shipped inside the binary as one compressed file; nothing is read from disk
// or the network at run time. It is loaded once per process (about 0.1 s on two cores; categorize.NewChain does
// it at start-up); lookups are map reads.
package kb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/kb.tsv.gz
var packed []byte

// Brand is a known brand: its name as a token key, the category most of its entries sell
// and the share of its entries that agree on it (1 when every entry does).
type Brand struct {
	Key      string
	Category string
	Share    float64
	Entries  int
}

// Base is a loaded knowledge base.
type Base struct {
	// Source names the data and its version, as written by the generator.
	Source string
	brands map[string]Brand
	// maxWords is the longest brand key in tokens.
	maxWords int
	classes  []string
	model    nbModel
	calib    []calBin
}

var (
	once    sync.Once
	base    *Base
	loadErr error
)

// Default returns the shipped knowledge base, loading it on first use.
func Default() (*Base, error) {
	once.Do(func() { base, loadErr = Parse(bytes.NewReader(packed)) })
	return base, loadErr
}

// MustDefault is Default for callers that cannot go on without it: the shipped data is part
// of the binary, so a failure is a build error, caught by the package's tests.
func MustDefault() *Base {
	b, err := Default()
	if err != nil {
		panic(fmt.Sprintf("kb: shipped knowledge base: %v", err))
	}
	return b
}

// Brands is the number of brand keys.
func (b *Base) Brands() int { return len(b.brands) }

// Brand looks a token key up ("albert heijn").
func (b *Base) Brand(key string) (Brand, bool) {
	br, ok := b.brands[key]
	return br, ok
}

// BrandMatch is a brand found in a text: where it starts and how many tokens it spans.
type BrandMatch struct {
	Brand
	Pos, Words int
}

// FindBrand returns the longest known brand among the tokens, the earliest of equally long
// ones. Single tokens in stop (words of bank statements such as "card" or "payment") never
// count as a brand on their own.
func (b *Base) FindBrand(toks []string, stop func(string) bool) (BrandMatch, bool) {
	var best BrandMatch
	found := false
	for i := range toks {
		for n := min(b.maxWords, len(toks)-i); n >= 1; n-- {
			if found && n <= best.Words {
				break
			}
			if n == 1 && stop != nil && stop(toks[i]) {
				continue
			}
			if br, ok := b.brands[strings.Join(toks[i:i+n], " ")]; ok {
				best, found = BrandMatch{Brand: br, Pos: i, Words: n}, true
				break
			}
		}
	}
	return best, found
}

// Guess is the naive-Bayes model's answer: the most likely category, its posterior and the
// calibrated probability that the answer is right, and how many of the features the model
// knew.
type Guess struct {
	Category   string
	Posterior  float64
	Confidence float64
	Known      int
}

// Guess scores the classes for the tokens of a name, among the allowed ones (all when
// allowed is nil). ok is false when the model knows none of the features (it would only
// repeat its prior).
func (b *Base) Guess(toks []string, allowed func(category string) bool) (Guess, bool) {
	feats := Features(toks)
	m := &b.model
	scores := make([]float64, len(b.classes))
	known := 0
	for _, f := range feats {
		counts, ok := m.features[f]
		if !ok {
			continue
		}
		known++
		for c := range scores {
			scores[c] += math.Log(m.alpha) - m.logDenom[c]
		}
		for _, fc := range counts {
			scores[fc.class] += math.Log(float64(fc.n)+m.alpha) - math.Log(m.alpha)
		}
	}
	if known == 0 {
		return Guess{}, false
	}
	top := -1
	for c := range scores {
		if allowed != nil && !allowed(b.classes[c]) {
			scores[c] = math.Inf(-1)
			continue
		}
		if top < 0 || scores[c] > scores[top] {
			top = c
		}
	}
	if top < 0 {
		return Guess{}, false
	}
	var z float64
	for c := range scores {
		z += math.Exp(scores[c] - scores[top])
	}
	post := 1 / z
	return Guess{Category: b.classes[top], Posterior: post, Confidence: b.calibrate(post), Known: known}, true
}

// calibrate maps a posterior to the share of held-out names the model got right at that
// posterior (histogram binning, made monotone by the generator).
func (b *Base) calibrate(p float64) float64 {
	for _, bin := range b.calib {
		if p <= bin.upTo {
			return bin.accuracy
		}
	}
	if len(b.calib) > 0 {
		return b.calib[len(b.calib)-1].accuracy
	}
	return 0
}

type calBin struct{ upTo, accuracy float64 }

type classCount struct {
	class int
	n     int
}

type nbModel struct {
	alpha    float64
	features map[string][]classCount
	// logDenom[c] = log(total feature count of c + alpha × vocabulary size)
	logDenom []float64
}

// Features are the model's inputs for a name's tokens: each word, and the character
// 4-grams of each word with its boundaries marked, so that "pizzeria" and "pizzas" share
// evidence.
func Features(toks []string) []string {
	var fs []string
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			fs = append(fs, f)
		}
	}
	for _, t := range toks {
		if len(t) < 2 || isDigits(t) {
			continue
		}
		add("w:" + t)
		r := []rune("^" + t + "$")
		for i := 0; i+4 <= len(r); i++ {
			add("c:" + string(r[i:i+4]))
		}
	}
	return fs
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Parse reads a knowledge base in the generator's format (gzip-compressed, tab-separated):
//
//	S source and version
//	C class names, comma-separated
//	A alpha
//	D per class, the model's total feature count, comma-separated
//	V vocabulary size
//	B brand key, class index, share in percent, entries
//	F feature, class:count pairs, comma-separated
//	K calibration bin: posterior upper bound, accuracy
func Parse(r interface{ Read([]byte) (int, error) }) (*Base, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("kb: open: %w", err)
	}
	defer zr.Close()
	b := &Base{brands: map[string]Brand{}, model: nbModel{features: map[string][]classCount{}}}
	var totals []float64
	vocab := 0
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		bad := func(what string) error { return fmt.Errorf("kb: line %d: %s", line, what) }
		switch f[0] {
		case "S":
			b.Source = f[1]
		case "C":
			b.classes = strings.Split(f[1], ",")
		case "A":
			if b.model.alpha, err = strconv.ParseFloat(f[1], 64); err != nil {
				return nil, bad("alpha")
			}
		case "V":
			if vocab, err = strconv.Atoi(f[1]); err != nil {
				return nil, bad("vocabulary size")
			}
		case "D":
			for _, s := range strings.Split(f[1], ",") {
				n, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return nil, bad("class totals")
				}
				totals = append(totals, n)
			}
		case "B":
			if len(f) != 5 {
				return nil, bad("brand wants 5 fields")
			}
			c, err1 := strconv.Atoi(f[2])
			share, err2 := strconv.Atoi(f[3])
			n, err3 := strconv.Atoi(f[4])
			if err1 != nil || err2 != nil || err3 != nil || c < 0 || c >= len(b.classes) {
				return nil, bad("brand fields")
			}
			b.brands[f[1]] = Brand{Key: f[1], Category: b.classes[c], Share: float64(share) / 100, Entries: n}
			b.maxWords = max(b.maxWords, strings.Count(f[1], " ")+1)
		case "F":
			if len(f) != 3 {
				return nil, bad("feature wants 3 fields")
			}
			var cs []classCount
			for _, p := range strings.Split(f[2], ",") {
				cls, cnt, ok := strings.Cut(p, ":")
				c, err1 := strconv.Atoi(cls)
				n, err2 := strconv.Atoi(cnt)
				if !ok || err1 != nil || err2 != nil || c < 0 || c >= len(b.classes) {
					return nil, bad("feature counts")
				}
				cs = append(cs, classCount{c, n})
			}
			b.model.features[f[1]] = cs
		case "K":
			up, err1 := strconv.ParseFloat(f[1], 64)
			acc, err2 := strconv.ParseFloat(f[2], 64)
			if err1 != nil || err2 != nil {
				return nil, bad("calibration bin")
			}
			b.calib = append(b.calib, calBin{up, acc})
		default:
			return nil, bad(fmt.Sprintf("unknown record %q", f[0]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("kb: read: %w", err)
	}
	if len(b.classes) == 0 || len(totals) != len(b.classes) || b.model.alpha <= 0 || vocab <= 0 {
		return nil, fmt.Errorf("kb: incomplete data (classes %d, totals %d, alpha %v, vocabulary %d)", len(b.classes), len(totals), b.model.alpha, vocab)
	}
	b.model.logDenom = make([]float64, len(totals))
	for c, t := range totals {
		b.model.logDenom[c] = math.Log(t + b.model.alpha*float64(vocab))
	}
	return b, nil
}
