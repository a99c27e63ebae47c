package embed

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aithena/aithena/llm"
)

// fakeEmbeddings serves an OpenAI-compatible POST /embeddings. Each model name maps to a
// dimension; a text's vector is not normalised and depends on the text, so that order and
// normalisation can be checked.
type fakeEmbeddings struct {
	dims map[string]int
	zero atomic.Bool // answer all-zero vectors

	mu    sync.Mutex
	auth  []string
	input [][]string
}

func (f *fakeEmbeddings) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
		http.NotFound(w, r)
		return
	}
	var req struct {
		Model string   `json:"model"`
		Input []string `json:"input"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	f.input = append(f.input, req.Input)
	f.mu.Unlock()

	dim, ok := f.dims[req.Model]
	if !ok {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error": {"message": "model not found", "type": "invalid_request_error"}}`))
		return
	}
	data := make([]map[string]any, len(req.Input))
	for i, text := range req.Input {
		v := make([]float32, dim)
		if !f.zero.Load() {
			v[0] = float32(3 * (len(text) + 1)) // text-dependent
			v[1] = 4
		}
		data[i] = map[string]any{"object": "embedding", "index": i, "embedding": v}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"object": "list", "data": data, "model": req.Model,
		"usage": map[string]any{"prompt_tokens": 1, "total_tokens": 1},
	})
}

func newFakeEmbeddings(t *testing.T) (*fakeEmbeddings, *httptest.Server) {
	f := &fakeEmbeddings{dims: map[string]int{"all-MiniLM-L6-v2": 384, "text-embedding-3-small": 1536}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func remoteConfig(srv *httptest.Server, model string) llm.Config {
	return llm.Config{
		EmbeddingsBaseURL: srv.URL + "/v1", EmbeddingsModel: model, EmbeddingsAPIKey: "sk-emb",
		Timeout: 5 * time.Second,
	}
}

func TestRemote384(t *testing.T) {
	f, srv := newFakeEmbeddings(t)
	r, err := NewRemote(context.Background(), remoteConfig(srv, "all-MiniLM-L6-v2"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Name() != "remote:all-MiniLM-L6-v2" || r.Dimensions() != Dimensions {
		t.Fatalf("Name() = %q, Dimensions() = %d", r.Name(), r.Dimensions())
	}

	texts := []string{"TESCO\nSTORES", "Starbucks", ""}
	before := slices.Clone(texts)
	vs, err := r.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(texts, before) {
		t.Errorf("Embed changed its input: %q", texts)
	}
	if len(vs) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(vs), len(texts))
	}
	for i, v := range vs {
		if len(v) != Dimensions {
			t.Fatalf("vector %d has %d dimensions", i, len(v))
		}
		if n := norm(v); math.Abs(n-1) > 1e-6 {
			t.Errorf("vector %d has norm %v, want 1", i, n)
		}
		// The fake's vector is (3*(len+1), 4, 0, ...); normalised: x = 3(len+1)/sqrt(9(len+1)^2+16).
		l := float64(len(texts[i]) + 1)
		if want := 3 * l / math.Sqrt(9*l*l+16); math.Abs(float64(v[0])-want) > 1e-6 {
			t.Errorf("vector %d: v[0] = %v, want %v (order or normalisation wrong)", i, v[0], want)
		}
	}

	if vs, err := r.Embed(context.Background(), nil); err != nil || len(vs) != 0 {
		t.Errorf("Embed(nil) = %v, %v", vs, err)
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.input) != 2 || f.input[0][0] != probeText {
		t.Errorf("requests = %q, want the probe then the texts", f.input)
	}
	if f.auth[0] != "Bearer sk-emb" {
		t.Errorf("Authorization = %q", f.auth[0])
	}
}

func TestRemoteWrongDimensionFailsAtStartUp(t *testing.T) {
	_, srv := newFakeEmbeddings(t)
	_, err := NewRemote(context.Background(), remoteConfig(srv, "text-embedding-3-small"))
	want := `embedding model "text-embedding-3-small" returns 1536-dimensional vectors; ` +
		`Aithena's schema stores 384 (vector(384)); choose a 384-d model such as all-MiniLM-L6-v2`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	var de *DimensionError
	if !errors.As(err, &de) || de.Got != 1536 {
		t.Fatalf("err = %#v, want a *DimensionError with Got 1536", err)
	}
}

func TestRemoteStartUpErrors(t *testing.T) {
	_, srv := newFakeEmbeddings(t)
	if _, err := NewRemote(context.Background(), llm.Config{EmbeddingsModel: "all-MiniLM-L6-v2"}); !errors.Is(err, llm.ErrNotConfigured) {
		t.Errorf("no base URL: err = %v, want llm.ErrNotConfigured", err)
	}
	if _, err := NewRemote(context.Background(), remoteConfig(srv, "no-such-model")); err == nil {
		t.Error("unknown model: want an error")
	}
}

func TestRemoteRejectsZeroVectors(t *testing.T) {
	f, srv := newFakeEmbeddings(t)
	r, err := NewRemote(context.Background(), remoteConfig(srv, "all-MiniLM-L6-v2"))
	if err != nil {
		t.Fatal(err)
	}
	f.zero.Store(true)
	if _, err := r.Embed(context.Background(), []string{"x"}); err == nil {
		t.Fatal("want an error for an all-zero vector")
	}
}
