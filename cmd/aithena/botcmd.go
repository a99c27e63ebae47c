package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/bot"
	"github.com/aithena/aithena/config"
)

// runBot runs the Telegram bot: long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set.
func runBot(ctx context.Context, cfg config.Config, log *slog.Logger, _ []string) error {
	if cfg.TelegramToken == "" {
		return errors.New("TELEGRAM_BOT_TOKEN is not set")
	}
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	return runBotWith(ctx, d, log)
}

// runBotWith runs the bot on open dependencies (`aithena dev` runs it too when a token is set).
func runBotWith(ctx context.Context, d *app.Deps, log *slog.Logger) error {
	cfg := d.Config
	b := &bot.Bot{API: d.Telegram, Temporal: d.Temporal, Redis: d.Redis, TaskQueue: cfg.TaskQueue, Log: log}
	if cfg.TelegramWebhookURL == "" {
		log.Info("telegram bot: long polling")
		return b.RunLongPolling(ctx)
	}
	if cfg.TelegramWebhookSecret == "" {
		return errors.New("TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL")
	}
	if err := b.SetWebhook(ctx, cfg.TelegramWebhookURL, cfg.TelegramWebhookSecret); err != nil {
		return err
	}
	srv := &http.Server{Addr: cfg.TelegramWebhookAddr, Handler: b.WebhookHandler(cfg.TelegramWebhookSecret), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	log.Info("telegram bot: webhook", "listen", cfg.TelegramWebhookAddr, "url", cfg.TelegramWebhookURL)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
