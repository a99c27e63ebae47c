package fraud

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// BenchOptions configures Bench.
type BenchOptions struct {
	// LabelColumn names the ground-truth column, matched case-insensitively. Empty means
	// the first of "label", "class", "outlier", "anomaly", "is_anomaly", "target", "y"
	// present in the header.
	LabelColumn string
	// Params of the forest; zero fields take the defaults.
	Params ForestParams
}

// BenchResult is what Bench measured.
type BenchResult struct {
	Rows, Features, Anomalies int
	FeatureNames              []string // the feature columns, in order
	ROCAUC, AveragePrecision  float64
	FitTime, ScoreTime        time.Duration // FitTime: FitForest on all rows; ScoreTime: scoring them all, one goroutine
}

var defaultLabelColumns = []string{"label", "class", "outlier", "anomaly", "is_anomaly", "target", "y"}

// Bench evaluates the isolation forest on a labelled data set, such as the ODDS
// benchmarks exported to CSV. It reads a CSV file with a header row, delimited by ',' (or
// by ';' when the header contains ';' but no ','); every column but the label column must
// hold finite numbers. The forest is fitted without the labels on all rows, every row is
// scored, and the ranking of the scores is compared with the labels by ROC-AUC and
// average precision.
//
// Label values, case-insensitive and trimmed, mean:
//
//	anomaly: 1, true, yes, o (ODDS-style "outlier"), outlier, anomaly, or any other non-zero number
//	normal:  0, false, no, n (ODDS-style "normal"), inlier, normal
//
// Anything else is an error naming its line and column, as are non-numeric feature cells.
// Both classes must be present. progress, if not nil, is called while scoring, every 1%
// of the rows and at the end, with the rows scored so far and the total.
func Bench(r io.Reader, opt BenchOptions, progress func(done, total int)) (BenchResult, error) {
	var res BenchResult
	fail := func(format string, args ...any) (BenchResult, error) {
		return res, fmt.Errorf("fraud: bench: "+format, args...)
	}

	// Sniff the delimiter from the header line, then hand it back to the CSV reader.
	br := bufio.NewReader(r)
	header, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return fail("reading header: %w", err)
	}
	header = strings.TrimPrefix(header, "\ufeff")
	comma := ','
	if !strings.Contains(header, ",") && strings.Contains(header, ";") {
		comma = ';'
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(header), br))
	cr.Comma = comma
	cr.TrimLeadingSpace = true

	names, err := cr.Read()
	if err == io.EOF {
		return fail("empty input, want a CSV header")
	}
	if err != nil {
		return fail("reading header: %w", err)
	}
	for i := range names {
		names[i] = strings.TrimSpace(names[i])
	}
	label, err := findLabelColumn(names, opt.LabelColumn)
	if err != nil {
		return res, err
	}
	d := len(names) - 1
	if d < 1 {
		return fail("no feature columns besides the label column %q", names[label])
	}
	for i, name := range names {
		if i != label {
			res.FeatureNames = append(res.FeatureNames, name)
		}
	}
	res.Features = d

	cr.ReuseRecord = true
	var flat []float64
	var labels []bool
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				return fail("line %d: %d fields, the header has %d", pe.StartLine, len(rec), len(names))
			}
			return fail("%w", err)
		}
		for i, cell := range rec {
			line, _ := cr.FieldPos(i)
			cell = strings.TrimSpace(cell)
			if i == label {
				anomaly, ok := parseLabel(cell)
				if !ok {
					return fail("line %d, column %d (%q): label %q is not one of 1/0, true/false, yes/no, o/n, anomaly/normal or a number", line, i+1, names[i], cell)
				}
				labels = append(labels, anomaly)
				if anomaly {
					res.Anomalies++
				}
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return fail("line %d, column %d (%q): %q is not a finite number", line, i+1, names[i], cell)
			}
			flat = append(flat, v)
		}
	}
	n := len(labels)
	res.Rows = n
	switch {
	case n < 2:
		return fail("%d data rows, need at least 2", n)
	case res.Anomalies == 0 || res.Anomalies == n:
		return fail("label column %q marks %d of %d rows as anomalies; ROC-AUC and AP need both classes", names[label], res.Anomalies, n)
	}
	X := make([][]float64, n)
	for i := range X {
		X[i] = flat[i*d : (i+1)*d : (i+1)*d]
	}

	start := time.Now()
	f, err := FitForest(X, opt.Params)
	res.FitTime = time.Since(start)
	if err != nil {
		return res, err
	}

	scores := make([]float64, n)
	step := max(1, n/100)
	start = time.Now()
	for i, x := range X {
		scores[i] = f.Score(x)
		if progress != nil && ((i+1)%step == 0 || i+1 == n) {
			progress(i+1, n)
		}
	}
	res.ScoreTime = time.Since(start)

	res.ROCAUC = ROCAUC(scores, labels)
	res.AveragePrecision = AveragePrecision(scores, labels)
	return res, nil
}

// findLabelColumn is the index of the label column in the header.
func findLabelColumn(names []string, want string) (int, error) {
	candidates := defaultLabelColumns
	if want != "" {
		candidates = []string{strings.TrimSpace(want)}
	}
	for _, c := range candidates {
		found := -1
		for i, name := range names {
			if strings.EqualFold(name, c) {
				if found >= 0 {
					return 0, fmt.Errorf("fraud: bench: columns %d and %d are both named %q", found+1, i+1, c)
				}
				found = i
			}
		}
		if found >= 0 {
			return found, nil
		}
	}
	if want == "" {
		return 0, fmt.Errorf("fraud: bench: no label column given and none of %q in the header %q", defaultLabelColumns, names)
	}
	return 0, fmt.Errorf("fraud: bench: no column %q in the header %q", want, names)
}

// parseLabel reads a ground-truth label; ok is false if s is not one.
func parseLabel(s string) (anomaly, ok bool) {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "o", "outlier", "anomaly":
		return true, true
	case "0", "false", "no", "n", "inlier", "normal":
		return false, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) {
		return false, false
	}
	return v != 0, true
}
