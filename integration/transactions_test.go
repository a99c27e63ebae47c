package integration

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDoublePostSameKeyMakesOneTransaction(t *testing.T) {
	u := newUser(t)
	body := map[string]string{"date": today(), "amount": "-12.30", "currency": "USD", "description": "TST* JOES PIZZA 123"}
	r1 := u.do("POST", "/v1/transactions", body, "Idempotency-Key", "pizza-1")
	r2 := u.do("POST", "/v1/transactions", body, "Idempotency-Key", "pizza-1")
	if r1.Status != http.StatusAccepted || r2.Status != http.StatusAccepted {
		t.Fatalf("statuses %d %d: %s %s", r1.Status, r2.Status, r1.Body, r2.Body)
	}
	var a1, a2 acceptedResp
	r1.json(t, &a1)
	r2.json(t, &a2)
	if a1.ID != a2.ID || a1.ID == "" {
		t.Fatalf("ids differ: %q %q", a1.ID, a2.ID)
	}
	got := u.wait(a1.ID)
	// A retry after completion answers with the same transaction and stores nothing new.
	r3 := u.do("POST", "/v1/transactions", body, "Idempotency-Key", "pizza-1")
	var a3 acceptedResp
	r3.json(t, &a3)
	if r3.Status != http.StatusAccepted || a3.ID != a1.ID || a3.Status != got.Status {
		t.Fatalf("third POST: %d %s", r3.Status, r3.Body)
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID); n != 1 {
		t.Fatalf("%d transactions stored, want 1", n)
	}
	if n := count(t, `SELECT count(*) FROM categorization_decisions WHERE user_id = $1`, u.ID); n != 1 {
		t.Fatalf("%d decisions stored, want 1", n)
	}
	// The same key with a different transaction is a client bug and is refused.
	body["amount"] = "-99.00"
	if r := u.do("POST", "/v1/transactions", body, "Idempotency-Key", "pizza-1"); r.Status != http.StatusConflict {
		t.Fatalf("reused key with other content: %d %s", r.Status, r.Body)
	}
}

func TestInvalidInputNamesTheField(t *testing.T) {
	u := newUser(t)
	good := func() map[string]any {
		return map[string]any{"date": today(), "amount": "-4.50", "currency": "USD", "description": "STARBUCKS"}
	}
	with := func(k string, v any) map[string]any { m := good(); m[k] = v; return m }
	without := func(k string) map[string]any { m := good(); delete(m, k); return m }
	cases := []struct {
		name   string
		body   any
		header []string
		status int
		field  string
	}{
		{"missing amount", without("amount"), nil, 422, "amount"},
		{"garbage amount", with("amount", "twelve"), nil, 422, "amount"},
		{"amount too precise", with("amount", "1.234"+"5"), nil, 422, "amount"},
		{"zero amount", with("amount", "0.00"), nil, 422, "amount"},
		{"amount as object", with("amount", map[string]int{"x": 1}), nil, 422, "amount"},
		{"unknown currency", with("currency", "ABC"), nil, 422, "currency"},
		{"missing currency", without("currency"), nil, 422, "currency"},
		{"bad date", with("date", "2024-02-31"), nil, 422, "date"},
		{"date far in future", with("date", "2999-01-01"), nil, 422, "date"},
		{"empty description", with("description", "  "), nil, 422, "description"},
		{"description too long", with("description", strings.Repeat("x", 501)), nil, 422, "description"},
		{"description wrong type", with("description", 42), nil, 422, "description"},
		{"unknown field", with("colour", "red"), nil, 422, "colour"},
		{"unknown account", with("account", "savings"), nil, 422, "account"},
		{"missing idempotency key", good(), []string{"Idempotency-Key", ""}, 422, "Idempotency-Key"},
		{"batch item", map[string]any{"transactions": []any{good(), with("amount", "x")}}, nil, 422, "transactions[1].amount"},
		{"empty batch", map[string]any{"transactions": []any{}}, nil, 422, "transactions"},
		{"malformed JSON", `{"date": `, nil, 400, ""},
		{"body too large", `{"description":"` + strings.Repeat("x", 2<<20) + `"}`, nil, 413, ""},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := []string{"Idempotency-Key", fmt.Sprintf("bad-%d", i)}
			if c.header != nil {
				h = c.header
			}
			r := u.do("POST", "/v1/transactions", c.body, h...)
			if r.Status != c.status {
				t.Fatalf("status %d, want %d: %s", r.Status, c.status, r.Body)
			}
			if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type %q", ct)
			}
			var p problem
			r.json(t, &p)
			if p.Status != c.status || p.Type == "" {
				t.Fatalf("problem %+v", p)
			}
			if c.field == "" {
				return
			}
			for _, e := range p.Errors {
				if e.Field == c.field && e.Message != "" {
					return
				}
			}
			t.Fatalf("no error for field %q in %s", c.field, r.Body)
		})
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID); n != 0 {
		t.Fatalf("invalid input stored %d transactions", n)
	}
}

