package eval

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// sample is a hand-checked run of six rows:
//
//	#  truth pred conf  method latency
//	1  A     A    0.90  m1     10ms   correct
//	2  A     B    0.40  m1     20ms
//	3  B     B    0.80  m2     30ms   correct
//	4  B     A    0.60  m2     40ms
//	5  C     C    0.95  m1     50ms   correct
//	6  A     A    0.20  m2     60ms   correct
func sample() []Outcome {
	ms := time.Millisecond
	return []Outcome{
		{Truth: "A", Predicted: "A", Confidence: 0.90, Method: "m1", Latency: 10 * ms},
		{Truth: "A", Predicted: "B", Confidence: 0.40, Method: "m1", Latency: 20 * ms},
		{Truth: "B", Predicted: "B", Confidence: 0.80, Method: "m2", Latency: 30 * ms},
		{Truth: "B", Predicted: "A", Confidence: 0.60, Method: "m2", Latency: 40 * ms},
		{Truth: "C", Predicted: "C", Confidence: 0.95, Method: "m1", Latency: 50 * ms},
		{Truth: "A", Predicted: "A", Confidence: 0.20, Method: "m2", Latency: 60 * ms},
	}
}

func TestScoreAccuracyAndF1(t *testing.T) {
	r := Score(sample())
	if r.N != 6 || r.Correct != 4 || !near(r.Accuracy, 4.0/6) {
		t.Fatalf("N=%d correct=%d accuracy=%v, want 6, 4, 0.667", r.N, r.Correct, r.Accuracy)
	}
	// A: tp 2 (rows 1, 6), fp 1 (row 4), fn 1 (row 2): P = R = F1 = 2/3.
	// B: tp 1 (row 3), fp 1 (row 2), fn 1 (row 4): P = R = F1 = 1/2.
	// C: tp 1: P = R = F1 = 1.
	want := map[string][4]float64{ // precision, recall, f1, support
		"A": {2.0 / 3, 2.0 / 3, 2.0 / 3, 3},
		"B": {0.5, 0.5, 0.5, 2},
		"C": {1, 1, 1, 1},
	}
	if len(r.Classes) != 3 {
		t.Fatalf("classes = %+v", r.Classes)
	}
	for _, c := range r.Classes {
		w := want[c.Label]
		if !near(c.Precision, w[0]) || !near(c.Recall, w[1]) || !near(c.F1, w[2]) || c.Support != int(w[3]) {
			t.Errorf("%s: got P=%v R=%v F1=%v support=%d, want %v", c.Label, c.Precision, c.Recall, c.F1, c.Support, w)
		}
	}
	if got := []string{r.Classes[0].Label, r.Classes[1].Label, r.Classes[2].Label}; !slices.Equal(got, []string{"A", "B", "C"}) {
		t.Errorf("class order = %v, want by support", got)
	}
	if want := (2.0/3 + 0.5 + 1) / 3; !near(r.MacroF1, want) {
		t.Errorf("macro-F1 = %v, want %v", r.MacroF1, want)
	}
	if got := r.Cumulative; !slices.Equal(got, []int{1, 1, 2, 2, 3, 4}) {
		t.Errorf("cumulative = %v", got)
	}
}

func TestMacroF1CountsPredictedOnlyLabelsNotAbstentions(t *testing.T) {
	r := Score([]Outcome{
		{Truth: "A", Predicted: "A"},
		{Truth: "A", Predicted: "X"}, // X never true: F1 0, still a class
		{Truth: "A", Predicted: ""},  // no answer: not a class
	})
	// A: tp 1, fn 2, fp 0: P 1, R 1/3, F1 0.5. X: F1 0. Macro = 0.25.
	if len(r.Classes) != 2 || !near(r.MacroF1, 0.25) {
		t.Fatalf("classes %+v, macro-F1 %v, want 2 classes and 0.25", r.Classes, r.MacroF1)
	}
	if r.Confusions[0] != (Confusion{Truth: "A", Predicted: "", Count: 1}) {
		t.Errorf("confusions = %+v", r.Confusions)
	}
}

