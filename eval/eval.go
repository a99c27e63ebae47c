// Package eval measures a transaction categorizer on a labelled CSV file.
//
// The protocol is "online": rows are replayed in date order; each row is
// first categorized, then its true label is handed back to the system as the
// owner's correction (Correct is called for every row, also when the
// prediction was right: the owner confirms it). This is how the categorizer
// is used in production, so the score includes what it learns from earlier
// corrections, and never what it would learn from later ones.
//
// The input CSV (see ReadCSV) has the columns date, description, amount,
// currency and label; eval/testdata/categorize.csv is produced by
// eval/gendata. Result holds accuracy, macro-F1, per-class scores, accuracy
// against confidence thresholds, per-method scores and latencies, the most
// common confusions and the learning curve; Markdown and SVG render it.
package eval

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Row is one labelled transaction.
type Row struct {
	Line        int // line of the record in the source CSV (1 is the header)
	Date        time.Time
	Description string
	Amount      string // decimal string as in the file, negative = money out
	Currency    string // upper case, may be empty
	Label       string // the true category, after the label map
}

// Columns are the CSV columns ReadCSV requires (any order, any case).
var Columns = []string{"date", "description", "amount", "currency", "label"}

var amountRE = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)

// ReadCSV reads labelled rows. The first record is a header naming at least
// the columns date, description, amount, currency and label, in any order and
// case (other columns are ignored). Dates are YYYY-MM-DD; amounts are plain
// decimals ("-12.34"); currency is empty or three letters; label must not be
// empty. labelMap, which may be nil, renames labels (matched after trimming,
// case-insensitively); labels it does not mention pass through. The rows come
// back sorted by date, rows of the same day in file order. Errors name the
// line and the column.
func ReadCSV(r io.Reader, labelMap map[string]string) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked below, with a better message
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("eval: line 1: empty file, want a header %s", strings.Join(Columns, ","))
	}
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; dup && slices.Contains(Columns, h) {
			return nil, fmt.Errorf("eval: line 1: column %q appears twice", h)
		}
		col[h] = i
	}
	for _, c := range Columns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("eval: line 1: missing column %q (header: %s)", c, strings.Join(header, ","))
		}
	}
	lm := make(map[string]string, len(labelMap))
	for from, to := range labelMap {
		lm[strings.ToLower(strings.TrimSpace(from))] = strings.TrimSpace(to)
	}

	var rows []Row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			return nil, fmt.Errorf("eval: line %d: %d fields, the header has %d", line, len(rec), len(header))
		}
		field := func(name string) string { return strings.TrimSpace(rec[col[name]]) }
		bad := func(name, format string, args ...any) error {
			return fmt.Errorf("eval: line %d, column %q: %s", line, name, fmt.Sprintf(format, args...))
		}

		row := Row{Line: line, Description: field("description"), Amount: field("amount")}
		row.Date, err = time.Parse(time.DateOnly, field("date"))
		if err != nil {
			return nil, bad("date", "invalid date %q, want YYYY-MM-DD", field("date"))
		}
		if !amountRE.MatchString(row.Amount) {
			return nil, bad("amount", "invalid amount %q, want a decimal like -12.34", row.Amount)
		}
		row.Currency = strings.ToUpper(field("currency"))
		if row.Currency != "" && !isCurrency(row.Currency) {
			return nil, bad("currency", "invalid currency %q, want a three-letter code", field("currency"))
		}
		row.Label = field("label")
		if to, ok := lm[strings.ToLower(row.Label)]; ok {
			row.Label = to
		}
		if row.Label == "" {
			return nil, bad("label", "empty label")
		}
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b Row) int { return a.Date.Compare(b.Date) })
	return rows, nil
}

