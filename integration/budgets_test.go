package integration

import (
	"testing"
)

func TestBudgetsAndAlertStatus(t *testing.T) {
	u := newUser(t)
	u.wait(u.post("b1", today(), "-42.50", "WHOLEFDS MKT 10234"))
	u.wait(u.post("b2", today(), "-7.50", "TRADER JOE'S #552"))
	for i := 0; i < 2; i++ { // the same PUT twice is one budget
		if r := u.do("PUT", "/v1/budgets/FOOD_AND_DRINK", map[string]string{"amount": "400.00"}); r.Status != 200 {
			t.Fatalf("PUT: %d %s", r.Status, r.Body)
		}
	}
	var got struct {
		Data []struct {
			Category    string  `json:"category"`
			Amount      string  `json:"amount"`
			Spent       string  `json:"spent"`
			Remaining   string  `json:"remaining"`
			UsedPercent float64 `json:"used_percent"`
		} `json:"data"`
	}
	u.do("GET", "/v1/budgets", nil).json(t, &got)
	if len(got.Data) != 1 || got.Data[0].Spent != "50.00" || got.Data[0].Remaining != "350.00" || got.Data[0].UsedPercent != 12.5 {
		t.Fatalf("budgets: %+v", got)
	}
	for body, field := range map[string]string{`{"amount":"-5"}`: "amount", `{"amount":"abc"}`: "amount", `{}`: "amount"} {
		r := u.do("PUT", "/v1/budgets/FOOD_AND_DRINK", body)
		var p problem
		r.json(t, &p)
		if r.Status != 422 || p.Errors[0].Field != field {
			t.Fatalf("%s: %d %s", body, r.Status, r.Body)
		}
	}
	if r := u.do("PUT", "/v1/budgets/NOPE", map[string]string{"amount": "1"}); r.Status != 422 {
		t.Fatalf("unknown category: %d", r.Status)
	}
	if r := u.do("DELETE", "/v1/budgets/FOOD_AND_DRINK", nil); r.Status != 204 {
		t.Fatalf("DELETE: %d", r.Status)
	}

	x := u.wait(u.post("b3", today(), "-7.00", "XQZW 12345"))
	var alerts struct {
		Data []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"data"`
	}
	u.do("GET", "/v1/alerts?status=open", nil).json(t, &alerts)
	if len(alerts.Data) == 0 {
		t.Fatalf("no open alert for %s", x.ID)
	}
	id := alerts.Data[0].ID
	if r := u.do("PATCH", "/v1/alerts/"+id, map[string]string{"status": "dismissed"}); r.Status != 200 {
		t.Fatalf("dismiss: %d %s", r.Status, r.Body)
	}
	if r := u.do("PATCH", "/v1/alerts/"+id, map[string]string{"status": "gone"}); r.Status != 422 {
		t.Fatalf("bad status: %d", r.Status)
	}
	other := newUser(t)
	if r := other.do("PATCH", "/v1/alerts/"+id, map[string]string{"status": "read"}); r.Status != 404 {
		t.Fatalf("another user's alert: %d", r.Status)
	}
}

// TestBudgetAlertsWhenStored: a payment that crosses its category's budget raises the alert
// as it is stored, through the pipeline's alert step, without the daily run; the next
// payment over the same budget in the same month does not raise it again.
func TestBudgetAlertsWhenStored(t *testing.T) {
	u := newUser(t)
	if r := u.do("PUT", "/v1/budgets/FOOD_AND_DRINK", map[string]string{"amount": "50.00"}); r.Status != 200 {
		t.Fatalf("PUT: %d %s", r.Status, r.Body)
	}
	kinds := func() map[string]int {
		var alerts struct {
			Data []struct {
				Kind    string `json:"kind"`
				Message string `json:"message"`
			} `json:"data"`
		}
		u.do("GET", "/v1/alerts", nil).json(t, &alerts)
		out := map[string]int{}
		for _, a := range alerts.Data {
			out[a.Kind]++
		}
		return out
	}
	u.wait(u.post("s1", today(), "-20.00", "WHOLEFDS MKT 10234"))
	if n := kinds()["budget_exceeded"]; n != 0 {
		t.Fatalf("%d budget_exceeded alerts at 20.00 of 50.00", n)
	}
	u.wait(u.post("s2", today(), "-35.00", "TRADER JOE'S #552"))
	if n := kinds()["budget_exceeded"]; n != 1 {
		t.Fatalf("%d budget_exceeded alerts at 55.00 of 50.00, want 1 raised when the payment was stored", n)
	}
	u.wait(u.post("s3", today(), "-5.00", "WHOLEFDS MKT 10234"))
	if n := kinds()["budget_exceeded"]; n != 1 {
		t.Fatalf("%d budget_exceeded alerts after a second payment over budget, want still 1", n)
	}
}
