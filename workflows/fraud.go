package workflows

import (
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// ReviewSignal carries the owner's verdict to a flagged transaction's workflow.
const ReviewSignal = "review"

// DefaultReviewTimeout is how long a flagged payment waits for the owner before escalation.
const DefaultReviewTimeout = 72 * time.Hour

type Review struct {
	Verdict vocab.Verdict
	Source  string
}

// awaitReview waits for the owner's verdict or, after the timeout, escalates.
func awaitReview(ctx workflow.Context, userID, txnID uuid.UUID, timeout time.Duration) (vocab.Verdict, error) {
	if timeout <= 0 {
		timeout = DefaultReviewTimeout
	}
	var review Review
	got := false
	tctx, cancel := workflow.WithCancel(ctx)
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(workflow.GetSignalChannel(ctx, ReviewSignal), func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, &review)
		got = true
	})
	sel.AddFuture(workflow.NewTimer(tctx, timeout), func(workflow.Future) {})
	sel.Select(ctx)
	cancel()
	if got {
		return review.Verdict, nil
	}
	var r activities.EscalateResult
	err := workflow.ExecuteLocalActivity(pipelineOptions(ctx), a.Escalate,
		activities.EscalateInput{UserID: userID, TransactionID: txnID}).Get(ctx, &r)
	if err != nil || !r.Escalated {
		return "", err
	}
	return vocab.VerdictEscalated, nil
}

// RetrainWorkflowID is the ID of the nightly schedule's runs and of on-demand runs.
const RetrainWorkflowID = "fraud-retrain"

// RetrainScheduleID names the nightly schedule of a task queue's workers.
func RetrainScheduleID(taskQueue string) string { return "fraud-retrain-nightly-" + taskQueue }

// RetrainQuery returns a RetrainProgress.
const RetrainQuery = "progress"

type RetrainInput struct {
	Options ledger.TrainOptions
}

type RetrainProgress struct {
	Status string               `json:"status"`
	Total  int                  `json:"total"`
	Done   int                  `json:"done"`
	Models []ledger.TrainResult `json:"models"`
	Errors []string             `json:"errors,omitempty"`
}

// RetrainWorkflow trains the global model, then a model of their own for each user with
// enough history. Each model is stored before it is used: the scorer only reads stored ones.
func RetrainWorkflow(ctx workflow.Context, in RetrainInput) (RetrainProgress, error) {
	p := RetrainProgress{Status: "planning", Models: []ledger.TrainResult{}}
	if err := workflow.SetQueryHandler(ctx, RetrainQuery, func() (RetrainProgress, error) { return p, nil }); err != nil {
		return p, err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Minute,
		HeartbeatTimeout:    2 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval: time.Second, MaximumInterval: time.Minute, MaximumAttempts: 5,
			NonRetryableErrorTypes: []string{activities.ErrNoHistory},
		},
	})
	var plan activities.TrainPlanResult
	if err := workflow.ExecuteActivity(ctx, a.PlanTraining, activities.TrainPlanInput{MinHistory: in.Options.MinHistory}).Get(ctx, &plan); err != nil {
		return p, err
	}
	scopes := append([]*uuid.UUID{nil}, make([]*uuid.UUID, len(plan.Users))...)
	for i := range plan.Users {
		scopes[i+1] = &plan.Users[i]
	}
	p.Status, p.Total = "training", len(scopes)
	for _, scope := range scopes {
		var r ledger.TrainResult
		err := workflow.ExecuteActivity(ctx, a.TrainFraudModel, activities.TrainInput{UserID: scope, Options: in.Options}).Get(ctx, &r)
		p.Done++
		if err != nil {
			// One user's failure must not stop the others' models.
			p.Errors = append(p.Errors, err.Error())
			continue
		}
		p.Models = append(p.Models, r)
	}
	p.Status = "completed"
	return p, nil
}
