package config

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aithena/aithena/llm"
)

func TestLoadLLM(t *testing.T) {
	t.Setenv("LLM_BASE_URL", " http://localhost:11434/v1 ")
	t.Setenv("LLM_MODEL", "llama3.2")
	t.Setenv("LLM_API_KEY", "sk-chat")
	t.Setenv("EMBEDDINGS_BASE_URL", "http://emb:8080/v1")
	t.Setenv("EMBEDDINGS_MODEL", "all-MiniLM-L6-v2")
	t.Setenv("EMBEDDINGS_API_KEY", "")
	t.Setenv("LLM_TIMEOUT", "45s")
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := llm.Config{
		BaseURL: "http://localhost:11434/v1", Model: "llama3.2", APIKey: "sk-chat",
		EmbeddingsBaseURL: "http://emb:8080/v1", EmbeddingsModel: "all-MiniLM-L6-v2",
		EmbeddingsAPIKey: "sk-chat", // falls back to LLM_API_KEY
		Timeout:          45 * time.Second,
	}
	if c.LLM != want {
		t.Fatalf("LLM = %+v, want %+v", c.LLM, want)
	}
	if !c.LLM.Enabled() || !c.LLM.EmbeddingsEnabled() {
		t.Fatalf("Enabled() = %v, EmbeddingsEnabled() = %v, want both true", c.LLM.Enabled(), c.LLM.EmbeddingsEnabled())
	}
	t.Setenv("EMBEDDINGS_API_KEY", "sk-emb")
	if c, _ := Load(); c.LLM.EmbeddingsAPIKey != "sk-emb" {
		t.Fatalf("EmbeddingsAPIKey = %q, want sk-emb", c.LLM.EmbeddingsAPIKey)
	}
}

func TestLoadDefaults(t *testing.T) {
	for _, k := range []string{"LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY", "EMBEDDINGS_BASE_URL",
		"EMBEDDINGS_MODEL", "EMBEDDINGS_API_KEY", "LLM_TIMEOUT", "LOG_LEVEL", "AITHENA_API_URL", "HTTP_ADDR", "PUBLIC_URL"} {
		t.Setenv(k, "")
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.LLM.Enabled() || c.LLM.EmbeddingsEnabled() || c.LLM.Timeout != llm.DefaultTimeout {
		t.Fatalf("empty environment: LLM = %+v", c.LLM)
	}
	if c.LogLevel != slog.LevelInfo || c.APIURL != "http://127.0.0.1:8080" {
		t.Fatalf("LogLevel = %v, APIURL = %q", c.LogLevel, c.APIURL)
	}
}

// A setting that cannot be right stops start-up with a message naming the variable.
func TestLoadRefusesBadSettings(t *testing.T) {
	for _, c := range []struct{ key, value, want string }{
		{"LLM_TIMEOUT", "soon", "LLM_TIMEOUT"},
		{"LLM_TIMEOUT", "-5s", "LLM_TIMEOUT"},
		{"LLM_BASE_URL", "http://x/v1", "LLM_MODEL"},
		{"EMBEDDINGS_MODEL", "m", "EMBEDDINGS_BASE_URL"},
		{"LOG_LEVEL", "LOUD", "LOG_LEVEL"},
		{"REVIEW_THRESHOLD", "2", "REVIEW_THRESHOLD"},
		{"SYNC_TIMEOUT", "0s", "SYNC_TIMEOUT"},
	} {
		t.Run(c.key+"="+c.value, func(t *testing.T) {
			t.Setenv(c.key, c.value)
			_, err := Load()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Load() error = %v, want one naming %s", err, c.want)
			}
		})
	}
}
