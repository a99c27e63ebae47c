// Package loadtest measures the pipeline: it posts transactions to the real API at a fixed
// rate (vegeta), waits for every workflow to finish, and runs the no-op ReferenceWorkflow of
// the same shape on the same Temporal server in the same run, as the yardstick.
package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/aithena/aithena/workflows"
	"github.com/google/uuid"
	vegeta "github.com/tsenart/vegeta/v12/lib"
	"go.temporal.io/sdk/client"
)

// Options of a run.
type Options struct {
	Rate      int           // requests per second
	Duration  time.Duration // how long to send
	APIURL    string
	APIKey    string
	UserID    uuid.UUID
	TaskQueue string
	// Store is read to see when each pipeline transaction is done.
	Store *store.Store
	// Wait bounds how long to wait for completions after sending stops.
	Wait time.Duration
}

// Phase is the outcome of one phase (the pipeline through the API, or the reference).
// A pipeline transaction counts as completed when its automated steps are over (see
// watchStored); a reference workflow when it ends.
type Phase struct {
	Name        string
	Sent        int
	Accepted    int
	Errors      map[string]int
	Completed   int
	AcceptP50   time.Duration
	AcceptP99   time.Duration
	AcceptMax   time.Duration
	EndToEndP50 time.Duration
	EndToEndP99 time.Duration
	// Throughput is completed workflows per second, from the first send to the last completion.
	Throughput float64
	// Completions are seconds since the first send, for the plot.
	Completions []float64
}

// Report is a whole run.
type Report struct {
	Options   Options
	Started   time.Time
	Pipeline  Phase
	Reference Phase
}

var merchants = []string{
	"POS PURCHASE STARBUCKS #%d SEATTLE WA", "SQ *BLUE BOTTLE COFFEE", "UBER *TRIP HELP.UBER.COM",
	"AMZN Mktp US*%dK4L", "WHOLEFDS MKT %d", "SHELL OIL %d HOUSTON TX", "NETFLIX.COM", "TST* JOES PIZZA %d",
	"CVS/PHARMACY #%d", "THE HOME DEPOT #%d", "SPOTIFY USA", "TRADER JOE'S #%d",
}

// completion tracks workflows until they finish.
type completion struct {
	mu    sync.Mutex
	start time.Time
	done  []time.Time
	e2e   []time.Duration
	wg    sync.WaitGroup
}

func (c *completion) wait(ctx context.Context, tc client.Client, wfID string, sent time.Time) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		if err := tc.GetWorkflow(ctx, wfID, "").Get(ctx, nil); err != nil {
			return
		}
		c.record(time.Now(), sent)
	}()
}

func (c *completion) record(done, sent time.Time) {
	c.mu.Lock()
	c.done = append(c.done, done)
	c.e2e = append(c.e2e, done.Sub(sent))
	c.mu.Unlock()
}

