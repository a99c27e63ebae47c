package workflows

import (
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// ProgressQuery is the query that returns an ImportProgress.
const ProgressQuery = "progress"

// ImportChunkSize is how many rows one activity runs through the pipeline.
const ImportChunkSize = 100

// maxKeptRejections bounds the rejections kept in workflow state and history.
const maxKeptRejections = 1000

// ImportWorkflowID names the workflow of an import.
func ImportWorkflowID(userID, importID uuid.UUID) string {
	return "import-" + userID.String() + "-" + importID.String()
}

type ImportInput struct {
	Import activities.ImportRef
}

// ImportProgress is what the progress query answers and the workflow returns.
type ImportProgress struct {
	Status             string                 `json:"status"`
	Layout             string                 `json:"layout,omitempty"`
	TotalRows          int                    `json:"total_rows"`
	Processed          int                    `json:"processed"`
	Accepted           int                    `json:"accepted"`
	RejectedCount      int                    `json:"rejected_count"`
	PossibleDuplicates int                    `json:"possible_duplicates"`
	NeedsReview        int                    `json:"needs_review"`
	Rejected           []activities.Rejection `json:"rejected"`
	Error              string                 `json:"error,omitempty"`
}

// ImportWorkflow runs a file through the pipeline in chunks of ImportChunkSize rows: one
// workflow per file, never one per row.
func ImportWorkflow(ctx workflow.Context, in ImportInput) (ImportProgress, error) {
	p := ImportProgress{Status: "parsing", Rejected: []activities.Rejection{}}
	if err := workflow.SetQueryHandler(ctx, ProgressQuery, func() (ImportProgress, error) { return p, nil }); err != nil {
		return p, err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 5 * time.Minute,
		HeartbeatTimeout:    time.Minute,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			MaximumInterval:        time.Minute,
			NonRetryableErrorTypes: []string{activities.ErrUnreadableFile},
		},
	})
	reject := func(rs []activities.Rejection) {
		p.RejectedCount += len(rs)
		for _, r := range rs {
			if len(p.Rejected) < maxKeptRejections {
				p.Rejected = append(p.Rejected, r)
			}
		}
	}

	var parsed activities.ParseImportResult
	if err := workflow.ExecuteActivity(ctx, a.ParseImport, in.Import).Get(ctx, &parsed); err != nil {
		p.Status, p.Error = "failed", err.Error()
		return p, err
	}
	p.Status, p.Layout, p.TotalRows = "importing", parsed.Layout, parsed.TotalRows
	p.Processed = len(parsed.Rejected)
	reject(parsed.Rejected)

	for start := 0; start < parsed.ValidRows; start += ImportChunkSize {
		end := min(start+ImportChunkSize, parsed.ValidRows)
		var r activities.ImportChunkResult
		err := workflow.ExecuteActivity(ctx, a.ImportChunk, activities.ImportChunkInput{Import: in.Import, Start: start, End: end}).Get(ctx, &r)
		if err != nil {
			p.Status, p.Error = "failed", err.Error()
			return p, err
		}
		p.Processed += end - start
		p.Accepted += r.Accepted
		p.PossibleDuplicates += r.PossibleDuplicates
		p.NeedsReview += r.NeedsReview
		reject(r.Rejected)
	}

	err := workflow.ExecuteActivity(ctx, a.FinishImport, activities.FinishImportInput{
		Import: in.Import, TotalRows: p.TotalRows, Accepted: p.Accepted, Rejected: p.Rejected,
	}).Get(ctx, nil)
	if err != nil {
		p.Status, p.Error = "failed", err.Error()
		return p, err
	}
	p.Status = "completed"
	// Alerts about the file's recent payments (a suspicious one from yesterday, say) go to the
	// owner's chats now; older rows' alerts are not pushed (the delivery activity leaves them out).
	if workflow.GetVersion(ctx, "push-alerts", workflow.DefaultVersion, 1) == 1 {
		deliverAlerts(ctx, in.Import.UserID)
	}
	return p, nil
}
