package integration

import (
	"bytes"
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aithena/aithena/fraud"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/seed"
	"github.com/aithena/aithena/workers"
	"github.com/aithena/aithena/workflows"
)

// fraudUser is a user with four months of imported history and a fraud model of their own.
// Only user models are trained here: a global model would score every other test's users.
func fraudUser(t *testing.T) *user {
	t.Helper()
	u := newUser(t)
	var buf bytes.Buffer
	if err := seed.WriteCSV(&buf, seed.Generate(time.Now().AddDate(0, 0, -5), 4, 7)); err != nil {
		t.Fatal(err)
	}
	if _, st := u.importCSV(buf.String()); st.Progress.Status != "completed" || st.Progress.Accepted < 400 {
		t.Fatalf("history import: %+v", st.Progress)
	}
	r, err := deps.Ledger.TrainFraud(context.Background(), &u.ID, ledger.TrainOptions{
		Params: fraud.DefaultForestParams(), Threshold: deps.Config.FraudThreshold, MinHistory: 100, MaxRows: 20000,
	})
	if err != nil || r.Rows < 300 {
		t.Fatalf("train: %+v %v", r, err)
	}
	return u
}

func (u *user) postAt(key, date, hhmm, amount, currency, description string) string {
	u.t.Helper()
	r := u.do("POST", "/v1/transactions", map[string]string{"date": date, "time": hhmm, "amount": amount,
		"currency": currency, "description": description}, "Idempotency-Key", key)
	if r.Status != http.StatusAccepted {
		u.t.Fatalf("POST: %d %s", r.Status, r.Body)
	}
	var a acceptedResp
	r.json(u.t, &a)
	return a.ID
}

type fraudTxn struct {
	txn
	Fraud *struct {
		Score   float64 `json:"score"`
		Reasons []struct {
			Feature string `json:"feature"`
			Reason  string `json:"reason"`
		} `json:"reasons"`
	} `json:"fraud"`
}

func (u *user) fraudView(id string) fraudTxn {
	u.t.Helper()
	var f fraudTxn
	u.do("GET", "/v1/transactions/"+id, nil).json(u.t, &f)
	return f
}

func TestFraudFlagReviewAndEscalation(t *testing.T) {
	u := fraudUser(t)

	coffee := u.wait(u.postAt("coffee", today(), "08:30", "-5.25", "USD", "SQ *BLUE BOTTLE COFFEE"))
	cv := u.fraudView(coffee.ID)
	if cv.Fraud == nil || cv.Status == "flagged" || cv.Step != "done" {
		t.Fatalf("ordinary coffee: %+v %+v", cv.txn, cv.Fraud)
	}

	// A never-seen merchant, a huge amount, a foreign currency, at 3 a.m.
	odd := u.wait(u.postAt("odd", today(), "03:04", "-3200.00", "EUR", "QUICKCASH ELECTRONICS LLC"))
	ov := u.fraudView(odd.ID)
	if ov.Status != "flagged" || ov.Step != "awaiting_review" || ov.Fraud == nil || ov.Fraud.Score <= cv.Fraud.Score || len(ov.Fraud.Reasons) == 0 {
		t.Fatalf("planted fraud not flagged: %+v %+v (coffee %.3f)", ov.txn, ov.Fraud, cv.Fraud.Score)
	}
	if n := count(t, `SELECT count(*) FROM alerts WHERE transaction_id = $1 AND kind = 'fraud_suspected' AND status = 'open'`, odd.ID); n != 1 {
		t.Fatalf("%d fraud alerts", n)
	}

	for body, field := range map[string]string{`{"verdict":"maybe"}`: "verdict", `{"verdict":"fraud","note":"x"}`: "note", `{}`: "verdict"} {
		r := u.do("POST", "/v1/transactions/"+odd.ID+"/review", body)
		var p problem
		r.json(t, &p)
		if r.Status != 422 || len(p.Errors) == 0 || p.Errors[0].Field != field {
			t.Fatalf("%s: %d %s", body, r.Status, r.Body)
		}
	}
	if r := u.do("POST", "/v1/transactions/"+coffee.ID+"x/review", `{"verdict":"fraud"}`); r.Status != 422 {
		t.Fatalf("bad id: %d", r.Status)
	}

	r := u.do("POST", "/v1/transactions/"+odd.ID+"/review", `{"verdict":"fraud"}`)
	if r.Status != 200 {
		t.Fatalf("review: %d %s", r.Status, r.Body)
	}
	// The waiting workflow ends with the owner's verdict.
	var res workflows.TransactionResult
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := deps.Temporal.GetWorkflow(ctx, odd.WorkflowID, "").Get(ctx, &res); err != nil || res.Verdict != "fraud" {
		t.Fatalf("workflow: %+v %v", res, err)
	}
	if got := u.fraudView(odd.ID); got.Status != "fraud" || got.Step != "done" {
		t.Fatalf("after verdict: %+v", got.txn)
	}
	if n := count(t, `SELECT count(*) FROM fraud_labels WHERE transaction_id = $1 AND verdict = 'fraud'`, odd.ID); n != 1 {
		t.Fatal("verdict not kept as a label")
	}
	// The same verdict again is harmless.
	if r := u.do("POST", "/v1/transactions/"+odd.ID+"/review", `{"verdict":"fraud"}`); r.Status != 200 {
		t.Fatalf("repeat: %d", r.Status)
	}
	// Correcting its category keeps the fraud verdict.
	u.do("PATCH", "/v1/transactions/"+odd.ID, map[string]string{"category": "TRAVEL"})
	if got := u.fraudView(odd.ID); got.Status != "fraud" || got.Category != "TRAVEL" {
		t.Fatalf("after a correction: %+v", got.txn)
	}

	// No verdict in time: escalated.
	cfg := deps.Config
	cfg.FraudReviewTimeout = 2 * time.Second
	srv := httptest.NewServer(newAPI(cfg).Handler())
	defer srv.Close()
	u.url = srv.URL
	late := u.wait(u.postAt("late", today(), "02:40", "-2999.00", "GBP", "ZZ OFFSHORE GADGETS LTD"))
	if late.Status != "flagged" {
		t.Fatalf("second planted fraud not flagged: %+v", late)
	}
	if err := deps.Temporal.GetWorkflow(ctx, late.WorkflowID, "").Get(ctx, &res); err != nil || res.Verdict != "escalated" {
		t.Fatalf("escalation: %+v %v", res, err)
	}
	if got := u.fraudView(late.ID); got.Status != "escalated" {
		t.Fatalf("status %s", got.Status)
	}
	if n := count(t, `SELECT count(*) FROM alerts WHERE transaction_id = $1 AND kind = 'fraud_escalated' AND severity = 'critical'`, late.ID); n != 1 {
		t.Fatal("no critical alert on escalation")
	}

	var rep struct {
		Flagged        int      `json:"flagged"`
		TruePositives  int      `json:"true_positives"`
		Precision      *float64 `json:"precision"`
		Escalated      int      `json:"escalated"`
		MostSuspicious []struct {
			ID string `json:"id"`
		} `json:"most_suspicious"`
	}
	u.do("GET", "/v1/fraud/report", nil).json(t, &rep)
	if rep.Flagged < 2 || rep.TruePositives != 1 || rep.Precision == nil || *rep.Precision != 1 || rep.Escalated != 1 || len(rep.MostSuspicious) == 0 {
		t.Fatalf("report: %+v", rep)
	}
}

