// Package app builds Aithena's shared dependencies from the configuration, so that every
// subcommand (api, worker, dev, tests) assembles them the same way.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/agent"
	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/embed"
	"github.com/aithena/aithena/fraud"
	"github.com/aithena/aithena/ingest"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/llm"
	"github.com/aithena/aithena/sqltool"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/telegram"
	"github.com/mymmrac/telego"
	"github.com/redis/go-redis/v9"
	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
)

// Deps are the connections and services the binary runs on.
type Deps struct {
	// AskAgent answers questions with an LLM and tools; nil without an LLM.
	AskAgent *agent.Agent
	Config   config.Config
	Store    *store.Store
	// Redis and Temporal are nil when only the data was opened (OpenData).
	Redis    *redis.Client
	Temporal client.Client
	Ledger   *ledger.Service
	// Telegram sends alerts to linked chats; nil without TELEGRAM_BOT_TOKEN.
	Telegram *telego.Bot
}

// Open connects to PostgreSQL, Redis and Temporal: what the servers (api, worker, bot) and
// the commands that start workflows need.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger) (*Deps, error) {
	d, err := OpenData(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	opt, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	d.Redis = redis.NewClient(opt)
	if err := d.Redis.Ping(ctx).Err(); err != nil {
		d.Close()
		return nil, fmt.Errorf("connect to Redis: %w", err)
	}
	d.Temporal, err = client.DialContext(ctx, client.Options{
		HostPort: cfg.TemporalAddress, Namespace: cfg.TemporalNamespace,
		Logger: tlog.NewStructuredLogger(log),
	})
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("connect to Temporal at %s: %w", cfg.TemporalAddress, err)
	}
	if cfg.TelegramToken != "" {
		if d.Telegram, err = telegram.New(cfg.TelegramToken, cfg.TelegramAPIURL); err != nil {
			d.Close()
			return nil, fmt.Errorf("TELEGRAM_BOT_TOKEN: %w", err)
		}
	}
	return d, nil
}

// OpenData connects to PostgreSQL only (and the LLM endpoints when configured): what the
// commands that read and compute need (eval, forecast backtest). Redis and Temporal stay
// unopened, so these commands run without them; Deps.Redis and Deps.Temporal are nil.
func OpenData(ctx context.Context, cfg config.Config, log *slog.Logger) (*Deps, error) {
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	d := &Deps{
		Config: cfg, Store: st,
		Ledger: &ledger.Service{
			Store: st, Embedder: embed.Hashing{}, Categorizer: categorize.NewChain(st),
			ReviewThreshold: cfg.ReviewThreshold, DuplicateWindow: cfg.DuplicateWindow,
			Fraud: &ledger.FraudScorer{Store: st, TTL: 30 * time.Second}, Flags: st,
		},
	}
	if err := d.openLLM(ctx, log); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// openLLM uses an OpenAI-compatible endpoint when one is configured: remote embeddings (their
// dimension checked now, not at the first transaction) and the categorization agent.
func (d *Deps) openLLM(ctx context.Context, log *slog.Logger) error {
	c := d.Config.LLM
	if c.EmbeddingsEnabled() {
		r, err := embed.NewRemote(ctx, c)
		if err != nil {
			return err
		}
		d.Ledger.Embedder = r
		log.Info("remote embeddings", "model", c.EmbeddingsModel)
	}
	if c.Enabled() {
		m, err := llm.NewChatModel(c)
		if err != nil {
			return err
		}
		d.Ledger.Agent = categorize.NewAgent(m, d.Store, d.Store, categorize.AgentOptions{})
		d.AskAgent = &agent.Agent{Model: m, Tools: []agent.Tool{
			agent.Typed{Data: d.Store}, agent.SQL{Tool: &sqltool.Tool{Pool: d.Store.Pool}},
		}}
		log.Info("categorization agent available", "model", c.Model, "flag", "new_categorization_agent")
	}
	return nil
}

// TrainOptions are the fraud training settings from the configuration.
func (d *Deps) TrainOptions() ledger.TrainOptions {
	return ledger.TrainOptions{
		Params: fraud.DefaultForestParams(), Threshold: d.Config.FraudThreshold,
		MinHistory: d.Config.FraudMinHistory, MaxRows: 20000,
	}
}

// Starter starts the pipeline's workflows with these settings.
func (d *Deps) Starter() *ingest.Starter {
	return &ingest.Starter{Store: d.Store, Temporal: d.Temporal, TaskQueue: d.Config.TaskQueue, ReviewTimeout: d.Config.FraudReviewTimeout}
}

// Activities returns the activities backed by these dependencies.
func (d *Deps) Activities() *activities.Activities {
	acts := &activities.Activities{Store: d.Store, Ledger: d.Ledger, Starter: d.Starter(), AskAgent: d.AskAgent}
	if d.Telegram != nil {
		acts.Telegram = telegram.Client{API: d.Telegram}
	}
	return acts
}

// Close closes every connection that was opened.
func (d *Deps) Close() {
	if d.Temporal != nil {
		d.Temporal.Close()
	}
	if d.Redis != nil {
		_ = d.Redis.Close()
	}
	d.Store.Close()
}
