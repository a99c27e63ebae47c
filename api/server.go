// Package api is Aithena's REST API: routing, authentication, rate limiting and handlers that
// turn HTTP into calls on the store and Temporal. Every handler reads the user from the API
// key and passes it down, so no handler can reach another user's data.
package api

import (
	"context"
	"embed"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/aithena/aithena/agent"
	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/ingest"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/store"
	"github.com/gorilla/mux"
	"github.com/redis/go-redis/v9"
	"go.temporal.io/sdk/client"
)

// Server holds the API's dependencies.
type Server struct {
	Config config.Config
	Store  *store.Store
	// Ledger serves the insights (recurring series, forecasts); the pipeline itself runs in the worker.
	Ledger *ledger.Service
	// Agent answers questions the offline parser does not know; nil without an LLM.
	Agent    *agent.Agent
	Redis    *redis.Client
	Temporal client.Client
	Log      *slog.Logger
	// Now is the clock; tests may fix it.
	Now func() time.Time
}

// Body limits: one transaction is small; a batch of 1000 stays under 1 MiB; files up to 10 MiB.
const (
	maxJSONBody   = 1 << 20
	maxImportBody = 10 << 20
)

//go:embed openapi.json
var specFS embed.FS

// Handler returns the HTTP handler with every route and the outer middleware.
func (s *Server) Handler() http.Handler {
	return s.recoverer(s.logRequests(s.Routes()))
}

// Routes returns the router; the spec test walks it.
func (s *Server) Routes() *mux.Router {
	if s.Now == nil {
		s.Now = time.Now
	}
	r := mux.NewRouter()
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, http.StatusNotFound, "not-found", "no such route")
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, http.StatusMethodNotAllowed, "method-not-allowed", r.Method+" is not allowed on "+r.URL.Path)
	})
	r.HandleFunc("/healthz", s.healthz).Methods(http.MethodGet)
	r.HandleFunc("/readyz", s.readyz).Methods(http.MethodGet)
	r.HandleFunc("/openapi.json", s.openapi).Methods(http.MethodGet)
	r.HandleFunc("/docs", s.docs).Methods(http.MethodGet)

	authed := r.NewRoute().Subrouter()
	authed.Use(s.authenticate, s.rateLimit)
	authed.HandleFunc("/categorize", s.categorizeSync).Methods(http.MethodPost)
	v1 := authed.PathPrefix("/v1").Subrouter()
	v1.HandleFunc("/transactions", s.createTransactions).Methods(http.MethodPost)
	v1.HandleFunc("/transactions", s.listTransactions).Methods(http.MethodGet)
	v1.HandleFunc("/transactions/{id}", s.getTransaction).Methods(http.MethodGet)
	v1.HandleFunc("/transactions/{id}", s.correctTransaction).Methods(http.MethodPatch)
	v1.HandleFunc("/imports", s.createImport).Methods(http.MethodPost)
	v1.HandleFunc("/imports/{id}", s.getImport).Methods(http.MethodGet)
	v1.HandleFunc("/categories", s.listCategories).Methods(http.MethodGet)
	v1.HandleFunc("/categories", s.createCategory).Methods(http.MethodPost)
	v1.HandleFunc("/rules", s.listRules).Methods(http.MethodGet)
	v1.HandleFunc("/rules", s.createRule).Methods(http.MethodPost)
	v1.HandleFunc("/rules/suggestions", s.listRuleSuggestions).Methods(http.MethodGet)
	v1.HandleFunc("/accounts", s.listAccounts).Methods(http.MethodGet)
	v1.HandleFunc("/accounts", s.createAccount).Methods(http.MethodPost)
	v1.HandleFunc("/alerts", s.listAlerts).Methods(http.MethodGet)
	v1.HandleFunc("/transactions/{id}/review", s.reviewTransaction).Methods(http.MethodPost)
	v1.HandleFunc("/fraud/report", s.fraudReport).Methods(http.MethodGet)
	v1.HandleFunc("/alerts/{id}", s.patchAlert).Methods(http.MethodPatch)
	v1.HandleFunc("/budgets", s.listBudgets).Methods(http.MethodGet)
	v1.HandleFunc("/recurring", s.listRecurring).Methods(http.MethodGet)
	v1.HandleFunc("/forecast", s.getForecast).Methods(http.MethodGet)
	v1.HandleFunc("/ask", s.askQuestion).Methods(http.MethodPost)
	v1.HandleFunc("/telegram/link-code", s.linkCode).Methods(http.MethodPost)
	v1.HandleFunc("/budgets/{category}", s.putBudget).Methods(http.MethodPut)
	v1.HandleFunc("/budgets/{category}", s.deleteBudget).Methods(http.MethodDelete)
	return r
}

type middleware struct {
	next http.Handler
	fn   func(http.ResponseWriter, *http.Request, http.Handler)
}

func (m middleware) ServeHTTP(w http.ResponseWriter, r *http.Request) { m.fn(w, r, m.next) }

func (s *Server) recoverer(next http.Handler) http.Handler {
	return middleware{next, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		defer func() {
			if v := recover(); v != nil {
				s.Log.Error("panic in handler", "panic", v, "stack", string(debug.Stack()))
				writeProblem(w, r, http.StatusInternalServerError, "internal", "an internal error occurred")
			}
		}()
		next.ServeHTTP(w, r)
	}}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return middleware{next, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.Log.Debug("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start))
	}}
}

func (s *Server) starter() *ingest.Starter {
	return &ingest.Starter{Store: s.Store, Temporal: s.Temporal, TaskQueue: s.Config.TaskQueue, ReviewTimeout: s.Config.FraudReviewTimeout}
}

func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	writeProblem(w, r, http.StatusInternalServerError, "internal", "an internal error occurred")
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only when PostgreSQL, Redis and Temporal all answer.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{}
	ok := true
	check := func(name string, err error) {
		checks[name] = "ok"
		if err != nil {
			checks[name], ok = err.Error(), false
		}
	}
	check("postgres", s.Store.Ping(ctx))
	check("redis", s.Redis.Ping(ctx).Err())
	_, err := s.Temporal.CheckHealth(ctx, &client.CheckHealthRequest{})
	check("temporal", err)
	status := http.StatusOK
	if !ok {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, map[string]any{"ready": ok, "checks": checks})
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	b, _ := specFS.ReadFile("openapi.json")
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
