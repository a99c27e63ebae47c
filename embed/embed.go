// Package embed turns transaction text into vectors for nearest-neighbour
// search (pgvector). The Hashing embedder needs no model or network, so it
// works offline and in tests; a learned model can replace it behind the
// Embedder interface as long as it keeps the dimension of the stored column.
package embed

import (
	"context"
	"math"
	"unicode"
	"unicode/utf8"
)

// Dimensions is the length of every vector, fixed by the database column.
const Dimensions = 384

// Embedder maps texts to vectors of Dimensions() floats, one per text, in
// order.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
	Dimensions() int
	// Name identifies the model and version; vectors from different names
	// are not comparable.
	Name() string
}

// Hashing is a deterministic feature-hashing embedder. Each lower-cased
// word adds weight 1 and each of its character trigrams (with boundary
// marks, so "shell" gives "^sh", "she", "hel", "ell", "ll$") adds 0.5 to
// a dimension picked by FNV-1a, with a sign from another bit of the hash so
// that collisions cancel out on average instead of piling up. Vectors are
// L2-normalized, so cosine similarity is a dot product. Trigrams make
// "starbucks" and "starbucks coffee" or "wholefds" and "whole foods" close
// even where words differ.
type Hashing struct{}

var _ Embedder = Hashing{}

// Name returns "hashing-v1". Change it whenever the features change:
// stored vectors must be recomputed.
func (Hashing) Name() string { return "hashing-v1" }

// Dimensions returns Dimensions.
func (Hashing) Dimensions() int { return Dimensions }

// Embed returns one unit vector per text. It fails only when ctx is done.
func (h Hashing) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		// Checking every text would cost more than the hashing of a short
		// one; every 64 keeps cancellation prompt for large batches.
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		out[i] = hashText(t)
	}
	return out, nil
}

const (
	wordWeight    = 1.0
	trigramWeight = 0.5

	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211

	// Tags keep the word "abc" and the trigram "abc" apart.
	wordTag    = 'w'
	trigramTag = 'g'
	// Boundary marks pad tokens for trigrams; control characters never
	// occur inside a token.
	beginMark = '\x02'
	endMark   = '\x03'
)

func hashText(text string) []float32 {
	acc := make([]float64, Dimensions)
	token := make([]rune, 0, 32)
	seen := false
	flush := func() {
		if len(token) == 0 {
			return
		}
		seen = true
		add(acc, hashRunes(wordTag, token), wordWeight)
		// Trigrams over ^token$.
		n := len(token) + 2
		at := func(i int) rune {
			switch i {
			case 0:
				return beginMark
			case n - 1:
				return endMark
			}
			return token[i-1]
		}
		for i := 0; i+3 <= n; i++ {
			tri := [3]rune{at(i), at(i + 1), at(i + 2)}
			add(acc, hashRunes(trigramTag, tri[:]), trigramWeight)
		}
		token = token[:0]
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			token = append(token, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()

	var norm float64
	for _, v := range acc {
		norm += v * v
	}
	vec := make([]float32, Dimensions)
	if !seen || norm == 0 {
		// Cosine on a zero vector is NaN in pgvector; a fixed unit vector
		// keeps empty texts comparable (similar to each other only).
		vec[0] = 1
		return vec
	}
	inv := 1 / math.Sqrt(norm)
	for i, v := range acc {
		vec[i] = float32(v * inv)
	}
	return vec
}

// add puts weight w into the dimension chosen by the low bits of h, signed
// by its top bit.
func add(acc []float64, h uint64, w float64) {
	i := uint32(h) % Dimensions
	if h>>63 == 1 {
		w = -w
	}
	acc[i] += w
}

// hashRunes is FNV-1a over a tag byte and the UTF-8 encoding of rs.
func hashRunes(tag byte, rs []rune) uint64 {
	h := uint64(fnvOffset)
	h ^= uint64(tag)
	h *= fnvPrime
	var buf [utf8.UTFMax]byte
	for _, r := range rs {
		n := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:n] {
			h ^= uint64(b)
			h *= fnvPrime
		}
	}
	return h
}

// Cosine returns the cosine similarity of a and b, or 0 when their lengths
// differ or either is all zeros (where cosine is undefined).
func Cosine(a, b []float32) float64 {
	if len(a) != len(b) {
		return 0
	}
	var dot, na, nb float64
	for i := range a {
		x, y := float64(a[i]), float64(b[i])
		dot += x * y
		na += x * x
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}
