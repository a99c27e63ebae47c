package categorize

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/aithena/aithena/llm"
)

// reply is one canned answer of the fake OpenAI-compatible server.
type reply struct {
	status  int           // 0 means 200
	content string        // the assistant message for a 200
	delay   time.Duration // wait before answering (or until the client hangs up)
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model          string          `json:"model"`
	Messages       []chatMessage   `json:"messages"`
	Temperature    *float64        `json:"temperature"`
	ResponseFormat json.RawMessage `json:"response_format"`
}

// fakeChat serves POST /chat/completions with script(n) for the n-th call (1-based) and
// records the requests.
type fakeChat struct {
	t      *testing.T
	script func(n int) reply
	calls  atomic.Int64
	mu     sync.Mutex
	reqs   []chatRequest
}

func newFakeChat(t *testing.T, script func(n int) reply) (*fakeChat, *httptest.Server) {
	f := &fakeChat{t: t, script: script}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeChat) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/chat/completions" {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	var req chatRequest
	if err := json.Unmarshal(body, &req); err != nil {
		f.t.Errorf("fake server: bad request body: %v\n%s", err, body)
	}
	n := int(f.calls.Add(1))
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()

	rep := f.script(n)
	if rep.delay > 0 {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(rep.delay):
		}
	}
	w.Header().Set("Content-Type", "application/json")
	if rep.status != 0 && rep.status != http.StatusOK {
		w.WriteHeader(rep.status)
		_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
			"message": http.StatusText(rep.status), "type": "server_error",
		}})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": 1700000000, "model": req.Model,
		"choices": []any{map[string]any{
			"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": rep.content},
		}},
		"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
	})
}

func (f *fakeChat) requests() []chatRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]chatRequest(nil), f.reqs...)
}

func (f *fakeChat) count() int { return int(f.calls.Load()) }

type fakeExamples struct {
	examples []Example
	gotK     int
}

func (f *fakeExamples) Examples(_ context.Context, _ uuid.UUID, _ []float32, k int) ([]Example, error) {
	f.gotK = k
	return f.examples, nil
}

type fakeCategories []string

func (f fakeCategories) CategoryNames(context.Context, uuid.UUID) ([]string, error) { return f, nil }

var testCategories = fakeCategories(append([]string{"Coffee Shops"}, SystemCategories...))

var testExamples = []Example{
	{Merchant: "Pret A Manger", Description: "CARD PAYMENT PRET A MANGER LONDON", Category: FoodAndDrink, Similarity: 0.9},
	{Merchant: "Costa", Description: "COSTA COFFEE 1234", Category: FoodAndDrink, Similarity: 0.8},
	{Merchant: "Odeon", Description: "ODEON CINEMAS", Category: Entertainment, Similarity: 0.3},
}

var testInput = Input{
	UserID: uuid.New(), Merchant: "Starbucks", MerchantKey: "starbucks",
	Description: "CARD PAYMENT STARBUCKS 0123 LONDON", AmountMinor: -450, Currency: "GBP",
	Embedding: []float32{1, 0, 0},
}

