package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/recurring"
	"github.com/aithena/aithena/seed"
)

// evalRecurring measures recurring-series detection against the demo generator's labels
// (which payments belong to which scheduled series), over histories of several lengths: a
// short one has the small merchant sets on which a detector invents series. It opens nothing.
func evalRecurring(args []string) error {
	fs := flag.NewFlagSet("eval recurring", flag.ContinueOnError)
	monthsFlag := fs.String("months", "3,6,12,36", "history lengths to measure, comma-separated")
	seeds := fs.String("seeds", "1,42", "demo generator seeds (42 is what make dev seeds)")
	report := fs.String("report", "", "write a Markdown report here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	end := time.Date(2026, time.October, 31, 0, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Recurring-series detection\n\nWritten by `aithena eval recurring` on %s. The demo generator labels every "+
		"payment of a scheduled series (salary, rent, bills, subscriptions, the card's autopay, yearly fees); detection runs "+
		"on its history ending %s, merchants normalized as the pipeline does. A detected series is correct when at least "+
		"half its payments belong to one true series; a true series counts for recall once it has two payments.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), end.Format("2006-01-02"))
	b.WriteString("| seed | months | detected | correct | precision | true series | found | recall |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var notes strings.Builder
	for _, sd := range strings.Split(*seeds, ",") {
		s, err := strconv.ParseInt(strings.TrimSpace(sd), 10, 64)
		if err != nil {
			return fmt.Errorf("--seeds: %q is not a number", sd)
		}
		for _, mf := range strings.Split(*monthsFlag, ",") {
			months, err := strconv.Atoi(strings.TrimSpace(mf))
			if err != nil || months <= 0 {
				return fmt.Errorf("--months: %q is not a positive number", mf)
			}
			txns, truth := demoRecurring(end, months, s)
			e := recurring.Evaluate(recurring.Detect(txns, recurring.DefaultOptions(end.AddDate(0, 0, 1))), truth)
			fmt.Fprintf(&b, "| %d | %d | %d | %d | %.1f%% | %d | %d | %.1f%% |\n", s, months, e.Detected, e.Correct,
				100*e.Precision, e.TrueSeries, e.Found, 100*e.Recall)
			for _, inv := range e.Invented {
				fmt.Fprintf(&notes, "- seed %d, %d months: invented %s (%s, %d payments)\n", s, months, inv.Merchant, inv.Cadence, inv.Occurrences)
			}
			if len(e.Missed) > 0 {
				fmt.Fprintf(&notes, "- seed %d, %d months: missed %s\n", s, months, strings.Join(e.Missed, ", "))
			}
		}
	}
	if notes.Len() > 0 {
		b.WriteString("\n## Invented and missed series\n\n" + notes.String())
	}
	fmt.Print(b.String())
	if *report == "" {
		return nil
	}
	return os.WriteFile(*report, b.Bytes(), 0o644)
}

// demoRecurring is the demo generator's history as Detect sees it, with the labels.
func demoRecurring(end time.Time, months int, s int64) ([]recurring.Txn, map[string]string) {
	var txns []recurring.Txn
	truth := map[string]string{}
	for i, t := range seed.Generate(end, months, s) {
		amount, err := money.ParseWithDecimal(t.Amount, 2, '.')
		if err != nil {
			continue // the generator writes plain two-decimal amounts
		}
		m := ledger.NormalizeMerchant(t.Description)
		id := strconv.Itoa(i)
		txns = append(txns, recurring.Txn{ID: id, Date: t.Date, AmountMinor: amount, Currency: t.Currency,
			MerchantKey: m.Key, Merchant: m.Name, Category: t.Category})
		truth[id] = t.Series
	}
	return txns, truth
}
