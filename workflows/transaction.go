// Package workflows holds Aithena's Temporal workflows: deterministic orchestration only,
// no I/O. Each step is an activity from package activities.
package workflows

import (
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// a refers to activity methods by name; its value is never used.
var a *activities.Activities

// StatusQuery is the query that returns a TransactionStatus.
const StatusQuery = "status"

// TransactionWorkflowID names the one workflow of a user's idempotency key.
func TransactionWorkflowID(userID uuid.UUID, key string) string {
	return TransactionWorkflowIDFor(userID, ledger.TransactionID(userID, key))
}

// TransactionWorkflowIDFor names the workflow of a transaction ID; the user ID in it keeps
// one user from reaching another's workflow.
func TransactionWorkflowIDFor(userID, txnID uuid.UUID) string {
	return ledger.TransactionWorkflowID(userID, txnID)
}

type TransactionInput struct {
	Submission ledger.Submission
	// ReviewTimeout: how long a flagged payment waits for the owner (DefaultReviewTimeout if 0).
	ReviewTimeout time.Duration
}

type TransactionResult struct {
	TransactionID uuid.UUID
	Status        vocab.Status
	Category      string
	Confidence    float64
	Method        string
	DuplicateOf   *uuid.UUID
	Alerts        []vocab.AlertKind
	FraudScore    *float64
	// Verdict is the owner's answer on a flagged payment, or VerdictEscalated when none came in time.
	Verdict vocab.Verdict
}

// TransactionStatus is what the status query answers.
type TransactionStatus struct {
	Step  vocab.Step `json:"step"`
	Error string     `json:"error,omitempty"`
}

// pipelineOptions: every step is cheap and close (in-process or the local database), so each
// runs as a local activity. A step retries without limit, backing off to a minute, because
// an accepted transaction must never be dropped while the database is briefly away; only
// invalid input stops the workflow.
func pipelineOptions(ctx workflow.Context) workflow.Context {
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        100 * time.Millisecond,
			BackoffCoefficient:     2,
			MaximumInterval:        time.Minute,
			NonRetryableErrorTypes: []string{activities.ErrInvalid},
		},
	})
}

// TransactionWorkflow takes one transaction through validate → dedupe → embed → categorize →
// persist → alert.
func TransactionWorkflow(ctx workflow.Context, in TransactionInput) (TransactionResult, error) {
	status := TransactionStatus{Step: vocab.StepValidate}
	if err := workflow.SetQueryHandler(ctx, StatusQuery, func() (TransactionStatus, error) { return status, nil }); err != nil {
		return TransactionResult{}, err
	}
	ctx = pipelineOptions(ctx)
	sub := in.Submission
	step := func(name vocab.Step, fn, arg, result any) error {
		status.Step = name
		err := workflow.ExecuteLocalActivity(ctx, fn, arg).Get(ctx, result)
		if err != nil {
			status.Error = err.Error()
		}
		return err
	}

	var v activities.ValidateResult
	if err := step(vocab.StepValidate, a.Validate, activities.ValidateInput{Submission: sub}, &v); err != nil {
		return TransactionResult{}, err
	}
	var d activities.DedupeResult
	if err := step(vocab.StepDedupe, a.FindDuplicate, activities.DedupeInput{Submission: sub, Merchant: v.Merchant}, &d); err != nil {
		return TransactionResult{}, err
	}
	var e activities.EmbedResult
	if err := step(vocab.StepEmbed, a.Embed, activities.EmbedInput{Text: ledger.EmbedText(v.Merchant)}, &e); err != nil {
		return TransactionResult{}, err
	}
	var c activities.CategorizeResult
	if err := step(vocab.StepCategorize, a.Categorize,
		activities.CategorizeInput{Submission: sub, Merchant: v.Merchant, Embedding: e.Vector}, &c); err != nil {
		return TransactionResult{}, err
	}
	if c.UseAgent && workflow.GetVersion(ctx, "agent-step", workflow.DefaultVersion, 1) == 1 {
		c.Decision = agentStep(ctx, in.Submission, v.Merchant, e.Vector, c.Decision, &status)
	}
	// Workflows started before the fraud step existed replay without it.
	var f activities.FraudResult
	if workflow.GetVersion(ctx, "fraud-step", workflow.DefaultVersion, 1) == 1 {
		if err := step(vocab.StepFraud, a.ScoreFraud,
			activities.FraudInput{Submission: sub, Merchant: v.Merchant, Category: c.Decision.Category}, &f); err != nil {
			return TransactionResult{}, err
		}
	}
	var p activities.PersistResult
	rec := ledger.Record{Submission: sub, Merchant: v.Merchant, DuplicateOf: d.DuplicateOf, Embedding: e.Vector,
		Decision: c.Decision, Fraud: f.Result}
	if err := step(vocab.StepPersist, a.Persist, activities.PersistInput{Record: rec}, &p); err != nil {
		return TransactionResult{}, err
	}
	var al activities.AlertResult
	if err := step(vocab.StepAlert, a.Alert, activities.AlertInput{UserID: sub.UserID, TransactionID: p.TransactionID}, &al); err != nil {
		return TransactionResult{}, err
	}
	res := TransactionResult{
		TransactionID: p.TransactionID, Status: p.Status, Category: p.Category, Confidence: p.Confidence,
		Method: p.Method, DuplicateOf: d.DuplicateOf, Alerts: al.Raised,
	}
	if f.Result.Score != nil {
		res.FraudScore = &f.Result.Score.Score
	}
	pushed := workflow.GetVersion(ctx, "push-alerts", workflow.DefaultVersion, 1) == 1
	if pushed && vocab.AnyPushed(al.Raised) {
		deliverAlerts(ctx, sub.UserID)
	}
	if p.Flagged {
		status.Step = vocab.StepReview
		verdict, err := awaitReview(ctx, sub.UserID, p.TransactionID, in.ReviewTimeout)
		if verdict == vocab.VerdictEscalated && pushed {
			deliverAlerts(ctx, sub.UserID)
		}
		if err != nil {
			return res, err
		}
		res.Verdict = verdict
	}
	status.Step = vocab.StepDone
	return res, nil
}

