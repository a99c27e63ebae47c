package workflows

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
)

func submission() ledger.Submission {
	u := uuid.New()
	id := ledger.TransactionID(u, "k")
	return ledger.Submission{TransactionID: id, UserID: u, AccountID: uuid.New(), IdempotencyKey: "k",
		PostedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), AmountMinor: -450, Currency: "USD",
		Description: "STARBUCKS #12", WorkflowID: TransactionWorkflowIDFor(u, id)}
}

func newEnv() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	return s.NewTestWorkflowEnvironment()
}

func TestTransactionWorkflowRunsStepsInOrder(t *testing.T) {
	env := newEnv()
	sub := submission()
	var order []string
	m := ledger.Merchant{Name: "Starbucks", Key: "starbucks"}
	dup := uuid.New()
	rec := func(step string) func(mock.Arguments) { return func(mock.Arguments) { order = append(order, step) } }
	var acts *activities.Activities
	env.OnActivity(acts.Validate, mock.Anything, activities.ValidateInput{Submission: sub}).Return(activities.ValidateResult{Merchant: m}, nil).Run(rec("validate"))
	env.OnActivity(acts.FindDuplicate, mock.Anything, mock.Anything).Return(activities.DedupeResult{DuplicateOf: &dup}, nil).Run(rec("dedupe"))
	env.OnActivity(acts.Embed, mock.Anything, activities.EmbedInput{Text: ledger.EmbedText(m)}).Return(activities.EmbedResult{Vector: []float32{1}}, nil).Run(rec("embed"))
	d := categorize.Decision{Category: "FOOD_AND_DRINK", Confidence: 0.8, Method: "lexicon"}
	env.OnActivity(acts.Categorize, mock.Anything, mock.Anything).Return(activities.CategorizeResult{Decision: d}, nil).Run(rec("categorize"))
	env.OnActivity(acts.ScoreFraud, mock.Anything, activities.FraudInput{Submission: sub, Merchant: m, Category: "FOOD_AND_DRINK"}).Return(activities.FraudResult{}, nil).Run(rec("fraud"))
	env.OnActivity(acts.Persist, mock.Anything, mock.MatchedBy(func(in activities.PersistInput) bool {
		return in.Record.Decision.Category == "FOOD_AND_DRINK" && *in.Record.DuplicateOf == dup && len(in.Record.Embedding) == 1
	})).Return(activities.PersistResult{TransactionID: sub.TransactionID, Status: vocab.StatusCategorized, Category: "FOOD_AND_DRINK", Confidence: 0.8, Method: "lexicon", Inserted: true}, nil).Run(rec("persist"))
	env.OnActivity(acts.Alert, mock.Anything, activities.AlertInput{UserID: sub.UserID, TransactionID: sub.TransactionID}).Return(activities.AlertResult{Raised: []vocab.AlertKind{vocab.AlertPossibleDuplicate}}, nil).Run(rec("alert"))
	env.OnActivity(acts.DeliverAlerts, mock.Anything, activities.DeliverInput{UserID: sub.UserID}).Return(activities.DeliverResult{Sent: 1}, nil).Run(rec("deliver"))

	env.ExecuteWorkflow(TransactionWorkflow, TransactionInput{Submission: sub})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var res TransactionResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, []string{"validate", "dedupe", "embed", "categorize", "fraud", "persist", "alert", "deliver"}, order)
	require.Equal(t, "FOOD_AND_DRINK", res.Category)
	require.Equal(t, &dup, res.DuplicateOf)

	v, err := env.QueryWorkflow(StatusQuery)
	require.NoError(t, err)
	var st TransactionStatus
	require.NoError(t, v.Get(&st))
	require.Equal(t, vocab.StepDone, st.Step)
}

func TestTransactionWorkflowStopsOnInvalidInput(t *testing.T) {
	env := newEnv()
	var acts *activities.Activities
	calls := 0
	env.OnActivity(acts.Validate, mock.Anything, mock.Anything).Return(activities.ValidateResult{},
		temporal.NewNonRetryableApplicationError("bad", activities.ErrInvalid, nil)).Run(func(mock.Arguments) { calls++ })
	env.ExecuteWorkflow(TransactionWorkflow, TransactionInput{Submission: submission()})
	require.True(t, env.IsWorkflowCompleted())
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(env.GetWorkflowError(), &appErr))
	require.Equal(t, activities.ErrInvalid, appErr.Type())
	require.Equal(t, 1, calls, "invalid input is not retried")
}