// newTestAgent builds an agent on the real langchaingo OpenAI client pointed at srv.
func newTestAgent(t *testing.T, srv *httptest.Server, ex ExampleSource, opts AgentOptions) *Agent {
	t.Helper()
	m, err := llm.NewChatModel(llm.Config{BaseURL: srv.URL, Model: "test-model", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return NewAgent(m, ex, testCategories, opts)
}

func answer(t *testing.T, category string, confidence float64, reason string) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"category": category, "confidence": confidence, "reason": reason})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestAgentGoodAnswer(t *testing.T) {
	f, srv := newFakeChat(t, func(int) reply {
		return reply{content: `{"category": "food_and_drink", "confidence": 0.9, "reason": "Starbucks is a coffee chain."}`}
	})
	ex := &fakeExamples{examples: testExamples}
	a := newTestAgent(t, srv, ex, AgentOptions{})

	d, err := a.Categorize(context.Background(), testInput)
	if err != nil {
		t.Fatal(err)
	}
	// agreement = (0.9+0.8)/(0.9+0.8+0.3) = 0.85; confidence = 0.6*0.9 + 0.4*0.85 = 0.88.
	if d.Category != FoodAndDrink || d.Method != MethodAgent || !near(d.Confidence, 0.88) {
		t.Fatalf("decision = %s/%s/%v, want FOOD_AND_DRINK (the list's spelling)/agent/0.88", d.Category, d.Method, d.Confidence)
	}
	if d.Explanation != "Starbucks is a coffee chain." {
		t.Errorf("explanation = %q", d.Explanation)
	}
	want := []Candidate{
		{FoodAndDrink, 0.88, MethodAgent},
		{FoodAndDrink, 0.85, MethodNeighbours},
		{Entertainment, 0.15, MethodNeighbours},
	}
	if len(d.Candidates) != len(want) {
		t.Fatalf("candidates = %+v, want %+v", d.Candidates, want)
	}
	for i, c := range d.Candidates {
		if c.Category != want[i].Category || c.Method != want[i].Method || !near(c.Score, want[i].Score) {
			t.Errorf("candidate %d = %+v, want %+v", i, c, want[i])
		}
	}
	if d.Latency <= 0 {
		t.Error("latency not set")
	}
	if f.count() != 1 || ex.gotK != DefaultAgentK {
		t.Errorf("calls = %d, k = %d; want 1 call, k = %d", f.count(), ex.gotK, DefaultAgentK)
	}
	if s := a.BreakerState(); s != "closed" {
		t.Errorf("BreakerState() = %q, want closed", s)
	}
}

func TestAgentPrompt(t *testing.T) {
	f, srv := newFakeChat(t, func(int) reply { return reply{content: answer(t, "Coffee Shops", 0.7, "coffee")} })
	a := newTestAgent(t, srv, &fakeExamples{examples: testExamples}, AgentOptions{})
	if _, err := a.Categorize(context.Background(), testInput); err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	req := reqs[0]
	if req.Model != "test-model" {
		t.Errorf("model = %q", req.Model)
	}
	if req.Temperature == nil || *req.Temperature != 0 {
		t.Errorf("temperature = %v, want 0", req.Temperature)
	}
	if !strings.Contains(string(req.ResponseFormat), "json_object") {
		t.Errorf("response_format = %s, want JSON mode", req.ResponseFormat)
	}
	if len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.Messages[1].Role != "user" {
		t.Fatalf("messages = %+v, want system + user", req.Messages)
	}
	if sys := req.Messages[0].Content; !strings.Contains(sys, `"category"`) || !strings.Contains(sys, "JSON object only") {
		t.Errorf("system message does not ask for the JSON object:\n%s", sys)
	}
	user := req.Messages[1].Content
	wants := []string{
		// the category list, including the owner's own
		"- Coffee Shops\n", "- FOOD_AND_DRINK\n", "- RENT_AND_UTILITIES\n",
		// the transaction
		`"Starbucks"`, `"CARD PAYMENT STARBUCKS 0123 LONDON"`, "-4.50 GBP", "negative = money out",
		// the examples with their confirmed categories
		`"Pret A Manger"`, `"CARD PAYMENT PRET A MANGER LONDON"`, "-> FOOD_AND_DRINK",
		`"Odeon"`, "-> ENTERTAINMENT", "similarity 0.90",
	}
	for _, w := range wants {
		if !strings.Contains(user, w) {
			t.Errorf("user message lacks %q:\n%s", w, user)
		}
	}
}

