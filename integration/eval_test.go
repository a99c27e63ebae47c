package integration

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aithena/aithena/eval"
)

// TestOnlineEvaluation runs each shipped labelled set through the real pipeline the way
// `aithena eval categorize` does and keeps an accuracy floor on each, a little below the
// figures in docs/categorization-eval*.md, so that a regression fails here: the generated
// set, and the held-out set the knowledge base was never built or tuned from.
func TestOnlineEvaluation(t *testing.T) {
	sets := []struct {
		file             string
		accuracy, first  float64
		memoryMustAnswer bool
	}{
		{"../eval/testdata/categorize.csv", 0.88, 0.82, true},
		{"../eval/testdata/heldout-world.csv", 0.91, 0.90, false},
	}
	for _, set := range sets {
		t.Run(set.file, func(t *testing.T) {
			f, err := os.Open(set.file)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := eval.ReadCSV(f, nil)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			u := newUser(t)
			acct, err := deps.Store.Account(context.Background(), u.ID, "checking")
			if err != nil {
				t.Fatal(err)
			}
			res, err := eval.Run(context.Background(), rows, &eval.Pipeline{Ledger: deps.Ledger, Store: deps.Store, UserID: u.ID, AccountID: acct.ID}, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: accuracy %.3f, first sightings %.3f of %d, repeats %.3f of %d, ECE %.3f",
				set.file, res.Accuracy, res.FirstSightings.Accuracy, res.FirstSightings.N, res.Repeats.Accuracy, res.Repeats.N, res.ECE)
			if res.N != len(rows) || res.Accuracy < set.accuracy {
				t.Errorf("accuracy %.3f on %d rows, floor %.2f", res.Accuracy, res.N, set.accuracy)
			}
			if res.FirstSightings.Accuracy < set.first {
				t.Errorf("first sightings %.3f, floor %.2f", res.FirstSightings.Accuracy, set.first)
			}
			memory := 0
			for _, m := range res.Methods {
				if m.Method == "merchant_memory" {
					memory = m.Count
				}
			}
			if set.memoryMustAnswer && memory == 0 {
				t.Error("corrections taught the merchant memory nothing")
			}
			if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1 AND category_confirmed`, u.ID); n != len(rows) {
				t.Errorf("%d confirmed, want every row corrected", n)
			}
		})
	}
}

// The offline commands open only PostgreSQL: with Temporal and Redis unreachable they still
// run (a command opens only what it uses).
func TestOfflineCommandsNeedNoTemporalOrRedis(t *testing.T) {
	bin := os.Getenv("AITHENA_BIN")
	if bin == "" {
		t.Fatal("AITHENA_BIN must name the built binary (make test sets it)")
	}
	csv := filepath.Join(t.TempDir(), "rows.csv")
	b, err := os.ReadFile("../eval/testdata/categorize.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfterN(string(b), "\n", 22)
	if err := os.WriteFile(csv, []byte(strings.Join(lines[:21], "")), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "eval", "categorize", "--csv", csv)
	cmd.Env = append(os.Environ(), "TEMPORAL_ADDRESS=127.0.0.1:1", "REDIS_URL=redis://127.0.0.1:1/0")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "accuracy") {
		t.Fatalf("eval categorize without Temporal and Redis: %v\n%s", err, out)
	}
}