func TestTransactionWorkflowRetriesAFailingStep(t *testing.T) {
	env := newEnv()
	var acts *activities.Activities
	sub := submission()
	env.OnActivity(acts.Validate, mock.Anything, mock.Anything).Return(activities.ValidateResult{}, nil)
	env.OnActivity(acts.FindDuplicate, mock.Anything, mock.Anything).Return(activities.DedupeResult{}, nil)
	env.OnActivity(acts.Embed, mock.Anything, mock.Anything).Return(activities.EmbedResult{}, nil)
	env.OnActivity(acts.Categorize, mock.Anything, mock.Anything).Return(activities.CategorizeResult{}, nil)
	env.OnActivity(acts.ScoreFraud, mock.Anything, mock.Anything).Return(activities.FraudResult{}, nil)
	// The database is away for the first two attempts.
	env.OnActivity(acts.Persist, mock.Anything, mock.Anything).Return(activities.PersistResult{}, errors.New("connection refused")).Twice()
	env.OnActivity(acts.Persist, mock.Anything, mock.Anything).Return(activities.PersistResult{TransactionID: sub.TransactionID}, nil).Once()
	env.OnActivity(acts.Alert, mock.Anything, mock.Anything).Return(activities.AlertResult{}, nil)
	env.ExecuteWorkflow(TransactionWorkflow, TransactionInput{Submission: sub})
	require.NoError(t, env.GetWorkflowError())
	env.AssertNumberOfCalls(t, "Persist", 3)
}

func TestImportWorkflowWorksInChunksAndReportsProgress(t *testing.T) {
	env := newEnv()
	var acts *activities.Activities
	ref := activities.ImportRef{ImportID: uuid.New(), UserID: uuid.New(), AccountID: uuid.New(), Currency: "USD"}
	env.OnActivity(acts.ParseImport, mock.Anything, ref).Return(activities.ParseImportResult{
		TotalRows: 252, ValidRows: 250, Rejected: []activities.Rejection{{Line: 3, Reason: "bad date"}, {Line: 9, Reason: "amount is empty"}},
	}, nil)
	var chunks [][2]int
	env.OnActivity(acts.ImportChunk, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ImportChunkInput) (activities.ImportChunkResult, error) {
			chunks = append(chunks, [2]int{in.Start, in.End})
			return activities.ImportChunkResult{Accepted: in.End - in.Start - 1, NeedsReview: 1,
				Rejected: []activities.Rejection{{Line: in.Start + 2, Reason: "already imported"}}}, nil
		})
	env.OnActivity(acts.FinishImport, mock.Anything, mock.Anything).Return(nil)
	env.OnActivity(acts.DeliverAlerts, mock.Anything, activities.DeliverInput{UserID: ref.UserID}).Return(activities.DeliverResult{}, nil).Once()
	env.ExecuteWorkflow(ImportWorkflow, ImportInput{Import: ref})
	require.NoError(t, env.GetWorkflowError())
	var p ImportProgress
	require.NoError(t, env.GetWorkflowResult(&p))
	require.Equal(t, [][2]int{{0, 100}, {100, 200}, {200, 250}}, chunks)
	require.Equal(t, "completed", p.Status)
	require.Equal(t, 252, p.TotalRows)
	require.Equal(t, 252, p.Processed)
	require.Equal(t, 247, p.Accepted)
	require.Equal(t, 5, p.RejectedCount)
	require.Equal(t, 3, p.NeedsReview)
	v, err := env.QueryWorkflow(ProgressQuery)
	require.NoError(t, err)
	var q ImportProgress
	require.NoError(t, v.Get(&q))
	require.Equal(t, p, q, "the progress query answers the same numbers")
	env.AssertExpectations(t)
}

func TestWorkflowIDsAreStableAndScoped(t *testing.T) {
	a, b := uuid.New(), uuid.New()
	require.Equal(t, TransactionWorkflowID(a, "k"), TransactionWorkflowID(a, "k"))
	require.NotEqual(t, TransactionWorkflowID(a, "k"), TransactionWorkflowID(b, "k"))
	require.NotEqual(t, TransactionWorkflowID(a, "k"), TransactionWorkflowID(a, "k2"))
}

// flaggedEnv runs a transaction whose payment the fraud step flags.
func flaggedEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, ledger.Submission) {
	env := newEnv()
	var acts *activities.Activities
	sub := submission()
	env.OnActivity(acts.Validate, mock.Anything, mock.Anything).Return(activities.ValidateResult{}, nil)
	env.OnActivity(acts.FindDuplicate, mock.Anything, mock.Anything).Return(activities.DedupeResult{}, nil)
	env.OnActivity(acts.Embed, mock.Anything, mock.Anything).Return(activities.EmbedResult{}, nil)
	env.OnActivity(acts.Categorize, mock.Anything, mock.Anything).Return(activities.CategorizeResult{}, nil)
	env.OnActivity(acts.ScoreFraud, mock.Anything, mock.Anything).Return(activities.FraudResult{Result: ledger.FraudResult{Flagged: true}}, nil)
	env.OnActivity(acts.Persist, mock.Anything, mock.MatchedBy(func(in activities.PersistInput) bool { return in.Record.Fraud.Flagged })).
		Return(activities.PersistResult{TransactionID: sub.TransactionID, Status: vocab.StatusFlagged, Flagged: true}, nil)
	env.OnActivity(acts.Alert, mock.Anything, mock.Anything).Return(activities.AlertResult{Raised: []vocab.AlertKind{vocab.AlertFraudSuspected}}, nil)
	return env, sub
}