// ReferenceWorkflow has TransactionWorkflow's shape (seven local activities in a row) with
// no-op steps. The load test runs it beside the real pipeline to show what orchestration
// alone costs on the same server.
func ReferenceWorkflow(ctx workflow.Context, in TransactionInput) (TransactionResult, error) {
	ctx = pipelineOptions(ctx)
	for _, s := range []vocab.Step{vocab.StepValidate, vocab.StepDedupe, vocab.StepEmbed, vocab.StepCategorize, vocab.StepFraud, vocab.StepPersist, vocab.StepAlert} {
		var r activities.NoopResult
		if err := workflow.ExecuteLocalActivity(ctx, a.Noop, activities.NoopInput{Step: s}).Get(ctx, &r); err != nil {
			return TransactionResult{}, err
		}
	}
	return TransactionResult{TransactionID: in.Submission.TransactionID, Status: "noop"}, nil
}

// agentStep asks the LLM agent as a regular activity (it talks to the network): a few tries
// for timeouts and 429s, none for a bad answer or an open breaker. Whatever happens, the
// transaction goes on: on failure the chain's decision stands.
func agentStep(ctx workflow.Context, sub ledger.Submission, m ledger.Merchant, vec []float32, chain categorize.Decision, status *TransactionStatus) categorize.Decision {
	status.Step = vocab.StepAgent
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 10 * time.Second, MaximumAttempts: 3,
			NonRetryableErrorTypes: []string{activities.ErrAgentPermanent},
		},
	})
	var r activities.CategorizeResult
	err := workflow.ExecuteActivity(actx, a.AgentCategorize, activities.CategorizeInput{Submission: sub, Merchant: m, Embedding: vec}).Get(ctx, &r)
	if err != nil {
		return ledger.AgentFallback(chain, err.Error())
	}
	return r.Decision
}

// deliverAlerts pushes the user's new alerts to their linked chats, as a regular activity (it
// talks to Telegram), retried on its own schedule: a 429 waits as long as Telegram asks. It
// never fails the caller: what is not delivered now goes out with the next delivery.
func deliverAlerts(ctx workflow.Context, userID uuid.UUID) {
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: time.Minute, MaximumAttempts: 8},
	})
	var r activities.DeliverResult
	if err := workflow.ExecuteActivity(actx, a.DeliverAlerts, activities.DeliverInput{UserID: userID}).Get(ctx, &r); err != nil {
		workflow.GetLogger(ctx).Warn("alerts not delivered", "user", userID, "error", err)
	}
}
