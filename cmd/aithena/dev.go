package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/seed"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/aithena/aithena/workflows"
	"github.com/google/uuid"
	"github.com/schollz/progressbar/v3"
	"go.temporal.io/sdk/client"
	"golang.org/x/sync/errgroup"
)

// DemoAPIKey is the demo user's key. It is well known on purpose: it exists only in the
// local database that `make dev` seeds.
const DemoAPIKey = "ak_demo_local_only_do_not_use_in_production"

const demoEmail = "demo@aithena.local"

// runDev runs everything in one process: migrations, worker, API, the demo seed and, with
// TELEGRAM_BOT_TOKEN, the bot.
func runDev(ctx context.Context, cfg config.Config, log *slog.Logger, _ []string) error {
	if err := store.Migrate(ctx, cfg.DatabaseURL, "up", os.Stdout); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return runWorkerWith(ctx, d, log) })
	g.Go(func() error { return serveAPI(ctx, d, log) })
	if d.Telegram != nil {
		g.Go(func() error { return runBotWith(ctx, d, log) })
	}
	g.Go(func() error {
		if err := seedDemo(ctx, d); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		printBanner(cfg)
		return nil
	})
	return g.Wait()
}

func runSeed(ctx context.Context, cfg config.Config, log *slog.Logger, _ []string) error {
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	return seedDemo(ctx, d)
}

// seedDemo creates the demo user and imports six months of generated transactions through
// the import pipeline (the worker must be running). A user who already has transactions is
// left alone, so running it twice does no harm.
func seedDemo(ctx context.Context, d *app.Deps) error {
	u, err := d.Store.EnsureUser(ctx, "Demo User", demoEmail, "USD")
	if err != nil {
		return err
	}
	if err := d.Store.AddAPIKey(ctx, u.ID, "demo", DemoAPIKey); err != nil {
		return err
	}
	existing, _, err := d.Store.ListTransactions(ctx, u.ID, store.Filter{Limit: 1})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		fmt.Println("demo data already present; not seeding again")
		return nil
	}
	txns := seed.Generate(time.Now().UTC(), 6, 42)
	starter := d.Starter()
	for _, name := range seed.Accounts(txns) {
		acct, err := d.Store.EnsureAccount(ctx, u.ID, name, "USD")
		if err != nil {
			return err
		}
		var rows []seed.Txn
		for _, t := range txns {
			if t.Account == name {
				rows = append(rows, t)
			}
		}
		var buf bytes.Buffer
		if err := seed.WriteCSV(&buf, rows); err != nil {
			return err
		}
		im, err := starter.StartImport(ctx, u.ID, acct, "demo-"+name+".csv", buf.Bytes(), "")
		if err != nil {
			return err
		}
		p, err := waitImport(ctx, d.Temporal, im.WorkflowID, "seeding "+name)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d rows, %d accepted, %d rejected, %d to review\n", name, p.TotalRows, p.Accepted, p.RejectedCount, p.NeedsReview)
	}
	// Train the fraud models on that history, then send recent payments (with three planted
	// frauds) through the live pipeline, where the detector scores them.
	if _, err := retrain(ctx, d); err != nil {
		return fmt.Errorf("train fraud models: %w", err)
	}
	if err := sendLivePayments(ctx, d, u.ID); err != nil {
		return err
	}
	// A budget to watch, then the daily look at the month that the schedule would run tomorrow.
	if err := d.Store.SetBudget(ctx, u.ID, "FOOD_AND_DRINK", 60000, "USD"); err != nil {
		return err
	}
	run, err := d.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: workflows.ForecastWorkflowID(u.ID, time.Now()), TaskQueue: d.Config.TaskQueue,
	}, workflows.ForecastWorkflow, workflows.ForecastInput{UserID: u.ID})
	if err != nil {
		return err
	}
	var res workflows.ForecastResult
	if err := run.Get(ctx, &res); err != nil {
		return err
	}
	fmt.Printf("forecast: %d alerts raised %v\n", len(res.Raised), res.Raised)
	return nil
}

