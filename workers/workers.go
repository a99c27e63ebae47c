// Package workers wires Temporal workers: which workflows and activities run on which queue.
package workers

import (
	"context"
	"errors"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
)

// New returns a worker for the task queue with every workflow and activity registered.
func New(c client.Client, taskQueue string, acts *activities.Activities) worker.Worker {
	w := worker.New(c, taskQueue, worker.Options{
		// Local activities run inside workflow tasks; let enough run at once on two cores.
		MaxConcurrentLocalActivityExecutionSize: 200,
		MaxConcurrentWorkflowTaskPollers:        4,
	})
	w.RegisterWorkflow(workflows.TransactionWorkflow)
	w.RegisterWorkflow(workflows.ReferenceWorkflow)
	w.RegisterWorkflow(workflows.ImportWorkflow)
	w.RegisterWorkflow(workflows.RetrainWorkflow)
	w.RegisterWorkflow(workflows.ForecastWorkflow)
	w.RegisterWorkflow(workflows.DailyForecastsWorkflow)
	w.RegisterWorkflow(workflows.ConversationWorkflow)
	w.RegisterActivity(acts)
	return w
}

// EnsureRetrainSchedule creates the nightly fraud-retraining schedule unless it exists.
func EnsureRetrainSchedule(ctx context.Context, c client.Client, taskQueue, cron string, in workflows.RetrainInput) error {
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:   workflows.RetrainScheduleID(taskQueue),
		Spec: client.ScheduleSpec{CronExpressions: []string{cron}},
		Action: &client.ScheduleWorkflowAction{
			ID: workflows.RetrainWorkflowID + "-" + taskQueue, Workflow: workflows.RetrainWorkflow, Args: []any{in}, TaskQueue: taskQueue,
		},
		Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
	})
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	return err
}

// EnsureForecastSchedule creates the daily forecasts-and-alerts schedule unless it exists.
func EnsureForecastSchedule(ctx context.Context, c client.Client, taskQueue, cron string) error {
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:   workflows.ForecastScheduleID(taskQueue),
		Spec: client.ScheduleSpec{CronExpressions: []string{cron}},
		Action: &client.ScheduleWorkflowAction{
			ID: "daily-forecasts-" + taskQueue, Workflow: workflows.DailyForecastsWorkflow, TaskQueue: taskQueue,
		},
		Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
	})
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	return err
}