func TestThresholds(t *testing.T) {
	r := Score(sample())
	want := []ThresholdRow{
		{0, 6.0 / 6, 4.0 / 6, 6},
		{0.3, 5.0 / 6, 3.0 / 5, 5}, // rows 1-5
		{0.5, 4.0 / 6, 3.0 / 4, 4}, // rows 1, 3, 4, 5
		{0.6, 4.0 / 6, 3.0 / 4, 4}, // 0.6 itself is included
		{0.7, 3.0 / 6, 1, 3},       // rows 1, 3, 5
		{0.8, 3.0 / 6, 1, 3},
		{0.9, 2.0 / 6, 1, 2}, // rows 1, 5
	}
	if len(r.Thresholds) != len(want) {
		t.Fatalf("thresholds = %+v", r.Thresholds)
	}
	for i, w := range want {
		g := r.Thresholds[i]
		if !near(g.Threshold, w.Threshold) || !near(g.Coverage, w.Coverage) || !near(g.Accuracy, w.Accuracy) || g.Count != w.Count {
			t.Errorf("threshold %v: got %+v, want %+v", w.Threshold, g, w)
		}
	}
	acc, cov, review := r.AtThreshold(0.85)
	if !near(acc, 1) || !near(cov, 2.0/6) || !near(review, 4.0/6) {
		t.Errorf("AtThreshold(0.85) = %v, %v, %v", acc, cov, review)
	}
	acc, cov, review = r.AtThreshold(0.99) // nothing accepted
	if acc != 0 || cov != 0 || review != 1 {
		t.Errorf("AtThreshold(0.99) = %v, %v, %v", acc, cov, review)
	}
	if a, c, rv := (Result{}).AtThreshold(0.5); a != 0 || c != 0 || rv != 0 {
		t.Errorf("empty AtThreshold = %v %v %v", a, c, rv)
	}
}

func TestConfusions(t *testing.T) {
	outs := sample()
	outs = append(outs,
		Outcome{Truth: "C", Predicted: "B"},
		Outcome{Truth: "C", Predicted: "B"},
		Outcome{Truth: "A", Predicted: "B"},
	)
	r := Score(outs)
	want := []Confusion{
		{"A", "B", 2}, // rows 2 and 9
		{"C", "B", 2},
		{"B", "A", 1},
	}
	if !slices.Equal(r.Confusions, want) {
		t.Errorf("confusions = %+v, want %+v", r.Confusions, want)
	}

	// Only the ten most common pairs are kept.
	outs = nil
	for i := range 12 {
		for range 12 - i {
			outs = append(outs, Outcome{Truth: fmt.Sprintf("T%02d", i), Predicted: "P"})
		}
	}
	r = Score(outs)
	if len(r.Confusions) != 10 || r.Confusions[0].Count != 12 || r.Confusions[9].Count != 3 {
		t.Errorf("top 10 = %+v", r.Confusions)
	}
}

func TestMethodsAndPercentiles(t *testing.T) {
	r := Score(sample())
	ms := time.Millisecond
	want := []MethodRow{
		{"m1", 3, 2.0 / 3, 20 * ms, 50 * ms}, // 10, 20, 50
		{"m2", 3, 2.0 / 3, 40 * ms, 60 * ms}, // 30, 40, 60
	}
	if len(r.Methods) != 2 {
		t.Fatalf("methods = %+v", r.Methods)
	}
	for i, w := range want {
		g := r.Methods[i]
		if g.Method != w.Method || g.Count != w.Count || !near(g.Accuracy, w.Accuracy) || g.LatencyP50 != w.LatencyP50 || g.LatencyP99 != w.LatencyP99 {
			t.Errorf("method %d = %+v, want %+v", i, g, w)
		}
	}
	if r.LatencyP50 != 30*ms || r.LatencyP99 != 60*ms {
		t.Errorf("overall p50/p99 = %v/%v, want 30ms/60ms", r.LatencyP50, r.LatencyP99)
	}

	var ds []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		ds = append(ds, time.Duration(i)*ms)
	}
	for p, want := range map[float64]time.Duration{0.5: 50 * ms, 0.99: 99 * ms, 1: 100 * ms, 0.01: 1 * ms, 0.001: 1 * ms} {
		if got := Percentile(ds, p); got != want {
			t.Errorf("Percentile(1..100ms, %v) = %v, want %v", p, got, want)
		}
	}
	if Percentile(nil, 0.5) != 0 {
		t.Error("Percentile(nil) != 0")
	}
	if got := Percentile([]time.Duration{7}, 0.99); got != 7 {
		t.Errorf("single value p99 = %v", got)
	}
}

