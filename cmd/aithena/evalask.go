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

	"github.com/aithena/aithena/agent"
	"github.com/aithena/aithena/ask"
	"github.com/aithena/aithena/ask/oracle"
	"github.com/aithena/aithena/config"
)

// evalAsk runs the ask evaluation questions for a user and reports what each got, whether it is
// exact and how long it took. Offline answers are verified with package oracle, which recomputes
// every expected number from the user's rows in Go (as integration/ask_test.go does in CI); an
// LLM answer is free text with no Result, so it is counted as not verifiable.
func evalAsk(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("eval ask", flag.ContinueOnError)
	email := fs.String("email", demoEmail, "whose data")
	report := fs.String("report", "", "write a Markdown report here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, u, err := openDataFor(ctx, cfg, log, *email)
	if err != nil {
		return err
	}
	defer d.Close()
	backend := "offline"
	if d.AskAgent != nil {
		backend = "offline, then LLM agent for unknown forms"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Ask evaluation\n\nWritten by `aithena eval ask` on %s over %s's data; backend: %s.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), u.Email, backend)
	fmt.Fprintf(&b, "| # | question | intent | answer | exact | ms |\n|---:|---|---|---|---|---:|\n")
	now := time.Now().UTC()
	checks, err := oracle.Checks(ctx, d.Store.Pool, u.ID, now)
	if err != nil {
		return err
	}
	cell := strings.NewReplacer("|", "/", "\n", " ").Replace
	var lat []time.Duration
	answered, exact, unverifiable := 0, 0, 0
	for i, c := range checks {
		q := c.Question
		start := time.Now()
		rep, err := agent.Respond(ctx, d.Store, d.AskAgent, u.ID, q, now)
		text, intent, llm := rep.Text, "llm", rep.Backend == "llm"
		var res ask.Result
		if rep.Result != nil {
			res = *rep.Result
			intent = string(res.Intent)
		}
		if err == nil && rep.AgentErr != nil {
			err = rep.AgentErr
		}
		took := time.Since(start)
		lat = append(lat, took)
		verdict := ""
		switch {
		case err != nil:
			text, verdict = "error: "+err.Error(), "no: error"
		case llm:
			// Free text without a Result: nothing to compare with the oracle.
			verdict = "not verifiable (LLM)"
			unverifiable++
		default:
			if verr := c.Verify(res); verr != nil {
				verdict = "no: " + verr.Error()
			} else {
				verdict = "yes"
				exact++
			}
		}
		if err == nil && intent != string(ask.Unknown) {
			answered++
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %.1f |\n", i+1, q, intent, cell(text), cell(verdict), float64(took.Microseconds())/1000)
	}
	slices.Sort(lat)
	p := func(q float64) float64 {
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
	}
	summary := fmt.Sprintf("%d questions, %d answered (%.0f%%); exact %d/%d (%.0f%%)",
		len(lat), answered, 100*float64(answered)/float64(len(lat)), exact, len(lat), 100*float64(exact)/float64(len(lat)))
	if unverifiable > 0 {
		summary += fmt.Sprintf(", %d LLM answers not verifiable", unverifiable)
	}
	summary += fmt.Sprintf("; latency p50 %.1f ms, p99 %.1f ms.", p(0.5), p(0.99))
	fmt.Fprintf(&b, "\n%s\n\nExact means equal to what package `oracle` recomputes from the user's rows in Go, "+
		"independently of the answering SQL; CI requires 100%% of the offline answers to be exact (`TestAskEvaluation`).\n", summary)
	fmt.Println(summary)
	if *report == "" {
		return nil
	}
	return os.WriteFile(*report, b.Bytes(), 0o644)
}