// sendLivePayments posts the demo's recent payments as TransactionWorkflows and plays the
// owner giving verdicts: the planted frauds were not them, anything else flagged was.
func sendLivePayments(ctx context.Context, d *app.Deps, userID uuid.UUID) error {
	acct, err := d.Store.EnsureAccount(ctx, userID, seed.AccountCreditCard, "USD")
	if err != nil {
		return err
	}
	starter := d.Starter()
	now := time.Now().UTC()
	live := seed.LivePayments(now)
	subs := make([]ledger.Submission, len(live))
	for i, l := range live {
		posted, at, amount, currency, err := ledger.Parse(ledger.Raw{Date: l.Date.Format("2006-01-02"), Time: l.Time,
			Amount: l.Amount, Currency: l.Currency, Description: l.Description}, "", now)
		if err != nil {
			return err
		}
		key := fmt.Sprintf("demo-live-%d", i)
		id := ledger.TransactionID(userID, key)
		subs[i] = ledger.Submission{TransactionID: id, UserID: userID, AccountID: acct.ID, IdempotencyKey: key,
			PostedAt: posted, OccurredAt: at, AmountMinor: amount, Currency: currency, Description: l.Description,
			WorkflowID: workflows.TransactionWorkflowIDFor(userID, id)}
		// One at a time: each payment's features see the ones before it, as in real life.
		if err := starter.StartTransaction(ctx, subs[i]); err != nil {
			return err
		}
		t, err := waitStored(ctx, d.Store, userID, id)
		if err != nil {
			return err
		}
		// The owner answers every flag, and reports a planted fraud the detector missed, as
		// a person would on reading the statement.
		var verdict vocab.Verdict
		switch {
		case l.Fraud:
			verdict = vocab.VerdictFraud
		case t.Status == vocab.StatusFlagged:
			verdict = vocab.VerdictLegit
		default:
			continue
		}
		if _, err := starter.Review(ctx, userID, id, verdict, "demo owner"); err != nil {
			return err
		}
	}
	return nil
}

func waitStored(ctx context.Context, st *store.Store, userID, id uuid.UUID) (store.Transaction, error) {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		t, err := st.Transaction(ctx, userID, id)
		if err == nil && (t.Step == vocab.StepDone || t.Step == vocab.StepReview) {
			return t, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return t, err
		}
		select {
		case <-ctx.Done():
			return t, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return store.Transaction{}, fmt.Errorf("transaction %s was not stored within a minute; is the worker running?", id)
}

// waitImport shows an import's progress from its query until the workflow ends.
func waitImport(ctx context.Context, tc client.Client, wfID, label string) (workflows.ImportProgress, error) {
	return follow(ctx, tc, wfID, workflows.ProgressQuery, label, func(p workflows.ImportProgress) (int, int) {
		return p.Processed, p.TotalRows
	})
}

// follow waits for a workflow's result while a progress bar shows what its query reports.
func follow[P any](ctx context.Context, tc client.Client, wfID, query, label string, progress func(P) (done, total int)) (P, error) {
	bar := progressbar.NewOptions(-1, progressbar.OptionSetDescription(label), progressbar.OptionShowCount(),
		progressbar.OptionSetWriter(os.Stderr), progressbar.OptionClearOnFinish())
	done := make(chan error, 1)
	var res P
	go func() { done <- tc.GetWorkflow(ctx, wfID, "").Get(ctx, &res) }()
	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			_ = bar.Finish()
			return res, err
		case <-tick.C:
			v, err := tc.QueryWorkflow(ctx, wfID, "", query)
			var p P
			if err == nil && v.Get(&p) == nil {
				if n, total := progress(p); total > 0 {
					bar.ChangeMax(total)
					_ = bar.Set(n)
				}
			}
		}
	}
}

func printBanner(cfg config.Config) {
	fmt.Printf(`
Aithena is running.

  API          %[1]s
  API docs     %[1]s/docs
  Temporal UI  %[2]s
  Demo API key %[3]s

Try:
  curl -s -H 'Authorization: Bearer %[3]s' '%[1]s/v1/transactions?limit=3'
  curl -s -X POST -H 'Authorization: Bearer %[3]s' -H 'Idempotency-Key: coffee-1' \
       -H 'Content-Type: application/json' %[1]s/v1/transactions \
       -d '{"date":"%[4]s","amount":"-4.50","currency":"USD","description":"SQ *BLUE BOTTLE COFFEE"}'
  bin/aithena ask "how much did I spend on food last month?"

Press Ctrl-C to stop.
`, cfg.PublicURL, cfg.TemporalUIURL, DemoAPIKey, time.Now().Format("2006-01-02"))
}
