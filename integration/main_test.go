// Package integration tests Aithena end to end on the real stack: the HTTP API, the Temporal
// dev server, a worker, PostgreSQL with pgvector and Redis. `make test` starts them all.
package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aithena/aithena/api"
	"github.com/aithena/aithena/app"
	"github.com/aithena/aithena/bot/fakebot"
	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/workers"
	"github.com/google/uuid"
)

var (
	deps    *app.Deps
	baseURL string
	// tg is the fake Bot API of the run: the worker pushes alerts to it and the bot of
	// botHarness polls it. Chats are per test, so tests do not see each other's messages.
	tg     *fakebot.Server
	logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
)

func TestMain(m *testing.M) {
	if os.Getenv("AITHENA_INTEGRATION") == "" {
		fmt.Println("integration tests need the real services: run them with `make test`")
		os.Exit(0)
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx := context.Background()
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	// A queue of this run's own, so a stray worker of another run never takes its tasks.
	cfg.TaskQueue = "aithena-it-" + uuid.NewString()[:8]
	cfg.RateLimit = 0
	cfg.TelegramToken = testToken()
	tg = fakebot.New(cfg.TelegramToken)
	defer tg.Close()
	cfg.TelegramAPIURL = tg.URL()
	if err := store.Migrate(ctx, cfg.DatabaseURL, "up", io.Discard); err != nil {
		panic(err)
	}
	deps, err = app.Open(ctx, cfg, logger)
	if err != nil {
		panic(err)
	}
	defer deps.Close()
	w := workers.New(deps.Temporal, cfg.TaskQueue, deps.Activities())
	if err := w.Start(); err != nil {
		panic(err)
	}
	defer w.Stop()
	srv := httptest.NewServer(newAPI(cfg).Handler())
	defer srv.Close()
	baseURL = srv.URL
	return m.Run()
}

func newAPI(cfg config.Config) *api.Server {
	return &api.Server{Config: cfg, Store: deps.Store, Ledger: deps.Ledger, Redis: deps.Redis, Temporal: deps.Temporal, Log: logger}
}

// user is a fresh user of one test, with a "checking" account.
type user struct {
	ID  uuid.UUID
	Key string
	t   *testing.T
	url string
}

func newUser(t *testing.T) *user {
	t.Helper()
	ctx := context.Background()
	u, err := deps.Store.EnsureUser(ctx, t.Name(), uuid.NewString()+"@test.local", "USD")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := deps.Store.EnsureAccount(ctx, u.ID, "checking", "USD"); err != nil {
		t.Fatal(err)
	}
	key, err := deps.Store.NewAPIKey(ctx, u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return &user{ID: u.ID, Key: key, t: t, url: baseURL}
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// problem is an RFC 9457 body.
type problem struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

func (u *user) do(method, path string, body any, headers ...string) response {
	u.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			u.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, u.url+path, rd)
	if err != nil {
		u.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+u.Key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, b}
}

type txn struct {
	ID                  string  `json:"id"`
	Status              string  `json:"status"`
	Step                string  `json:"step"`
	Amount              string  `json:"amount"`
	AmountMinor         int64   `json:"amount_minor"`
	Merchant            string  `json:"merchant"`
	Category            string  `json:"category"`
	CategoryConfidence  float64 `json:"category_confidence"`
	CategoryMethod      string  `json:"category_method"`
	PossibleDuplicateOf *string `json:"possible_duplicate_of"`
	WorkflowID          string  `json:"workflow_id"`
	Decisions           []struct {
		Method   string `json:"method"`
		Category string `json:"category"`
	} `json:"decisions"`
}

type acceptedResp struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	StatusURL string `json:"status_url"`
}

// post submits one transaction and returns its ID.
func (u *user) post(key, date, amount, description string) string {
	u.t.Helper()
	r := u.do("POST", "/v1/transactions", map[string]string{"date": date, "amount": amount, "currency": "USD", "description": description}, "Idempotency-Key", key)
	if r.Status != http.StatusAccepted {
		u.t.Fatalf("POST /v1/transactions: %d %s", r.Status, r.Body)
	}
	var a acceptedResp
	r.json(u.t, &a)
	return a.ID
}

// wait polls until the transaction's pipeline is done.
func (u *user) wait(id string) txn {
	u.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		r := u.do("GET", "/v1/transactions/"+id, nil)
		if r.Status != http.StatusOK {
			u.t.Fatalf("GET %s: %d %s", id, r.Status, r.Body)
		}
		var t txn
		r.json(u.t, &t)
		if (t.Step == "done" || t.Step == "awaiting_review") && t.Status != "processing" {
			return t
		}
		time.Sleep(50 * time.Millisecond)
	}
	u.t.Fatalf("transaction %s did not finish in time", id)
	return txn{}
}

func today() string { return time.Now().Format("2006-01-02") }

func daysAgo(n int) string { return time.Now().AddDate(0, 0, -n).Format("2006-01-02") }

func count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := deps.Store.Pool.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
