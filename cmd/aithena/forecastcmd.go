package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/forecast"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/seed"
	"github.com/aithena/aithena/store"
	"github.com/google/uuid"
)

// runForecast: `aithena forecast backtest [--email E] [--markdown FILE]` measures the forecast
// against the seasonal-naive and mean baselines on a user's history.
func runForecast(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 || args[0] != "backtest" {
		return errors.New("usage: aithena forecast backtest [--email E] [--markdown docs/forecast.md]")
	}
	fs := flag.NewFlagSet("forecast backtest", flag.ContinueOnError)
	email := fs.String("email", demoEmail, "whose history")
	demo := fs.String("demo-months", "", "backtest on these many months of the demo generator's history (seed 1, its true categories; comma-separated lengths, the report details the last) instead of a user's; opens nothing")
	md := fs.String("markdown", "", "write the report here, with an SVG plot beside it")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	now := time.Now().UTC()
	var res forecast.BacktestResult
	var whose string
	var summary bytes.Buffer
	if *demo != "" {
		// A fixed end date, so the report is the same on every run.
		end := time.Date(2026, time.October, 31, 0, 0, 0, 0, time.UTC)
		summary.WriteString("## Summary over history lengths\n\n| months of history | backtested months | SeasonalNaive | Mean | Model | Previous model | Model vs SeasonalNaive | 80 % interval coverage |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, f := range strings.Split(*demo, ",") {
			months, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || months < 3 {
				return fmt.Errorf("--demo-months: %q is not a number of months (3 or more)", f)
			}
			if res, err = ledger.BacktestMovements(demoMovements(end, months), "USD", end.AddDate(0, 0, 1)); err != nil {
				return fmt.Errorf("backtest %d months of the demo history: %w", months, err)
			}
			w := map[string]float64{}
			for _, m := range res.Methods {
				w[m.Method] = m.WAPE
			}
			fmt.Fprintf(&summary, "| %d | %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% lower | %.1f%% |\n", months, len(res.Series),
				100*w[forecast.SeasonalNaive], 100*w[forecast.Mean], 100*w[forecast.Model], 100*w[forecast.Previous],
				100*(1-w[forecast.Model]/w[forecast.SeasonalNaive]), 100*float64(res.IntervalHits)/float64(max(res.IntervalPairs, 1)))
			whose = fmt.Sprintf("%d months of the demo generator's history (seed 1, ending %s, its true categories)", months, end.Format("2006-01-02"))
		}
		summary.WriteString("\nWAPE over all (month, category) pairs; the details below are for the last length.\n\n")
	} else {
		d, u, err := openDataFor(ctx, cfg, log, *email)
		if err != nil {
			return err
		}
		defer d.Close()
		if res, err = d.Ledger.Backtest(ctx, u.ID, now); err != nil {
			return fmt.Errorf("backtest %s: %w", u.Email, err)
		}
		whose = u.Email
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Forecast backtest\n\nWritten by `aithena forecast backtest --markdown` on %s for %s: each full month "+
		"is predicted per category from the months before it only (rolling origin), by the model and by two baselines.\n\n",
		now.Format("2006-01-02 15:04 UTC"), whose)
	b.Write(summary.Bytes())
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

// demoMovements is the demo generator's history as the store would list it: merchants
// normalized as the pipeline does, categories as generated.
func demoMovements(end time.Time, months int) []store.Movement {
	txns := seed.Generate(end, months, 1)
	ms := make([]store.Movement, 0, len(txns))
	for i, t := range txns {
		amount, err := money.ParseWithDecimal(t.Amount, 2, '.')
		if err != nil {
			continue // the generator writes plain two-decimal amounts
		}
		m := ledger.NormalizeMerchant(t.Description)
		ms = append(ms, store.Movement{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprint(i))), PostedAt: t.Date,
			AmountMinor: amount, Currency: t.Currency, MerchantKey: m.Key, Merchant: m.Name, Category: t.Category})
	}
	return ms
}
