package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/aithena/aithena/fraud"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// atExpr is a payment's moment: its time when the client sent one, else noon of its date.
const atExpr = `coalesce(occurred_at, posted_at + interval '12 hours')`

// FraudHistory is fraud.History for a payment from the owner's stored payments before at,
// other than the payment itself. It must agree with fraud.Builder; a test checks that it does.
func (s *Store) FraudHistory(ctx context.Context, userID uuid.UUID, excludeKey string, at time.Time, merchantKey, category string) (fraud.History, error) {
	var h fraud.History
	var last *time.Time
	err := s.Pool.QueryRow(ctx, `
		SELECT (SELECT currency FROM users WHERE id = $1),
		       count(*) FILTER (WHERE merchant_key = $4),
		       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(amount_minor)) FILTER (WHERE merchant_key = $4), 0),
		       count(*) FILTER (WHERE category = $5),
		       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(amount_minor)) FILTER (WHERE category = $5), 0),
		       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(amount_minor)), 0),
		       max(at) FILTER (WHERE merchant_key = $4),
		       count(*) FILTER (WHERE at >= $3::timestamptz - interval '1 hour'),
		       count(*) FILTER (WHERE at >= $3::timestamptz - interval '24 hours'),
		       coalesce(sum(abs(amount_minor)) FILTER (WHERE at >= $3::timestamptz - interval '24 hours'), 0)::float8
		FROM (SELECT amount_minor, merchant_key, category, `+atExpr+` AS at FROM transactions
		      WHERE user_id = $1 AND amount_minor < 0 AND idempotency_key <> $2) p
		WHERE at <= $3`, userID, excludeKey, at, merchantKey, category).
		Scan(&h.HomeCurrency, &h.MerchantCount, &h.MerchantMedian, &h.CategoryCount, &h.CategoryMedian, &h.OverallMedian, &last,
			&h.Count1h, &h.Count24h, &h.Sum24h)
	if last != nil {
		h.LastAtMerchant = *last
	}
	return h, err
}

// Payments returns the user's payments (money out) in time order, at most limit of the latest.
func (s *Store) Payments(ctx context.Context, userID uuid.UUID, limit int) ([]fraud.Txn, error) {
	rows, err := s.Pool.Query(ctx, `SELECT at, amount_minor, currency, merchant_key, category FROM (
		SELECT `+atExpr+` AS at, amount_minor, currency, merchant_key, category, created_at FROM transactions
		WHERE user_id = $1 AND amount_minor < 0 ORDER BY at DESC, created_at DESC LIMIT $2) p
		ORDER BY at, created_at`, userID, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (fraud.Txn, error) {
		var t fraud.Txn
		return t, r.Scan(&t.At, &t.AmountMinor, &t.Currency, &t.MerchantKey, &t.Category)
	})
}

// PayerCount is a user with the number of their payments.
type PayerCount struct {
	UserID   uuid.UUID
	Currency string
	Payments int
}