func TestAgentWithoutExamples(t *testing.T) {
	f, srv := newFakeChat(t, func(int) reply { return reply{content: answer(t, Transportation, 0.5, "")} })
	ex := &fakeExamples{examples: testExamples}
	a := newTestAgent(t, srv, ex, AgentOptions{K: 3})
	in := testInput
	in.Embedding = nil // nothing to search with
	d, err := a.Categorize(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if d.Category != Transportation || !near(d.Confidence, 0.4) { // 0.8 * 0.5
		t.Fatalf("decision = %s/%v, want TRANSPORTATION/0.4", d.Category, d.Confidence)
	}
	if len(d.Candidates) != 1 || d.Explanation == "" {
		t.Errorf("candidates = %+v, explanation = %q", d.Candidates, d.Explanation)
	}
	if ex.gotK != 0 {
		t.Error("examples were searched without an embedding")
	}
	if u := f.requests()[0].Messages[1].Content; !strings.Contains(u, "no confirmed transactions") {
		t.Errorf("user message does not say there are no examples:\n%s", u)
	}
}

func TestAgentRetriesMalformedJSON(t *testing.T) {
	f, srv := newFakeChat(t, func(n int) reply {
		if n == 1 {
			return reply{content: "Sure! This looks like food and drink to me."}
		}
		return reply{content: "```json\n" + answer(t, FoodAndDrink, 0.8, "coffee") + "\n```"}
	})
	a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{})
	d, err := a.Categorize(context.Background(), testInput)
	if err != nil {
		t.Fatal(err)
	}
	if d.Category != FoodAndDrink || !near(d.Confidence, 0.64) {
		t.Fatalf("decision = %s/%v, want FOOD_AND_DRINK/0.64", d.Category, d.Confidence)
	}
	if f.count() != 2 {
		t.Fatalf("calls = %d, want 2", f.count())
	}
	retry := f.requests()[1].Messages
	if len(retry) != 4 {
		t.Fatalf("retry messages = %+v, want system, user, assistant, user", retry)
	}
	if retry[2].Role != "assistant" || retry[2].Content != "Sure! This looks like food and drink to me." {
		t.Errorf("retry does not show the previous answer: %+v", retry[2])
	}
	if retry[3].Role != "user" || !strings.Contains(retry[3].Content, "not the requested JSON object") {
		t.Errorf("retry does not say what was wrong: %+v", retry[3])
	}
}

func TestAgentMalformedTwice(t *testing.T) {
	f, srv := newFakeChat(t, func(n int) reply {
		return reply{content: `{"category": "FOOD_AND_DRINK", "confidence": 0.9, "reason": "x", "extra": 1}`}
	})
	a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{})
	_, err := a.Categorize(context.Background(), testInput)
	if !errors.Is(err, ErrBadAnswer) || !IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent ErrBadAnswer", err)
	}
	if f.count() != 2 {
		t.Fatalf("calls = %d, want 2 (one corrective retry)", f.count())
	}
}

func TestAgentUnknownCategory(t *testing.T) {
	t.Run("still unknown", func(t *testing.T) {
		f, srv := newFakeChat(t, func(int) reply { return reply{content: answer(t, "GROCERIES", 0.9, "food")} })
		a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{})
		_, err := a.Categorize(context.Background(), testInput)
		if !errors.Is(err, ErrBadAnswer) || !IsPermanent(err) {
			t.Fatalf("err = %v, want a permanent ErrBadAnswer", err)
		}
		t.Log(err)
		if f.count() != 2 {
			t.Fatalf("calls = %d, want 2", f.count())
		}
		fix := f.requests()[1].Messages[3].Content
		if !strings.Contains(fix, `"GROCERIES" is not one of the categories`) || !strings.Contains(fix, "Coffee Shops") {
			t.Errorf("corrective message = %q", fix)
		}
	})
	t.Run("fixed on retry", func(t *testing.T) {
		f, srv := newFakeChat(t, func(n int) reply {
			if n == 1 {
				return reply{content: answer(t, "GROCERIES", 0.9, "food")}
			}
			return reply{content: answer(t, "coffee shops", 0.9, "coffee")}
		})
		a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{})
		d, err := a.Categorize(context.Background(), testInput)
		if err != nil {
			t.Fatal(err)
		}
		if d.Category != "Coffee Shops" || f.count() != 2 {
			t.Fatalf("category = %q after %d calls, want Coffee Shops after 2", d.Category, f.count())
		}
	})
}