func TestFlaggedPaymentWaitsForTheOwnersVerdict(t *testing.T) {
	env, sub := flaggedEnv(t)
	var acts *activities.Activities
	env.OnActivity(acts.DeliverAlerts, mock.Anything, mock.Anything).Return(activities.DeliverResult{Sent: 1}, nil).Once()
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(StatusQuery)
		require.NoError(t, err)
		var st TransactionStatus
		require.NoError(t, v.Get(&st))
		require.Equal(t, vocab.StepReview, st.Step)
		env.SignalWorkflow(ReviewSignal, Review{Verdict: vocab.VerdictLegit, Source: "test"})
	}, time.Hour)
	env.ExecuteWorkflow(TransactionWorkflow, TransactionInput{Submission: sub, ReviewTimeout: 24 * time.Hour})
	require.NoError(t, env.GetWorkflowError())
	var res TransactionResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, vocab.VerdictLegit, res.Verdict)
}

func TestFlaggedPaymentWithoutVerdictIsEscalated(t *testing.T) {
	env, sub := flaggedEnv(t)
	var acts *activities.Activities
	env.OnActivity(acts.Escalate, mock.Anything, activities.EscalateInput{UserID: sub.UserID, TransactionID: sub.TransactionID}).
		Return(activities.EscalateResult{Escalated: true}, nil).Once()
	// "Was this you?" when flagged, the escalation when nobody answered.
	env.OnActivity(acts.DeliverAlerts, mock.Anything, mock.Anything).Return(activities.DeliverResult{Sent: 1}, nil).Twice()
	env.ExecuteWorkflow(TransactionWorkflow, TransactionInput{Submission: sub, ReviewTimeout: 24 * time.Hour})
	require.NoError(t, env.GetWorkflowError())
	var res TransactionResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, vocab.VerdictEscalated, res.Verdict)
	env.AssertExpectations(t)
}

// TestPushWaitsAsLongAsTelegramAsks: a 429 fails the delivery with retry_after as the next
// retry's delay; the retry comes that much later and the review still waits.
func TestPushWaitsAsLongAsTelegramAsks(t *testing.T) {
	env, sub := flaggedEnv(t)
	var acts *activities.Activities
	var calls []time.Time
	env.OnActivity(acts.DeliverAlerts, mock.Anything, mock.Anything).Return(func(context.Context, activities.DeliverInput) (activities.DeliverResult, error) {
		calls = append(calls, env.Now())
		if len(calls) == 1 {
			return activities.DeliverResult{}, temporal.NewApplicationErrorWithOptions("429", activities.ErrRateLimited,
				temporal.ApplicationErrorOptions{NextRetryDelay: 37 * time.Second})
		}
		return activities.DeliverResult{Sent: 1}, nil
	})
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(ReviewSignal, Review{Verdict: vocab.VerdictFraud, Source: "test"}) }, time.Hour)
	env.ExecuteWorkflow(TransactionWorkflow, TransactionInput{Submission: sub, ReviewTimeout: 24 * time.Hour})
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, calls, 2)
	require.GreaterOrEqual(t, calls[1].Sub(calls[0]), 37*time.Second)
	var res TransactionResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, vocab.VerdictFraud, res.Verdict)
}

func TestRetrainTrainsGlobalThenEachUser(t *testing.T) {
	env := newEnv()
	var acts *activities.Activities
	u1, u2 := uuid.New(), uuid.New()
	env.OnActivity(acts.PlanTraining, mock.Anything, activities.TrainPlanInput{MinHistory: 200}).Return(activities.TrainPlanResult{Users: []uuid.UUID{u1, u2}}, nil)
	var scopes []string
	env.OnActivity(acts.TrainFraudModel, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.TrainInput) (ledger.TrainResult, error) {
		if in.UserID == nil {
			scopes = append(scopes, "global")
			return ledger.TrainResult{Version: 3, Rows: 900}, nil
		}
		scopes = append(scopes, in.UserID.String())
		if *in.UserID == u2 {
			return ledger.TrainResult{}, temporal.NewNonRetryableApplicationError("not enough", activities.ErrNoHistory, nil)
		}
		return ledger.TrainResult{UserID: in.UserID, Version: 1, Rows: 300}, nil
	})
	env.ExecuteWorkflow(RetrainWorkflow, RetrainInput{Options: ledger.TrainOptions{MinHistory: 200}})
	require.NoError(t, env.GetWorkflowError())
	var p RetrainProgress
	require.NoError(t, env.GetWorkflowResult(&p))
	require.Equal(t, []string{"global", u1.String(), u2.String()}, scopes)
	require.Equal(t, "completed", p.Status)
	require.Equal(t, 3, p.Done)
	require.Len(t, p.Models, 2)
	require.Len(t, p.Errors, 1, "one user's failure does not stop the others")
}
