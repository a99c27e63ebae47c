package workflows

import (
	"fmt"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// ForecastScheduleID names the daily forecasts schedule of a task queue's workers.
func ForecastScheduleID(taskQueue string) string { return "forecast-daily-" + taskQueue }

// ForecastWorkflowID names a user's forecast run of a day: one per user and day.
func ForecastWorkflowID(userID uuid.UUID, day time.Time) string {
	return fmt.Sprintf("forecast-%s-%s", userID, day.Format("2006-01-02"))
}

type ForecastInput struct {
	UserID uuid.UUID
}

type ForecastResult struct {
	Raised []vocab.AlertKind
}

func insightOptions(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 2 * time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumInterval: time.Minute, MaximumAttempts: 10},
	})
}

// ForecastWorkflow looks at one user's month: forecast, budgets, recurring charges, and
// raises the alerts that calls for (each condition once), then pushes whatever the user's
// chats have not had yet, so an alert that missed its chat earlier goes out today.
func ForecastWorkflow(ctx workflow.Context, in ForecastInput) (ForecastResult, error) {
	var r activities.InsightsResult
	err := workflow.ExecuteActivity(insightOptions(ctx), a.ProactiveAlerts,
		activities.InsightsInput{UserID: in.UserID, Now: workflow.Now(ctx)}).Get(ctx, &r)
	if err == nil && workflow.GetVersion(ctx, "push-alerts", workflow.DefaultVersion, 1) == 1 {
		deliverAlerts(ctx, in.UserID)
	}
	return ForecastResult{Raised: r.Raised}, err
}

type DailyForecastsResult struct {
	Users  int
	Raised int
	Failed int
}

// DailyForecastsWorkflow, started by the daily schedule, runs ForecastWorkflow for every user
// with transactions, a few at a time.
func DailyForecastsWorkflow(ctx workflow.Context) (DailyForecastsResult, error) {
	var users activities.UsersResult
	if err := workflow.ExecuteActivity(insightOptions(ctx), a.ActiveUsers, struct{}{}).Get(ctx, &users); err != nil {
		return DailyForecastsResult{}, err
	}
	res := DailyForecastsResult{Users: len(users.Users)}
	const parallel = 8
	today := workflow.Now(ctx)
	for start := 0; start < len(users.Users); start += parallel {
		var futures []workflow.ChildWorkflowFuture
		for _, u := range users.Users[start:min(start+parallel, len(users.Users))] {
			cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: ForecastWorkflowID(u, today)})
			futures = append(futures, workflow.ExecuteChildWorkflow(cctx, ForecastWorkflow, ForecastInput{UserID: u}))
		}
		for _, f := range futures {
			var r ForecastResult
			if err := f.Get(ctx, &r); err != nil {
				// One user's failure must not stop the others' alerts.
				res.Failed++
				continue
			}
			res.Raised += len(r.Raised)
		}
	}
	return res, nil
}
