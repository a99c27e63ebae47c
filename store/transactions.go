package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/fraud"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"
)

// Transaction is a stored transaction.
type Transaction struct {
	ID                  uuid.UUID
	UserID              uuid.UUID
	AccountID           uuid.UUID
	Account             string
	IdempotencyKey      string
	ImportID            *uuid.UUID
	PostedAt            time.Time
	AmountMinor         int64
	Currency            string
	RawDescription      string
	Merchant            string
	MerchantKey         string
	Category            string
	Confidence          float64
	Method              string
	Explanation         string
	Confirmed           bool
	Status              vocab.Status
	Step                vocab.Step
	PossibleDuplicateOf *uuid.UUID
	WorkflowID          string
	CreatedAt           time.Time
	UpdatedAt           time.Time
	OccurredAt          *time.Time
	FraudScore          *float64
	FraudReasons        []fraud.Contribution
	FraudModelVersion   *int
}

// NewTransaction is what the pipeline persists.
type NewTransaction struct {
	ID                  uuid.UUID
	UserID              uuid.UUID
	AccountID           uuid.UUID
	IdempotencyKey      string
	ImportID            *uuid.UUID
	PostedAt            time.Time
	AmountMinor         int64
	Currency            string
	RawDescription      string
	Merchant            string
	MerchantKey         string
	Status              vocab.Status
	PossibleDuplicateOf *uuid.UUID
	Embedding           []float32
	EmbeddingModel      string
	WorkflowID          string
	Decision            categorize.Decision
	OccurredAt          *time.Time
	Fraud               *FraudScore
}

// FraudScore is a payment's anomaly score and what drove it.
type FraudScore struct {
	Score        float64              `json:"score"`
	Reasons      []fraud.Contribution `json:"reasons"`
	ModelVersion int                  `json:"model_version"`
	Global       bool                 `json:"global_model"`
	Flagged      bool                 `json:"flagged"`
}

const txnColumns = `t.id, t.user_id, t.account_id, a.name, t.idempotency_key, t.import_id, t.posted_at,
	t.amount_minor, t.currency, t.raw_description, t.merchant, t.merchant_key, t.category,
	t.category_confidence, t.category_method, t.category_explanation, t.category_confirmed,
	t.status, t.step, t.possible_duplicate_of, t.workflow_id, t.created_at, t.updated_at,
	t.occurred_at, t.fraud_score, t.fraud_reasons, t.fraud_model_version`

func scanTxn(r pgx.Row) (Transaction, error) {
	var t Transaction
	var conf float32
	var score *float32
	var reasons []byte
	err := r.Scan(&t.ID, &t.UserID, &t.AccountID, &t.Account, &t.IdempotencyKey, &t.ImportID, &t.PostedAt,
		&t.AmountMinor, &t.Currency, &t.RawDescription, &t.Merchant, &t.MerchantKey, &t.Category,
		&conf, &t.Method, &t.Explanation, &t.Confirmed,
		&t.Status, &t.Step, &t.PossibleDuplicateOf, &t.WorkflowID, &t.CreatedAt, &t.UpdatedAt,
		&t.OccurredAt, &score, &reasons, &t.FraudModelVersion)
	if err != nil {
		return t, err
	}
	t.Confidence = float64(conf)
	if score != nil {
		f := float64(*score)
		t.FraudScore = &f
	}
	return t, json.Unmarshal(reasons, &t.FraudReasons)
}

