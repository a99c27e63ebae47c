package forecast

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
)

// Markdown writes the scores table and the monthly totals table. The
// report is rendered in memory and written in one call; a write error is
// dropped, as the signature has no room for it.
func (r BacktestResult) Markdown(w io.Writer) {
	var b bytes.Buffer
	pairs := 0
	if len(r.Methods) > 0 {
		pairs = r.Methods[0].Pairs
	}
	b.WriteString("## Spending forecast backtest\n\n")
	if len(r.Series) == 0 {
		b.WriteString("No month could be backtested.\n")
		_, _ = w.Write(b.Bytes())
		return
	}
	fmt.Fprintf(&b, "Rolling origin, %s to %s: each month's category totals predicted from the months before it. "+
		"WAPE = Σ|error| / Σactual over all %d (month, category) pairs; "+
		"MAPE only over pairs with actual ≥ %s.\n\n",
		r.Series[0].Month.Format("2006-01"), r.Series[len(r.Series)-1].Month.Format("2006-01"),
		pairs, formatMinor(MAPEFloorMinor))

	b.WriteString("| Method | WAPE | MAPE | MAPE points |\n|---|---:|---:|---:|\n")
	best := r.bestMethod()
	for _, s := range r.Methods {
		name := s.Method
		if name == best {
			name = "**" + name + "**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", name,
			pct(s.WAPE, s.ActualMinor > 0), pct(s.MAPE, s.Points > 0), s.Points)
	}

	if sn, mean, model, ok := r.scores(); ok {
		gain := 0.0
		if sn.WAPE > 0 {
			gain = 1 - model.WAPE/sn.WAPE
		}
		fmt.Fprintf(&b, "\nThe model's WAPE is %s lower than seasonal-naive's and %s the mean's (%s against %s).\n",
			pct(gain, sn.WAPE > 0), map[bool]string{true: "below", false: "not below"}[model.WAPE < mean.WAPE],
			pct(model.WAPE, true), pct(mean.WAPE, true))
	}
	if r.IntervalPairs > 0 {
		fmt.Fprintf(&b, "Its 80 %% prediction intervals held %d of %d actuals (%s).\n",
			r.IntervalHits, r.IntervalPairs, pct(float64(r.IntervalHits)/float64(r.IntervalPairs), true))
	}
	if len(r.Choices) > 0 {
		b.WriteString("\nMethod chosen per category for the last month, by each category's own backtest of its recent months; " +
			"where no method beat the plain mean there, the mean is used and alerts say so.\n\n| Category | Method | Beat the mean |\n|---|---|---|\n")
		for _, c := range r.Choices {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", c.Category, c.Method, map[bool]string{true: "yes", false: "no: the mean is used"}[c.BeatMean])
		}
	}

	b.WriteString("\n| Month | Actual |")
	for _, s := range r.Methods {
		b.WriteString(" " + s.Method + " |")
	}
	b.WriteString("\n|---|---:|")
	for range r.Methods {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, p := range r.Series {
		fmt.Fprintf(&b, "| %s | %s |", p.Month.Format("2006-01"), formatMinor(p.ActualMinor))
		for _, v := range p.PredictedMinor {
			b.WriteString(" " + formatMinor(v) + " |")
		}
		b.WriteString("\n")
	}
	_, _ = w.Write(b.Bytes())
}

// scores returns the seasonal-naive, mean and model scores.
func (r BacktestResult) scores() (sn, mean, model MethodScore, ok bool) {
	found := 0
	for _, s := range r.Methods {
		switch s.Method {
		case SeasonalNaive:
			sn, found = s, found+1
		case Mean:
			mean, found = s, found+1
		case Model:
			model, found = s, found+1
		}
	}
	return sn, mean, model, found == 3 && sn.Pairs > 0
}

func pct(v float64, defined bool) string {
	if !defined {
		return "n/a"
	}
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}

// formatMinor renders minor units with two decimals, assuming the common
// exponent of 2; the report has no currency to look the exponent up.
func formatMinor(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// SVG writes a line plot of the monthly all-category totals: actual and
// each method's prediction. Like Markdown, a write error is dropped.
func (r BacktestResult) SVG(w io.Writer) {
	const (
		width, height            = 900, 440
		left, right, top, bottom = 80, 20, 70, 50
		plotW, plotH             = width - left - right, height - top - bottom
	)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="22" font-size="15">Monthly spending, all categories: actual vs predicted</text>`+"\n", left)

	var maxV int64
	for _, p := range r.Series {
		maxV = max(maxV, p.ActualMinor)
		for _, v := range p.PredictedMinor {
			maxV = max(maxV, v)
		}
	}
	step := niceStep(float64(maxV) / 5)
	yMax := step * math.Ceil(float64(maxV)/step)
	if yMax <= 0 {
		yMax = step * 5
	}
	n := len(r.Series)
	xAt := func(i int) float64 {
		if n <= 1 {
			return left + plotW/2.0
		}
		return left + float64(i)*plotW/float64(n-1)
	}
	yAt := func(v int64) float64 { return top + plotH - float64(v)/yMax*plotH }

	// Horizontal grid and y labels, in major units.
	for v := 0.0; v <= yMax+step/2; v += step {
		y := top + plotH - v/yMax*plotH
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e0e0e0"/>`+"\n", left, y, left+plotW, y)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", left-6, y+4, strconv.FormatFloat(v/100, 'f', -1, 64))
	}
	// Axes.
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000000"/>`+"\n", left, top, left, top+plotH)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000000"/>`+"\n", left, top+plotH, left+plotW, top+plotH)
	// X labels, thinned so that "2006-01" labels (about 50px) do not overlap.
	every := max(1, int(math.Ceil(float64(n)*60/plotW)))
	for i, p := range r.Series {
		if i%every != 0 {
			continue
		}
		x := xAt(i)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#000000"/>`+"\n", x, top+plotH, x, top+plotH+4)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", x, top+plotH+18, p.Month.Format("2006-01"))
	}
	if n == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">no data</text>`+"\n", left+plotW/2, top+plotH/2)
	}

	// Series: actual solid and heavier, predictions dashed.
	colors := []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"}
	type line struct {
		name, color, dash string
		width             float64
		val               func(MonthPoint) int64
	}
	lines := []line{{"Actual", "#000000", "", 2.5, func(p MonthPoint) int64 { return p.ActualMinor }}}
	for i, s := range r.Methods {
		lines = append(lines, line{s.Method, colors[i%len(colors)], "6 4", 1.8,
			func(p MonthPoint) int64 { return p.PredictedMinor[i] }})
	}
	for li, ln := range lines {
		dash := ""
		if ln.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, ln.dash)
		}
		if n > 0 {
			b.WriteString(`<polyline fill="none" stroke="` + ln.color + `" stroke-width="` +
				strconv.FormatFloat(ln.width, 'f', -1, 64) + `"` + dash + ` points="`)
			for i, p := range r.Series {
				if i > 0 {
					b.WriteByte(' ')
				}
				fmt.Fprintf(&b, "%.1f,%.1f", xAt(i), yAt(ln.val(p)))
			}
			b.WriteString("\"/>\n")
			if n == 1 { // a one-point polyline is invisible
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", xAt(0), yAt(ln.val(r.Series[0])), ln.color)
			}
		}
		// Legend row above the plot.
		lx := left + li*150
		fmt.Fprintf(&b, `<line x1="%d" y1="45" x2="%d" y2="45" stroke="%s" stroke-width="%s"%s/>`+"\n",
			lx, lx+28, ln.color, strconv.FormatFloat(ln.width, 'f', -1, 64), dash)
		fmt.Fprintf(&b, `<text x="%d" y="49">%s</text>`+"\n", lx+34, html.EscapeString(ln.name))
	}
	b.WriteString("</svg>\n")
	_, _ = w.Write(b.Bytes())
}

// niceStep rounds a raw axis step up to 1, 2 or 5 times a power of ten
// (in minor units, and never below one major unit).
func niceStep(raw float64) float64 {
	if raw <= 100 {
		return 100
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 5, 10} {
		if raw <= f*p {
			return f * p
		}
	}
	return 10 * p
}