// memorizer is a fake Online that remembers the label of each description it
// has been corrected on, and logs every call.
type memorizer struct {
	seen    map[string]string
	log     []string
	pending string // ID of the prediction awaiting correction
	next    int
	failOn  string
}

func (m *memorizer) Categorize(_ context.Context, r Row) (Prediction, error) {
	if m.pending != "" {
		return Prediction{}, fmt.Errorf("categorize %q before correcting %s", r.Description, m.pending)
	}
	if r.Description == m.failOn {
		return Prediction{}, errors.New("boom")
	}
	m.next++
	p := Prediction{ID: fmt.Sprintf("p%d", m.next), Method: "default", Category: "GENERAL_MERCHANDISE", Confidence: 0.1, Latency: time.Duration(m.next) * time.Millisecond}
	if l, ok := m.seen[r.Description]; ok {
		p.Category, p.Confidence, p.Method = l, 0.95, "memory"
	}
	m.pending = p.ID
	m.log = append(m.log, "C "+r.Date.Format(time.DateOnly)+" "+r.Description)
	return p, nil
}

func (m *memorizer) Correct(_ context.Context, r Row, p Prediction) error {
	if p.ID != m.pending {
		return fmt.Errorf("correct %s, pending %s", p.ID, m.pending)
	}
	m.pending = ""
	if m.seen == nil {
		m.seen = map[string]string{}
	}
	m.seen[r.Description] = r.Label
	m.log = append(m.log, "K "+r.Label+" "+p.Category)
	return nil
}