func TestCorrectionTeachesTheNextTransaction(t *testing.T) {
	u := newUser(t)
	first := u.wait(u.post("k1", daysAgo(3), "-18.00", "SQ *QUILLFEATHER STUDIO 0412"))
	if first.Category == "ENTERTAINMENT" {
		t.Fatalf("precondition: already ENTERTAINMENT")
	}
	r := u.do("PATCH", "/v1/transactions/"+first.ID, map[string]string{"category": "ENTERTAINMENT"})
	if r.Status != http.StatusOK {
		t.Fatalf("PATCH: %d %s", r.Status, r.Body)
	}
	// Same merchant, another store number.
	next := u.wait(u.post("k2", today(), "-22.00", "SQ *QUILLFEATHER STUDIO 9981"))
	if next.Category != "ENTERTAINMENT" || next.CategoryMethod != "merchant_memory" {
		t.Fatalf("after correction got %s by %s, want ENTERTAINMENT by merchant_memory", next.Category, next.CategoryMethod)
	}
	// The corrected transaction keeps both decisions: the pipeline's and the owner's.
	r = u.do("GET", "/v1/transactions/"+first.ID, nil)
	var got txn
	r.json(t, &got)
	if len(got.Decisions) != 2 || got.Decisions[1].Method != "correction" || got.Category != "ENTERTAINMENT" {
		t.Fatalf("decisions after correction: %s", r.Body)
	}
	// Correcting again to the same category changes nothing.
	u.do("PATCH", "/v1/transactions/"+first.ID, map[string]string{"category": "ENTERTAINMENT"})
	if n := count(t, `SELECT count(*) FROM categorization_decisions WHERE transaction_id = $1`, first.ID); n != 2 {
		t.Fatalf("%d decisions after a repeated PATCH, want 2", n)
	}
	// A correction to a category that does not exist is refused with the field named.
	r = u.do("PATCH", "/v1/transactions/"+first.ID, map[string]string{"category": "NOPE"})
	var p problem
	r.json(t, &p)
	if r.Status != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "category" {
		t.Fatalf("bad category: %d %s", r.Status, r.Body)
	}
}

func TestNeighboursLearnFromConfirmedExamples(t *testing.T) {
	u := newUser(t)
	// Three confirmed examples of a merchant family the lexicon does not know.
	for i, d := range []string{"ZORBLAX HOLDINGS WEST 11", "ZORBLAX HOLDINGS EAST 12", "ZORBLAX HOLDINGS NORTH 13"} {
		tx := u.wait(u.post(fmt.Sprint("z", i), daysAgo(10+i), "-40.00", d))
		if r := u.do("PATCH", "/v1/transactions/"+tx.ID, map[string]string{"category": "GENERAL_SERVICES"}); r.Status != 200 {
			t.Fatalf("PATCH: %d %s", r.Status, r.Body)
		}
	}
	next := u.wait(u.post("z9", today(), "-41.00", "ZORBLAX HOLDINGS SOUTH 14"))
	if next.Category != "GENERAL_SERVICES" {
		t.Fatalf("got %s by %s, want GENERAL_SERVICES", next.Category, next.CategoryMethod)
	}
}

func TestPossibleDuplicateIsKeptAndFlagged(t *testing.T) {
	u := newUser(t)
	a := u.wait(u.post("d1", daysAgo(2), "-54.99", "CHECKCARD 0714 SHELL OIL 57442 HOUSTON TX"))
	b := u.wait(u.post("d2", daysAgo(1), "-54.99", "CHECKCARD 0715 SHELL OIL 57442 HOUSTON TX"))
	c := u.wait(u.post("d3", daysAgo(1), "-12.00", "CHECKCARD 0715 SHELL OIL 57442 HOUSTON TX"))
	if a.PossibleDuplicateOf != nil {
		t.Fatalf("first one flagged")
	}
	if b.PossibleDuplicateOf == nil || *b.PossibleDuplicateOf != a.ID {
		t.Fatalf("second not flagged as duplicate of the first: %+v", b)
	}
	if c.PossibleDuplicateOf != nil {
		t.Fatalf("a different amount was flagged")
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID); n != 3 {
		t.Fatalf("%d stored, want 3: duplicates are kept", n)
	}
	if n := count(t, `SELECT count(*) FROM alerts WHERE user_id = $1 AND kind = 'possible_duplicate'`, u.ID); n != 1 {
		t.Fatalf("%d duplicate alerts, want 1", n)
	}
}