// InsertTransaction stores a transaction and its categorization decision in one database
// transaction. A second insert with the same (user, idempotency key) changes nothing and
// returns the existing row with inserted=false: retries never create a second transaction.
func (s *Store) InsertTransaction(ctx context.Context, n NewTransaction) (Transaction, bool, error) {
	var inserted bool
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		d := n.Decision
		var score *float64
		var reasons []fraud.Contribution
		var version *int
		var flagged bool
		if f := n.Fraud; f != nil {
			score, reasons, version, flagged = &f.Score, f.Reasons, &f.ModelVersion, f.Flagged
		}
		tag, err := tx.Exec(ctx, `
			INSERT INTO transactions (id, user_id, account_id, idempotency_key, import_id, posted_at, amount_minor,
				currency, raw_description, merchant, merchant_key, category, category_confidence, category_method,
				category_explanation, status, step, possible_duplicate_of, embedding, embedding_model, workflow_id,
				occurred_at, fraud_score, fraud_reasons, fraud_model_version, fraud_flagged)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'alert',$17,$18,$19,$20,$21,$22,$23,$24,$25)
			ON CONFLICT (user_id, idempotency_key) DO NOTHING`,
			n.ID, n.UserID, n.AccountID, n.IdempotencyKey, n.ImportID, n.PostedAt, n.AmountMinor,
			n.Currency, n.RawDescription, n.Merchant, n.MerchantKey, d.Category, d.Confidence, d.Method,
			d.Explanation, n.Status, n.PossibleDuplicateOf, pgvector.NewVector(n.Embedding), n.EmbeddingModel, n.WorkflowID,
			n.OccurredAt, score, marshalReasons(reasons), version, flagged)
		if err != nil {
			return err
		}
		inserted = tag.RowsAffected() == 1
		if inserted {
			return insertDecision(ctx, tx, n.ID, n.UserID, d)
		}
		return nil
	})
	if err != nil {
		return Transaction{}, false, err
	}
	t, err := s.TransactionByKey(ctx, n.UserID, n.IdempotencyKey)
	return t, inserted, err
}

