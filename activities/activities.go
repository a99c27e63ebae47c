// Package activities holds the Temporal activities: thin adapters from workflow inputs to the
// domain packages, which do the work. Errors that retrying cannot fix are non-retryable.
package activities

import (
	"context"
	"errors"
	"time"

	"github.com/aithena/aithena/agent"
	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"
)

// Activities holds the dependencies of every activity; register it once per worker.
type Activities struct {
	Store  *store.Store
	Ledger *ledger.Service
	// Starter starts transaction workflows for chat expenses and passes on verdicts.
	Starter TransactionStarter
	// Telegram pushes alerts to linked chats; nil when no bot token is configured.
	Telegram Messenger
	// AskAgent answers the chat's questions the offline parser does not know; nil without an LLM.
	AskAgent *agent.Agent
}

// ErrInvalid is the application error type of a submission that fails validation.
const ErrInvalid = "InvalidTransaction"

type ValidateInput struct {
	Submission ledger.Submission
}

type ValidateResult struct {
	Merchant ledger.Merchant
}

// Validate checks the submission and extracts its merchant.
func (a *Activities) Validate(ctx context.Context, in ValidateInput) (ValidateResult, error) {
	if err := ledger.Validate(in.Submission, time.Now()); err != nil {
		var ve ledger.ValidationError
		if errors.As(err, &ve) {
			return ValidateResult{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrInvalid, nil, []ledger.FieldError(ve))
		}
		return ValidateResult{}, err
	}
	return ValidateResult{Merchant: ledger.NormalizeMerchant(in.Submission.Description)}, nil
}

type DedupeInput struct {
	Submission ledger.Submission
	Merchant   ledger.Merchant
}

type DedupeResult struct {
	DuplicateOf *uuid.UUID
}

// FindDuplicate looks for an earlier transaction with the same amount and merchant.
func (a *Activities) FindDuplicate(ctx context.Context, in DedupeInput) (DedupeResult, error) {
	id, err := a.Ledger.FindDuplicate(ctx, in.Submission, in.Merchant)
	return DedupeResult{DuplicateOf: id}, err
}

type EmbedInput struct {
	Text string
}

type EmbedResult struct {
	Vector []float32
}

// Embed computes the transaction's vector.
func (a *Activities) Embed(ctx context.Context, in EmbedInput) (EmbedResult, error) {
	v, err := a.Ledger.Embed(ctx, in.Text)
	return EmbedResult{Vector: v}, err
}

type CategorizeInput struct {
	Submission ledger.Submission
	Merchant   ledger.Merchant
	Embedding  []float32
}

type CategorizeResult struct {
	Decision categorize.Decision
	// UseAgent: the LLM agent should try next (AgentCategorize); Decision is the fallback.
	UseAgent bool
}

// Categorize runs the built-in chain.
func (a *Activities) Categorize(ctx context.Context, in CategorizeInput) (CategorizeResult, error) {
	d, agent, err := a.Ledger.Categorize(ctx, in.Submission, in.Merchant, in.Embedding)
	return CategorizeResult{Decision: d, UseAgent: agent}, err
}

// ErrAgentPermanent is the application error type of an agent failure that retrying will not
// fix soon: a bad answer after its own retry, or the circuit breaker open.
const ErrAgentPermanent = "AgentPermanent"

// AgentCategorize asks the LLM agent; the workflow's retry policy retries timeouts and 429s.
func (a *Activities) AgentCategorize(ctx context.Context, in CategorizeInput) (CategorizeResult, error) {
	d, err := a.Ledger.AgentCategorize(ctx, in.Submission, in.Merchant, in.Embedding)
	if err != nil && categorize.IsPermanent(err) {
		return CategorizeResult{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrAgentPermanent, err)
	}
	return CategorizeResult{Decision: d}, err
}

type PersistInput struct {
	Record ledger.Record
}

type PersistResult struct {
	TransactionID uuid.UUID
	Status        vocab.Status
	Category      string
	Confidence    float64
	Method        string
	Inserted      bool
	Flagged       bool
}

// Persist stores the transaction exactly once.
func (a *Activities) Persist(ctx context.Context, in PersistInput) (PersistResult, error) {
	t, inserted, err := a.Ledger.Persist(ctx, in.Record)
	if err != nil {
		return PersistResult{}, err
	}
	return PersistResult{TransactionID: t.ID, Status: t.Status, Category: t.Category, Confidence: t.Confidence,
		Method: t.Method, Inserted: inserted, Flagged: t.Status == vocab.StatusFlagged}, nil
}

type AlertInput struct {
	UserID        uuid.UUID
	TransactionID uuid.UUID
}

type AlertResult struct {
	Raised []vocab.AlertKind
}

// Alert raises the transaction's alerts (review queue, possible duplicate) once.
func (a *Activities) Alert(ctx context.Context, in AlertInput) (AlertResult, error) {
	t, err := a.Store.Transaction(ctx, in.UserID, in.TransactionID)
	if err != nil {
		return AlertResult{}, err
	}
	raised, err := a.Ledger.RaiseAlerts(ctx, t)
	return AlertResult{Raised: raised}, err
}

type NoopInput struct {
	Step vocab.Step
}

type NoopResult struct{}

// Noop does nothing: the reference workflow measures what the orchestration alone costs.
func (a *Activities) Noop(ctx context.Context, in NoopInput) (NoopResult, error) {
	return NoopResult{}, nil
}
