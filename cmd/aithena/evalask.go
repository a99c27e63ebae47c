package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/ask"
	"github.com/aithena/aithena/config"
)

// evalAsk runs the ask evaluation questions for a user and reports what each got and how long
// it took. Exact answers are checked in CI (integration/ask_test.go) against an independent
// computation from the user's rows; this command measures the configured backend on real data.
func evalAsk(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("eval ask", flag.ContinueOnError)
	email := fs.String("email", demoEmail, "whose data")
	report := fs.String("report", "", "write a Markdown report here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	u, err := d.Store.UserByEmail(ctx, *email)
	if err != nil {
		return fmt.Errorf("user %s: %w", *email, err)
	}
	backend := "offline"
	if d.AskAgent != nil {
		backend = "offline, then LLM agent for unknown forms"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Ask evaluation\n\nWritten by `aithena eval ask` on %s over %s's data; backend: %s.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), u.Email, backend)
	fmt.Fprintf(&b, "| # | question | intent | answer | ms |\n|---:|---|---|---|---:|\n")
	var lat []time.Duration
	answered := 0
	for i, q := range ask.EvalQuestions {
		start := time.Now()
		res, err := ask.Ask(ctx, d.Store, u.ID, q, time.Now().UTC())
		text, intent := res.Text, string(res.Intent)
		if err == nil && res.Intent == ask.Unknown && d.AskAgent != nil {
			a, aerr := d.AskAgent.Ask(ctx, u.ID, q)
			text, intent, err = a.Text, "llm", aerr
		}
		took := time.Since(start)
		lat = append(lat, took)
		if err != nil {
			text = "error: " + err.Error()
		} else if intent != string(ask.Unknown) {
			answered++
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %.1f |\n", i+1, q, intent, strings.ReplaceAll(text, "|", "/"), float64(took.Microseconds())/1000)
	}
	slices.Sort(lat)
	p := func(q float64) float64 {
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
	}
	summary := fmt.Sprintf("%d questions, %d answered (%.0f%%); latency p50 %.1f ms, p99 %.1f ms.",
		len(lat), answered, 100*float64(answered)/float64(len(lat)), p(0.5), p(0.99))
	fmt.Fprintf(&b, "\n%s\n\nExact answers are checked in CI by `TestAskEvaluation`, which recomputes every expected "+
		"number from the user's rows in Go, independently of the answering SQL.\n", summary)
	fmt.Println(summary)
	if *report == "" {
		return nil
	}
	return os.WriteFile(*report, b.Bytes(), 0o644)
}