func TestAgentTimeout(t *testing.T) {
	t.Run("context deadline", func(t *testing.T) {
		f, srv := newFakeChat(t, func(int) reply { return reply{content: answer(t, FoodAndDrink, 1, ""), delay: 5 * time.Second} })
		a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := a.Categorize(ctx, testInput)
		if err == nil || IsPermanent(err) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want a retryable deadline error", err)
		}
		t.Log(err)
		if time.Since(start) > 2*time.Second || f.count() != 1 {
			t.Fatalf("took %v with %d calls", time.Since(start), f.count())
		}
	})
	t.Run("client timeout", func(t *testing.T) {
		_, srv := newFakeChat(t, func(int) reply { return reply{content: answer(t, FoodAndDrink, 1, ""), delay: 5 * time.Second} })
		m, err := llm.NewChatModel(llm.Config{BaseURL: srv.URL, Model: "m", Timeout: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		a := NewAgent(m, &fakeExamples{}, testCategories, AgentOptions{})
		if _, err := a.Categorize(context.Background(), testInput); err == nil || IsPermanent(err) {
			t.Fatalf("err = %v, want a retryable timeout error", err)
		}
	})
}

func TestAgentHTTPErrorsAreRetryable(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusServiceUnavailable} {
		f, srv := newFakeChat(t, func(int) reply { return reply{status: status} })
		a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{})
		_, err := a.Categorize(context.Background(), testInput)
		if err == nil || IsPermanent(err) {
			t.Errorf("HTTP %d: err = %v, want a retryable error", status, err)
		}
		t.Log(err)
		if f.count() != 1 {
			t.Errorf("HTTP %d: calls = %d, want 1 (the caller retries, not the agent)", status, f.count())
		}
	}
}

func TestAgentCircuitBreaker(t *testing.T) {
	var healthy atomic.Bool
	f, srv := newFakeChat(t, func(int) reply {
		if !healthy.Load() {
			return reply{status: http.StatusBadGateway}
		}
		return reply{content: answer(t, FoodAndDrink, 0.9, "coffee")}
	})
	a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{BreakerFailures: 3, BreakerOpenFor: 100 * time.Millisecond})
	ctx := context.Background()

	for i := range 3 {
		if _, err := a.Categorize(ctx, testInput); err == nil || IsPermanent(err) {
			t.Fatalf("call %d: err = %v, want a retryable error", i+1, err)
		}
	}
	if s := a.BreakerState(); s != "open" {
		t.Fatalf("after 3 failures BreakerState() = %q, want open", s)
	}
	for range 5 {
		_, err := a.Categorize(ctx, testInput)
		if !errors.Is(err, ErrCircuitOpen) || !IsPermanent(err) {
			t.Fatalf("while open: err = %v, want ErrCircuitOpen", err)
		}
		t.Log(err)
	}
	if f.count() != 3 {
		t.Fatalf("server calls = %d while open, want 3", f.count())
	}

	healthy.Store(true)
	time.Sleep(150 * time.Millisecond)
	if s := a.BreakerState(); s != "half-open" {
		t.Fatalf("after the open period BreakerState() = %q, want half-open", s)
	}
	d, err := a.Categorize(ctx, testInput)
	if err != nil || d.Category != FoodAndDrink {
		t.Fatalf("probe: %v, %v", d.Category, err)
	}
	if s := a.BreakerState(); s != "closed" || f.count() != 4 {
		t.Fatalf("after a good probe BreakerState() = %q with %d calls, want closed with 4", s, f.count())
	}
}

