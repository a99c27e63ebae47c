package fraud

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// benchCSV renders the generated data set as CSV, the label in column labelAt with the
// given spellings for anomaly and normal.
func benchCSV(t *testing.T, comma rune, labelAt int, anomaly, normal string) (string, int) {
	t.Helper()
	X, labels := forestTestData(21, 2000, 40, 6)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = comma
	header := []string{"f1", "f2", "f3", "f4", "f5", "f6"}
	header = slices.Insert(header, labelAt, "Label")
	if err := w.Write(header); err != nil {
		t.Fatal(err)
	}
	for i, x := range X {
		rec := make([]string, 0, 7)
		for _, v := range x {
			rec = append(rec, strconv.FormatFloat(v, 'g', -1, 64))
		}
		l := normal
		if labels[i] {
			l = anomaly
		}
		rec = slices.Insert(rec, labelAt, l)
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return buf.String(), len(X)
}

func TestBench(t *testing.T) {
	for _, tc := range []struct {
		name            string
		comma           rune
		labelAt         int
		anomaly, normal string
		opt             BenchOptions
	}{
		{"comma, 1/0, default label column", ',', 6, "1", "0", BenchOptions{}},
		{"semicolon, o/n, first column", ';', 0, "o", "n", BenchOptions{LabelColumn: "LABEL"}},
		{"yes/no in the middle", ',', 3, "Yes", "no", BenchOptions{LabelColumn: "label", Params: ForestParams{Trees: 50, Seed: 3}}},
		{"numeric -1/0", ',', 6, "-1", "0.0", BenchOptions{LabelColumn: "label"}},
		{"anomaly/normal", ',', 6, "anomaly", "Normal", BenchOptions{LabelColumn: "label"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, n := benchCSV(t, tc.comma, tc.labelAt, tc.anomaly, tc.normal)
			var calls, last int
			res, err := Bench(strings.NewReader(data), tc.opt, func(done, total int) {
				if total != n || done <= last || done > total {
					t.Fatalf("progress(%d, %d) after %d", done, total, last)
				}
				calls++
				last = done
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != n || res.Features != 6 || res.Anomalies != 40 {
				t.Errorf("rows %d features %d anomalies %d, want %d 6 40", res.Rows, res.Features, res.Anomalies, n)
			}
			if !slices.Equal(res.FeatureNames, []string{"f1", "f2", "f3", "f4", "f5", "f6"}) {
				t.Errorf("feature names %q", res.FeatureNames)
			}
			if res.ROCAUC < 0.95 {
				t.Errorf("ROC-AUC %v, want ≥ 0.95", res.ROCAUC)
			}
			if res.AveragePrecision < 0.5 || res.AveragePrecision > 1 {
				t.Errorf("AP %v", res.AveragePrecision)
			}
			if last != n || calls < 100 || calls > 102 {
				t.Errorf("progress called %d times, last at %d of %d", calls, last, n)
			}
			if res.FitTime <= 0 || res.ScoreTime <= 0 {
				t.Errorf("times %v %v", res.FitTime, res.ScoreTime)
			}
			t.Logf("%+v", res)
		})
	}
}

func TestBenchSmallAndQuoted(t *testing.T) {
	// BOM, quoted header, spaces, no trailing newline, nil progress.
	data := "\ufeff\"a\", b ,class\n1,2,0\n1.5, 2,0\n 2,2.5,0\n100,-100,1\n3,3,false\n2,1,no"
	res, err := Bench(strings.NewReader(data), BenchOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 6 || res.Anomalies != 1 || !slices.Equal(res.FeatureNames, []string{"a", "b"}) {
		t.Fatalf("%+v", res)
	}
	if res.ROCAUC != 1 || res.AveragePrecision != 1 {
		t.Errorf("AUC %v AP %v, want 1 1", res.ROCAUC, res.AveragePrecision)
	}
}

func TestBenchErrors(t *testing.T) {
	for _, tc := range []struct {
		name, data, label string
		want              []string // substrings of the error
	}{
		{"empty", "", "", []string{"empty input"}},
		{"header only", "a,b,label\n", "", []string{"0 data rows"}},
		{"no label column", "a,b,c\n1,2,3\n4,5,6\n", "", []string{"no label column", `"a"`}},
		{"named label missing", "a,b,c\n1,2,3\n", "outcome", []string{`no column "outcome"`}},
		{"only label", "label\n1\n0\n", "", []string{"no feature columns"}},
		{"non-numeric", "a,b,label\n1,2,0\n3,x7,1\n", "", []string{"line 3", "column 2", `"b"`, `"x7"`, "not a finite number"}},
		{"empty cell", "a;b;label\n1;2;0\n3;;1\n", "", []string{"line 3", "column 2"}},
		{"NaN cell", "a,b,label\n1,NaN,0\n3,4,1\n", "", []string{"line 2", "column 2", "NaN"}},
		{"bad label", "a,b,label\n1,2,0\n3,4,maybe\n", "", []string{"line 3", "column 3", `"maybe"`}},
		{"field count", "a,b,label\n1,2,0\n3,4\n", "", []string{"line 3", "2 fields", "header has 3"}},
		{"bare quote", "a,b,label\n1,2,0\n3,4\"x,1\n", "", []string{"line 3"}},
		{"one class", "a,b,label\n1,2,0\n3,4,0\n", "", []string{"0 of 2 rows", "both classes"}},
		{"duplicate label", "label,b,LABEL\n1,2,0\n", "", []string{"both named"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Bench(strings.NewReader(tc.data), BenchOptions{LabelColumn: tc.label}, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			t.Log(err)
		})
	}
}

func TestParseLabel(t *testing.T) {
	for s, want := range map[string]bool{
		"1": true, "0": false, "TRUE": true, "false": false, "yes": true, "No": false,
		"o": true, "n": false, "anomaly": true, "normal": false, "outlier": true, "inlier": false,
		"2": true, "-1": true, "0.0": false, "1e-9": true,
	} {
		got, ok := parseLabel(s)
		if !ok || got != want {
			t.Errorf("parseLabel(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "maybe", "NaN", "x"} {
		if _, ok := parseLabel(s); ok {
			t.Errorf("parseLabel(%q) accepted", s)
		}
	}
}
