package integration

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
)

// startWorker runs `aithena worker` as its own process on the queue.
func startWorker(t *testing.T, queue string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Getenv("AITHENA_BIN"), "worker")
	cmd.Env = append(os.Environ(), "TEMPORAL_TASK_QUEUE="+queue, "LOG_LEVEL=WARN")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestWorkerKilledMidWorkflow kills the worker process with SIGKILL while transactions are in
// flight, starts a new one, and checks every transaction completes exactly once.
func TestWorkerKilledMidWorkflow(t *testing.T) {
	if os.Getenv("AITHENA_BIN") == "" {
		t.Fatal("AITHENA_BIN must name the built binary (make test sets it)")
	}
	queue := "aithena-crash-" + uuid.NewString()[:8]
	cfg := deps.Config
	cfg.TaskQueue = queue
	srv := httptest.NewServer(newAPI(cfg).Handler())
	defer srv.Close()
	u := newUser(t)
	u.url = srv.URL

	worker := startWorker(t, queue)
	const n = 60
	var items []map[string]string
	for i := 0; i < n; i++ {
		items = append(items, map[string]string{"date": today(), "amount": fmt.Sprintf("-%d.00", 10+i),
			"currency": "USD", "description": fmt.Sprintf("MERCHANT NUMBER %d", i)})
	}
	r := u.do("POST", "/v1/transactions", map[string]any{"transactions": items}, "Idempotency-Key", "crash")
	var acc struct {
		Transactions []acceptedResp `json:"transactions"`
	}
	r.json(t, &acc)
	if r.Status != 202 || len(acc.Transactions) != n {
		t.Fatalf("batch: %d %s", r.Status, r.Body)
	}
	ids := make([]string, n)
	for i, a := range acc.Transactions {
		ids[i] = a.ID
	}
	// Kill as soon as the first transactions are stored, while others are still in flight.
	deadline := time.Now().Add(60 * time.Second)
	stored := 0
	for stored == 0 && time.Now().Before(deadline) {
		stored = count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID)
		time.Sleep(5 * time.Millisecond)
	}
	if err := worker.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = worker.Wait()
	atKill := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID)
	t.Logf("worker killed with %d of %d stored", atKill, n)
	if atKill == n {
		t.Fatal("every transaction finished before the kill; the test proved nothing")
	}

	worker = startWorker(t, queue)
	defer func() { _ = worker.Process.Signal(syscall.SIGTERM); _ = worker.Wait() }()
	for _, id := range ids {
		u.wait(id)
	}
	if got := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID); got != n {
		t.Fatalf("%d stored, want %d", got, n)
	}
	if got := count(t, `SELECT count(*) FROM categorization_decisions WHERE user_id = $1`, u.ID); got != n {
		t.Fatalf("%d decisions, want exactly one per transaction (%d)", got, n)
	}
	// Every workflow ended successfully.
	for _, id := range ids[:5] {
		var wfID string
		if err := deps.Store.Pool.QueryRow(context.Background(), `SELECT workflow_id FROM transactions WHERE id = $1`, id).Scan(&wfID); err != nil {
			t.Fatal(err)
		}
		if err := deps.Temporal.GetWorkflow(context.Background(), wfID, "").Get(context.Background(), nil); err != nil {
			t.Fatalf("workflow %s: %v", wfID, err)
		}
	}
}