func TestAgentBreakerCountsBadAnswersNotCancellation(t *testing.T) {
	t.Run("bad answers", func(t *testing.T) {
		_, srv := newFakeChat(t, func(int) reply { return reply{content: "not json"} })
		a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{BreakerFailures: 2})
		if _, err := a.Categorize(context.Background(), testInput); !errors.Is(err, ErrBadAnswer) {
			t.Fatalf("err = %v, want ErrBadAnswer", err)
		}
		if s := a.BreakerState(); s != "open" {
			t.Fatalf("after two bad answers BreakerState() = %q, want open", s)
		}
	})
	t.Run("cancellation", func(t *testing.T) {
		_, srv := newFakeChat(t, func(int) reply { return reply{delay: 5 * time.Second} })
		a := newTestAgent(t, srv, &fakeExamples{}, AgentOptions{BreakerFailures: 1})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		if _, err := a.Categorize(ctx, testInput); !errors.Is(err, context.Canceled) || IsPermanent(err) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if s := a.BreakerState(); s != "closed" {
			t.Fatalf("after a cancelled call BreakerState() = %q, want closed", s)
		}
	})
}

func TestParseAnswer(t *testing.T) {
	names := []string{"FOOD_AND_DRINK", "Coffee Shops"}
	good := map[string]Answer{
		`{"category":"FOOD_AND_DRINK","confidence":0.5,"reason":" ok "}`:       {Category: "FOOD_AND_DRINK", Confidence: 0.5, Reason: "ok"},
		"```json\n{\"category\":\"coffee shops\",\"confidence\":1}\n```":       {Category: "Coffee Shops", Confidence: 1},
		"```\n{\"category\":\" Food_And_Drink \",\"confidence\":0}\n```\n":     {Category: "FOOD_AND_DRINK"},
		`  {"category":"FOOD_AND_DRINK","confidence":0.25,"reason":""}` + "\n": {Category: "FOOD_AND_DRINK", Confidence: 0.25},
	}
	for raw, want := range good {
		got, err := parseAnswer(raw, names)
		if err != nil || got != want {
			t.Errorf("parseAnswer(%q) = %+v, %v; want %+v", raw, got, err, want)
		}
	}
	bad := []string{
		"", "```json\n```", "FOOD_AND_DRINK",
		`{"category":"FOOD_AND_DRINK","confidence":0.5} and more`,
		`{"category":"FOOD_AND_DRINK","confidence":0.5}{"category":"FOOD_AND_DRINK","confidence":0.5}`,
		`{"category":"FOOD","confidence":0.5}`,
		`{"category":"","confidence":0.5}`,
		`{"confidence":0.5}`,
		`{"category":"FOOD_AND_DRINK"}`,
		`{"category":"FOOD_AND_DRINK","confidence":"high"}`,
		`{"category":"FOOD_AND_DRINK","confidence":85}`,
		`{"category":"FOOD_AND_DRINK","confidence":0.5,"why":"x"}`,
	}
	for _, raw := range bad {
		if _, err := parseAnswer(raw, names); !errors.Is(err, ErrBadAnswer) {
			t.Errorf("parseAnswer(%q) err = %v, want ErrBadAnswer", raw, err)
		}
	}
}

func TestAgentExplanationTrimmed(t *testing.T) {
	d := decision(Answer{Category: Travel, Confidence: 1, Reason: strings.Repeat("é", 500)}, nil)
	if n := len([]rune(d.Explanation)); n != maxExplanation {
		t.Fatalf("explanation has %d characters, want %d", n, maxExplanation)
	}
}

func TestIsPermanent(t *testing.T) {
	cases := map[error]bool{
		nil:                              false,
		errors.New("connection refused"): false,
		context.DeadlineExceeded:         false,
		ErrBadAnswer:                     true,
		ErrCircuitOpen:                   true,
		&badAnswerError{problem: "x"}:    true,
	}
	for err, want := range cases {
		if got := IsPermanent(err); got != want {
			t.Errorf("IsPermanent(%v) = %v, want %v", err, got, want)
		}
	}
}
