package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/eval"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// runEval evaluates categorization online, as a user lives it, on a labelled CSV.
func runEval(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) > 0 && args[0] == "ask" {
		return evalAsk(ctx, cfg, log, args[1:])
	}
	if len(args) > 0 && args[0] == "recurring" {
		return evalRecurring(args[1:])
	}
	if len(args) == 0 || args[0] != "categorize" {
		return errors.New("usage: aithena eval categorize --csv FILE [--label-map MAP.csv] [--report FILE.md] | eval ask [--email E] [--report FILE.md] | eval recurring [--months 3,6,12,36] [--report FILE.md]")
	}
	fs := flag.NewFlagSet("eval categorize", flag.ContinueOnError)
	file := fs.String("csv", "", "labelled CSV: date, description, amount, currency, label")
	mapFile := fs.String("label-map", "", "CSV from,to mapping the file's labels to Aithena's categories")
	report := fs.String("report", "", "write a Markdown report here, with an SVG plot beside it")
	threshold := fs.Float64("threshold", cfg.ReviewThreshold, "review threshold to report on")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *file == "" {
		return errors.New("--csv is required")
	}
	var labels map[string]string
	if *mapFile != "" {
		f, err := os.Open(*mapFile)
		if err != nil {
			return err
		}
		labels, err = eval.ReadLabelMap(f)
		f.Close()
		if err != nil {
			return err
		}
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	rows, err := eval.ReadCSV(f, labels)
	f.Close()
	if err != nil {
		return err
	}
	d, err := app.OpenData(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	// A user of its own, removed afterwards: the run starts with no memory, as a new user does.
	u, err := d.Store.EnsureUser(ctx, "Evaluation", fmt.Sprintf("eval+%d@aithena.local", time.Now().UnixNano()), "USD")
	if err != nil {
		return err
	}
	defer func() { _ = d.Store.DeleteUser(context.Background(), u.ID) }()
	acct, err := d.Store.EnsureAccount(ctx, u.ID, "eval", "USD")
	if err != nil {
		return err
	}
	progress, finish := rowProgress(len(rows), "categorizing")
	res, err := eval.Run(ctx, rows, &eval.Pipeline{Ledger: d.Ledger, Store: d.Store, UserID: u.ID, AccountID: acct.ID}, progress)
	finish()
	if err != nil {
		return err
	}
	above, coverage, review := res.AtThreshold(*threshold)
	backend := "built-in chain (rules → merchant memory → neighbours → card code → lexicon → brands → word model)"
	if d.Ledger.Agent != nil {
		backend += " + LLM agent where the new_categorization_agent flag is on"
	}
	meta := map[string]string{
		"dataset": *file, "rows": fmt.Sprint(len(rows)), "backend": backend, "embedder": d.Ledger.Embedder.Name(),
		"review threshold": fmt.Sprint(*threshold), "protocol": "online: date order, each row categorized, then its label given back as the owner's correction",
		"date": time.Now().UTC().Format("2006-01-02 15:04 UTC"),
	}
	var md bytes.Buffer
	plot := "categorization-eval.svg"
	if *report != "" {
		plot = strings.TrimSuffix(filepath.Base(*report), ".md") + ".svg"
	}
	res.Markdown(&md, "Categorization evaluation", plot, meta)
	fmt.Printf("accuracy %.1f%%, macro-F1 %.3f; at threshold %.2f: %.1f%% accurate on %.1f%% of rows, %.1f%% to review\n",
		res.Accuracy*100, res.MacroF1, *threshold, above*100, coverage*100, review*100)
	fmt.Printf("first sightings %.1f%% of %d, repeats %.1f%% of %d; expected calibration error %.3f; latency p99 %s\n",
		res.FirstSightings.Accuracy*100, res.FirstSightings.N, res.Repeats.Accuracy*100, res.Repeats.N, res.ECE, res.LatencyP99)
	if *report == "" {
		fmt.Print(md.String())
		return nil
	}
	var svg bytes.Buffer
	res.SVG(&svg)
	if err := os.WriteFile(filepath.Join(filepath.Dir(*report), plot), svg.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(*report, md.Bytes(), 0o644)
}

// rowProgress shows progress over n rows: a bar on a terminal, otherwise a plain line at
// every quarter. finish ends it.
func rowProgress(n int, what string) (progress func(done, total int), finish func()) {
	if term.IsTerminal(int(os.Stderr.Fd())) {
		bar := progressbar.NewOptions(n, progressbar.OptionSetDescription(what), progressbar.OptionShowCount(),
			progressbar.OptionSetWriter(os.Stderr), progressbar.OptionClearOnFinish())
		return func(done, _ int) { _ = bar.Set(done) }, func() { _ = bar.Finish() }
	}
	next := 1
	return func(done, total int) {
		if done*4 >= next*total {
			fmt.Fprintf(os.Stderr, "%s: %d of %d rows\n", what, done, total)
			next++
		}
	}, func() {}
}
