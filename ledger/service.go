package ledger

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/embed"
	"github.com/aithena/aithena/merchant"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
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
	status := vocab.StatusCategorized
	switch {
	case r.Fraud.Flagged:
		status = vocab.StatusFlagged
	case r.Decision.Confidence < s.ReviewThreshold:
		status = vocab.StatusNeedsReview
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
func (s *Service) RaiseAlerts(ctx context.Context, t store.Transaction) ([]vocab.AlertKind, error) {
	var alerts []store.NewAlert
	add := func(kind vocab.AlertKind, severity vocab.Severity, key, msg string) {
		alerts = append(alerts, store.NewAlert{UserID: t.UserID, TransactionID: &t.ID, Kind: kind, Severity: severity,
			Message: msg, DedupeKey: key + ":" + t.ID.String()})
	}
	what := fmt.Sprintf("%s %s on %s", t.Merchant, formatAmount(t.AmountMinor, t.Currency), t.PostedAt.Format("2006-01-02"))
	if t.Status == vocab.StatusNeedsReview {
		add(vocab.AlertReviewCategory, vocab.SeverityInfo, "review",
			fmt.Sprintf("Please check the category of %s: %s (%.0f%% sure).", what, t.Category, t.Confidence*100))
	}
	if t.Status == vocab.StatusFlagged && t.FraudScore != nil {
		why := make([]string, len(t.FraudReasons))
		for i, c := range t.FraudReasons {
			why[i] = c.Reason
		}
		add(vocab.AlertFraudSuspected, vocab.SeverityWarning, "fraud",
			fmt.Sprintf("Was this you? %s looks unusual (score %.2f: %s).", what, *t.FraudScore, strings.Join(why, "; ")))
	}
	if t.PossibleDuplicateOf != nil {
		add(vocab.AlertPossibleDuplicate, vocab.SeverityWarning, "duplicate",
			fmt.Sprintf("%s looks like a duplicate of transaction %s.", what, t.PossibleDuplicateOf))
	}
	raised, err := s.raise(ctx, alerts)
	if err != nil {
		return raised, fmt.Errorf("raise alerts for transaction %s: %w", t.ID, err)
	}
	// A stored payment may cross its category's budget: checked now, not only by the daily run.
	budget, err := s.BudgetAlerts(ctx, t, time.Now().UTC())
	if err != nil {
		return raised, err
	}
	raised = append(raised, budget...)
	next := vocab.StepDone
	if t.Status == vocab.StatusFlagged {
		next = vocab.StepReview
	}
	if err := s.Store.SetStep(ctx, t.UserID, t.ID, next); err != nil {
		return raised, fmt.Errorf("record step %s of transaction %s: %w", next, t.ID, err)
	}
	return raised, nil
}

// raise stores each alert unless its dedupe key was raised before, and returns the kinds
// newly raised.
func (s *Service) raise(ctx context.Context, alerts []store.NewAlert) ([]vocab.AlertKind, error) {
	var raised []vocab.AlertKind
	for _, a := range alerts {
		ok, err := s.Store.RaiseAlert(ctx, a)
		if err != nil {
			return raised, fmt.Errorf("raise %s alert: %w", a.Kind, err)
		}
		if ok {
			raised = append(raised, a.Kind)
		}
	}
	return raised, nil
}

func formatAmount(minor int64, currency string) string {
	return money.FormatIn(minor, currency) + " " + currency
}

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
