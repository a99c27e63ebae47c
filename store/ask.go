package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"
)

// The queries behind ask.Answer. Each one filters by user_id = $1 and takes every value as
// a parameter; the SQL text is returned with the rows so that an answer can show exactly
// what it ran. Spending is money out (amount_minor < 0) reported as a positive amount;
// transactions the owner called fraud are never counted.

// SQL is a query as it was run: its text and its parameters.
type SQL struct {
	Text string
	Args []any
}

// String renders the query on one line, followed by a comment with each parameter's value,
// so a person can read it or paste it into psql.
func (q SQL) String() string {
	var b strings.Builder
	b.WriteString(strings.Join(strings.Fields(q.Text), " "))
	for i, a := range q.Args {
		if i == 0 {
			b.WriteString("\n-- ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d = %s", i+1, sqlLiteral(a))
	}
	return b.String()
}

func sqlLiteral(a any) string {
	switch v := a.(type) {
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case uuid.UUID:
		return "'" + v.String() + "'"
	case time.Time:
		return "'" + v.Format(time.DateOnly) + "'"
	case pgvector.Vector:
		s := v.Slice()
		if len(s) > 3 {
			return fmt.Sprintf("'[%g,%g,%g,…]' (%d dimensions)", s[0], s[1], s[2], len(s))
		}
		return fmt.Sprintf("'%v'", s)
	}
	return fmt.Sprint(a)
}

// AskFlow is the direction of money a query looks at.
type AskFlow int

// Money out (spending), money in, or both.
const (
	AskOut AskFlow = iota
	AskIn
	AskAny
)

// AskFilter selects the transactions a question is about. Zero values mean no filter.
type AskFilter struct {
	From, To    time.Time // inclusive posting days
	Category    string
	MerchantKey string
	Flow        AskFlow
	Confirmed   bool // only transactions whose category the owner confirmed
}

// where builds the WHERE clause; $1 is always the user. Only fixed fragments go into the
// text, every value is a parameter.
func (f AskFilter) where(userID uuid.UUID) (string, []any) {
	conds := []string{"t.user_id = $1", "t.status <> " + quote(vocab.StatusFraud)}
	args := []any{userID}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	switch f.Flow {
	case AskOut:
		conds = append(conds, "t.amount_minor < 0")
	case AskIn:
		conds = append(conds, "t.amount_minor > 0")
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
	if f.MerchantKey != "" {
		add("t.merchant_key = $%d", f.MerchantKey)
	}
	if f.Confirmed {
		conds = append(conds, "t.category_confirmed")
	}
	return strings.Join(conds, " AND "), args
}

// magnitude is the amount as the question counts it: spending and income are both positive.
func (f AskFilter) magnitude() string {
	switch f.Flow {
	case AskOut:
		return "-t.amount_minor"
	case AskIn:
		return "t.amount_minor"
	}
	return "abs(t.amount_minor)"
}

// AskVocabulary is what the question parser needs to know about a user.
type AskVocabulary struct {
	Currency   string   // the user's home currency
	Categories []string // system categories and the user's own
	Merchants  []string // display names of the user's merchants, one per merchant key
}

// AskVocabulary returns the user's home currency, categories and merchants. A merchant key
// seen under several spellings is listed under its most frequent one.
func (s *Store) AskVocabulary(ctx context.Context, userID uuid.UUID) (AskVocabulary, error) {
	var v AskVocabulary
	if err := s.Pool.QueryRow(ctx, `SELECT currency FROM users WHERE id = $1`, userID).Scan(&v.Currency); err != nil {
		return v, notFound(err)
	}
	var err error
	if v.Categories, err = s.CategoryNames(ctx, userID); err != nil {
		return v, err
	}
	rows, err := s.Pool.Query(ctx, `SELECT DISTINCT ON (merchant_key) merchant FROM (
			SELECT merchant_key, merchant, count(*) AS n FROM transactions
			WHERE user_id = $1 AND merchant_key <> '' GROUP BY merchant_key, merchant) m
		ORDER BY merchant_key, n DESC, merchant`, userID)
	if err != nil {
		return v, err
	}
	v.Merchants, err = pgx.CollectRows(rows, pgx.RowTo[string])
	return v, err
}

// AskTotal is the sum and number of matching transactions in one currency.
type AskTotal struct {
	Currency string
	SumMinor int64
	Count    int64
}

// AskTotals sums the matching transactions per currency, the largest count first.
func (s *Store) AskTotals(ctx context.Context, userID uuid.UUID, f AskFilter) ([]AskTotal, SQL, error) {
	where, args := f.where(userID)
	q := SQL{Text: `SELECT t.currency, coalesce(sum(` + f.magnitude() + `), 0)::bigint, count(*)
		FROM transactions t WHERE ` + where + `
		GROUP BY t.currency ORDER BY count(*) DESC, t.currency`, Args: args}
	rows, err := s.Pool.Query(ctx, q.Text, q.Args...)
	if err != nil {
		return nil, q, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (AskTotal, error) {
		var t AskTotal
		return t, r.Scan(&t.Currency, &t.SumMinor, &t.Count)
	})
	return out, q, err
}

// AskGroupBy is what AskGroups aggregates by.
type AskGroupBy string

// Groupings.
const (
	ByMerchant AskGroupBy = "merchant"
	ByCategory AskGroupBy = "category"
	ByMonth    AskGroupBy = "month"
)

// AskGroup is one merchant's, category's or month's total in one currency.
type AskGroup struct {
	Key      string // merchant key, category or YYYY-MM
	Name     string // merchant display name (its most frequent spelling), category or YYYY-MM
	Currency string
	SumMinor int64
	Count    int64
}

// AskGroups totals the matching transactions by merchant, category or month and currency.
// Merchants and categories are ranked within a currency, home currency first, by total,
// then count, then key; months come in date order. limit <= 0 means no limit.
func (s *Store) AskGroups(ctx context.Context, userID uuid.UUID, f AskFilter, by AskGroupBy, home string, limit int) ([]AskGroup, SQL, error) {
	var key, name string
	switch by {
	case ByMerchant:
		key, name = "t.merchant_key", "mode() WITHIN GROUP (ORDER BY t.merchant)"
	case ByCategory:
		key, name = "t.category", "t.category"
	case ByMonth:
		key, name = "to_char(t.posted_at, 'YYYY-MM')", "to_char(t.posted_at, 'YYYY-MM')"
	default:
		return nil, SQL{}, fmt.Errorf("ask: cannot group by %q", by)
	}
	where, args := f.where(userID)
	order := "1, 3"
	if by != ByMonth {
		args = append(args, home)
		order = fmt.Sprintf("(t.currency = $%d) DESC, t.currency, 4 DESC, 5 DESC, 1", len(args))
	}
	text := `SELECT ` + key + `, ` + name + `, t.currency, coalesce(sum(` + f.magnitude() + `), 0)::bigint, count(*)
		FROM transactions t WHERE ` + where + `
		GROUP BY ` + key + `, t.currency ORDER BY ` + order
	if limit > 0 {
		args = append(args, limit)
		text += fmt.Sprintf(" LIMIT $%d", len(args))
	}
	q := SQL{Text: text, Args: args}
	rows, err := s.Pool.Query(ctx, q.Text, q.Args...)
	if err != nil {
		return nil, q, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (AskGroup, error) {
		var g AskGroup
		return g, r.Scan(&g.Key, &g.Name, &g.Currency, &g.SumMinor, &g.Count)
	})
	return out, q, err
}

// AskTxn is a transaction as an answer lists it.
type AskTxn struct {
	ID          uuid.UUID
	PostedAt    time.Time
	AmountMinor int64
	Currency    string
	Merchant    string
	Category    string
	Similarity  float64 // AskSimilar only: cosine similarity to the question's text
}

const askTxnColumns = `t.id, t.posted_at, t.amount_minor, t.currency, t.merchant, t.category`

func collectAskTxns(rows pgx.Rows, withSim bool) ([]AskTxn, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (AskTxn, error) {
		var t AskTxn
		dst := []any{&t.ID, &t.PostedAt, &t.AmountMinor, &t.Currency, &t.Merchant, &t.Category}
		if withSim {
			dst = append(dst, &t.Similarity)
		}
		return t, r.Scan(dst...)
	})
}

// AskLargest lists the largest matching transactions: home currency first (amounts in
// different currencies are not comparable without rates), then by size, newest first, ID.
func (s *Store) AskLargest(ctx context.Context, userID uuid.UUID, f AskFilter, home string, limit int) ([]AskTxn, SQL, error) {
	where, args := f.where(userID)
	args = append(args, home, limit)
	q := SQL{Text: `SELECT ` + askTxnColumns + ` FROM transactions t WHERE ` + where +
		fmt.Sprintf(` ORDER BY (t.currency = $%d) DESC, t.currency, %s DESC, t.posted_at DESC, t.id LIMIT $%d`,
			len(args)-1, f.magnitude(), len(args)), Args: args}
	rows, err := s.Pool.Query(ctx, q.Text, q.Args...)
	if err != nil {
		return nil, q, err
	}
	out, err := collectAskTxns(rows, false)
	return out, q, err
}

// AskSimilar lists the matching transactions nearest to embedding by cosine, among those
// embedded by the model named model (vectors of different models are not comparable).
// Ordering by the similarity expression, not by the indexed distance operator, makes this an
// exact scan of the user's rows rather than an approximate HNSW search: with a per-user
// filter the scan is small, and identical merchants (similarity 1) need a stable tiebreak
// (newest first, then ID) that the index cannot give.
func (s *Store) AskSimilar(ctx context.Context, userID uuid.UUID, f AskFilter, embedding []float32, model string, limit int) ([]AskTxn, SQL, error) {
	where, args := f.where(userID)
	args = append(args, pgvector.NewVector(embedding), model, limit)
	n := len(args)
	q := SQL{Text: `SELECT ` + askTxnColumns + fmt.Sprintf(`, 1 - (t.embedding <=> $%d) AS similarity
		FROM transactions t WHERE `, n-2) + where + fmt.Sprintf(` AND t.embedding_model = $%d
		ORDER BY similarity DESC, t.posted_at DESC, t.id LIMIT $%d`, n-1, n), Args: args}
	rows, err := s.Pool.Query(ctx, q.Text, q.Args...)
	if err != nil {
		return nil, q, err
	}
	out, err := collectAskTxns(rows, true)
	return out, q, err
}

// AskBudget is a monthly budget with what was spent against it in one month.
type AskBudget struct {
	Category   string
	LimitMinor int64
	Currency   string
	SpentMinor int64
	Count      int64
}

// AskBudgets lists the user's budgets (only category's when it is not empty) with the money
// out in the budget's category and currency during the month that starts at month.
func (s *Store) AskBudgets(ctx context.Context, userID uuid.UUID, month time.Time, category string) ([]AskBudget, SQL, error) {
	args := []any{userID, month}
	text := `SELECT b.category, b.amount_minor, b.currency, coalesce(sum(-t.amount_minor), 0)::bigint, count(t.id)
		FROM budgets b LEFT JOIN transactions t ON t.user_id = b.user_id AND t.category = b.category
			AND t.currency = b.currency AND t.amount_minor < 0 AND t.status <> ` + quote(vocab.StatusFraud) + `
			AND t.posted_at >= $2 AND t.posted_at < $2::date + interval '1 month'
		WHERE b.user_id = $1`
	if category != "" {
		args = append(args, category)
		text += ` AND b.category = $3`
	}
	q := SQL{Text: text + ` GROUP BY b.category, b.amount_minor, b.currency ORDER BY b.category`, Args: args}
	rows, err := s.Pool.Query(ctx, q.Text, q.Args...)
	if err != nil {
		return nil, q, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (AskBudget, error) {
		var b AskBudget
		return b, r.Scan(&b.Category, &b.LimitMinor, &b.Currency, &b.SpentMinor, &b.Count)
	})
	return out, q, err
}
