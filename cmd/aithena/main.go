// Command aithena is the one binary of Aithena: each subcommand is one role.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/aithena/aithena/config"
)

const usage = `aithena — a durable personal-finance backend

usage: aithena <command> [flags]

  api        serve the REST API
  worker     run the Temporal worker (workflows and activities)
  dev        migrate, seed the demo user, and run worker and API in one process
  migrate    up | down | status | reset: apply the embedded database migrations
  seed       create the demo user and import six months of demo transactions
  users      create --name N --email E: make a user and print an API key
             link-code --email E: a one-time code to link a Telegram chat (/start CODE)
  bot        run the Telegram bot (TELEGRAM_BOT_TOKEN; webhook with TELEGRAM_WEBHOOK_URL)
  import     FILE.csv --account A: import a bank CSV through the API, with a progress bar
  loadtest   post transactions at a fixed rate and report latency and throughput
  flags      [set NAME --on|--off [--percent N]]: list or set feature flags
  eval       categorize --csv FILE [--label-map MAP.csv] [--report docs/categorization-eval.md]
             ask [--email E] [--report docs/agent-eval.md]
             recurring [--months 3,6,12,36] [--report docs/recurring-eval.md]: detection against labelled demo data
  ask        "QUESTION": ask about your money (through the API)
  forecast   backtest [--email E | --demo-months 12,24,36,48] [--markdown docs/forecast.md]: the forecast against two baselines
  fraud      train: retrain the fraud models now (the nightly schedule does the same)
             bench --csv FILE --label COLUMN [--trees N --sample N --seed S]: ROC-AUC and AP on any numeric CSV
             report [--email E] [--markdown FILE]: flagged counts, precision/recall, scores, top suspects

Configuration comes from environment variables; see README.md.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "config:", err)
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	cmds := map[string]func(context.Context, config.Config, *slog.Logger, []string) error{
		"api": runAPI, "worker": runWorker, "dev": runDev, "migrate": runMigrate, "seed": runSeed,
		"users": runUsers, "import": runImport, "loadtest": runLoadtest, "fraud": runFraud,
		"flags": runFlags, "eval": runEval,
		"forecast": runForecast, "ask": runAsk,
		"bot": runBot,
	}
	cmd, ok := cmds[os.Args[1]]
	if !ok {
		if os.Args[1] != "help" && os.Args[1] != "-h" && os.Args[1] != "--help" {
			fmt.Fprintf(os.Stderr, "unknown command %q\n\n", os.Args[1])
		}
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err := cmd(ctx, cfg, log, os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
