// Package config reads Aithena's settings from environment variables, with defaults that
// work on a local machine prepared by `make dev`.
package config

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aithena/aithena/llm"
)

// Config holds every setting; see the README's table for each variable.
type Config struct {
	DatabaseURL       string
	RedisURL          string
	TemporalAddress   string
	TemporalNamespace string
	TaskQueue         string
	HTTPAddr          string
	PublicURL         string
	TemporalUIURL     string
	// ReviewThreshold: a categorization less confident than this goes to the review queue.
	ReviewThreshold float64
	// DuplicateWindow: the same amount at the same merchant within this window is a possible duplicate.
	DuplicateWindow time.Duration
	// SyncTimeout bounds how long POST /categorize waits for the pipeline.
	SyncTimeout time.Duration
	// RateLimit is requests per minute per API key (0 turns limiting off).
	RateLimit int
	// FraudThreshold: a payment scoring at or above it is flagged for the owner's review.
	FraudThreshold float64
	// FraudMinHistory: users with fewer payments are scored by the global model.
	FraudMinHistory int
	// FraudReviewTimeout: a flagged payment without a verdict is escalated after it.
	FraudReviewTimeout time.Duration
	// FraudRetrainCron is the nightly retraining schedule (cron, UTC).
	FraudRetrainCron string
	// ForecastCron is the daily forecasts-and-alerts schedule (cron, UTC).
	ForecastCron string
	// Telegram: the bot token, another Bot API server (self-hosted, or a fake in tests), and
	// webhook mode (URL, secret token, local listen address) instead of long polling.
	TelegramToken         string
	TelegramAPIURL        string
	TelegramWebhookURL    string
	TelegramWebhookSecret string
	TelegramWebhookAddr   string
	// LLM is the OpenAI-compatible chat and embeddings endpoints (both optional).
	LLM llm.Config
	// LogLevel is the lowest level logged.
	LogLevel slog.Level
	// APIURL and APIKey are what the CLI's API clients (import, ask) call, as whom.
	APIURL string
	APIKey string
}

// Load reads the environment.
func Load() (Config, error) {
	c := Config{
		DatabaseURL:       env("DATABASE_URL", "postgres://aithena:aithena@127.0.0.1:5432/aithena?sslmode=disable"),
		RedisURL:          env("REDIS_URL", "redis://127.0.0.1:6379/0"),
		TemporalAddress:   env("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
		TemporalNamespace: env("TEMPORAL_NAMESPACE", "default"),
		TaskQueue:         env("TEMPORAL_TASK_QUEUE", "aithena"),
		HTTPAddr:          env("HTTP_ADDR", "127.0.0.1:8080"),
		TemporalUIURL:     env("TEMPORAL_UI_URL", "http://127.0.0.1:8233"),
	}
	c.PublicURL = env("PUBLIC_URL", "http://"+c.HTTPAddr)
	var err error
	if c.ReviewThreshold, err = floatEnv("REVIEW_THRESHOLD", 0.6); err != nil {
		return c, err
	}
	if c.ReviewThreshold < 0 || c.ReviewThreshold > 1 {
		return c, fmt.Errorf("REVIEW_THRESHOLD must be between 0 and 1, got %v", c.ReviewThreshold)
	}
	if c.DuplicateWindow, err = durationEnv("DUPLICATE_WINDOW", 72*time.Hour); err != nil {
		return c, err
	}
	if c.SyncTimeout, err = durationEnv("SYNC_TIMEOUT", 10*time.Second); err != nil {
		return c, err
	}
	if c.RateLimit, err = intEnv("RATE_LIMIT_PER_MINUTE", 6000); err != nil {
		return c, err
	}
	if c.FraudThreshold, err = floatEnv("FRAUD_THRESHOLD", 0.62); err != nil {
		return c, err
	}
	if c.FraudThreshold <= 0 || c.FraudThreshold > 1 {
		return c, fmt.Errorf("FRAUD_THRESHOLD must be in (0, 1], got %v", c.FraudThreshold)
	}
	if c.FraudMinHistory, err = intEnv("FRAUD_MIN_HISTORY", 200); err != nil {
		return c, err
	}
	if c.FraudReviewTimeout, err = durationEnv("FRAUD_REVIEW_TIMEOUT", 72*time.Hour); err != nil {
		return c, err
	}
	c.FraudRetrainCron = env("FRAUD_RETRAIN_CRON", "0 3 * * *")
	c.ForecastCron = env("FORECAST_CRON", "0 6 * * *")
	c.TelegramToken = os.Getenv("TELEGRAM_BOT_TOKEN")
	c.TelegramAPIURL = os.Getenv("TELEGRAM_API_URL")
	c.TelegramWebhookURL = os.Getenv("TELEGRAM_WEBHOOK_URL")
	c.TelegramWebhookSecret = os.Getenv("TELEGRAM_WEBHOOK_SECRET")
	c.TelegramWebhookAddr = env("TELEGRAM_WEBHOOK_ADDR", "127.0.0.1:8081")
	if c.LLM, err = loadLLM(); err != nil {
		return c, err
	}
	if v := os.Getenv("LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL: %q is not DEBUG, INFO, WARN or ERROR", v)
		}
	}
	c.APIURL = env("AITHENA_API_URL", c.PublicURL)
	c.APIKey = os.Getenv("AITHENA_API_KEY")
	return c, nil
}

// loadLLM reads the LLM endpoints: LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, EMBEDDINGS_BASE_URL,
// EMBEDDINGS_MODEL, EMBEDDINGS_API_KEY (LLM_API_KEY when unset) and LLM_TIMEOUT. Values are
// trimmed of surrounding spaces.
func loadLLM() (llm.Config, error) {
	trimmed := func(k string) string { return strings.TrimSpace(os.Getenv(k)) }
	c := llm.Config{
		BaseURL: trimmed("LLM_BASE_URL"), Model: trimmed("LLM_MODEL"), APIKey: trimmed("LLM_API_KEY"),
		EmbeddingsBaseURL: trimmed("EMBEDDINGS_BASE_URL"), EmbeddingsModel: trimmed("EMBEDDINGS_MODEL"),
		EmbeddingsAPIKey: trimmed("EMBEDDINGS_API_KEY"),
	}
	if c.EmbeddingsAPIKey == "" {
		c.EmbeddingsAPIKey = c.APIKey
	}
	var err error
	if c.Timeout, err = durationEnv("LLM_TIMEOUT", llm.DefaultTimeout); err != nil {
		return c, err
	}
	if (c.BaseURL == "") != (c.Model == "") {
		return c, fmt.Errorf("LLM_BASE_URL and LLM_MODEL go together: set both or neither")
	}
	if (c.EmbeddingsBaseURL == "") != (c.EmbeddingsModel == "") {
		return c, fmt.Errorf("EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL go together: set both or neither")
	}
	return c, nil
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func floatEnv(key string, def float64) (float64, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a number", key, v)
	}
	return f, nil
}

func intEnv(key string, def int) (int, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s: %q is not a non-negative whole number", key, v)
	}
	return n, nil
}

func durationEnv(key string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: %q is not a positive duration such as 72h", key, v)
	}
	return d, nil
}
