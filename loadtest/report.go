package loadtest

import (
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"
)

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// Markdown writes the report; plot is the SVG's file name, relative to the report.
func (r Report) Markdown(w io.Writer, plot string) {
	o := r.Options
	p, ref := r.Pipeline, r.Reference
	fmt.Fprintf(w, "## Load test: the transaction pipeline\n\n")
	fmt.Fprintf(w, "Measured by `aithena loadtest --rate %d --duration %s` on %s, on %d CPUs (GOMAXPROCS %d), "+
		"against the Temporal dev server (SQLite), PostgreSQL 15 and Redis on the same machine. The API, the worker and "+
		"the load generator share the machine too.\n\n",
		o.Rate, o.Duration, r.Started.UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "A pipeline transaction is completed when its automated steps are over (stored, alerted, and done or "+
		"waiting for the owner's fraud verdict), timed by the row's last update; a reference workflow when it ends.\n\n")
	fmt.Fprintf(w, "| | pipeline (HTTP → TransactionWorkflow → Postgres) | reference (no-op workflow, same shape) |\n|---|---:|---:|\n")
	row := func(name, a, b string) { fmt.Fprintf(w, "| %s | %s | %s |\n", name, a, b) }
	row("offered rate", fmt.Sprintf("%d/s for %s", o.Rate, o.Duration), fmt.Sprintf("%d/s for %s", o.Rate, o.Duration))
	row("sent / accepted", fmt.Sprintf("%d / %d", p.Sent, p.Accepted), fmt.Sprintf("%d / %d", ref.Sent, ref.Accepted))
	row("accept latency p50", ms(p.AcceptP50), ms(ref.AcceptP50))
	row("accept latency p99", ms(p.AcceptP99), ms(ref.AcceptP99))
	row("accept latency max", ms(p.AcceptMax), ms(ref.AcceptMax))
	row("completed", fmt.Sprint(p.Completed), fmt.Sprint(ref.Completed))
	row("submit → completed p50", ms(p.EndToEndP50), ms(ref.EndToEndP50))
	row("submit → completed p99", ms(p.EndToEndP99), ms(ref.EndToEndP99))
	row("**completion throughput**", fmt.Sprintf("**%.1f/s**", p.Throughput), fmt.Sprintf("**%.1f/s**", ref.Throughput))
	ratio := 0.0
	if ref.Throughput > 0 {
		ratio = p.Throughput / ref.Throughput
	}
	fmt.Fprintf(w, "\nPipeline / reference throughput: **%.2f** (goal: at least 0.5).\n", ratio)
	if o.Rate > 0 && ref.Throughput < 0.9*float64(o.Rate) {
		fmt.Fprintf(w, "The reference fell behind the offered rate, so its throughput is the dev server's capacity for this shape.\n")
	} else {
		fmt.Fprintf(w, "The reference kept up with the offered rate; raise `--rate` to find capacity.\n")
	}
	for _, ph := range []Phase{p, ref} {
		if len(ph.Errors) > 0 {
			fmt.Fprintf(w, "\nErrors in %s:\n\n", ph.Name)
			keys := make([]string, 0, len(ph.Errors))
			for k := range ph.Errors {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				fmt.Fprintf(w, "- %d × %s\n", ph.Errors[k], strings.TrimSpace(k))
			}
		}
	}
	fmt.Fprintf(w, "\n![completed workflows over time](%s)\n", plot)
}

// SVG plots completed workflows over time for both phases.
func (r Report) SVG(w io.Writer) {
	const W, H, left, bottom, top, right = 720, 360, 60, 40, 20, 20
	maxT, maxN := 1.0, 1.0
	for _, ph := range []Phase{r.Pipeline, r.Reference} {
		if n := len(ph.Completions); n > 0 {
			maxT = max(maxT, ph.Completions[n-1])
			maxN = max(maxN, float64(n))
		}
	}
	x := func(t float64) float64 { return left + t/maxT*(W-left-right) }
	y := func(n float64) float64 { return H - bottom - n/maxN*(H-bottom-top) }
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", W, H)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n",
		left, H-bottom, W-right, H-bottom, left, top, left, H-bottom)
	for i := 0; i <= 4; i++ {
		t, n := maxT*float64(i)/4, maxN*float64(i)/4
		fmt.Fprintf(w, `<text x="%.0f" y="%d" text-anchor="middle">%.0fs</text>`+"\n", x(t), H-bottom+16, t)
		fmt.Fprintf(w, `<text x="%d" y="%.0f" text-anchor="end">%.0f</text>`+"\n", left-6, y(n)+4, n)
	}
	fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle">seconds since the first request</text>`+"\n", (W+left)/2, H-6)
	for i, ph := range []Phase{r.Pipeline, r.Reference} {
		color := []string{"#1f77b4", "#ff7f0e"}[i]
		var pts strings.Builder
		for j, t := range ph.Completions {
			fmt.Fprintf(&pts, "%.1f,%.1f ", x(t), y(float64(j+1)))
		}
		fmt.Fprintf(w, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", color, pts.String())
		fmt.Fprintf(w, `<text x="%d" y="%d" fill="%s">%s: %.1f/s</text>`+"\n", left+10, top+16+16*i, color, ph.Name, ph.Throughput)
	}
	fmt.Fprintln(w, `</svg>`)
}