func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// ReadLabelMap reads a two-column CSV "from,to" that renames labels, for
// example from another taxonomy ("Groceries,FOOD_AND_DRINK"). A first record
// "from,to" is a header and skipped; lines starting with # are comments.
// Matching is case-insensitive; the same "from" mapped to two different
// targets is an error.
func ReadLabelMap(r io.Reader) (map[string]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	m := map[string]string{}
	seen := map[string]string{}
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("eval: label map: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if first {
			first = false
			if len(rec) == 2 && strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(rec[0], "\ufeff")), "from") &&
				strings.EqualFold(strings.TrimSpace(rec[1]), "to") {
				continue
			}
		}
		if len(rec) != 2 {
			return nil, fmt.Errorf("eval: label map: line %d: %d fields, want 2 (from,to)", line, len(rec))
		}
		from, to := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if from == "" {
			return nil, fmt.Errorf("eval: label map: line %d, column \"from\": empty", line)
		}
		if to == "" {
			return nil, fmt.Errorf("eval: label map: line %d, column \"to\": empty", line)
		}
		key := strings.ToLower(from)
		if prev, ok := seen[key]; ok && prev != to {
			return nil, fmt.Errorf("eval: label map: line %d: %q maps to %q and to %q", line, from, prev, to)
		}
		seen[key] = to
		m[from] = to
	}
}

// Prediction is what the system under test answers for one row.
type Prediction struct {
	ID         string // the system's handle for the prediction, passed back to Correct
	Category   string // "" means no answer
	Confidence float64
	Method     string        // how the answer was found (rule, memory, model, ...)
	Latency    time.Duration // 0: Run measures the call itself
	// Merchant is the system's grouping key for the row's merchant; Run counts a row as a
	// first sighting when no earlier row had the same one ("" counts as new every time).
	Merchant string
}

// Online is the system under test.
type Online interface {
	Categorize(ctx context.Context, r Row) (Prediction, error)
	// Correct tells the system the true label (r.Label) of a row it has
	// categorized as p.
	Correct(ctx context.Context, r Row, p Prediction) error
}

// Outcome is the record of one row in a run.
type Outcome struct {
	Line        int
	Date        time.Time
	Description string
	Truth       string
	Predicted   string
	Confidence  float64
	Method      string
	Latency     time.Duration
	Correct     bool
	// FirstSighting: no earlier row of the run had this row's merchant.
	FirstSighting bool
}

// DefaultThresholds are the confidence thresholds reported in
// Result.Thresholds.
var DefaultThresholds = []float64{0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9}

// ClassRow holds the scores of one label.
type ClassRow struct {
	Label     string
	Precision float64
	Recall    float64
	F1        float64
	Support   int // rows with this true label
	Predicted int // rows predicted as this label
}

// ThresholdRow is accuracy on the rows whose confidence is at least
// Threshold; Coverage is their share of all rows.
type ThresholdRow struct {
	Threshold float64
	Coverage  float64
	Accuracy  float64
	Count     int
}

// MethodRow holds the scores of one prediction method.
type MethodRow struct {
	Method     string
	Count      int
	Accuracy   float64
	LatencyP50 time.Duration
	LatencyP99 time.Duration
}

// Confusion counts rows of label Truth predicted as Predicted.
type Confusion struct {
	Truth     string
	Predicted string
	Count     int
}

// Result is the score of a run.
type Result struct {
	N, Correct int
	Accuracy   float64
	// MacroF1 is the mean F1 over the labels present in the truth or in the
	// predictions (an empty prediction is no label).
	MacroF1    float64
	Classes    []ClassRow // by support, descending
	Thresholds []ThresholdRow
	Methods    []MethodRow // by count, descending
	Confusions []Confusion // top 10, by count, descending
	LatencyP50 time.Duration
	LatencyP99 time.Duration
	// Cumulative[i] is the number of correct answers among the first i+1
	// rows in date order: the learning curve.
	Cumulative []int
	Outcomes   []Outcome // in date order
	// FirstSightings and Repeats score the rows whose merchant the run had not seen before
	// and those it had: what the built-in knowledge knows, and what the owner taught.
	FirstSightings, Repeats Subset
	// Reliability bins the answers by confidence; ECE is the expected calibration error,
	// the rows-weighted mean of |accuracy - mean confidence| over the bins.
	Reliability []ReliabilityBin
	ECE         float64
}

// Subset is the score of some of the rows, with the accuracy and coverage of the answers
// accepted at DefaultReviewThreshold.
type Subset struct {
	N, Correct       int
	Accuracy         float64
	AcceptedAccuracy float64
	Coverage         float64
}

// DefaultReviewThreshold is the threshold Subset reports on (the default REVIEW_THRESHOLD).
const DefaultReviewThreshold = 0.6

