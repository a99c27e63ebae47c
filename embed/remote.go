package embed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/tmc/langchaingo/embeddings"

	"github.com/aithena/aithena/llm"
)

// probeText is embedded at start-up to learn the model's dimension.
const probeText = "CARD PAYMENT COFFEE SHOP"

// DimensionError reports an embedding model whose vectors do not fit the database column.
type DimensionError struct {
	Model string
	Got   int
}

func (e *DimensionError) Error() string {
	return fmt.Sprintf("embedding model %q returns %d-dimensional vectors; Aithena's schema stores %d (vector(%d)); "+
		"choose a %d-d model such as all-MiniLM-L6-v2", e.Model, e.Got, Dimensions, Dimensions, Dimensions)
}

// Remote embeds texts with a model behind an OpenAI-compatible /embeddings endpoint (OpenAI,
// Ollama, vLLM, text-embeddings-inference, ...) through langchaingo. The model must return
// Dimensions-long vectors; they are L2-normalised so that cosine is a dot product, as with
// Hashing.
type Remote struct {
	model    string
	embedder *embeddings.EmbedderImpl
}

var _ Embedder = (*Remote)(nil)

// NewRemote connects to the embeddings endpoint of c and embeds a probe text, so that an
// unreachable endpoint or a model of the wrong dimension (a *DimensionError) fails at
// start-up rather than at the first transaction.
func NewRemote(ctx context.Context, c llm.Config) (*Remote, error) {
	client, err := llm.NewEmbeddingsClient(c)
	if err != nil {
		return nil, err
	}
	e, err := embeddings.NewEmbedder(client)
	if err != nil {
		return nil, err
	}
	r := &Remote{model: c.EmbeddingsModel, embedder: e}
	vs, err := r.embedder.EmbedDocuments(ctx, []string{probeText})
	if err != nil {
		return nil, fmt.Errorf("embedding model %q: probe failed: %w", r.model, err)
	}
	if len(vs) != 1 {
		return nil, fmt.Errorf("embedding model %q: probe returned %d vectors, want 1", r.model, len(vs))
	}
	if len(vs[0]) != Dimensions {
		return nil, &DimensionError{Model: r.model, Got: len(vs[0])}
	}
	return r, nil
}

// Name returns "remote:" and the model name.
func (r *Remote) Name() string { return "remote:" + r.model }

// Dimensions returns Dimensions.
func (r *Remote) Dimensions() int { return Dimensions }

// Embed returns one unit vector per text, in order. It fails if the endpoint does, or if it
// returns the wrong number of vectors, vectors of the wrong dimension (a *DimensionError),
// or vectors that cannot be normalised (all zeros, NaN or infinite values).
func (r *Remote) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) == 0 {
		return [][]float32{}, nil
	}
	// langchaingo rewrites newlines in the slice it is given; keep the caller's intact.
	vs, err := r.embedder.EmbedDocuments(ctx, slices.Clone(texts))
	if err != nil {
		return nil, fmt.Errorf("embedding model %q: %w", r.model, err)
	}
	if len(vs) != len(texts) {
		return nil, fmt.Errorf("embedding model %q: %d vectors for %d texts", r.model, len(vs), len(texts))
	}
	for i, v := range vs {
		if len(v) != Dimensions {
			return nil, &DimensionError{Model: r.model, Got: len(v)}
		}
		if !normalize(v) {
			return nil, fmt.Errorf("embedding model %q: text %d: %w", r.model, i, errBadVector)
		}
	}
	return vs, nil
}

var errBadVector = errors.New("vector is zero or not finite")

// normalize scales v to unit length in place; it reports false when v is all zeros or has
// a NaN or infinite value.
func normalize(v []float32) bool {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 || math.IsNaN(sum) || math.IsInf(sum, 0) {
		return false
	}
	inv := 1 / math.Sqrt(sum)
	for i, x := range v {
		v[i] = float32(float64(x) * inv)
	}
	return true
}
