package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/aithena/aithena/fraud"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// FraudReport measures the detector against the owner's verdicts.
type FraudReport struct {
	Scored         int                 `json:"scored"`
	Flagged        int                 `json:"flagged"`
	Escalated      int                 `json:"escalated"`
	LabelledFraud  int                 `json:"labelled_fraud"`
	LabelledLegit  int                 `json:"labelled_legit"`
	TruePositives  int                 `json:"true_positives"`
	FalsePositives int                 `json:"false_positives"`
	Precision      *float64            `json:"precision"`
	Recall         *float64            `json:"recall"`
	Histogram      []ScoreBucket       `json:"histogram"`
	MostSuspicious []SuspiciousPayment `json:"most_suspicious"`
}

// ScoreBucket counts scores in [From, To), with the owner's verdicts among them.
type ScoreBucket struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Count int     `json:"count"`
	Fraud int     `json:"fraud"`
	Legit int     `json:"legit"`
}

// SuspiciousPayment is one of the highest-scored payments.
type SuspiciousPayment struct {
	ID       uuid.UUID            `json:"id"`
	Date     time.Time            `json:"date"`
	Merchant string               `json:"merchant"`
	Amount   int64                `json:"amount_minor"`
	Currency string               `json:"currency"`
	Score    float64              `json:"score"`
	Status   string               `json:"status"`
	Verdict  string               `json:"verdict,omitempty"`
	Reasons  []fraud.Contribution `json:"reasons"`
}

// FraudReport computes the report over the user's scored payments.
func (s *Store) FraudReport(ctx context.Context, userID uuid.UUID, top int) (FraudReport, error) {
	var r FraudReport
	err := s.Pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE t.fraud_score IS NOT NULL),
		count(*) FILTER (WHERE t.fraud_flagged),
		count(*) FILTER (WHERE t.status = `+quote(vocab.StatusEscalated)+`),
		count(*) FILTER (WHERE l.verdict = `+quote(vocab.VerdictFraud)+`),
		count(*) FILTER (WHERE l.verdict = `+quote(vocab.VerdictLegit)+`),
		count(*) FILTER (WHERE t.fraud_flagged AND l.verdict = `+quote(vocab.VerdictFraud)+`),
		count(*) FILTER (WHERE t.fraud_flagged AND l.verdict = `+quote(vocab.VerdictLegit)+`)
		FROM transactions t LEFT JOIN fraud_labels l ON l.transaction_id = t.id WHERE t.user_id = $1`, userID).
		Scan(&r.Scored, &r.Flagged, &r.Escalated, &r.LabelledFraud, &r.LabelledLegit, &r.TruePositives, &r.FalsePositives)
	if err != nil {
		return r, err
	}
	// Precision over the flagged payments the owner judged; recall over the frauds they reported.
	if judged := r.TruePositives + r.FalsePositives; judged > 0 {
		p := float64(r.TruePositives) / float64(judged)
		r.Precision = &p
	}
	if r.LabelledFraud > 0 {
		rc := float64(r.TruePositives) / float64(r.LabelledFraud)
		r.Recall = &rc
	}
	rows, err := s.Pool.Query(ctx, `SELECT least(floor(t.fraud_score * 20), 19)::int AS b, count(*),
		count(*) FILTER (WHERE l.verdict = `+quote(vocab.VerdictFraud)+`), count(*) FILTER (WHERE l.verdict = `+quote(vocab.VerdictLegit)+`)
		FROM transactions t LEFT JOIN fraud_labels l ON l.transaction_id = t.id
		WHERE t.user_id = $1 AND t.fraud_score IS NOT NULL GROUP BY b ORDER BY b`, userID)
	if err != nil {
		return r, err
	}
	r.Histogram = make([]ScoreBucket, 20)
	for i := range r.Histogram {
		r.Histogram[i].From, r.Histogram[i].To = float64(i)/20, float64(i+1)/20
	}
	for rows.Next() {
		var b, n, f, l int
		if err := rows.Scan(&b, &n, &f, &l); err != nil {
			return r, err
		}
		r.Histogram[b].Count, r.Histogram[b].Fraud, r.Histogram[b].Legit = n, f, l
	}
	if err := rows.Err(); err != nil {
		return r, err
	}
	rows, err = s.Pool.Query(ctx, `SELECT t.id, t.posted_at, t.merchant, t.amount_minor, t.currency, t.fraud_score, t.status,
		coalesce(l.verdict, ''), t.fraud_reasons FROM transactions t LEFT JOIN fraud_labels l ON l.transaction_id = t.id
		WHERE t.user_id = $1 AND t.fraud_score IS NOT NULL ORDER BY t.fraud_score DESC, t.id LIMIT $2`, userID, top)
	if err != nil {
		return r, err
	}
	r.MostSuspicious, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (SuspiciousPayment, error) {
		var p SuspiciousPayment
		var score float32
		var reasons []byte
		if err := row.Scan(&p.ID, &p.Date, &p.Merchant, &p.Amount, &p.Currency, &score, &p.Status, &p.Verdict, &reasons); err != nil {
			return p, err
		}
		p.Score = float64(score)
		return p, json.Unmarshal(reasons, &p.Reasons)
	})
	if r.MostSuspicious == nil {
		r.MostSuspicious = []SuspiciousPayment{}
	}
	return r, err
}
