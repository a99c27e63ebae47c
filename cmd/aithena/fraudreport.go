package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
)

func sibling(path, name string) string { return filepath.Join(filepath.Dir(path), name) }

func pct(p *float64) string {
	if p == nil {
		return "n/a (no verdicts yet)"
	}
	return fmt.Sprintf("%.1f%%", *p*100)
}

// fraudMarkdown renders the report for docs/ and the terminal.
func fraudMarkdown(u store.User, r store.FraudReport, plot string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Fraud report\n\nWritten by `aithena fraud report --markdown` on %s for %s.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), u.Email)
	fmt.Fprintf(&b, "| measure | value |\n|---|---:|\n")
	fmt.Fprintf(&b, "| payments scored | %d |\n| flagged by the detector | %d |\n| escalated (no verdict in time) | %d |\n", r.Scored, r.Flagged, r.Escalated)
	fmt.Fprintf(&b, "| owner's verdicts: fraud / legit | %d / %d |\n", r.LabelledFraud, r.LabelledLegit)
	fmt.Fprintf(&b, "| flagged and confirmed fraud (true positives) | %d |\n| flagged but legit (false positives) | %d |\n", r.TruePositives, r.FalsePositives)
	fmt.Fprintf(&b, "| precision (of flagged payments the owner judged) | %s |\n| recall (of payments the owner called fraud) | %s |\n\n", pct(r.Precision), pct(r.Recall))
	b.WriteString("Scores come from an isolation forest over the owner's history (`fraud/`); a payment at or above the model's " +
		"threshold (`FRAUD_THRESHOLD`) is flagged and waits for the owner's verdict. Payments scored before any model existed " +
		"(such as an initial import) have no score. Precision and recall count only payments with a verdict: an owner who " +
		"never answers leaves them undefined.\n\n")
	fmt.Fprintf(&b, "## Score distribution\n\n![scores](%s)\n\n| score | payments | fraud | legit |\n|---|---:|---:|---:|\n", plot)
	for _, h := range r.Histogram {
		if h.Count > 0 {
			fmt.Fprintf(&b, "| %.2f–%.2f | %d | %d | %d |\n", h.From, h.To, h.Count, h.Fraud, h.Legit)
		}
	}
	fmt.Fprintf(&b, "\n## Most suspicious payments\n\n| date | merchant | amount | score | status | verdict | why |\n|---|---|---:|---:|---|---|---|\n")
	for _, p := range r.MostSuspicious {
		var why []string
		for _, c := range p.Reasons {
			why = append(why, c.Reason)
		}
		fmt.Fprintf(&b, "| %s | %s | %s %s | %.3f | %s | %s | %s |\n", p.Date.Format("2006-01-02"), p.Merchant,
			money.FormatIn(p.Amount, p.Currency), p.Currency, p.Score, p.Status, p.Verdict, strings.Join(why, "; "))
	}
	return b.String()
}

// scoreSVG draws the score histogram, with the owner's fraud verdicts in red.
func scoreSVG(r store.FraudReport) string {
	const W, H, left, bottom, top = 720, 320, 50, 40, 20
	maxN := 1
	for _, h := range r.Histogram {
		maxN = max(maxN, h.Count)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", W, H)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	bw := float64(W-left-20) / float64(len(r.Histogram))
	y := func(n int) float64 { return float64(H-bottom) - float64(n)/float64(maxN)*float64(H-bottom-top) }
	for i, h := range r.Histogram {
		x := float64(left) + float64(i)*bw
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#1f77b4"/>`+"\n", x+1, y(h.Count), bw-2, float64(H-bottom)-y(h.Count))
		if h.Fraud > 0 {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#d62728"/>`+"\n", x+1, y(h.Fraud), bw-2, float64(H-bottom)-y(h.Fraud))
		}
		if i%4 == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%.1f</text>`+"\n", x, H-bottom+16, h.From)
		}
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%d</text>`+"\n", left-6, top+4, maxN)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">anomaly score (blue: all payments, red: owner said fraud)</text>`+"\n", W/2, H-6)
	b.WriteString("</svg>\n")
	return b.String()
}
