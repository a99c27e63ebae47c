package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/fraud"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/workflows"
	"github.com/schollz/progressbar/v3"
	"go.temporal.io/sdk/client"
)

func runFraud(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: aithena fraud train | bench --csv FILE --label COLUMN | report [--email E] [--markdown FILE]")
	}
	switch args[0] {
	case "train":
		d, err := app.Open(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer d.Close()
		p, err := retrain(ctx, d)
		if err != nil {
			return err
		}
		for _, m := range p.Models {
			scope := "global"
			if m.UserID != nil {
				scope = "user " + m.UserID.String()
			}
			fmt.Printf("stored %s model version %d, trained on %d payments\n", scope, m.Version, m.Rows)
		}
		for _, e := range p.Errors {
			fmt.Println("skipped:", e)
		}
		return nil
	case "bench":
		return fraudBench(args[1:])
	case "report":
		return fraudReport(ctx, cfg, args[1:])
	}
	return fmt.Errorf("unknown fraud command %q", args[0])
}

// retrain runs RetrainWorkflow now (the nightly schedule runs the same) with a progress bar.
func retrain(ctx context.Context, d *app.Deps) (workflows.RetrainProgress, error) {
	id := fmt.Sprintf("%s-manual-%d", workflows.RetrainWorkflowID, time.Now().UnixNano())
	run, err := d.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: d.Config.TaskQueue},
		workflows.RetrainWorkflow, workflows.RetrainInput{Options: d.TrainOptions()})
	if err != nil {
		return workflows.RetrainProgress{}, err
	}
	return follow(ctx, d.Temporal, run.GetID(), workflows.RetrainQuery, "training fraud models", func(p workflows.RetrainProgress) (int, int) {
		return p.Done, p.Total
	})
}

func fraudBench(args []string) error {
	fs := flag.NewFlagSet("fraud bench", flag.ContinueOnError)
	file := fs.String("csv", "", "a numeric CSV with a header")
	label := fs.String("label", "", "the column that marks anomalies (not used for fitting)")
	p := fraud.DefaultForestParams()
	fs.IntVar(&p.Trees, "trees", p.Trees, "number of trees")
	fs.IntVar(&p.SampleSize, "sample", p.SampleSize, "sub-sample size ψ")
	fs.Uint64Var(&p.Seed, "seed", p.Seed, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" || *label == "" {
		return errors.New("--csv and --label are required")
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	bar := progressbar.NewOptions(100, progressbar.OptionSetDescription("scoring"), progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionClearOnFinish())
	res, err := fraud.Bench(f, fraud.BenchOptions{LabelColumn: *label, Params: p}, func(done, total int) {
		_ = bar.Set(done * 100 / max(total, 1))
	})
	_ = bar.Finish()
	if err != nil {
		return err
	}
	fmt.Printf("rows %d, features %d, anomalies %d (%.2f%%)\n", res.Rows, res.Features, res.Anomalies, 100*float64(res.Anomalies)/float64(max(res.Rows, 1)))
	fmt.Printf("trees %d, sample %d, seed %d: fit %s, score %s\n", p.Trees, p.SampleSize, p.Seed, res.FitTime.Round(time.Millisecond), res.ScoreTime.Round(time.Millisecond))
	fmt.Printf("ROC-AUC %.4f\naverage precision %.4f\n", res.ROCAUC, res.AveragePrecision)
	return nil
}

func fraudReport(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("fraud report", flag.ContinueOnError)
	email := fs.String("email", demoEmail, "whose payments")
	md := fs.String("markdown", "", "also write the report here (with an SVG plot beside it)")
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
	rep, err := st.FraudReport(ctx, u.ID, 10)
	if err != nil {
		return err
	}
	text := fraudMarkdown(u, rep, "fraud-report-scores.svg")
	fmt.Print(text)
	if *md == "" {
		return nil
	}
	if err := os.WriteFile(*md, []byte(text), 0o644); err != nil {
		return err
	}
	return os.WriteFile(sibling(*md, "fraud-report-scores.svg"), []byte(scoreSVG(rep)), 0o644)
}
