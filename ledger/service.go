package ledger

import (
	"context"
	"fmt"
	"time"

	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/embed"
	"github.com/aithena/aithena/merchant"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
	"github.com/google/uuid"
)

// Service runs the pipeline's steps.
type Service struct {
	Store       *store.Store
	Embedder    embed.Embedder
	Categorizer categorize.Categorizer
	// ReviewThreshold: a less confident categorization goes to the review queue.
	ReviewThreshold float64
	// DuplicateWindow: the same amount at the same merchant within it is a possible duplicate.
	DuplicateWindow time.Duration
	// Fraud scores payments; nil turns scoring off.
	Fraud *FraudScorer
	// Agent is the LLM categorizer, tried after the chain when the flag is on; nil without an LLM.
	Agent categorize.Categorizer
	Flags FlagSource
}

// Merchant is the normalized merchant of a description.
type Merchant struct {
	Name string `json:"name"`
	Key  string `json:"key"`
}

// NormalizeMerchant extracts the merchant from a raw bank description.
func NormalizeMerchant(description string) Merchant {
	name := merchant.Normalize(description)
	return Merchant{Name: name, Key: merchant.Key(name)}
}

// FindDuplicate returns an earlier transaction that looks like the same one, if any.
func (s *Service) FindDuplicate(ctx context.Context, sub Submission, m Merchant) (*uuid.UUID, error) {
	return s.Store.FindDuplicate(ctx, sub.UserID, sub.AmountMinor, sub.Currency, m.Key, sub.PostedAt,
		s.DuplicateWindow, sub.IdempotencyKey)
}

// EmbedText is what gets embedded: the normalized merchant. The raw description's store
// numbers, cities and references would only pull two visits to one merchant apart.
func EmbedText(m Merchant) string { return m.Name }

