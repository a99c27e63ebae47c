package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/aithena/aithena/api"
	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/workers"
	"github.com/aithena/aithena/workflows"
	"golang.org/x/sync/errgroup"
)

func runMigrate(ctx context.Context, cfg config.Config, _ *slog.Logger, args []string) error {
	cmd := "up"
	if len(args) > 0 {
		cmd = args[0]
	}
	return store.Migrate(ctx, cfg.DatabaseURL, cmd, os.Stdout)
}

func runWorker(ctx context.Context, cfg config.Config, log *slog.Logger, _ []string) error {
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	return runWorkerWith(ctx, d, log)
}

func runWorkerWith(ctx context.Context, d *app.Deps, log *slog.Logger) error {
	w := workers.New(d.Temporal, d.Config.TaskQueue, d.Activities())
	if err := w.Start(); err != nil {
		return err
	}
	if err := workers.EnsureRetrainSchedule(ctx, d.Temporal, d.Config.TaskQueue, d.Config.FraudRetrainCron,
		workflows.RetrainInput{Options: d.TrainOptions()}); err != nil {
		w.Stop()
		return fmt.Errorf("create the fraud retraining schedule: %w", err)
	}
	if err := workers.EnsureForecastSchedule(ctx, d.Temporal, d.Config.TaskQueue, d.Config.ForecastCron); err != nil {
		w.Stop()
		return fmt.Errorf("create the daily forecasts schedule: %w", err)
	}
	log.Info("worker started", "task_queue", d.Config.TaskQueue, "temporal", d.Config.TemporalAddress)
	<-ctx.Done()
	w.Stop()
	return nil
}

func runAPI(ctx context.Context, cfg config.Config, log *slog.Logger, _ []string) error {
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	return serveAPI(ctx, d, log)
}

func serveAPI(ctx context.Context, d *app.Deps, log *slog.Logger) error {
	srv := &http.Server{
		Addr:              d.Config.HTTPAddr,
		Handler:           (&api.Server{Config: d.Config, Store: d.Store, Ledger: d.Ledger, Agent: d.AskAgent, Redis: d.Redis, Temporal: d.Temporal, Log: log}).Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", d.Config.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s (HTTP_ADDR): %w", d.Config.HTTPAddr, err)
	}
	log.Info("API listening", "url", d.Config.PublicURL)
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	})
	return g.Wait()
}

func runUsers(ctx context.Context, cfg config.Config, _ *slog.Logger, args []string) error {
	if len(args) > 0 && args[0] == "link-code" {
		return linkCode(ctx, cfg, args[1:])
	}
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: aithena users create --name NAME --email EMAIL [--currency USD] [--account checking] | users link-code --email EMAIL")
	}
	fs := flag.NewFlagSet("users create", flag.ContinueOnError)
	name := fs.String("name", "", "the user's name")
	email := fs.String("email", "", "the user's email (unique)")
	currency := fs.String("currency", "USD", "the user's currency")
	account := fs.String("account", "checking", "a first account to create")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *name == "" || *email == "" {
		return errors.New("--name and --email are required")
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.EnsureUser(ctx, *name, *email, *currency)
	if err != nil {
		return err
	}
	if _, err := st.EnsureAccount(ctx, u.ID, *account, *currency); err != nil {
		return err
	}
	key, err := st.NewAPIKey(ctx, u.ID, "cli")
	if err != nil {
		return err
	}
	fmt.Printf("user %s (%s)\nAPI key: %s\n", u.ID, u.Email, key)
	return nil
}

func linkCode(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("users link-code", flag.ContinueOnError)
	email := fs.String("email", demoEmail, "whose chat to link")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := userByEmail(ctx, st, *email)
	if err != nil {
		return err
	}
	code, err := st.NewLinkCode(ctx, u.ID, 15*time.Minute)
	if err != nil {
		return err
	}
	fmt.Printf("Send this to the bot within 15 minutes:\n/start %s\n", code)
	return nil
}

// userByEmail finds the user a command is about, naming the email when there is none.
func userByEmail(ctx context.Context, st *store.Store, email string) (store.User, error) {
	u, err := st.UserByEmail(ctx, email)
	if err != nil {
		return u, fmt.Errorf("user %s: %w", email, err)
	}
	return u, nil
}

// openDataFor opens what an offline command about one user needs (PostgreSQL, and the LLM
// when configured) and finds the user; the caller closes the Deps.
func openDataFor(ctx context.Context, cfg config.Config, log *slog.Logger, email string) (*app.Deps, store.User, error) {
	d, err := app.OpenData(ctx, cfg, log)
	if err != nil {
		return nil, store.User{}, err
	}
	u, err := userByEmail(ctx, d.Store, email)
	if err != nil {
		d.Close()
		return nil, store.User{}, err
	}
	return d, u, nil
}
