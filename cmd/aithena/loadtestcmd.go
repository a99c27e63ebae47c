package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/loadtest"
)

// runLoadtest needs a running API and worker (for example `make dev`). It makes its own user.
func runLoadtest(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	rate := fs.Int("rate", 20, "transactions per second")
	duration := fs.Duration("duration", 30*time.Second, "how long to send")
	wait := fs.Duration("wait", 2*time.Minute, "how long to wait for completions after sending")
	report := fs.String("report", "", "write the Markdown report here (for example docs/performance.md), with an SVG beside it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rate < 1 || *duration <= 0 {
		return fmt.Errorf("--rate must be at least 1 and --duration positive")
	}
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer d.Close()
	u, err := d.Store.EnsureUser(ctx, "Load Test", "loadtest@aithena.local", "USD")
	if err != nil {
		return err
	}
	if _, err := d.Store.EnsureAccount(ctx, u.ID, "checking", "USD"); err != nil {
		return err
	}
	key, err := d.Store.NewAPIKey(ctx, u.ID, "loadtest")
	if err != nil {
		return err
	}
	rep, err := loadtest.Run(ctx, d.Temporal, loadtest.Options{
		Rate: *rate, Duration: *duration, Wait: *wait, APIURL: cfg.APIURL, APIKey: key, UserID: u.ID, TaskQueue: cfg.TaskQueue, Store: d.Store,
	}, os.Stderr)
	if err != nil {
		return err
	}
	var md bytes.Buffer
	plot := "loadtest.svg"
	if *report != "" {
		plot = strings.TrimSuffix(filepath.Base(*report), ".md") + "-loadtest.svg"
	}
	rep.Markdown(&md, plot)
	fmt.Println(md.String())
	if *report == "" {
		return nil
	}
	var svg bytes.Buffer
	rep.SVG(&svg)
	if err := os.WriteFile(filepath.Join(filepath.Dir(*report), plot), svg.Bytes(), 0o644); err != nil {
		return err
	}
	return writeSection(*report, "loadtest", md.String())
}

// writeSection replaces the part of a Markdown file between the markers of name (or appends
// it), so several tools can keep their own sections of one report.
func writeSection(path, name, body string) error {
	begin, end := "<!-- begin "+name+" -->", "<!-- end "+name+" -->"
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	s := string(old)
	if s == "" {
		s = "# Performance\n\nNumbers measured on this project's machines. Each section is written by the tool named in it.\n"
	}
	block := begin + "\n" + body + end
	if i, j := strings.Index(s, begin), strings.Index(s, end); i >= 0 && j > i {
		s = s[:i] + block + s[j+len(end):]
	} else {
		s = strings.TrimRight(s, "\n") + "\n\n" + block + "\n"
	}
	return os.WriteFile(path, []byte(s), 0o644)
}