// Embed returns the transaction's vector.
func (s *Service) Embed(ctx context.Context, text string) ([]float32, error) {
	vs, err := s.Embedder.Embed(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	if len(vs) != 1 || len(vs[0]) != embed.Dimensions {
		return nil, fmt.Errorf("embedder %s returned %d vectors, want one of %d dimensions", s.Embedder.Name(), len(vs), embed.Dimensions)
	}
	return vs[0], nil
}

// Categorize runs the built-in chain and tells whether the LLM agent should try next.
func (s *Service) Categorize(ctx context.Context, sub Submission, m Merchant, vec []float32) (categorize.Decision, bool, error) {
	d, err := s.Categorizer.Categorize(ctx, categorize.Input{
		UserID: sub.UserID, Merchant: m.Name, MerchantKey: m.Key, Description: sub.Description,
		AmountMinor: sub.AmountMinor, Currency: sub.Currency, Embedding: vec,
	})
	if err != nil {
		return d, false, err
	}
	agent, variant, err := s.useAgent(ctx, sub, d)
	d.Variant = variant
	return d, agent, err
}

// Record is everything the persist step stores.
type Record struct {
	Submission  Submission          `json:"submission"`
	Merchant    Merchant            `json:"merchant"`
	DuplicateOf *uuid.UUID          `json:"duplicate_of,omitempty"`
	Embedding   []float32           `json:"embedding"`
	Decision    categorize.Decision `json:"decision"`
	Fraud       FraudResult         `json:"fraud"`
}

// Persist stores the transaction once; a repeat returns the stored one with inserted=false.
func (s *Service) Persist(ctx context.Context, r Record) (store.Transaction, bool, error) {
	status := store.StatusCategorized
	switch {
	case r.Fraud.Flagged:
		status = store.StatusFlagged
	case r.Decision.Confidence < s.ReviewThreshold:
		status = store.StatusNeedsReview
	}
	sub := r.Submission
	return s.Store.InsertTransaction(ctx, store.NewTransaction{
		ID: sub.TransactionID, UserID: sub.UserID, AccountID: sub.AccountID, IdempotencyKey: sub.IdempotencyKey,
		ImportID: sub.ImportID, PostedAt: sub.PostedAt, AmountMinor: sub.AmountMinor, Currency: sub.Currency,
		RawDescription: sub.Description, Merchant: r.Merchant.Name, MerchantKey: r.Merchant.Key, Status: status,
		PossibleDuplicateOf: r.DuplicateOf, Embedding: r.Embedding, EmbeddingModel: s.Embedder.Name(),
		WorkflowID: sub.WorkflowID, Decision: r.Decision, OccurredAt: sub.OccurredAt, Fraud: r.Fraud.Score,
	})
}

// RaiseAlerts puts a low-confidence categorization in the review queue and warns about a
// possible duplicate and a suspected fraud, then records the step: done, or awaiting the
// owner's review for a flagged payment. Each alert is raised at most once.
func (s *Service) RaiseAlerts(ctx context.Context, t store.Transaction) ([]string, error) {
	var raised []string
	amount := formatAmount(t.AmountMinor, t.Currency)
	if t.Status == store.StatusNeedsReview {
		ok, err := s.Store.RaiseAlert(ctx, store.NewAlert{
			UserID: t.UserID, TransactionID: &t.ID, Kind: store.AlertReviewCategory, Severity: "info",
			Message: fmt.Sprintf("Please check the category of %s %s on %s: %s (%.0f%% sure).",
				t.Merchant, amount, t.PostedAt.Format("2006-01-02"), t.Category, t.Confidence*100),
			DedupeKey: "review:" + t.ID.String(),
		})
		if err != nil {
			return nil, err
		}
		if ok {
			raised = append(raised, store.AlertReviewCategory)
		}
	}
	if t.Status == store.StatusFlagged && t.FraudScore != nil {
		why := ""
		for i, c := range t.FraudReasons {
			if i > 0 {
				why += "; "
			}
			why += c.Reason
		}
		ok, err := s.Store.RaiseAlert(ctx, store.NewAlert{
			UserID: t.UserID, TransactionID: &t.ID, Kind: store.AlertFraudSuspected, Severity: "warning",
			Message: fmt.Sprintf("Was this you? %s %s on %s looks unusual (score %.2f: %s).",
				t.Merchant, amount, t.PostedAt.Format("2006-01-02"), *t.FraudScore, why),
			DedupeKey: "fraud:" + t.ID.String(),
		})
		if err != nil {
			return nil, err
		}
		if ok {
			raised = append(raised, store.AlertFraudSuspected)
		}
	}
	if t.PossibleDuplicateOf != nil {
		ok, err := s.Store.RaiseAlert(ctx, store.NewAlert{
			UserID: t.UserID, TransactionID: &t.ID, Kind: store.AlertPossibleDuplicate, Severity: "warning",
			Message: fmt.Sprintf("%s %s on %s looks like a duplicate of transaction %s.",
				t.Merchant, amount, t.PostedAt.Format("2006-01-02"), t.PossibleDuplicateOf),
			DedupeKey: "duplicate:" + t.ID.String(),
		})
		if err != nil {
			return nil, err
		}
		if ok {
			raised = append(raised, store.AlertPossibleDuplicate)
		}
	}
	next := StepDone
	if t.Status == store.StatusFlagged {
		next = StepReview
	}
	return raised, s.Store.SetStep(ctx, t.UserID, t.ID, next)
}

func formatAmount(minor int64, currency string) string {
	return money.FormatIn(minor, currency) + " " + currency
}

// Pipeline steps, in order; a transaction's step says how far it has come.
const (
	StepValidate   = "validate"
	StepDedupe     = "dedupe"
	StepEmbed      = "embed"
	StepCategorize = "categorize"
	StepAgent      = "agent"
	StepFraud      = "fraud"
	StepPersist    = "persist"
	StepAlert      = "alert"
	StepReview     = "awaiting_review"
	StepDone       = "done"
)

// Outcome is what Ingest did with one submission.
type Outcome struct {
	Transaction store.Transaction
	Inserted    bool
	Decision    categorize.Decision
}

// Ingest runs every step for one submission in this process. Imports use it for each row of
// a chunk, so a file goes through exactly the steps a single transaction's workflow runs.
func (s *Service) Ingest(ctx context.Context, sub Submission, now time.Time) (Outcome, error) {
	if err := Validate(sub, now); err != nil {
		return Outcome{}, err
	}
	m := NormalizeMerchant(sub.Description)
	dup, err := s.FindDuplicate(ctx, sub, m)
	if err != nil {
		return Outcome{}, err
	}
	vec, err := s.Embed(ctx, EmbedText(m))
	if err != nil {
		return Outcome{}, err
	}
	d, agent, err := s.Categorize(ctx, sub, m, vec)
	if err != nil {
		return Outcome{}, err
	}
	if agent {
		// Inside an import there is no step to retry on its own: one try, then the chain.
		if ad, err := s.AgentCategorize(ctx, sub, m, vec); err != nil {
			d = AgentFallback(d, err.Error())
		} else {
			d = ad
		}
	}
	fr, err := s.ScoreFraud(ctx, sub, m, d.Category)
	if err != nil {
		return Outcome{}, err
	}
	t, inserted, err := s.Persist(ctx, Record{Submission: sub, Merchant: m, DuplicateOf: dup, Embedding: vec, Decision: d, Fraud: fr})
	if err != nil {
		return Outcome{}, err
	}
	if _, err := s.RaiseAlerts(ctx, t); err != nil {
		return Outcome{}, err
	}
	return Outcome{Transaction: t, Inserted: inserted, Decision: d}, nil
}
