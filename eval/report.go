package eval

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// segment is a run of consecutive outcomes [from, to).
type segment struct {
	name     string
	from, to int
}

// months splits the outcomes by calendar month; without dates, in tenths.
func (r Result) months() []segment {
	var segs []segment
	if len(r.Outcomes) == 0 {
		return nil
	}
	dated := !r.Outcomes[0].Date.IsZero()
	if dated {
		for i, o := range r.Outcomes {
			name := o.Date.Format("2006-01")
			if len(segs) == 0 || segs[len(segs)-1].name != name {
				segs = append(segs, segment{name: name, from: i})
			}
			segs[len(segs)-1].to = i + 1
		}
		return segs
	}
	n := len(r.Outcomes)
	parts := min(10, n)
	for k := range parts {
		from, to := k*n/parts, (k+1)*n/parts
		segs = append(segs, segment{name: fmt.Sprintf("rows %d–%d", from+1, to), from: from, to: to})
	}
	return segs
}

// correctIn counts the correct answers among outcomes [from, to).
func (r Result) correctIn(from, to int) int {
	if to <= from {
		return 0
	}
	c := r.Cumulative[to-1]
	if from > 0 {
		c -= r.Cumulative[from-1]
	}
	return c
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

func dur(d time.Duration) string {
	switch {
	case d <= 0:
		return "0"
	case d < time.Millisecond:
		return fmt.Sprintf("%.0fµs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.2fs", d.Seconds())
	}
}

func cell(s string) string {
	if s == "" {
		return "(none)"
	}
	s = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
	return s
}

// Markdown writes a report: the meta data (sorted by key), the headline
// numbers, the plot (an image path or URL; omitted when empty), the learning
// curve by month, the confidence thresholds, the methods, the per-class
// scores and the most common confusions.
func (r Result) Markdown(w io.Writer, title, plot string, meta map[string]string) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("# %s\n\n", title)
	if len(meta) > 0 {
		p("| | |\n|---|---|\n")
		keys := make([]string, 0, len(meta))
		for k := range meta {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p("| %s | %s |\n", cell(k), cell(meta[k]))
		}
		p("\n")
	}

	p("**Accuracy %s** (%d of %d rows) · macro-F1 %.3f · latency p50 %s, p99 %s\n\n",
		pct(r.Accuracy), r.Correct, r.N, r.MacroF1, dur(r.LatencyP50), dur(r.LatencyP99))
	if r.N >= 12 {
		k := r.N / 6
		p("Learning: accuracy %s on the first %d rows, %s on the last %d rows.\n\n",
			pct(ratio(r.correctIn(0, k), k)), k, pct(ratio(r.correctIn(r.N-k, r.N), k)), k)
	}
	if plot != "" {
		p("![Learning curve and accuracy against coverage](%s)\n\n", plot)
	}

	p("## Learning curve\n\n")
	p("Rows are replayed in date order; each is categorized, then corrected with its true label.\n\n")
	p("| period | rows | accuracy in period | cumulative accuracy |\n|---|---:|---:|---:|\n")
	for _, s := range r.months() {
		p("| %s | %d | %s | %s |\n", s.name, s.to-s.from,
			pct(ratio(r.correctIn(s.from, s.to), s.to-s.from)), pct(ratio(r.Cumulative[s.to-1], s.to)))
	}
	p("\n")

	p("## Confidence thresholds\n\n")
	p("Answers with confidence at or above the threshold are accepted; the rest go to the owner for review.\n\n")
	p("| threshold | accepted | coverage | accuracy of accepted | to review |\n|---:|---:|---:|---:|---:|\n")
	for _, t := range r.Thresholds {
		p("| %.1f | %d | %s | %s | %s |\n", t.Threshold, t.Count, pct(t.Coverage), pct(t.Accuracy), pct(1-t.Coverage))
	}
	p("\n")

	p("## First sightings and repeats\n\n")
	p("A first sighting is a row whose merchant no earlier row had: only the built-in knowledge can answer it. ")
	p("A repeat is a merchant the owner has already confirmed or corrected.\n\n")
	p("| rows | count | accuracy | accuracy at ≥ %.1f | coverage at ≥ %.1f |\n|---|---:|---:|---:|---:|\n", DefaultReviewThreshold, DefaultReviewThreshold)
	for _, s := range []struct {
		name string
		s    Subset
	}{{"first sightings", r.FirstSightings}, {"repeats", r.Repeats}} {
		p("| %s | %d | %s | %s | %s |\n", s.name, s.s.N, pct(s.s.Accuracy), pct(s.s.AcceptedAccuracy), pct(s.s.Coverage))
	}
	p("\n")

	p("## Calibration\n\n")
	p("Answers binned by confidence: a calibrated categorizer is right about as often as it says. ")
	p("Expected calibration error (rows-weighted mean gap): **%.3f**.\n\n", r.ECE)
	p("| confidence | rows | mean confidence | accuracy |\n|---|---:|---:|---:|\n")
	for _, bin := range r.Reliability {
		if bin.N == 0 {
			continue
		}
		p("| %.1f–%.1f | %d | %s | %s |\n", bin.From, bin.To, bin.N, pct(bin.MeanConfidence), pct(bin.Accuracy))
	}
	p("\n")

	p("## Methods\n\n")
	p("| method | rows | share | accuracy | latency p50 | latency p99 |\n|---|---:|---:|---:|---:|---:|\n")
	for _, m := range r.Methods {
		p("| %s | %d | %s | %s | %s | %s |\n", cell(m.Method), m.Count, pct(ratio(m.Count, r.N)),
			pct(m.Accuracy), dur(m.LatencyP50), dur(m.LatencyP99))
	}
	p("\n")

	p("## Per class\n\n")
	p("| label | support | predicted | precision | recall | F1 |\n|---|---:|---:|---:|---:|---:|\n")
	for _, c := range r.Classes {
		p("| %s | %d | %d | %.3f | %.3f | %.3f |\n", cell(c.Label), c.Support, c.Predicted, c.Precision, c.Recall, c.F1)
	}
	p("\n")

	p("## Most common confusions\n\n")
	if len(r.Confusions) == 0 {
		p("None.\n")
	} else {
		p("| true label | predicted | rows |\n|---|---|---:|\n")
		for _, c := range r.Confusions {
			p("| %s | %s | %d |\n", cell(c.Truth), cell(c.Predicted), c.Count)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// SVG writes a two-panel plot: on the left the learning curve (cumulative
// accuracy and a rolling-window accuracy over the rows in date order, with
// month boundaries), on the right accuracy against coverage for the
// confidence thresholds.
func (r Result) SVG(w io.Writer) error {
	const (
		width, height = 1000, 430
		top, bottom   = 70, 360 // plot area, y
		ax0, ax1      = 70, 590 // learning curve, x
		bx0, bx1      = 680, 960
	)
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif" font-size="12">`+"\n",
		width, height, width, height)
	p(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	p(`<text x="%d" y="28" font-size="17" font-weight="bold" fill="#222">Categorization, online: accuracy %s, macro-F1 %.3f, %d rows</text>`+"\n",
		ax0, pct(r.Accuracy), r.MacroF1, r.N)

	y := func(v float64) float64 { return bottom - v*(bottom-top) }
	// y grid and axes for both panels
	for _, x := range [][2]int{{ax0, ax1}, {bx0, bx1}} {
		for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
			p(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e3e3e3"/>`+"\n", x[0], y(v), x[1], y(v))
			p(`<text x="%d" y="%.1f" text-anchor="end" fill="#555">%.0f%%</text>`+"\n", x[0]-6, y(v)+4, 100*v)
		}
		p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#888"/>`+"\n", x[0], bottom, x[1], bottom)
		p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#888"/>`+"\n", x[0], top, x[0], bottom)
	}

	// Left: learning curve.
	p(`<text x="%d" y="52" font-size="13" fill="#222">Learning curve (rows in date order)</text>`+"\n", ax0)
	if r.N == 0 {
		p(`<text x="%d" y="%d" fill="#999">no rows</text>`+"\n", (ax0+ax1)/2-25, (top+bottom)/2)
	} else {
		x := func(i int) float64 { // i: 1-based row
			if r.N == 1 {
				return float64(ax0+ax1) / 2
			}
			return ax0 + float64(i-1)/float64(r.N-1)*(ax1-ax0)
		}
		segs := r.months()
		for k, s := range segs {
			if k > 0 {
				p(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#cfcfcf" stroke-dasharray="3,3"/>`+"\n", x(s.from+1), top, x(s.from+1), bottom)
			}
			label := s.name
			if t, err := time.Parse("2006-01", s.name); err == nil {
				label = t.Format("Jan")
			}
			if len(segs) <= 12 {
				p(`<text x="%.1f" y="%d" text-anchor="middle" fill="#777" font-size="11">%s</text>`+"\n",
					(x(s.from+1)+x(s.to))/2, bottom+16, escape(label))
			}
		}
		p(`<text x="%d" y="%d" text-anchor="middle" fill="#555">row (1–%d)</text>`+"\n", (ax0+ax1)/2, bottom+36, r.N)

		win := min(max(r.N/10, 10), 100, r.N)
		var cum, roll strings.Builder
		for i := 1; i <= r.N; i++ {
			fmt.Fprintf(&cum, "%.1f,%.1f ", x(i), y(ratio(r.Cumulative[i-1], i)))
			from := max(0, i-win)
			fmt.Fprintf(&roll, "%.1f,%.1f ", x(i), y(ratio(r.correctIn(from, i), i-from)))
		}
		p(`<polyline fill="none" stroke="#9ecae1" stroke-width="1.3" points="%s"/>`+"\n", strings.TrimSpace(roll.String()))
		p(`<polyline fill="none" stroke="#08519c" stroke-width="2.2" points="%s"/>`+"\n", strings.TrimSpace(cum.String()))
		// legend
		p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#08519c" stroke-width="2.2"/>`+"\n", ax0+10, bottom+56, ax0+34, bottom+56)
		p(`<text x="%d" y="%d" fill="#333">cumulative accuracy</text>`+"\n", ax0+40, bottom+60)
		p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#9ecae1" stroke-width="2"/>`+"\n", ax0+200, bottom+56, ax0+224, bottom+56)
		p(`<text x="%d" y="%d" fill="#333">accuracy over the last %d rows</text>`+"\n", ax0+230, bottom+60, win)
	}

	// Right: accuracy against coverage.
	p(`<text x="%d" y="52" font-size="13" fill="#222">Accuracy vs coverage, by confidence threshold</text>`+"\n", bx0)
	bxf := func(v float64) float64 { return bx0 + v*(bx1-bx0) }
	for _, v := range []float64{0, 0.5, 1} {
		p(`<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%.0f%%</text>`+"\n", bxf(v), bottom+16, 100*v)
	}
	p(`<text x="%d" y="%d" text-anchor="middle" fill="#555">coverage (share answered without review)</text>`+"\n", (bx0+bx1)/2, bottom+36)
	var pts []string
	for _, t := range r.Thresholds {
		if t.Count == 0 {
			continue
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", bxf(t.Coverage), y(t.Accuracy)))
	}
	if len(pts) > 0 {
		p(`<polyline fill="none" stroke="#d94801" stroke-width="1.8" points="%s"/>`+"\n", strings.Join(pts, " "))
	}
	// One point per distinct (coverage, accuracy); thresholds that give the
	// same point share a label.
	var groups [][]ThresholdRow
	for _, t := range r.Thresholds {
		if t.Count == 0 {
			continue
		}
		if n := len(groups); n > 0 {
			last := groups[n-1][0]
			if last.Count == t.Count && last.Accuracy == t.Accuracy {
				groups[n-1] = append(groups[n-1], t)
				continue
			}
		}
		groups = append(groups, []ThresholdRow{t})
	}
	for i, g := range groups {
		t := g[0]
		cx, cy := bxf(t.Coverage), y(t.Accuracy)
		label := fmt.Sprintf("≥%.1f", t.Threshold)
		if len(g) > 1 {
			label = fmt.Sprintf("≥%.1f–%.1f", t.Threshold, g[len(g)-1].Threshold)
		}
		p(`<circle cx="%.1f" cy="%.1f" r="3.5" fill="#d94801"><title>confidence %s: coverage %s, accuracy %s</title></circle>`+"\n",
			cx, cy, label, pct(t.Coverage), pct(t.Accuracy))
		dy := -8.0
		if i%2 == 1 || cy-8 < top {
			dy = 16
		}
		anchor := "middle"
		if cx > bx1-20 {
			anchor = "end"
		}
		p(`<text x="%.1f" y="%.1f" text-anchor="%s" fill="#8c2d04" font-size="10">%s</text>`+"\n", cx, cy+dy, anchor, label)
	}
	if len(pts) == 0 {
		p(`<text x="%d" y="%d" fill="#999">no rows</text>`+"\n", (bx0+bx1)/2-25, (top+bottom)/2)
	}
	p("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