func insertDecision(ctx context.Context, tx pgx.Tx, txnID, userID uuid.UUID, d categorize.Decision) error {
	cands, err := json.Marshal(d.Candidates)
	if err != nil {
		return err
	}
	if d.Candidates == nil {
		cands = []byte("[]")
	}
	_, err = tx.Exec(ctx, `INSERT INTO categorization_decisions
		(transaction_id, user_id, category, confidence, method, explanation, candidates, latency_us, variant)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
		txnID, userID, d.Category, d.Confidence, d.Method, d.Explanation, cands, d.Latency.Microseconds(), d.Variant)
	return err
}

// Transaction returns one of the user's transactions.
func (s *Store) Transaction(ctx context.Context, userID, id uuid.UUID) (Transaction, error) {
	t, err := scanTxn(s.Pool.QueryRow(ctx, `SELECT `+txnColumns+` FROM transactions t
		JOIN accounts a ON a.id = t.account_id WHERE t.user_id = $1 AND t.id = $2`, userID, id))
	return t, notFound(err)
}

// TransactionByKey returns the user's transaction for an idempotency key.
func (s *Store) TransactionByKey(ctx context.Context, userID uuid.UUID, key string) (Transaction, error) {
	t, err := scanTxn(s.Pool.QueryRow(ctx, `SELECT `+txnColumns+` FROM transactions t
		JOIN accounts a ON a.id = t.account_id WHERE t.user_id = $1 AND t.idempotency_key = $2`, userID, key))
	return t, notFound(err)
}

// SetStep records the pipeline step a stored transaction has reached.
func (s *Store) SetStep(ctx context.Context, userID, id uuid.UUID, step vocab.Step) error {
	_, err := s.Pool.Exec(ctx, `UPDATE transactions SET step = $3, updated_at = now()
		WHERE user_id = $1 AND id = $2 AND step <> $3`, userID, id, step)
	return err
}

// FindDuplicate returns an earlier transaction of the user with the same amount and merchant
// posted within window of postedAt, other than the one with excludeKey.
func (s *Store) FindDuplicate(ctx context.Context, userID uuid.UUID, amount int64, currency, merchantKey string,
	postedAt time.Time, window time.Duration, excludeKey string) (*uuid.UUID, error) {
	var id uuid.UUID
	days := int(window.Hours() / 24)
	err := s.Pool.QueryRow(ctx, `SELECT id FROM transactions
		WHERE user_id = $1 AND merchant_key = $2 AND amount_minor = $3 AND currency = $4
		  AND posted_at BETWEEN $5::date - $6::int AND $5::date + $6::int AND idempotency_key <> $7
		ORDER BY abs(posted_at - $5::date), created_at LIMIT 1`,
		userID, merchantKey, amount, currency, postedAt, days, excludeKey).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &id, nil
}

// Filter selects transactions for a listing. Zero values mean "no filter".
type Filter struct {
	From, To             time.Time
	Category             string
	Merchant             string
	MinAmount, MaxAmount *int64
	Limit                int
	Cursor               string
}

type cursor struct {
	PostedAt time.Time `json:"p"`
	ID       uuid.UUID `json:"i"`
}

// ErrBadCursor is returned for a cursor this API did not make.
var ErrBadCursor = errors.New("cursor is not valid")

// ListTransactions returns a page of the user's transactions, newest first, and the cursor of
// the next page ("" when this is the last one). Keyset pagination keeps pages stable while
// new transactions arrive.
func (s *Store) ListTransactions(ctx context.Context, userID uuid.UUID, f Filter) ([]Transaction, string, error) {
	where := []string{"t.user_id = $1"}
	args := []any{userID}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if !f.From.IsZero() {
		add("t.posted_at >= $%d", f.From)
	}
	if !f.To.IsZero() {
		add("t.posted_at <= $%d", f.To)
	}
	if f.Category != "" {
		add("t.category = $%d", f.Category)
	}
	if f.Merchant != "" {
		add("t.merchant ILIKE '%%' || $%d || '%%'", escapeLike(f.Merchant))
	}
	if f.MinAmount != nil {
		add("t.amount_minor >= $%d", *f.MinAmount)
	}
	if f.MaxAmount != nil {
		add("t.amount_minor <= $%d", *f.MaxAmount)
	}
	if f.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		var c cursor
		if err != nil || json.Unmarshal(raw, &c) != nil {
			return nil, "", ErrBadCursor
		}
		args = append(args, c.PostedAt, c.ID)
		where = append(where, fmt.Sprintf("(t.posted_at, t.id) < ($%d, $%d)", len(args)-1, len(args)))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	args = append(args, limit+1)
	q := `SELECT ` + txnColumns + ` FROM transactions t JOIN accounts a ON a.id = t.account_id
		WHERE ` + strings.Join(where, " AND ") + fmt.Sprintf(` ORDER BY t.posted_at DESC, t.id DESC LIMIT $%d`, len(args))
	rows, err := s.Pool.Query(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	txns, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Transaction, error) { return scanTxn(r) })
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(txns) > limit {
		txns = txns[:limit]
		last := txns[limit-1]
		b, _ := json.Marshal(cursor{last.PostedAt, last.ID})
		next = base64.RawURLEncoding.EncodeToString(b)
	}
	return txns, next, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Correct records the owner's category for a transaction. In one database transaction it
// updates the transaction and marks it confirmed, which is what the merchant memory and the
// neighbour vote learn from, so the very next transaction benefits; and records the decision.
// Correcting to the category it already has changes nothing. A fraud flag or verdict stays.
func (s *Store) Correct(ctx context.Context, userID, id uuid.UUID, category string) (Transaction, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var current string
		var confirmed bool
		err := tx.QueryRow(ctx, `SELECT category, category_confirmed FROM transactions
			WHERE user_id = $1 AND id = $2 FOR UPDATE`, userID, id).Scan(&current, &confirmed)
		if err != nil {
			return notFound(err)
		}
		if confirmed && current == category {
			return nil
		}
		d := categorize.Decision{Category: category, Confidence: 1, Method: categorize.MethodCorrection,
			Explanation: "set by the owner", Candidates: []categorize.Candidate{{Category: category, Score: 1, Method: categorize.MethodCorrection}}}
		if _, err := tx.Exec(ctx, `UPDATE transactions SET category = $3, category_confidence = 1,
			category_method = $4, category_explanation = $5, category_confirmed = true, updated_at = now(),
			status = CASE WHEN status = $6 THEN $7 ELSE status END
			WHERE user_id = $1 AND id = $2`, userID, id, category, d.Method, d.Explanation, vocab.StatusNeedsReview, vocab.StatusCategorized); err != nil {
			return err
		}
		if err := insertDecision(ctx, tx, id, userID, d); err != nil {
			return err
		}
		// A review item about this transaction's category is answered by the correction.
		_, err = tx.Exec(ctx, `UPDATE alerts SET status = `+quote(vocab.AlertResolved)+`, updated_at = now()
			WHERE user_id = $1 AND transaction_id = $2 AND kind = $3 AND status = `+quote(vocab.AlertOpen)+``, userID, id, vocab.AlertReviewCategory)
		return err
	})
	if err != nil {
		return Transaction{}, err
	}
	return s.Transaction(ctx, userID, id)
}

// ErrAwaitingReview refuses to delete a flagged transaction whose workflow still waits for
// the owner's verdict.
var ErrAwaitingReview = errors.New("the transaction is waiting for your verdict")

// DeleteTransaction removes one of the user's transactions (an undo); its decisions, alerts
// and fraud label go with it. Deleting one that is already gone is ErrNotFound.
func (s *Store) DeleteTransaction(ctx context.Context, userID, id uuid.UUID) error {
	var step vocab.Step
	err := s.Pool.QueryRow(ctx, `DELETE FROM transactions WHERE user_id = $1 AND id = $2 AND step <> $3
		RETURNING step`, userID, id, vocab.StepReview).Scan(&step)
	if errors.Is(err, pgx.ErrNoRows) {
		if _, err := s.Transaction(ctx, userID, id); err == nil {
			return ErrAwaitingReview
		}
		return ErrNotFound
	}
	return err
}

// DecisionRow is a stored categorization decision.
type DecisionRow struct {
	categorize.Decision
	CreatedAt time.Time
}

// Decisions lists a transaction's categorization decisions, oldest first.
func (s *Store) Decisions(ctx context.Context, userID, txnID uuid.UUID) ([]DecisionRow, error) {
	rows, err := s.Pool.Query(ctx, `SELECT category, confidence, method, explanation, candidates, latency_us, variant, created_at
		FROM categorization_decisions WHERE user_id = $1 AND transaction_id = $2 ORDER BY id`, userID, txnID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (DecisionRow, error) {
		var d DecisionRow
		var conf float32
		var us int64
		var cands []byte
		if err := r.Scan(&d.Category, &conf, &d.Method, &d.Explanation, &cands, &us, &d.Variant, &d.CreatedAt); err != nil {
			return d, err
		}
		d.Confidence, d.Latency = float64(conf), time.Duration(us)*time.Microsecond
		return d, json.Unmarshal(cands, &d.Candidates)
	})
}

// Rules implements categorize.Knowledge.
func (s *Store) Rules(ctx context.Context, userID uuid.UUID) ([]categorize.Rule, error) {
	rows, err := s.ListRules(ctx, userID)
	out := make([]categorize.Rule, len(rows))
	for i, r := range rows {
		out[i] = categorize.Rule{Pattern: r.Pattern, Category: r.Category, Priority: r.Priority}
	}
	return out, err
}

// MerchantMemory implements categorize.Knowledge from the user's confirmed transactions; among
// equally frequent categories the most recently confirmed comes first.
func (s *Store) MerchantMemory(ctx context.Context, userID uuid.UUID, merchantKey string, sign int) ([]categorize.Count, error) {
	rows, err := s.Pool.Query(ctx, `SELECT category, count(*) FROM transactions
		WHERE user_id = $1 AND merchant_key = $2 AND category_confirmed AND sign(amount_minor) = $3
		GROUP BY category ORDER BY count(*) DESC, max(updated_at) DESC`, userID, merchantKey, sign)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (categorize.Count, error) {
		var c categorize.Count
		return c, r.Scan(&c.Category, &c.N)
	})
}

// Neighbours implements categorize.Knowledge: the user's confirmed transactions nearest by cosine.
func (s *Store) Neighbours(ctx context.Context, userID uuid.UUID, embedding []float32, k int) ([]categorize.Neighbour, error) {
	// Exact search over the user's own confirmed rows: an approximate scan of the shared HNSW
	// index, filtered by user afterwards, can come back empty once other users' rows dominate it.
	rows, err := s.Pool.Query(ctx, `WITH mine AS MATERIALIZED (
			SELECT category, merchant, embedding FROM transactions WHERE user_id = $1 AND category_confirmed)
		SELECT category, merchant, 1 - (embedding <=> $2) AS sim FROM mine ORDER BY embedding <=> $2 LIMIT $3`,
		userID, pgvector.NewVector(embedding), k)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (categorize.Neighbour, error) {
		var n categorize.Neighbour
		return n, r.Scan(&n.Category, &n.Merchant, &n.Similarity)
	})
}

// CategoryNames implements categorize.CategorySource: the system categories and the user's own.
func (s *Store) CategoryNames(ctx context.Context, userID uuid.UUID) ([]string, error) {
	cs, err := s.Categories(ctx, userID)
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return names, err
}

// Examples implements categorize.ExampleSource: the user's confirmed transactions nearest by
// cosine, re-ranked by maximal marginal relevance so the examples are close but not all alike.
func (s *Store) Examples(ctx context.Context, userID uuid.UUID, embedding []float32, k int) ([]categorize.Example, error) {
	rows, err := s.Pool.Query(ctx, `WITH mine AS MATERIALIZED (
			SELECT merchant, raw_description, category, embedding FROM transactions WHERE user_id = $1 AND category_confirmed)
		SELECT merchant, raw_description, category, 1 - (embedding <=> $2), embedding FROM mine
		ORDER BY embedding <=> $2 LIMIT $3`,
		userID, pgvector.NewVector(embedding), 4*k)
	if err != nil {
		return nil, err
	}
	cands, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (categorize.Example, error) {
		var e categorize.Example
		var v pgvector.Vector
		err := r.Scan(&e.Merchant, &e.Description, &e.Category, &e.Similarity, &v)
		e.Embedding = v.Slice()
		return e, err
	})
	if err != nil {
		return nil, err
	}
	return categorize.MMR(embedding, cands, k, 0.7), nil
}

// Movement is a transaction as the insights (recurring series, forecasts) see it.
type Movement struct {
	ID          uuid.UUID
	PostedAt    time.Time
	AmountMinor int64
	Currency    string
	MerchantKey string
	Merchant    string
	Category    string
}

// Movements lists the user's transactions since a date, oldest first, leaving out those the
// owner called fraud: they are not the owner's spending.
func (s *Store) Movements(ctx context.Context, userID uuid.UUID, since time.Time) ([]Movement, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id, posted_at, amount_minor, currency, merchant_key, merchant, category
		FROM transactions WHERE user_id = $1 AND posted_at >= $2 AND status <> `+quote(vocab.StatusFraud)+` ORDER BY posted_at, created_at`, userID, since)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Movement, error) {
		var m Movement
		return m, r.Scan(&m.ID, &m.PostedAt, &m.AmountMinor, &m.Currency, &m.MerchantKey, &m.Merchant, &m.Category)
	})
}

