package eval

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/store"
	"github.com/google/uuid"
)

// Pipeline is the system under test: each row runs through the real pipeline steps
// (ledger.Ingest, as an import does) for one user, and the owner's correction goes through
// the same store call as PATCH /v1/transactions/{id}.
type Pipeline struct {
	Ledger    *ledger.Service
	Store     *store.Store
	UserID    uuid.UUID
	AccountID uuid.UUID
}

func key(r Row) string { return fmt.Sprintf("eval:%d", r.Line) }

// Categorize implements Online.
func (p *Pipeline) Categorize(ctx context.Context, r Row) (Prediction, error) {
	posted, at, amount, currency, err := ledger.Parse(ledger.Raw{Date: r.Date.Format("2006-01-02"), Amount: r.Amount,
		Currency: r.Currency, Description: r.Description}, "", time.Now())
	if err != nil {
		return Prediction{}, fmt.Errorf("line %d: %w", r.Line, err)
	}
	id := ledger.TransactionID(p.UserID, key(r))
	out, err := p.Ledger.Ingest(ctx, ledger.Submission{TransactionID: id, UserID: p.UserID, AccountID: p.AccountID,
		IdempotencyKey: key(r), PostedAt: posted, OccurredAt: at, AmountMinor: amount, Currency: currency,
		Description: strings.TrimSpace(r.Description), WorkflowID: "eval"}, time.Now())
	if err != nil {
		return Prediction{}, fmt.Errorf("line %d: %w", r.Line, err)
	}
	t := out.Transaction
	return Prediction{ID: t.ID.String(), Category: t.Category, Confidence: t.Confidence, Method: t.Method,
		Latency: out.Decision.Latency, Merchant: t.MerchantKey}, nil
}

// Correct implements Online.
func (p *Pipeline) Correct(ctx context.Context, r Row, _ Prediction) error {
	if _, err := p.Store.Correct(ctx, p.UserID, ledger.TransactionID(p.UserID, key(r)), r.Label); err != nil {
		return fmt.Errorf("correct line %d to %s: %w", r.Line, r.Label, err)
	}
	return nil
}
