// Package llm configures the OpenAI-compatible endpoints (OpenAI, Ollama, vLLM, ...) that
// Aithena talks to through langchaingo: a chat model for the categorization agent and,
// optionally, a separate embeddings endpoint.
package llm

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/httputil"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/openai"
)

// DefaultTimeout bounds one HTTP exchange with an endpoint when no timeout is configured.
const DefaultTimeout = 20 * time.Second

// placeholderToken is sent when no API key is configured: langchaingo refuses to build a
// client without one, and local servers such as Ollama or vLLM ignore it.
const placeholderToken = "none"

// ErrNotConfigured is returned when an endpoint's base URL or model is missing.
var ErrNotConfigured = errors.New("llm: endpoint not configured")

// Config locates an OpenAI-compatible chat endpoint and, optionally, an embeddings endpoint.
// BaseURL includes the API prefix, e.g. "https://api.openai.com/v1" or
// "http://localhost:11434/v1" for Ollama.
type Config struct {
	BaseURL string
	Model   string
	APIKey  string

	EmbeddingsBaseURL string
	EmbeddingsModel   string
	EmbeddingsAPIKey  string

	// Timeout bounds each HTTP exchange (connect, request and the whole response).
	Timeout time.Duration
}

// Enabled reports whether a chat endpoint is configured (base URL and model set).
func (c Config) Enabled() bool { return c.BaseURL != "" && c.Model != "" }

// EmbeddingsEnabled reports whether an embeddings endpoint is configured (base URL and
// model set).
func (c Config) EmbeddingsEnabled() bool { return c.EmbeddingsBaseURL != "" && c.EmbeddingsModel != "" }

// HTTPClient returns the client used for both endpoints: langchaingo's transport (which
// adds a User-Agent) bounded by c.Timeout, or DefaultTimeout when that is not positive.
func (c Config) HTTPClient() *http.Client {
	t := c.Timeout
	if t <= 0 {
		t = DefaultTimeout
	}
	return &http.Client{Transport: httputil.DefaultTransport, Timeout: t}
}

// NewChatModel returns a langchaingo chat model for the configured endpoint.
func NewChatModel(c Config) (llms.Model, error) {
	if !c.Enabled() {
		return nil, fmt.Errorf("%w: set LLM_BASE_URL and LLM_MODEL", ErrNotConfigured)
	}
	m, err := openai.New(
		openai.WithBaseURL(c.BaseURL),
		openai.WithModel(c.Model),
		openai.WithToken(tokenOr(c.APIKey)),
		openai.WithHTTPClient(c.HTTPClient()),
	)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// NewEmbeddingsClient returns a langchaingo embeddings client for the configured
// embeddings endpoint; wrap it with embeddings.NewEmbedder.
func NewEmbeddingsClient(c Config) (embeddings.EmbedderClient, error) {
	if !c.EmbeddingsEnabled() {
		return nil, fmt.Errorf("%w: set EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL", ErrNotConfigured)
	}
	m, err := openai.New(
		openai.WithBaseURL(c.EmbeddingsBaseURL),
		openai.WithEmbeddingModel(c.EmbeddingsModel),
		openai.WithToken(tokenOr(c.EmbeddingsAPIKey)),
		openai.WithHTTPClient(c.HTTPClient()),
	)
	if err != nil {
		return nil, err
	}
	return m, nil
}

func tokenOr(key string) string {
	if key == "" {
		return placeholderToken
	}
	return key
}
