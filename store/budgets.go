package store

import (
	"context"
	"time"

	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Budget is a monthly limit for a category, with this month's spending against it.
type Budget struct {
	Category    string    `json:"category"`
	AmountMinor int64     `json:"amount_minor"`
	Currency    string    `json:"currency"`
	SpentMinor  int64     `json:"spent_minor"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// SetBudget stores the monthly budget of a category; setting it again replaces it.
func (s *Store) SetBudget(ctx context.Context, userID uuid.UUID, category string, amountMinor int64, currency string) error {
	_, err := s.Pool.Exec(ctx, `INSERT INTO budgets (user_id, category, amount_minor, currency) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id, category) DO UPDATE SET amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency, updated_at = now()`,
		userID, category, amountMinor, currency)
	return err
}

// DeleteBudget removes a category's budget; removing one that is not there is fine.
func (s *Store) DeleteBudget(ctx context.Context, userID uuid.UUID, category string) error {
	_, err := s.Pool.Exec(ctx, `DELETE FROM budgets WHERE user_id = $1 AND category = $2`, userID, category)
	return err
}

// Budgets lists the user's budgets with what was spent (money out, in the budget's currency)
// in the month that contains asOf.
func (s *Store) Budgets(ctx context.Context, userID uuid.UUID, asOf time.Time) ([]Budget, error) {
	month := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	rows, err := s.Pool.Query(ctx, `SELECT b.category, b.amount_minor, b.currency, b.updated_at,
		coalesce((SELECT -sum(t.amount_minor) FROM transactions t WHERE t.user_id = b.user_id AND t.category = b.category
			AND t.currency = b.currency AND t.amount_minor < 0 AND t.status <> `+quote(vocab.StatusFraud)+`
			AND t.posted_at >= $2 AND t.posted_at < $2::date + interval '1 month'), 0)::bigint
		FROM budgets b WHERE b.user_id = $1 ORDER BY b.category`, userID, month)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Budget, error) {
		var b Budget
		return b, r.Scan(&b.Category, &b.AmountMinor, &b.Currency, &b.UpdatedAt, &b.SpentMinor)
	})
}

// SetAlertStatus marks one of the user's alerts read or dismissed.
func (s *Store) SetAlertStatus(ctx context.Context, userID, id uuid.UUID, status vocab.AlertState) (Alert, error) {
	var a Alert
	err := s.Pool.QueryRow(ctx, `UPDATE alerts a SET status = $3, updated_at = now() WHERE user_id = $1 AND id = $2
		RETURNING `+alertColumns, userID, id, status).Scan(a.fields()...)
	return a, notFound(err)
}
