// Package workers wires Temporal workers: which workflows and activities run on which queue.
package workers

import (
	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/workflows"
	"go.temporal.io/sdk/client"
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
	w.RegisterActivity(acts)
	return w
}