// ReliabilityBin holds the answers whose confidence lies in [From, To).
type ReliabilityBin struct {
	From, To       float64
	N              int
	MeanConfidence float64
	Accuracy       float64
}

// ReliabilityBins is the number of equal-width confidence bins.
const ReliabilityBins = 10

func subset(outs []Outcome, keep func(Outcome) bool) Subset {
	var s Subset
	accepted, acceptedOK := 0, 0
	for _, o := range outs {
		if !keep(o) {
			continue
		}
		s.N++
		if o.Correct {
			s.Correct++
		}
		if o.Confidence >= DefaultReviewThreshold {
			accepted++
			if o.Correct {
				acceptedOK++
			}
		}
	}
	s.Accuracy = ratio(s.Correct, s.N)
	s.AcceptedAccuracy = ratio(acceptedOK, accepted)
	s.Coverage = ratio(accepted, s.N)
	return s
}

// reliability bins outcomes by confidence and computes the expected calibration error.
func reliability(outs []Outcome) ([]ReliabilityBin, float64) {
	bins := make([]ReliabilityBin, ReliabilityBins)
	sums := make([]float64, ReliabilityBins)
	ok := make([]int, ReliabilityBins)
	for i := range bins {
		bins[i].From, bins[i].To = float64(i)/ReliabilityBins, float64(i+1)/ReliabilityBins
	}
	for _, o := range outs {
		i := min(max(int(o.Confidence*ReliabilityBins), 0), ReliabilityBins-1)
		bins[i].N++
		sums[i] += o.Confidence
		if o.Correct {
			ok[i]++
		}
	}
	var ece float64
	for i := range bins {
		if bins[i].N == 0 {
			continue
		}
		bins[i].MeanConfidence = sums[i] / float64(bins[i].N)
		bins[i].Accuracy = ratio(ok[i], bins[i].N)
		ece += float64(bins[i].N) / float64(len(outs)) * math.Abs(bins[i].Accuracy-bins[i].MeanConfidence)
	}
	return bins, ece
}

// Run replays rows in date order (stable) against sys: each row is
// categorized, then corrected with its true label. progress, if not nil, is
// called after each row. On error, the result covers the rows done so far.
func Run(ctx context.Context, rows []Row, sys Online, progress func(done, total int)) (Result, error) {
	ordered := slices.Clone(rows)
	slices.SortStableFunc(ordered, func(a, b Row) int { return a.Date.Compare(b.Date) })
	outs := make([]Outcome, 0, len(ordered))
	seen := map[string]bool{}
	for i, row := range ordered {
		if err := ctx.Err(); err != nil {
			return Score(outs), err
		}
		start := time.Now()
		p, err := sys.Categorize(ctx, row)
		elapsed := time.Since(start)
		if err != nil {
			return Score(outs), fmt.Errorf("eval: categorize line %d: %w", row.Line, err)
		}
		if p.Latency <= 0 {
			p.Latency = elapsed
		}
		outs = append(outs, Outcome{
			Line:          row.Line,
			Date:          row.Date,
			Description:   row.Description,
			Truth:         row.Label,
			Predicted:     p.Category,
			Confidence:    p.Confidence,
			Method:        p.Method,
			Latency:       p.Latency,
			Correct:       p.Category == row.Label,
			FirstSighting: p.Merchant == "" || !seen[p.Merchant],
		})
		seen[p.Merchant] = true
		if err := sys.Correct(ctx, row, p); err != nil {
			return Score(outs), fmt.Errorf("eval: correct line %d: %w", row.Line, err)
		}
		if progress != nil {
			progress(i+1, len(ordered))
		}
	}
	return Score(outs), nil
}