func TestLowConfidenceGoesToReviewQueue(t *testing.T) {
	u := newUser(t)
	x := u.wait(u.post("r1", today(), "-7.00", "XQZW 88812"))
	if x.Status != "needs_review" || x.CategoryConfidence >= 0.6 {
		t.Fatalf("unknown merchant: status %s confidence %v", x.Status, x.CategoryConfidence)
	}
	r := u.do("GET", "/v1/alerts?kind=review_category&status=open", nil)
	var alerts struct {
		Data []struct {
			TransactionID string `json:"transaction_id"`
		} `json:"data"`
	}
	r.json(t, &alerts)
	if len(alerts.Data) != 1 || alerts.Data[0].TransactionID != x.ID {
		t.Fatalf("review queue: %s", r.Body)
	}
	u.do("PATCH", "/v1/transactions/"+x.ID, map[string]string{"category": "GENERAL_SERVICES"})
	r = u.do("GET", "/v1/alerts?kind=review_category&status=open", nil)
	r.json(t, &alerts)
	if len(alerts.Data) != 0 {
		t.Fatalf("a correction should answer the review item: %s", r.Body)
	}
}

func TestGetShowsStepAndDecision(t *testing.T) {
	u := newUser(t)
	id := u.post("s1", today(), "-3.75", "POS PURCHASE STARBUCKS #1234 SEATTLE WA 07/14")
	r := u.do("GET", "/v1/transactions/"+id, nil)
	var early map[string]any
	r.json(t, &early)
	if r.Status != 200 || early["step"] == nil || early["step"] == "" {
		t.Fatalf("early GET: %d %s", r.Status, r.Body)
	}
	got := u.wait(id)
	if got.Merchant != "Starbucks" || got.Category != "FOOD_AND_DRINK" || len(got.Decisions) != 1 || got.WorkflowID == "" {
		t.Fatalf("got %+v", got)
	}
	if r := u.do("GET", "/v1/transactions/not-a-uuid", nil); r.Status != 422 {
		t.Fatalf("bad id: %d", r.Status)
	}
	if r := u.do("GET", "/v1/transactions/6b1f5a7e-0000-4000-8000-000000000000", nil); r.Status != 404 {
		t.Fatalf("unknown id: %d", r.Status)
	}
}

func TestTenantIsolation(t *testing.T) {
	alice, mallory := newUser(t), newUser(t)
	a := alice.wait(alice.post("secret", today(), "-1500.00", "ACH DEBIT SUNNYVALE APARTMENTS RENT"))
	if r := mallory.do("GET", "/v1/transactions/"+a.ID, nil); r.Status != 404 {
		t.Fatalf("another user read it: %d %s", r.Status, r.Body)
	}
	if r := mallory.do("PATCH", "/v1/transactions/"+a.ID, map[string]string{"category": "TRAVEL"}); r.Status != 404 {
		t.Fatalf("another user corrected it: %d %s", r.Status, r.Body)
	}
	r := mallory.do("GET", "/v1/transactions", nil)
	if strings.Contains(string(r.Body), a.ID) {
		t.Fatal("another user's listing shows it")
	}
	// The same idempotency key from another user is another transaction.
	m := mallory.post("secret", today(), "-1.00", "COFFEE")
	if m == a.ID {
		t.Fatal("idempotency keys are shared between users")
	}
	noKey := &user{t: t, url: baseURL, Key: "ak_wrong"}
	if r := noKey.do("GET", "/v1/transactions", nil); r.Status != 401 {
		t.Fatalf("wrong key: %d", r.Status)
	}
}

