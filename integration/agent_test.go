package integration

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/flags"
	"github.com/aithena/aithena/llm"
	"github.com/aithena/aithena/workers"
	"github.com/google/uuid"
)

// fakeOpenAI is an OpenAI-compatible chat server: the real langchaingo client talks to it.
func fakeOpenAI(t *testing.T, status *atomic.Int32, calls *atomic.Int32) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req struct {
			Messages []struct {
				Content any `json:"content"`
			} `json:"messages"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Content-Type", "application/json")
		if s := int(status.Load()); s != 200 {
			w.WriteHeader(s)
			_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": http.StatusText(s)}})
			return
		}
		b, _ := json.Marshal(req.Messages)
		answer := `{"category":"ENTERTAINMENT","confidence":0.9,"reason":"a games shop"}`
		if !strings.Contains(string(b), "ENTERTAINMENT") {
			answer = `{"category":"nope","confidence":0.1,"reason":"the prompt lacked the category list"}`
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "created": 1, "model": "fake",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": answer}}},
		})
	}))
}

// TestAgentInThePipeline runs a worker whose pipeline has the LLM agent (against a fake
// OpenAI server) and turns the flag on: the agent decides what the chain could only guess,
// the decision records its variant, and when the LLM fails the chain's answer stands.
func TestAgentInThePipeline(t *testing.T) {
	var status, calls atomic.Int32
	status.Store(200)
	srv := fakeOpenAI(t, &status, &calls)
	defer srv.Close()
	model, err := llm.NewChatModel(llm.Config{BaseURL: srv.URL, Model: "fake", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	led := *deps.Ledger
	led.Agent = categorize.NewAgent(model, deps.Store, deps.Store, categorize.AgentOptions{BreakerFailures: 100})
	queue := "aithena-agent-" + uuid.NewString()[:8]
	w := workers.New(deps.Temporal, queue, &activities.Activities{Store: deps.Store, Ledger: &led})
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	cfg := deps.Config
	cfg.TaskQueue = queue
	api := httptest.NewServer(newAPI(cfg).Handler())
	defer api.Close()
	ctx := context.Background()
	before, _ := deps.Store.Flag(ctx, flags.NewCategorizationAgent)
	defer func() { _ = deps.Store.SetFlag(ctx, before) }()

	u := newUser(t)
	u.url = api.URL
	type decided struct {
		Category  string `json:"category"`
		Method    string `json:"category_method"`
		Decisions []struct {
			Method      string `json:"method"`
			Variant     string `json:"variant"`
			Explanation string `json:"explanation"`
		} `json:"decisions"`
	}
	get := func(id string) decided {
		var d decided
		u.do("GET", "/v1/transactions/"+id, nil).json(t, &d)
		return d
	}

	// Flag off: the control group keeps the chain's guess and never calls the LLM.
	if err := deps.Store.SetFlag(ctx, flags.Flag{Name: flags.NewCategorizationAgent, Enabled: false}); err != nil {
		t.Fatal(err)
	}
	c := get(u.wait(u.post("a0", today(), "-59.99", "GRIMWOLD GAMES EMPORIUM 77")).ID)
	if c.Method == "agent" || calls.Load() != 0 || len(c.Decisions) != 1 || c.Decisions[0].Variant != "control" {
		t.Fatalf("flag off: %+v, %d LLM calls", c, calls.Load())
	}

	if err := deps.Store.SetFlag(ctx, flags.Flag{Name: flags.NewCategorizationAgent, Enabled: true, Percentage: 100}); err != nil {
		t.Fatal(err)
	}
	a := get(u.wait(u.post("a1", today(), "-59.99", "GRIMWOLD GAMES EMPORIUM 78")).ID)
	if a.Category != "ENTERTAINMENT" || a.Method != "agent" || a.Decisions[0].Variant != "agent" {
		t.Fatalf("agent decision: %+v", a)
	}
	// Known merchants are decided by the owner's own signals; the LLM is not asked.
	n := calls.Load()
	u.do("PATCH", "/v1/transactions/"+u.wait(u.post("a2", today(), "-9.00", "ZEBULON TOOLS 1")).ID, map[string]string{"category": "HOME_IMPROVEMENT"})
	n2 := calls.Load()
	m := get(u.wait(u.post("a3", today(), "-9.00", "ZEBULON TOOLS 2")).ID)
	if m.Method != "merchant_memory" || calls.Load() != n2 || n2 == n {
		t.Fatalf("memory first: %+v (calls %d → %d → %d)", m, n, n2, calls.Load())
	}

	// The LLM rate-limits: the activity retries, then the chain's decision stands.
	status.Store(http.StatusTooManyRequests)
	before429 := calls.Load()
	f := get(u.wait(u.post("a4", today(), "-12.00", "QWERTY GADGETS 9")).ID)
	if f.Method == "agent" || !strings.Contains(f.Decisions[0].Explanation, "agent was unavailable") {
		t.Fatalf("fallback: %+v", f)
	}
	if tries := calls.Load() - before429; tries != 3 {
		t.Fatalf("%d calls to the LLM, want 3 (the activity's retry policy)", tries)
	}
}