func TestRunOnlineOrder(t *testing.T) {
	rows := []Row{ // out of date order on purpose; same-day rows keep file order
		{Line: 2, Date: day("2025-01-03"), Description: "TESCO", Label: "FOOD_AND_DRINK"},
		{Line: 3, Date: day("2025-01-01"), Description: "TESCO", Label: "FOOD_AND_DRINK"},
		{Line: 4, Date: day("2025-01-02"), Description: "SHELL", Label: "TRANSPORTATION"},
		{Line: 5, Date: day("2025-01-02"), Description: "AMAZON", Label: "GENERAL_MERCHANDISE"},
		{Line: 6, Date: day("2025-01-04"), Description: "SHELL", Label: "TRANSPORTATION"},
	}
	m := &memorizer{}
	var progress []int
	r, err := Run(context.Background(), rows, m, func(done, total int) {
		if total != 5 {
			t.Errorf("total = %d", total)
		}
		progress = append(progress, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	wantLog := []string{
		"C 2025-01-01 TESCO", "K FOOD_AND_DRINK GENERAL_MERCHANDISE",
		"C 2025-01-02 SHELL", "K TRANSPORTATION GENERAL_MERCHANDISE",
		"C 2025-01-02 AMAZON", "K GENERAL_MERCHANDISE GENERAL_MERCHANDISE", // confirmed although right
		"C 2025-01-03 TESCO", "K FOOD_AND_DRINK FOOD_AND_DRINK", // learned from the correction
		"C 2025-01-04 SHELL", "K TRANSPORTATION TRANSPORTATION",
	}
	if !slices.Equal(m.log, wantLog) {
		t.Errorf("call log:\n%s\nwant:\n%s", strings.Join(m.log, "\n"), strings.Join(wantLog, "\n"))
	}
	if !slices.Equal(progress, []int{1, 2, 3, 4, 5}) {
		t.Errorf("progress = %v", progress)
	}
	if r.N != 5 || r.Correct != 3 || !slices.Equal(r.Cumulative, []int{0, 0, 1, 2, 3}) {
		t.Errorf("N=%d correct=%d cumulative=%v", r.N, r.Correct, r.Cumulative)
	}
	if lines := []int{r.Outcomes[0].Line, r.Outcomes[1].Line, r.Outcomes[2].Line}; !slices.Equal(lines, []int{3, 4, 5}) {
		t.Errorf("outcome lines = %v", lines)
	}
	if rows[0].Line != 2 {
		t.Error("Run reordered the caller's slice")
	}
	if len(r.Methods) != 2 || r.Methods[0] != (MethodRow{"default", 3, 1.0 / 3, 2 * time.Millisecond, 3 * time.Millisecond}) ||
		r.Methods[1] != (MethodRow{"memory", 2, 1, 4 * time.Millisecond, 5 * time.Millisecond}) {
		t.Errorf("methods = %+v", r.Methods)
	}
	if r.Outcomes[4].Latency != 5*time.Millisecond {
		t.Errorf("reported latency not kept: %v", r.Outcomes[4].Latency)
	}
}

func TestRunErrors(t *testing.T) {
	rows := []Row{
		{Line: 2, Date: day("2025-01-01"), Description: "A", Label: "X"},
		{Line: 3, Date: day("2025-01-02"), Description: "B", Label: "X"},
	}
	r, err := Run(context.Background(), rows, &memorizer{failOn: "B"}, nil)
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v", err)
	}
	if r.N != 1 {
		t.Errorf("partial result N = %d, want 1", r.N)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, rows, &memorizer{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

func TestReadCSV(t *testing.T) {
	in := "\ufeffLabel, Date ,Amount,Description,CURRENCY,extra\n" +
		"Groceries,2025-02-01,-12.50,\"TESCO STORES 2345, LONDON\",gbp,x\n" +
		"TRANSFER_IN,2025-01-15,100,ZELLE FROM J SMITH,USD,y\n" +
		"groceries,2025-01-15,-3.10,PRET A MANGER,GBP,z\n" +
		"\n" +
		"Gas,2025-01-15,-40.00,SHELL,,w\n"
	rows, err := ReadCSV(strings.NewReader(in), map[string]string{"GROCERIES": "FOOD_AND_DRINK", "Gas ": "TRANSPORTATION"})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(rows))
	for i, r := range rows {
		got[i] = fmt.Sprintf("%d %s %s %s %s %s", r.Line, r.Date.Format(time.DateOnly), r.Description, r.Amount, r.Currency, r.Label)
	}
	want := []string{
		"3 2025-01-15 ZELLE FROM J SMITH 100 USD TRANSFER_IN",
		"4 2025-01-15 PRET A MANGER -3.10 GBP FOOD_AND_DRINK",
		"6 2025-01-15 SHELL -40.00  TRANSPORTATION",
		"2 2025-02-01 TESCO STORES 2345, LONDON -12.50 GBP FOOD_AND_DRINK",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadCSVErrors(t *testing.T) {
	const hdr = "date,description,amount,currency,label\n"
	for _, tc := range []struct{ in, want string }{
		{"", "line 1: empty file"},
		{"date,description,amount,label\n", `line 1: missing column "currency"`},
		{"date,description,amount,currency,label,Date\n", `column "date" appears twice`},
		{hdr + "2025-01-01,A,-1.00,USD,X\n2025-13-01,B,-1.00,USD,X\n", `line 3, column "date": invalid date "2025-13-01"`},
		{hdr + "01/02/2025,A,-1.00,USD,X\n", `line 2, column "date"`},
		{hdr + "2025-01-01,A,\"1,234.00\",USD,X\n", `line 2, column "amount": invalid amount "1,234.00"`},
		{hdr + "2025-01-01,A,12.3.4,USD,X\n", `line 2, column "amount"`},
		{hdr + "2025-01-01,A,-1.00,US$,X\n", `line 2, column "currency"`},
		{hdr + "2025-01-01,A,-1.00,USD,\n", `line 2, column "label": empty label`},
		{hdr + "2025-01-01,A,-1.00,USD\n", "line 2: 4 fields, the header has 5"},
		{hdr + "2025-01-01,\"A,-1.00,USD,X\n", "line 2"}, // csv syntax error
	} {
		_, err := ReadCSV(strings.NewReader(tc.in), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadCSV(%q): err = %v, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func TestReadLabelMap(t *testing.T) {
	m, err := ReadLabelMap(strings.NewReader("# comment\nfrom,to\nGroceries, FOOD_AND_DRINK\n\"Gas, Fuel\",TRANSPORTATION\ngroceries,FOOD_AND_DRINK\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 3 || m["Groceries"] != "FOOD_AND_DRINK" || m["Gas, Fuel"] != "TRANSPORTATION" {
		t.Errorf("map = %v", m)
	}
	// No header is fine too.
	if m, err := ReadLabelMap(strings.NewReader("Rent,RENT_AND_UTILITIES\n")); err != nil || m["Rent"] != "RENT_AND_UTILITIES" {
		t.Errorf("headerless: %v %v", m, err)
	}
	for _, tc := range []struct{ in, want string }{
		{"from,to\nA,B,C\n", "line 2: 3 fields"},
		{"from,to\n,B\n", `line 2, column "from": empty`},
		{"from,to\nA,\n", `line 2, column "to": empty`},
		{"from,to\nA,B\na,C\n", `line 3: "a" maps to "B" and to "C"`},
	} {
		_, err := ReadLabelMap(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadLabelMap(%q): err = %v, want %q", tc.in, err, tc.want)
		}
	}
}

var plaid = []string{
	"INCOME", "TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS", "BANK_FEES", "ENTERTAINMENT",
	"FOOD_AND_DRINK", "GENERAL_MERCHANDISE", "HOME_IMPROVEMENT", "MEDICAL", "PERSONAL_CARE",
	"GENERAL_SERVICES", "GOVERNMENT_AND_NON_PROFIT", "TRANSPORTATION", "TRAVEL", "RENT_AND_UTILITIES",
}

func TestTestdata(t *testing.T) {
	f, err := os.Open("testdata/categorize.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := ReadCSV(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 600 {
		t.Errorf("%d rows, want 600", len(rows))
	}
	counts := map[string]int{}
	currencies := map[string]int{}
	for _, r := range rows {
		counts[r.Label]++
		currencies[r.Currency]++
		if !strings.Contains(r.Amount, ".") || len(r.Amount)-strings.Index(r.Amount, ".") != 3 {
			t.Errorf("line %d: amount %q without two decimals", r.Line, r.Amount)
		}
	}
	for _, l := range plaid {
		if counts[l] < 10 {
			t.Errorf("%s: %d rows, want at least 10", l, counts[l])
		}
		delete(counts, l)
	}
	if len(counts) > 0 {
		t.Errorf("labels outside the 16: %v", counts)
	}
	if len(currencies) != 3 || currencies["USD"] == 0 || currencies["GBP"] == 0 || currencies["EUR"] == 0 {
		t.Errorf("currencies = %v", currencies)
	}
	if span := rows[len(rows)-1].Date.Sub(rows[0].Date); span < 150*24*time.Hour {
		t.Errorf("dates span %v, want about six months", span)
	}

	lf, err := os.Open("testdata/label-map.example.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	lm, err := ReadLabelMap(lf)
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]bool{}
	for from, to := range lm {
		if !slices.Contains(plaid, to) {
			t.Errorf("label map: %q -> %q is not a Plaid primary category", from, to)
		}
		targets[to] = true
	}
	if len(targets) != 16 {
		t.Errorf("label map reaches %d of the 16 categories", len(targets))
	}
}

func TestReports(t *testing.T) {
	// A memorizer on the real data set: a learning curve that rises.
	f, err := os.Open("testdata/categorize.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := ReadCSV(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), rows, &memorizer{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := r.Markdown(&md, "Memorizer | baseline", "plot.svg", map[string]string{"seed": "1", "dataset": "testdata/categorize.csv"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# Memorizer | baseline", "| dataset | testdata/categorize.csv |", "![Learning curve and accuracy against coverage](plot.svg)",
		"## Learning curve", "| 2025-01 |", "## Confidence thresholds", "| 0.9 |", "## Methods", "| memory |",
		"## Per class", "| FOOD_AND_DRINK |", "## Most common confusions",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}

	for name, res := range map[string]Result{"run": r, "empty": Score(nil), "one": Score(sample()[:1])} {
		var svg bytes.Buffer
		if err := res.SVG(&svg); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(svg.String(), "<svg") || !strings.Contains(svg.String(), "polyline") && name != "empty" {
			t.Errorf("%s: svg = %.200s", name, svg.String())
		}
		d := xml.NewDecoder(&svg)
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: svg is not well-formed XML: %v", name, err)
			}
		}
		var empty bytes.Buffer
		if err := res.Markdown(&empty, "t", "", nil); err != nil {
			t.Fatal(err)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestReportWriteErrors(t *testing.T) {
	r := Score(sample())
	if err := r.Markdown(failWriter{}, "t", "", nil); err == nil {
		t.Error("Markdown: no error from a failing writer")
	}
	if err := r.SVG(failWriter{}); err == nil {
		t.Error("SVG: no error from a failing writer")
	}
}

// TestFirstSightingsRepeatsAndCalibration: rows of merchants m1 m2 m1 m3 m1; the first
// sightings are rows 1, 2 and 4.
func TestFirstSightingsRepeatsAndCalibration(t *testing.T) {
	rows := []Row{{Line: 2, Label: "A"}, {Line: 3, Label: "B"}, {Line: 4, Label: "A"}, {Line: 5, Label: "C"}, {Line: 6, Label: "A"}}
	preds := map[int]Prediction{
		2: {Category: "B", Confidence: 0.95, Merchant: "m1"}, // wrong, first
		3: {Category: "B", Confidence: 0.15, Merchant: "m2"}, // right, first
		4: {Category: "A", Confidence: 0.91, Merchant: "m1"}, // right, repeat
		5: {Category: "C", Confidence: 0.12, Merchant: "m3"}, // right, first
		6: {Category: "A", Confidence: 0.99, Merchant: "m1"}, // right, repeat
	}
	res, err := Run(context.Background(), rows, scripted(preds), nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := res.FirstSightings; f.N != 3 || f.Correct != 2 || !near(f.Coverage, 1.0/3) || f.AcceptedAccuracy != 0 {
		t.Errorf("first sightings = %+v", f)
	}
	if r := res.Repeats; r.N != 2 || r.Correct != 2 || r.AcceptedAccuracy != 1 {
		t.Errorf("repeats = %+v", r)
	}
	// Bins: 0.1–0.2 holds rows 3 and 5 (mean 0.135, both right): gap 0.865 over 2 rows;
	// 0.9–1.0 holds rows 2, 4, 6 (mean 0.95, two of three right): gap |0.667-0.95| over 3.
	want := (2*0.865 + 3*math.Abs(2.0/3-0.95)) / 5
	if !near(res.ECE, want) {
		t.Errorf("ECE = %v, want %v", res.ECE, want)
	}
	var md bytes.Buffer
	if err := res.Markdown(&md, "t", "", nil); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"| first sightings | 3 | 66.7% |", "| repeats | 2 | 100.0% |", "| 0.9–1.0 | 3 | 95.0% | 66.7% |"} {
		if !strings.Contains(md.String(), s) {
			t.Errorf("report lacks %q", s)
		}
	}
}

type scripted map[int]Prediction

func (s scripted) Categorize(_ context.Context, r Row) (Prediction, error) { return s[r.Line], nil }
func (s scripted) Correct(context.Context, Row, Prediction) error          { return nil }
