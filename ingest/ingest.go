// Package ingest starts the pipeline's workflows: the one place that knows how a transaction
// or a file becomes a Temporal workflow, shared by the API, the seed and the load test.
package ingest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/aithena/aithena/workflows"
	"github.com/google/uuid"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
)

// Starter starts workflows on the task queue.
type Starter struct {
	Store     *store.Store
	Temporal  client.Client
	TaskQueue string
	// ReviewTimeout: how long a flagged payment waits for the owner's verdict.
	ReviewTimeout time.Duration
}

// once: a workflow ID names one workflow for good. An existing one, running or finished, is
// reused, so a retried request starts nothing new.
func (s *Starter) once(ctx context.Context, id string, wf any, arg any) error {
	_, err := s.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       id,
		TaskQueue:                s.TaskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}, wf, arg)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		return nil
	}
	return err
}

// StartTransaction starts a submission's TransactionWorkflow (once).
func (s *Starter) StartTransaction(ctx context.Context, sub ledger.Submission) error {
	return s.once(ctx, sub.WorkflowID, workflows.TransactionWorkflow, workflows.TransactionInput{Submission: sub, ReviewTimeout: s.ReviewTimeout})
}

// Import is a started import.
type Import struct {
	ID         uuid.UUID
	WorkflowID string
}

// StartImport stores the file and starts its ImportWorkflow (once). An empty key means the
// import is keyed by the file's content and account: the same file twice is one import.
func (s *Starter) StartImport(ctx context.Context, userID uuid.UUID, acct store.Account, filename string, content []byte, key string) (Import, error) {
	if key == "" {
		h := sha256.Sum256(append([]byte(acct.ID.String()+"|"), content...))
		key = fmt.Sprintf("file:%x", h[:16])
	}
	id := uuid.NewSHA1(userID, []byte("import:"+key))
	if err := s.Store.CreateImport(ctx, id, userID, acct.ID, filename, content); err != nil {
		return Import{}, err
	}
	im := Import{ID: id, WorkflowID: workflows.ImportWorkflowID(userID, id)}
	return im, s.once(ctx, im.WorkflowID, workflows.ImportWorkflow, workflows.ImportInput{Import: activities.ImportRef{
		ImportID: id, UserID: userID, AccountID: acct.ID, Currency: acct.Currency,
	}})
}

// Review records the owner's verdict on a transaction as a label, then wakes its workflow if
// it is waiting for one. A workflow that is not waiting (finished, or an import's) needs no
// signal: the verdict is stored either way.
func (s *Starter) Review(ctx context.Context, userID, txnID uuid.UUID, verdict vocab.Verdict, source string) (store.Transaction, error) {
	t, err := s.Store.SetVerdict(ctx, userID, txnID, verdict, source)
	if err != nil || !strings.HasPrefix(t.WorkflowID, "txn-") {
		return t, err
	}
	err = s.Temporal.SignalWorkflow(ctx, t.WorkflowID, "", workflows.ReviewSignal, workflows.Review{Verdict: verdict, Source: source})
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		return t, nil
	}
	return t, err
}