// The pipeline's History (one SQL query) and training's (fraud.Builder) must agree, or the
// model would be scored on features unlike those it was trained on.
func TestFraudHistoryMatchesTraining(t *testing.T) {
	u := newUser(t)
	var buf bytes.Buffer
	if err := seed.WriteCSV(&buf, seed.Generate(time.Now().AddDate(0, 0, -2), 2, 11)); err != nil {
		t.Fatal(err)
	}
	u.importCSV(buf.String())
	ctx := context.Background()
	pays, err := deps.Store.Payments(ctx, u.ID, 100000)
	if err != nil || len(pays) < 100 {
		t.Fatalf("%d payments, %v", len(pays), err)
	}
	b := fraud.NewBuilder("USD")
	for _, p := range pays {
		b.Add(p)
	}
	last := pays[len(pays)-1]
	for _, probe := range []fraud.Txn{
		{At: last.At.Add(30 * time.Minute), AmountMinor: -1234, Currency: "USD", MerchantKey: last.MerchantKey, Category: last.Category},
		{At: last.At.Add(5 * time.Hour), AmountMinor: -99900, Currency: "EUR", MerchantKey: "never seen", Category: "TRAVEL"},
	} {
		want := b.History(probe)
		got, err := deps.Store.FraudHistory(ctx, u.ID, "probe", probe.At, probe.MerchantKey, probe.Category)
		if err != nil {
			t.Fatal(err)
		}
		wx, gx := fraud.Extract(probe, want), fraud.Extract(probe, got)
		for i := range wx {
			if math.Abs(wx[i]-gx[i]) > 1e-9 {
				t.Errorf("%s: training %v, pipeline %v", fraud.FeatureNames[i], wx[i], gx[i])
			}
		}
	}
}

func TestRetrainScheduleExistsOnce(t *testing.T) {
	ctx := context.Background()
	q := deps.Config.TaskQueue
	in := workflows.RetrainInput{Options: ledger.TrainOptions{Params: fraud.DefaultForestParams(), Threshold: 0.62, MinHistory: 200, MaxRows: 1000}}
	for i := 0; i < 2; i++ { // a second worker start finds it and changes nothing
		if err := workers.EnsureRetrainSchedule(ctx, deps.Temporal, q, "0 3 * * *", in); err != nil {
			t.Fatal(err)
		}
	}
	h := deps.Temporal.ScheduleClient().GetHandle(ctx, workflows.RetrainScheduleID(q))
	defer func() { _ = h.Delete(ctx) }()
	d, err := h.Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Schedule.Spec.CronExpressions; len(got) != 1 || got[0] != "0 3 * * *" {
		// The server may normalise cron strings into calendar specs.
		if len(d.Schedule.Spec.Calendars) == 0 {
			t.Fatalf("spec %+v", d.Schedule.Spec)
		}
	}
}