// Payers lists the users who have payments, most first.
func (s *Store) Payers(ctx context.Context) ([]PayerCount, error) {
	rows, err := s.Pool.Query(ctx, `SELECT u.id, u.currency, count(*) FROM transactions t JOIN users u ON u.id = t.user_id
		WHERE t.amount_minor < 0 GROUP BY u.id, u.currency ORDER BY count(*) DESC, u.id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (PayerCount, error) {
		var p PayerCount
		return p, r.Scan(&p.UserID, &p.Currency, &p.Payments)
	})
}

// User returns a user.
func (s *Store) User(ctx context.Context, id uuid.UUID) (User, error) {
	var u User
	err := s.Pool.QueryRow(ctx, `SELECT id, name, email, currency FROM users WHERE id = $1`, id).Scan(&u.ID, &u.Name, &u.Email, &u.Currency)
	return u, notFound(err)
}

// UserByEmail returns a user.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var u User
	err := s.Pool.QueryRow(ctx, `SELECT id, name, email, currency FROM users WHERE email = $1`, email).Scan(&u.ID, &u.Name, &u.Email, &u.Currency)
	return u, notFound(err)
}

// FraudModel is a stored model version; UserID nil is the global model.
type FraudModel struct {
	ID          int64
	UserID      *uuid.UUID
	Version     int
	Features    []string
	Trees       int
	SampleSize  int
	Seed        uint64
	TrainedRows int
	Threshold   float64
	Model       []byte
	CreatedAt   time.Time
}

// SaveFraudModel stores a new version for the model's scope and returns the version.
func (s *Store) SaveFraudModel(ctx context.Context, m FraudModel) (int, error) {
	var v int
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// One writer per scope at a time, so versions never collide.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('fraud_models:' || coalesce($1::text, 'global')))`, m.UserID); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO fraud_models (user_id, version, format, features, trees, sample_size, seed,
			trained_rows, threshold, model)
			SELECT $1, coalesce(max(version), 0) + 1, 1, $2, $3, $4, $5, $6, $7, $8 FROM fraud_models
			WHERE user_id IS NOT DISTINCT FROM $1 RETURNING version`,
			m.UserID, m.Features, m.Trees, m.SampleSize, int64(m.Seed), m.TrainedRows, m.Threshold, m.Model).Scan(&v)
	})
	return v, err
}

// LatestFraudModel returns the user's newest model, or the newest global one when the user
// has none yet (cold start). ErrNotFound when there is no model at all.
func (s *Store) LatestFraudModel(ctx context.Context, userID uuid.UUID) (FraudModel, error) {
	var m FraudModel
	var seed int64
	err := s.Pool.QueryRow(ctx, `SELECT id, user_id, version, features, trees, sample_size, seed, trained_rows, threshold,
		model, created_at FROM fraud_models WHERE user_id = $1 OR user_id IS NULL
		ORDER BY user_id IS NULL, version DESC LIMIT 1`, userID).
		Scan(&m.ID, &m.UserID, &m.Version, &m.Features, &m.Trees, &m.SampleSize, &seed, &m.TrainedRows, &m.Threshold, &m.Model, &m.CreatedAt)
	m.Seed = uint64(seed)
	return m, notFound(err)
}

// LatestFraudModelID is the ID of the model LatestFraudModel would return: a cheap check
// whether a cached model is still the newest.
func (s *Store) LatestFraudModelID(ctx context.Context, userID uuid.UUID) (int64, error) {
	var id int64
	err := s.Pool.QueryRow(ctx, `SELECT id FROM fraud_models WHERE user_id = $1 OR user_id IS NULL
		ORDER BY user_id IS NULL, version DESC LIMIT 1`, userID).Scan(&id)
	return id, notFound(err)
}

// SetVerdict records the owner's verdict as a label and updates the transaction: "fraud"
// marks it fraud, "legit" clears the flag. Open fraud alerts about it are resolved. Giving
// the same verdict twice changes nothing.
func (s *Store) SetVerdict(ctx context.Context, userID, txnID uuid.UUID, verdict vocab.Verdict, source string) (Transaction, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var status vocab.Status
		if err := tx.QueryRow(ctx, `SELECT status FROM transactions WHERE user_id = $1 AND id = $2 FOR UPDATE`, userID, txnID).Scan(&status); err != nil {
			return notFound(err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO fraud_labels (transaction_id, user_id, verdict, source) VALUES ($1, $2, $3, $4)
			ON CONFLICT (transaction_id) DO UPDATE SET verdict = EXCLUDED.verdict, source = EXCLUDED.source, updated_at = now()
			WHERE fraud_labels.verdict <> EXCLUDED.verdict`, txnID, userID, verdict, source); err != nil {
			return err
		}
		next := vocab.StatusFraud
		if verdict == vocab.VerdictLegit {
			next = vocab.StatusCategorized
			if status != vocab.StatusFlagged && status != vocab.StatusEscalated && status != vocab.StatusFraud {
				next = status
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE transactions SET status = $3, step = $4, updated_at = now()
			WHERE user_id = $1 AND id = $2 AND (status <> $3 OR step <> $4)`, userID, txnID, next, vocab.StepDone); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE alerts SET status = $5, updated_at = now() WHERE user_id = $1 AND transaction_id = $2
			AND kind IN ($3, $4) AND status = $6`, userID, txnID, vocab.AlertFraudSuspected, vocab.AlertFraudEscalated,
			vocab.AlertResolved, vocab.AlertOpen)
		return err
	})
	if err != nil {
		return Transaction{}, err
	}
	return s.Transaction(ctx, userID, txnID)
}

// Verdict returns the owner's verdict on a transaction, "" when there is none.
func (s *Store) Verdict(ctx context.Context, userID, txnID uuid.UUID) (vocab.Verdict, error) {
	var v vocab.Verdict
	err := s.Pool.QueryRow(ctx, `SELECT verdict FROM fraud_labels WHERE user_id = $1 AND transaction_id = $2`, userID, txnID).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// Escalate marks a flagged transaction that got no verdict in time.
func (s *Store) Escalate(ctx context.Context, userID, txnID uuid.UUID) (bool, error) {
	tag, err := s.Pool.Exec(ctx, `UPDATE transactions SET status = $3, step = $5, updated_at = now()
		WHERE user_id = $1 AND id = $2 AND status = $4`, userID, txnID, vocab.StatusEscalated, vocab.StatusFlagged, vocab.StepDone)
	return tag.RowsAffected() == 1, err
}

func marshalReasons(c []fraud.Contribution) []byte {
	if c == nil {
		return []byte("[]")
	}
	b, _ := json.Marshal(c)
	return b
}