// watchStored records each pipeline transaction when its automated steps are over: stored,
// alerted, and either done or waiting for the owner's fraud verdict (a flagged payment's
// workflow waits for days, so its workflow's end is no measure of the pipeline). The moment
// is the row's updated_at, written by the last step.
func (c *completion) watchStored(ctx context.Context, st *store.Store, userID uuid.UUID, pending *sync.Map, sending *atomic.Bool) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for ctx.Err() == nil {
			var ids []uuid.UUID
			pending.Range(func(k, _ any) bool { ids = append(ids, k.(uuid.UUID)); return true })
			if len(ids) == 0 && !sending.Load() {
				return
			}
			rows, err := st.Pool.Query(ctx, `SELECT id, updated_at FROM transactions WHERE user_id = $1 AND id = ANY($2)
				AND step = ANY($3)`, userID, ids, []vocab.Step{vocab.StepDone, vocab.StepReview})
			if err == nil {
				for rows.Next() {
					var id uuid.UUID
					var at time.Time
					if rows.Scan(&id, &at) == nil {
						if sent, ok := pending.LoadAndDelete(id); ok {
							c.record(at, sent.(time.Time))
						}
					}
				}
				rows.Close()
			}
			select {
			case <-ctx.Done():
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
}

func (c *completion) count() int { c.mu.Lock(); defer c.mu.Unlock(); return len(c.done) }

// finish fills in the phase's numbers from the accept latencies and the completions.
func (c *completion) finish(p *Phase, accept []time.Duration) {
	slices.Sort(accept)
	p.AcceptP50, p.AcceptP99 = pct(accept, 0.5), pct(accept, 0.99)
	if len(accept) > 0 {
		p.AcceptMax = accept[len(accept)-1]
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p.Completed = len(c.done)
	slices.SortFunc(c.done, func(a, b time.Time) int { return a.Compare(b) })
	slices.Sort(c.e2e)
	p.EndToEndP50, p.EndToEndP99 = pct(c.e2e, 0.5), pct(c.e2e, 0.99)
	for _, t := range c.done {
		p.Completions = append(p.Completions, t.Sub(c.start).Seconds())
	}
	if n := len(c.done); n > 0 {
		p.Throughput = float64(n) / c.done[n-1].Sub(c.start).Seconds()
	}
}

func pct(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(len(d)-1, int(q*float64(len(d))))]
}

// Run runs both phases and reports progress to w once a second.
func Run(ctx context.Context, tc client.Client, o Options, w io.Writer) (Report, error) {
	rep := Report{Options: o, Started: time.Now()}
	var err error
	if rep.Pipeline, err = runPipeline(ctx, tc, o, w); err != nil {
		return rep, err
	}
	rep.Reference, err = runReference(ctx, tc, o, w)
	return rep, err
}

func runPipeline(ctx context.Context, tc client.Client, o Options, w io.Writer) (Phase, error) {
	p := Phase{Name: "TransactionWorkflow via POST /v1/transactions", Errors: map[string]int{}}
	run := uuid.NewString()[:8]
	var n atomic.Int64
	rng := rand.New(rand.NewPCG(1, 2))
	var rngMu sync.Mutex
	date := time.Now().Format("2006-01-02")
	hdr := http.Header{"Authorization": {"Bearer " + o.APIKey}, "Content-Type": {"application/json"}}
	targeter := func(t *vegeta.Target) error {
		i := n.Add(1)
		rngMu.Lock()
		m := fmt.Sprintf(merchants[rng.IntN(len(merchants))], 100+rng.IntN(900))
		cents := 100 + rng.IntN(20000)
		rngMu.Unlock()
		body, _ := json.Marshal(map[string]string{"date": date, "currency": "USD", "description": m,
			"amount": fmt.Sprintf("-%d.%02d", cents/100, cents%100)})
		t.Method, t.URL, t.Body = http.MethodPost, o.APIURL+"/v1/transactions", body
		t.Header = hdr.Clone()
		t.Header.Set("Idempotency-Key", fmt.Sprintf("loadtest-%s-%d", run, i))
		return nil
	}
	c := &completion{start: time.Now()}
	stop := progress(w, "pipeline", func() (int, int) { return int(n.Load()), c.count() })
	attacker := vegeta.NewAttacker(vegeta.Timeout(30*time.Second), vegeta.KeepAlive(true))
	var lat []time.Duration
	wctx, cancel := context.WithTimeout(ctx, o.Duration+o.Wait)
	defer cancel()
	var pending sync.Map
	var sending atomic.Bool
	sending.Store(true)
	c.watchStored(wctx, o.Store, o.UserID, &pending, &sending)
	for res := range attacker.Attack(targeter, vegeta.Rate{Freq: o.Rate, Per: time.Second}, o.Duration, "pipeline") {
		p.Sent++
		if res.Code != http.StatusAccepted {
			key := fmt.Sprintf("HTTP %d %s", res.Code, res.Error)
			p.Errors[key]++
			continue
		}
		var a struct {
			ID uuid.UUID `json:"id"`
		}
		if json.Unmarshal(res.Body, &a) != nil || a.ID == uuid.Nil {
			p.Errors["unreadable 202 body"]++
			continue
		}
		p.Accepted++
		lat = append(lat, res.Latency)
		pending.Store(a.ID, res.Timestamp)
	}
	sending.Store(false)
	c.wg.Wait()
	stop()
	c.finish(&p, lat)
	return p, nil
}

// runReference starts the no-op ReferenceWorkflow at the same rate, straight on the client.
func runReference(ctx context.Context, tc client.Client, o Options, w io.Writer) (Phase, error) {
	p := Phase{Name: "ReferenceWorkflow (7 no-op local activities)", Errors: map[string]int{}}
	run := uuid.NewString()[:8]
	c := &completion{start: time.Now()}
	var sent atomic.Int64
	stop := progress(w, "reference", func() (int, int) { return int(sent.Load()), c.count() })
	wctx, cancel := context.WithTimeout(ctx, o.Duration+o.Wait)
	defer cancel()
	var lat []time.Duration
	var mu sync.Mutex
	var starts sync.WaitGroup
	total := int(float64(o.Rate) * o.Duration.Seconds())
	tick := time.NewTicker(time.Second / time.Duration(o.Rate))
	defer tick.Stop()
	for i := 0; i < total; i++ {
		<-tick.C
		sent.Add(1)
		starts.Add(1)
		go func() {
			defer starts.Done()
			t0 := time.Now()
			id := fmt.Sprintf("reference-%s-%d", run, i)
			_, err := tc.ExecuteWorkflow(wctx, client.StartWorkflowOptions{ID: id, TaskQueue: o.TaskQueue},
				workflows.ReferenceWorkflow, workflows.TransactionInput{Submission: ledger.Submission{TransactionID: uuid.New()}})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				p.Errors[err.Error()]++
				return
			}
			p.Accepted++
			lat = append(lat, time.Since(t0))
			c.wait(wctx, tc, id, t0)
		}()
	}
	starts.Wait()
	p.Sent = total
	c.wg.Wait()
	stop()
	c.finish(&p, lat)
	return p, nil
}

func progress(w io.Writer, name string, counts func() (sent, done int)) func() {
	stop := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				s, d := counts()
				fmt.Fprintf(w, "%-9s %5.0fs  sent %5d  completed %5d  (done)\n", name, time.Since(start).Seconds(), s, d)
				return
			case <-t.C:
				s, d := counts()
				fmt.Fprintf(w, "%-9s %5.0fs  sent %5d  completed %5d\n", name, time.Since(start).Seconds(), s, d)
			}
		}
	}()
	return func() { close(stop); <-finished }
}
