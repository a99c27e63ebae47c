package integration

import (
	"bytes"
	"context"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aithena/aithena/ask"
	"github.com/aithena/aithena/ask/oracle"
	"github.com/aithena/aithena/seed"
)

// TestAskEvaluation asks every evaluation question of six months of seeded data and requires
// every answer to be exact against the expectations package oracle computes from the raw rows.
func TestAskEvaluation(t *testing.T) {
	ctx := context.Background()
	u := newUser(t)
	budgets := map[string]int64{"FOOD_AND_DRINK": 40000, "TRANSPORTATION": 15000, "ENTERTAINMENT": 5000}
	for c, a := range budgets {
		if err := deps.Store.SetBudget(ctx, u.ID, c, a, "USD"); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := seed.WriteCSV(&buf, seed.Generate(time.Now().AddDate(0, 0, -1), 6, 42)); err != nil {
		t.Fatal(err)
	}
	if _, st := u.importCSV(buf.String()); st.Progress.Status != "completed" || st.Progress.Accepted < 900 {
		t.Fatalf("import: %+v", st.Progress)
	}
	// A payment in another currency: totals must report it beside the dollars, never add it.
	eur := u.wait(u.postAt("ask-eur", today(), "12:00", "-45.00", "EUR", "CAFE DE FLORE PARIS"))
	// The owner's fraud verdict on last month's largest payment takes it out of every answer.
	if _, err := deps.Store.Pool.Exec(ctx, `UPDATE transactions SET status = 'fraud' WHERE id = (
		SELECT id FROM transactions WHERE user_id = $1 AND amount_minor < 0
		  AND posted_at >= date_trunc('month', current_date) - interval '1 month' AND posted_at < date_trunc('month', current_date)
		ORDER BY amount_minor LIMIT 1)`, u.ID); err != nil {
		t.Fatal(err)
	}

	// A second user with data of their own, asked the same way.
	other := newUser(t)
	buf.Reset()
	if err := seed.WriteCSV(&buf, seed.Generate(time.Now().AddDate(0, 0, -1), 2, 43)); err != nil {
		t.Fatal(err)
	}
	if _, st := other.importCSV(buf.String()); st.Progress.Status != "completed" {
		t.Fatalf("second import: %+v", st.Progress)
	}

	// The oracle reads the budgets back from the table: they must be the ones set above.
	stored := map[string]int64{}
	brows, err := deps.Store.Pool.Query(ctx, `SELECT category, amount_minor FROM budgets WHERE user_id = $1 AND currency = 'USD'`, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	for brows.Next() {
		var c string
		var a int64
		if err := brows.Scan(&c, &a); err != nil {
			t.Fatal(err)
		}
		stored[c] = a
	}
	if brows.Close(); brows.Err() != nil || !maps.Equal(stored, budgets) {
		t.Fatalf("stored budgets %v (%v), want %v", stored, brows.Err(), budgets)
	}

	now := time.Now()
	checks, err := oracle.Checks(ctx, deps.Store.Pool, u.ID, now)
	if err != nil {
		t.Fatal(err)
	}

	exact := 0
	var lat []time.Duration
	for _, c := range checks {
		start := time.Now()
		r, err := ask.Ask(ctx, deps.Store, u.ID, c.Question, now)
		lat = append(lat, time.Since(start))
		if err != nil {
			t.Errorf("%q: %v", c.Question, err)
			continue
		}
		if err := c.Verify(r); err != nil {
			t.Errorf("%q: %v\n  answer: %s\n  query: %s", c.Question, err, r.Text, r.Query)
			continue
		}
		exact++
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(math.Ceil(p*float64(len(lat))))-1] }
	t.Logf("ask offline: %d/%d exact (%.1f%%), latency p50 %v, p99 %v", exact, len(ask.EvalQuestions),
		100*float64(exact)/float64(len(ask.EvalQuestions)), pct(0.5), pct(0.99))
	if exact != len(ask.EvalQuestions) {
		t.Errorf("accuracy must be 100%% for the offline parser")
	}

	// The foreign payment shows as its own total.
	r, err := ask.Ask(ctx, deps.Store, u.ID, "How much did I spend today?", now)
	if err != nil || !strings.Contains(r.Text, "45.00 EUR") {
		t.Errorf("foreign currency not reported: %q %v", r.Text, err)
	}

	// Tenant isolation: the other user's answers come from their rows only.
	ochecks, err := oracle.Checks(ctx, deps.Store.Pool, other.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	theirCheck := map[string]oracle.Check{}
	for _, c := range ochecks {
		theirCheck[c.Question] = c
	}
	for _, q := range []string{"How much did I spend last month?", "How much did I spend this month?", "Where did I spend the most last month?"} {
		mine, err1 := ask.Ask(ctx, deps.Store, u.ID, q, now)
		theirs, err2 := ask.Ask(ctx, deps.Store, other.ID, q, now)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if err := theirCheck[q].Verify(theirs); err != nil {
			t.Errorf("other user, %q: %v", q, err)
		}
		if *mine.Value == *theirs.Value {
			t.Errorf("%q: both users get %d", q, *mine.Value)
		}
	}
	v, err := deps.Store.AskVocabulary(ctx, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(v.Merchants, eur.Merchant) {
		t.Errorf("the other user's vocabulary has %q, a merchant only the first user has", eur.Merchant)
	}
	like, err := ask.Ask(ctx, deps.Store, other.ID, "transactions like "+eur.Merchant, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range like.Rows {
		if row.ID == eur.ID {
			t.Errorf("the other user's similar transactions include the first user's %s", eur.ID)
		}
	}
}
