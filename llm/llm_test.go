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
