package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/config"
)

// runForecast: `aithena forecast backtest [--email E] [--markdown FILE]` measures the forecast
// against the seasonal-naive and mean baselines on a user's history.
func runForecast(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 || args[0] != "backtest" {
		return errors.New("usage: aithena forecast backtest [--email E] [--markdown docs/forecast.md]")
	}
	fs := flag.NewFlagSet("forecast backtest", flag.ContinueOnError)
	email := fs.String("email", demoEmail, "whose history")
	md := fs.String("markdown", "", "write the report here, with an SVG plot beside it")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	d, err := app.OpenData(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	u, err := userByEmail(ctx, d.Store, *email)
	if err != nil {
		return err
	}
	res, err := d.Ledger.Backtest(ctx, u.ID, time.Now().UTC())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Forecast backtest\n\nWritten by `aithena forecast backtest --markdown` on %s for %s: each full month "+
		"is predicted per category from the months before it only (rolling origin), by the model and by two baselines.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), u.Email)
	res.Markdown(&b)
	fmt.Fprintf(&b, "\n![monthly totals, actual and predicted](forecast.svg)\n")
	fmt.Print(b.String())
	if *md == "" {
		return nil
	}
	var svg bytes.Buffer
	res.SVG(&svg)
	if err := os.WriteFile(sibling(*md, "forecast.svg"), svg.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(*md, b.Bytes(), 0o644)
}
