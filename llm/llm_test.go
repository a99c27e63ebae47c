package llm

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tmc/langchaingo/llms"
)

func TestConfigFromEnv(t *testing.T) {
	t.Setenv("LLM_BASE_URL", " http://localhost:11434/v1 ")
	t.Setenv("LLM_MODEL", "llama3.2")
	t.Setenv("LLM_API_KEY", "sk-chat")
	t.Setenv("EMBEDDINGS_BASE_URL", "http://emb:8080/v1")
	t.Setenv("EMBEDDINGS_MODEL", "all-MiniLM-L6-v2")
	t.Setenv("EMBEDDINGS_API_KEY", "")
	t.Setenv("LLM_TIMEOUT", "45s")

	c := ConfigFromEnv()
	want := Config{
		BaseURL: "http://localhost:11434/v1", Model: "llama3.2", APIKey: "sk-chat",
		EmbeddingsBaseURL: "http://emb:8080/v1", EmbeddingsModel: "all-MiniLM-L6-v2",
		EmbeddingsAPIKey: "sk-chat", // falls back to LLM_API_KEY
		Timeout:          45 * time.Second,
	}
	if c != want {
		t.Fatalf("ConfigFromEnv() = %+v, want %+v", c, want)
	}
	if !c.Enabled() || !c.EmbeddingsEnabled() {
		t.Fatalf("Enabled() = %v, EmbeddingsEnabled() = %v, want both true", c.Enabled(), c.EmbeddingsEnabled())
	}

	t.Setenv("EMBEDDINGS_API_KEY", "sk-emb")
	if got := ConfigFromEnv().EmbeddingsAPIKey; got != "sk-emb" {
		t.Fatalf("EmbeddingsAPIKey = %q, want sk-emb", got)
	}
}

func TestConfigFromEnvDefaults(t *testing.T) {
	for _, k := range []string{"LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY", "EMBEDDINGS_BASE_URL",
		"EMBEDDINGS_MODEL", "EMBEDDINGS_API_KEY", "LLM_TIMEOUT"} {
		t.Setenv(k, "")
	}
	c := ConfigFromEnv()
	if c.Enabled() || c.EmbeddingsEnabled() {
		t.Fatalf("empty env: Enabled() = %v, EmbeddingsEnabled() = %v, want false", c.Enabled(), c.EmbeddingsEnabled())
	}
	if c.Timeout != DefaultTimeout {
		t.Fatalf("Timeout = %v, want %v", c.Timeout, DefaultTimeout)
	}
	for _, bad := range []string{"soon", "-5s", "0"} {
		t.Setenv("LLM_TIMEOUT", bad)
		if got := ConfigFromEnv().Timeout; got != DefaultTimeout {
			t.Errorf("LLM_TIMEOUT=%q: Timeout = %v, want %v", bad, got, DefaultTimeout)
		}
	}
	t.Setenv("LLM_BASE_URL", "http://x/v1")
	if ConfigFromEnv().Enabled() {
		t.Fatal("Enabled() with a base URL but no model")
	}
}

func TestNewChatModelNotConfigured(t *testing.T) {
	if _, err := NewChatModel(Config{BaseURL: "http://x/v1"}); !errors.Is(err, ErrNotConfigured) {
		t.Fatalf("err = %v, want ErrNotConfigured", err)
	}
	if _, err := NewEmbeddingsClient(Config{EmbeddingsModel: "m"}); !errors.Is(err, ErrNotConfigured) {
		t.Fatalf("err = %v, want ErrNotConfigured", err)
	}
}

// TestNewChatModel sends a real langchaingo request to a fake OpenAI-compatible server.
func TestNewChatModel(t *testing.T) {
	var got struct {
		path, auth string
		body       map[string]any
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.path, got.auth = r.Method+" "+r.URL.Path, r.Header.Get("Authorization")
		if err := json.NewDecoder(r.Body).Decode(&got.body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{
			"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "llama3.2",
			"choices": [{"index": 0, "finish_reason": "stop",
				"message": {"role": "assistant", "content": "hello from the fake"}}],
			"usage": {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9}
		}`))
	}))
	defer srv.Close()

	m, err := NewChatModel(Config{BaseURL: srv.URL + "/v1/", Model: "llama3.2", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := m.GenerateContent(context.Background(), []llms.MessageContent{
		llms.TextParts(llms.ChatMessageTypeHuman, "hi"),
	}, llms.WithTemperature(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Choices) != 1 || resp.Choices[0].Content != "hello from the fake" {
		t.Fatalf("response = %+v", resp.Choices)
	}
	if got.path != "POST /v1/chat/completions" {
		t.Errorf("request = %s, want POST /v1/chat/completions", got.path)
	}
	if got.auth != "Bearer none" {
		t.Errorf("Authorization = %q, want the placeholder token", got.auth)
	}
	if got.body["model"] != "llama3.2" {
		t.Errorf("model = %v, want llama3.2", got.body["model"])
	}
}

func TestNewChatModelTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Reading the body lets the server notice the client hanging up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	defer srv.Close()

	m, err := NewChatModel(Config{BaseURL: srv.URL, Model: "m", APIKey: "k", Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := m.GenerateContent(context.Background(), []llms.MessageContent{
		llms.TextParts(llms.ChatMessageTypeHuman, "hi"),
	}); err == nil {
		t.Fatal("want a timeout error")
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("call took %v; the client timeout was not applied", d)
	}
}