// FamilyMemory implements categorize.FamilyKnowledge: the user's confirmed categories for
// the merchants of a family (key equal to it or starting with it and a space), most frequent
// first.
func (s *Store) FamilyMemory(ctx context.Context, userID uuid.UUID, family string, sign int) ([]categorize.Count, error) {
	rows, err := s.Pool.Query(ctx, `SELECT category, count(*) FROM transactions
		WHERE user_id = $1 AND (merchant_key = $2 OR merchant_key LIKE $4) AND category_confirmed AND sign(amount_minor) = $3
		GROUP BY category ORDER BY count(*) DESC, max(updated_at) DESC`, userID, family, sign, likePrefix(family)+" %")
	if err != nil {
		return nil, fmt.Errorf("family memory of %q: %w", family, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (categorize.Count, error) {
		var c categorize.Count
		return c, r.Scan(&c.Category, &c.N)
	})
}

// likePrefix escapes LIKE's wildcards in s.
func likePrefix(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Corrections lists the user's transactions of the last year whose category the owner
// changed from the pipeline's first decision, newest first (at most 1,000): what rule
// suggestions learn from.
func (s *Store) Corrections(ctx context.Context, userID uuid.UUID) ([]categorize.Correction, error) {
	rows, err := s.Pool.Query(ctx, `SELECT t.merchant_key, t.raw_description, d.category, t.category
		FROM transactions t
		JOIN LATERAL (SELECT category FROM categorization_decisions
			WHERE transaction_id = t.id ORDER BY id LIMIT 1) d ON true
		WHERE t.user_id = $1 AND t.category_confirmed AND d.category <> t.category
			AND t.posted_at >= now() - interval '1 year'
		ORDER BY t.posted_at DESC LIMIT 1000`, userID)
	if err != nil {
		return nil, fmt.Errorf("load corrections: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (categorize.Correction, error) {
		var c categorize.Correction
		return c, r.Scan(&c.MerchantKey, &c.Description, &c.Predicted, &c.Category)
	})
}