func TestBatchAndListing(t *testing.T) {
	u := newUser(t)
	var items []map[string]string
	descs := []string{"NETFLIX.COM", "SPOTIFY USA", "SHELL OIL 123", "WHOLEFDS MKT 10234", "UBER *TRIP HELP.UBER.COM", "DIRECT DEPOSIT ACME CORP PAYROLL", "CVS/PHARMACY #0123"}
	amounts := []string{"-15.49", "-10.99", "-45.00", "-82.17", "-23.40", "3250.00", "-12.00"}
	for i, d := range descs {
		items = append(items, map[string]string{"date": daysAgo(i), "amount": amounts[i], "currency": "USD", "description": d})
	}
	r := u.do("POST", "/v1/transactions", map[string]any{"transactions": items}, "Idempotency-Key", "batch-1")
	if r.Status != 202 {
		t.Fatalf("batch: %d %s", r.Status, r.Body)
	}
	var acc struct {
		Transactions []acceptedResp `json:"transactions"`
	}
	r.json(t, &acc)
	if len(acc.Transactions) != len(items) {
		t.Fatalf("accepted %d", len(acc.Transactions))
	}
	for _, a := range acc.Transactions {
		u.wait(a.ID)
	}
	// Retrying the batch gives the same IDs and stores nothing new.
	r = u.do("POST", "/v1/transactions", map[string]any{"transactions": items}, "Idempotency-Key", "batch-1")
	var again struct {
		Transactions []acceptedResp `json:"transactions"`
	}
	r.json(t, &again)
	for i := range again.Transactions {
		if again.Transactions[i].ID != acc.Transactions[i].ID {
			t.Fatalf("retry gave another id at %d", i)
		}
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID); n != len(items) {
		t.Fatalf("%d stored", n)
	}

	type page struct {
		Data       []txn  `json:"data"`
		NextCursor string `json:"next_cursor"`
	}
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		var p page
		u.do("GET", "/v1/transactions?limit=3&cursor="+cursor, nil).json(t, &p)
		for _, x := range p.Data {
			if seen[x.ID] {
				t.Fatalf("%s on two pages", x.ID)
			}
			seen[x.ID] = true
		}
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
	}
	if len(seen) != len(items) {
		t.Fatalf("paged through %d of %d", len(seen), len(items))
	}
	filters := map[string]int{
		"category=INCOME":                       1,
		"merchant=netflix":                      1,
		"min_amount=-20&max_amount=-10":         3,
		"from=" + daysAgo(1) + "&to=" + today(): 2,
		"min_amount=0":                          1,
	}
	for q, want := range filters {
		var p page
		r := u.do("GET", "/v1/transactions?"+q, nil)
		r.json(t, &p)
		if len(p.Data) != want {
			t.Errorf("%s: %d results, want %d: %s", q, len(p.Data), want, r.Body)
		}
	}
	for q, field := range map[string]string{"from=yesterday": "from", "limit=0": "limit", "category=NOPE": "category", "cursor=zzz": "cursor", "min_amount=abc": "min_amount"} {
		r := u.do("GET", "/v1/transactions?"+q, nil)
		var p problem
		r.json(t, &p)
		if r.Status != 422 || len(p.Errors) == 0 || p.Errors[0].Field != field {
			t.Errorf("%s: %d %s", q, r.Status, r.Body)
		}
	}
}

func TestCategorizeSync(t *testing.T) {
	u := newUser(t)
	body := map[string]string{"date": today(), "amount": "-9.99", "currency": "USD", "description": "SPOTIFY USA"}
	r := u.do("POST", "/categorize", body, "Idempotency-Key", "sync-1")
	var got txn
	r.json(t, &got)
	if r.Status != 200 || got.Category != "ENTERTAINMENT" || got.ID == "" || got.Step != "done" {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	// A retry answers with the same transaction.
	var again txn
	u.do("POST", "/categorize", body, "Idempotency-Key", "sync-1").json(t, &again)
	if again.ID != got.ID {
		t.Fatalf("retry gave %s, want %s", again.ID, got.ID)
	}
	if r := u.do("POST", "/categorize", body); r.Status != 422 {
		t.Fatalf("no Idempotency-Key: %d", r.Status)
	}
	body["currency"] = "XXY"
	if r := u.do("POST", "/categorize", body, "Idempotency-Key", "sync-2"); r.Status != 422 {
		t.Fatalf("bad currency: %d", r.Status)
	}
}

func TestRateLimitPerUser(t *testing.T) {
	cfg := deps.Config
	cfg.RateLimit = 3
	srv := httptest.NewServer(newAPI(cfg).Handler())
	defer srv.Close()
	a, b := newUser(t), newUser(t)
	a.url, b.url = srv.URL, srv.URL
	for i := 0; i < 3; i++ {
		if r := a.do("GET", "/v1/categories", nil); r.Status != 200 || r.Header.Get("X-RateLimit-Limit") != "3" {
			t.Fatalf("request %d: %d %v", i, r.Status, r.Header)
		}
	}
	r := a.do("GET", "/v1/categories", nil)
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Fatalf("4th request: %d %v", r.Status, r.Header)
	}
	// Another user has a budget of their own.
	if r := b.do("GET", "/v1/categories", nil); r.Status != 200 {
		t.Fatalf("other user: %d", r.Status)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	u := &user{t: t, url: baseURL}
	if r := u.do("GET", "/healthz", nil); r.Status != 200 {
		t.Fatalf("healthz %d", r.Status)
	}
	r := u.do("GET", "/readyz", nil)
	var ready struct {
		Ready  bool              `json:"ready"`
		Checks map[string]string `json:"checks"`
	}
	r.json(t, &ready)
	if r.Status != 200 || !ready.Ready || ready.Checks["postgres"] != "ok" || ready.Checks["redis"] != "ok" || ready.Checks["temporal"] != "ok" {
		t.Fatalf("readyz %d %s", r.Status, r.Body)
	}
	if r := u.do("GET", "/v1/transactions", nil); r.Status != 401 {
		t.Fatalf("no key: %d", r.Status)
	}
}
