package integration

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aithena/aithena/seed"
	"github.com/aithena/aithena/vocab"
	"github.com/aithena/aithena/workers"
	"github.com/aithena/aithena/workflows"
	"go.temporal.io/sdk/client"
)

// TestRecurringForecastAndProactiveAlerts: on six months of history, the recurring series and
// the forecast are served, and a forecast run raises its alerts exactly once.
func TestRecurringForecastAndProactiveAlerts(t *testing.T) {
	u := newUser(t)
	var buf bytes.Buffer
	if err := seed.WriteCSV(&buf, seed.Generate(time.Now().UTC(), 6, 5)); err != nil {
		t.Fatal(err)
	}
	if _, st := u.importCSV(buf.String()); st.Progress.Status != "completed" {
		t.Fatalf("import: %+v", st.Progress)
	}

	var rec struct {
		Data []struct {
			Merchant     string `json:"merchant"`
			Cadence      string `json:"cadence"`
			Subscription bool   `json:"subscription"`
			NextDate     string `json:"next_date"`
		} `json:"data"`
	}
	u.do("GET", "/v1/recurring", nil).json(t, &rec)
	found := map[string]string{}
	for _, s := range rec.Data {
		found[strings.ToLower(s.Merchant)] = s.Cadence
	}
	if found["netflix"] != "monthly" || len(rec.Data) < 5 {
		t.Fatalf("recurring series: %+v", rec.Data)
	}

	var fc struct {
		Month      string `json:"month"`
		Categories []struct {
			Category  string `json:"category"`
			MonthEnd  string `json:"month_end"`
			NextMonth string `json:"next_month"`
		} `json:"categories"`
	}
	u.do("GET", "/v1/forecast", nil).json(t, &fc)
	if fc.Month != time.Now().UTC().Format("2006-01") || len(fc.Categories) < 5 {
		t.Fatalf("forecast: %+v", fc)
	}

	// A linked chat gets each new alert once.
	fake := botHarness(t)
	chatID := linkChat(t, fake, u.ID)

	// A budget already blown this month.
	if r := u.do("PUT", "/v1/budgets/FOOD_AND_DRINK", map[string]string{"amount": "1.00"}); r.Status != 200 {
		t.Fatalf("budget: %d", r.Status)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run := func(id string) workflows.ForecastResult {
		r, err := deps.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: deps.Config.TaskQueue},
			workflows.ForecastWorkflow, workflows.ForecastInput{UserID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		var res workflows.ForecastResult
		if err := r.Get(ctx, &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := run(workflows.ForecastWorkflowID(u.ID, time.Now()))
	kinds := fmt.Sprint(first.Raised)
	if !strings.Contains(kinds, "budget_exceeded") {
		t.Fatalf("first run raised %v", first.Raised)
	}
	n := count(t, `SELECT count(*) FROM alerts WHERE user_id = $1`, u.ID)
	again := run(workflows.ForecastWorkflowID(u.ID, time.Now()) + "-again")
	if len(again.Raised) != 0 || count(t, `SELECT count(*) FROM alerts WHERE user_id = $1`, u.ID) != n {
		t.Fatalf("second run raised %v: each condition must alert once", again.Raised)
	}
	t.Logf("alerts raised: %v", first.Raised)
	pushed := count(t, `SELECT count(*) FROM alerts WHERE user_id = $1 AND kind = ANY($2)
		AND created_at >= (SELECT linked_at FROM telegram_chats WHERE chat_id = $3)`, u.ID, vocab.PushedAlertKinds(), chatID)
	msgs, err := fake.WaitSent(chatID, 1+pushed, 30*time.Second)
	var all strings.Builder
	for _, m := range msgs {
		all.WriteString(m.Text)
	}
	if err != nil || pushed == 0 || !strings.Contains(all.String(), "Budget exceeded") {
		t.Fatalf("%d alerts pushed to the chat: %v %+v", pushed, err, msgs)
	}

	q := deps.Config.TaskQueue
	if err := workers.EnsureForecastSchedule(ctx, deps.Temporal, q, "0 6 * * *"); err != nil {
		t.Fatal(err)
	}
	h := deps.Temporal.ScheduleClient().GetHandle(ctx, workflows.ForecastScheduleID(q))
	defer func() { _ = h.Delete(ctx) }()
	if _, err := h.Describe(ctx); err != nil {
		t.Fatalf("schedule: %v", err)
	}
	// A run the schedule starts looks at every user again and raises nothing new for this one.
	if err := h.Trigger(ctx, client.ScheduleTriggerOptions{}); err != nil {
		t.Fatal(err)
	}
	var daily string
	for daily == "" && ctx.Err() == nil {
		d, err := h.Describe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ra := d.Info.RecentActions; len(ra) > 0 && ra[0].StartWorkflowResult != nil {
			daily = ra[0].StartWorkflowResult.WorkflowID
		}
		time.Sleep(100 * time.Millisecond)
	}
	var dr workflows.DailyForecastsResult
	if err := deps.Temporal.GetWorkflow(ctx, daily, "").Get(ctx, &dr); err != nil || dr.Users == 0 {
		t.Fatalf("triggered run %s: %+v %v", daily, dr, err)
	}
	if got := count(t, `SELECT count(*) FROM alerts WHERE user_id = $1`, u.ID); got != n {
		t.Fatalf("the triggered run changed %d alerts into %d", n, got)
	}
	if got := len(fake.Sent(chatID)); got != 1+pushed {
		t.Fatalf("%d messages in the chat after more runs, want %d: an alert went out twice", got, 1+pushed)
	}
}