// Score computes a Result from outcomes given in date order. Correct is
// recomputed as Predicted == Truth.
func Score(outs []Outcome) Result {
	r := Result{N: len(outs), Outcomes: slices.Clone(outs), Cumulative: make([]int, len(outs))}
	tp, fp, fn := map[string]int{}, map[string]int{}, map[string]int{}
	support, predicted := map[string]int{}, map[string]int{}
	labels := map[string]bool{}
	pairs := map[[2]string]int{}
	var latencies []time.Duration
	for i := range r.Outcomes {
		o := &r.Outcomes[i]
		o.Correct = o.Predicted == o.Truth
		if o.Correct {
			r.Correct++
			tp[o.Truth]++
		} else {
			fn[o.Truth]++
			if o.Predicted != "" {
				fp[o.Predicted]++
			}
			pairs[[2]string{o.Truth, o.Predicted}]++
		}
		r.Cumulative[i] = r.Correct
		support[o.Truth]++
		labels[o.Truth] = true
		if o.Predicted != "" {
			predicted[o.Predicted]++
			labels[o.Predicted] = true
		}
		latencies = append(latencies, o.Latency)
	}
	r.Accuracy = ratio(r.Correct, r.N)
	r.LatencyP50 = Percentile(latencies, 0.50)
	r.LatencyP99 = Percentile(latencies, 0.99)

	for _, l := range slices.Sorted(maps.Keys(labels)) {
		c := ClassRow{Label: l, Support: support[l], Predicted: predicted[l]}
		c.Precision = ratio(tp[l], tp[l]+fp[l])
		c.Recall = ratio(tp[l], tp[l]+fn[l])
		if c.Precision+c.Recall > 0 {
			c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
		}
		r.MacroF1 += c.F1
		r.Classes = append(r.Classes, c)
	}
	if len(r.Classes) > 0 {
		r.MacroF1 /= float64(len(r.Classes))
	}
	slices.SortStableFunc(r.Classes, func(a, b ClassRow) int { return cmp.Compare(b.Support, a.Support) })

	for _, t := range DefaultThresholds {
		acc, cov, _ := r.AtThreshold(t)
		n := 0
		for _, o := range r.Outcomes {
			if o.Confidence >= t {
				n++
			}
		}
		r.Thresholds = append(r.Thresholds, ThresholdRow{Threshold: t, Coverage: cov, Accuracy: acc, Count: n})
	}

	byMethod := map[string][]Outcome{}
	for _, o := range r.Outcomes {
		byMethod[o.Method] = append(byMethod[o.Method], o)
	}
	for m, os := range byMethod {
		row := MethodRow{Method: m, Count: len(os)}
		var lat []time.Duration
		ok := 0
		for _, o := range os {
			if o.Correct {
				ok++
			}
			lat = append(lat, o.Latency)
		}
		row.Accuracy = ratio(ok, len(os))
		row.LatencyP50 = Percentile(lat, 0.50)
		row.LatencyP99 = Percentile(lat, 0.99)
		r.Methods = append(r.Methods, row)
	}
	slices.SortFunc(r.Methods, func(a, b MethodRow) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Method, b.Method))
	})

	r.FirstSightings = subset(r.Outcomes, func(o Outcome) bool { return o.FirstSighting })
	r.Repeats = subset(r.Outcomes, func(o Outcome) bool { return !o.FirstSighting })
	r.Reliability, r.ECE = reliability(r.Outcomes)

	for k, n := range pairs {
		r.Confusions = append(r.Confusions, Confusion{Truth: k[0], Predicted: k[1], Count: n})
	}
	slices.SortFunc(r.Confusions, func(a, b Confusion) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Truth, b.Truth), cmp.Compare(a.Predicted, b.Predicted))
	})
	if len(r.Confusions) > 10 {
		r.Confusions = r.Confusions[:10]
	}
	return r
}

// AtThreshold scores a review policy: answers with confidence ≥ t are
// accepted, the others go to the owner for review. It returns the accuracy
// of the accepted answers, their share of all rows (coverage), and the share
// sent to review (1 - coverage).
func (r Result) AtThreshold(t float64) (accuracyAbove, coverage, reviewShare float64) {
	if len(r.Outcomes) == 0 {
		return 0, 0, 0
	}
	n, ok := 0, 0
	for _, o := range r.Outcomes {
		if o.Confidence >= t {
			n++
			if o.Correct {
				ok++
			}
		}
	}
	coverage = ratio(n, len(r.Outcomes))
	return ratio(ok, n), coverage, 1 - coverage
}

// Percentile returns the p-quantile (0 < p ≤ 1) of ds by the nearest-rank
// method: the smallest value such that at least p of the values are ≤ it.
// It returns 0 for no values.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	k := int(math.Ceil(p*float64(len(s))-1e-9)) - 1 // tolerate 0.99*100 = 99.00000000000001
	return s[min(max(k, 0), len(s)-1)]
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
