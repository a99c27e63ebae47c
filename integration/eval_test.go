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

// TestOnlineEvaluation runs the shipped labelled set's first rows through the real pipeline
// the way `aithena eval categorize` does, and checks the chain learns from corrections.
func TestOnlineEvaluation(t *testing.T) {
	f, err := os.Open("../eval/testdata/categorize.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := eval.ReadCSV(f, nil)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[:200]
	u := newUser(t)
	acct, err := deps.Store.Account(context.Background(), u.ID, "checking")
	if err != nil {
		t.Fatal(err)
	}
	res, err := eval.Run(context.Background(), rows, &eval.Pipeline{Ledger: deps.Ledger, Store: deps.Store, UserID: u.ID, AccountID: acct.ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.N != 200 || res.Accuracy < 0.75 {
		t.Fatalf("accuracy %.3f on %d rows", res.Accuracy, res.N)
	}
	memory := 0
	for _, m := range res.Methods {
		if m.Method == "merchant_memory" {
			memory = m.Count
		}
	}
	if memory == 0 {
		t.Fatal("corrections taught the merchant memory nothing")
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1 AND category_confirmed`, u.ID); n != 200 {
		t.Fatalf("%d confirmed, want every row corrected", n)
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
