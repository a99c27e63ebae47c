package integration

import (
	"context"
	"fmt"
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

// TestRuleSuggestionsFromCorrections: two merchants of one family corrected the same way
// suggest a rule for the family, and the family's next merchant follows the corrections.
func TestRuleSuggestionsFromCorrections(t *testing.T) {
	u := newUser(t)
	for i, desc := range []string{"BRIGHTWATER MARINA DOCK FEES", "BRIGHTWATER HARBOUR MOORING"} {
		tx := u.wait(u.post(fmt.Sprintf("fam%d", i), today(), "-12.00", desc))
		if r := u.do("PATCH", "/v1/transactions/"+tx.ID, map[string]string{"category": "TRAVEL"}); r.Status != 200 {
			t.Fatalf("correct: %d %s", r.Status, r.Body)
		}
	}
	var got struct {
		Data []struct {
			Pattern     string `json:"pattern"`
			Category    string `json:"category"`
			Corrections int    `json:"corrections"`
		} `json:"data"`
	}
	u.do("GET", "/v1/rules/suggestions", nil).json(t, &got)
	if len(got.Data) == 0 || got.Data[0].Pattern != "brightwater" || got.Data[0].Category != "TRAVEL" || got.Data[0].Corrections != 2 {
		t.Fatalf("suggestions = %+v, want brightwater → TRAVEL from 2 corrections", got.Data)
	}
	next := u.wait(u.post("fam3", today(), "-9.00", "BRIGHTWATER LOCKS PASSAGE"))
	var detail struct {
		Category string `json:"category"`
		Method   string `json:"method"`
	}
	u.do("GET", "/v1/transactions/"+next.ID, nil).json(t, &detail)
	if detail.Category != "TRAVEL" {
		t.Fatalf("the family's next merchant got %s by %s, want TRAVEL from the corrections", detail.Category, detail.Method)
	}
}
