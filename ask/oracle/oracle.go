// Package oracle computes the expected answers to ask.EvalQuestions independently of the
// answering SQL: it reads the user's transactions and budgets with a plain SELECT and works
// every number out in Go. integration/ask_test.go requires every offline answer to match it,
// and `aithena eval ask` uses it to report exact-answer accuracy on real data.
package oracle

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/ask"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pgvector/pgvector-go"
)

// Check verifies the answer to one question; Verify returns nil when the answer is exact.
type Check struct {
	Question string
	Verify   func(r ask.Result) error
}

// Checks loads userID's rows and budgets and returns one Check per ask.EvalQuestions entry, in
// order. now is the time the questions are asked at (the same one given to ask.Ask): its
// calendar day, in its own location, is "today". It is an error for a question to have no
// expectation.
func Checks(ctx context.Context, pool *pgxpool.Pool, userID uuid.UUID, now time.Time) ([]Check, error) {
	rows, err := loadRows(ctx, pool, userID)
	if err != nil {
		return nil, fmt.Errorf("oracle: transactions: %w", err)
	}
	budgets, err := loadBudgets(ctx, pool, userID)
	if err != nil {
		return nil, fmt.Errorf("oracle: budgets: %w", err)
	}
	e := &env{ctx: ctx, rows: rows, day0: date(now.Year(), now.Month(), now.Day()), budgets: budgets}
	want := e.expectations()
	out := make([]Check, 0, len(ask.EvalQuestions))
	for _, q := range ask.EvalQuestions {
		w, ok := want[q]
		if !ok {
			return nil, fmt.Errorf("oracle: no expectation for %q", q)
		}
		out = append(out, Check{Question: q, Verify: func(r ask.Result) error { return e.verify(userID, w, r) }})
	}
	return out, nil
}

// verify requires the expected intent, at most 20 rows, a query scoped to the user and the
// numbers of the expectation.
func (e *env) verify(userID uuid.UUID, w expectation, r ask.Result) error {
	switch {
	case r.Intent != w.intent:
		return fmt.Errorf("intent %s, want %s", r.Intent, w.intent)
	case len(r.Rows) > 20:
		return fmt.Errorf("%d rows", len(r.Rows))
	case !strings.Contains(r.Query, "t.user_id = $1") && !strings.Contains(r.Query, "b.user_id = $1"),
		!strings.Contains(r.Query, "$1 = '"+userID.String()+"'"):
		return fmt.Errorf("query not scoped to the user: %s", r.Query)
	}
	return w.check(e, r)
}

// row is one stored transaction, read with a plain SELECT of everything the user has.
type row struct {
	ID                           uuid.UUID
	Day                          time.Time
	Amount                       int64
	Currency, Merchant, Key, Cat string
	Status, Model                string
	Embedding                    []float32
}

func loadRows(ctx context.Context, pool *pgxpool.Pool, userID uuid.UUID) ([]row, error) {
	rows, err := pool.Query(ctx, `SELECT id, posted_at, amount_minor, currency, merchant,
		merchant_key, category, status, embedding_model, embedding FROM transactions WHERE user_id = $1`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []row
	for rows.Next() {
		var r row
		var v pgvector.Vector
		if err := rows.Scan(&r.ID, &r.Day, &r.Amount, &r.Currency, &r.Merchant, &r.Key, &r.Cat, &r.Status, &r.Model, &v); err != nil {
			return nil, err
		}
		r.Embedding = v.Slice()
		out = append(out, r)
	}
	return out, rows.Err()
}

// budget is a monthly budget as stored.
type budget struct {
	amount   int64
	currency string
}

func loadBudgets(ctx context.Context, pool *pgxpool.Pool, userID uuid.UUID) (map[string]budget, error) {
	rows, err := pool.Query(ctx, `SELECT category, amount_minor, currency FROM budgets WHERE user_id = $1`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]budget{}
	for rows.Next() {
		var c string
		var b budget
		if err := rows.Scan(&c, &b.amount, &b.currency); err != nil {
			return nil, err
		}
		out[c] = b
	}
	return out, rows.Err()
}
