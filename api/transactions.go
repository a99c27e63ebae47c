package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/fraud"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/aithena/aithena/workflows"
	"github.com/google/uuid"
	"github.com/gorilla/mux"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"
)

// MaxBatch is the most transactions one POST may carry.
const MaxBatch = 1000

// txnRequest is one transaction as a client sends it.
type txnRequest struct {
	Account     string `json:"account,omitempty"`
	Date        string `json:"date"`
	Time        string `json:"time,omitempty"`
	Amount      Amount `json:"amount"`
	Currency    string `json:"currency"`
	Description string `json:"description"`
}

type batchRequest struct {
	Transactions []txnRequest `json:"transactions"`
}

// accepted is the answer for each transaction taken in.
type accepted struct {
	ID         uuid.UUID    `json:"id"`
	Status     vocab.Status `json:"status"`
	StatusURL  string       `json:"status_url"`
	WorkflowID string       `json:"workflow_id"`
}

// idempotencyKey reads the Idempotency-Key header: required on every write that creates data.
func idempotencyKey(w http.ResponseWriter, r *http.Request) (string, bool) {
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	switch {
	case key == "":
		writeValidation(w, r, []ledger.FieldError{{Field: "Idempotency-Key", Message: "header is required; send a unique value per transaction, the same value on a retry"}})
		return "", false
	case len(key) > 255:
		writeValidation(w, r, []ledger.FieldError{{Field: "Idempotency-Key", Message: "header is longer than 255 characters"}})
		return "", false
	}
	return key, true
}

// submission checks a request and turns it into a pipeline submission, naming every bad field.
func (s *Server) submission(ctx context.Context, u store.User, req txnRequest, key, prefix string) (ledger.Submission, []ledger.FieldError, error) {
	posted, occurred, amount, currency, err := ledger.Parse(ledger.Raw{
		Date: req.Date, Time: req.Time, Amount: string(req.Amount), Currency: req.Currency, Description: req.Description,
	}, prefix, s.Now())
	var fields []ledger.FieldError
	var ve ledger.ValidationError
	if errors.As(err, &ve) {
		fields = append(fields, ve...)
	}
	acct, aerr := s.Store.Account(ctx, u.ID, req.Account)
	if errors.Is(aerr, store.ErrNotFound) {
		msg := fmt.Sprintf("no account %q; create it with POST /v1/accounts", req.Account)
		if req.Account == "" {
			msg = "is required: you have no accounts yet (POST /v1/accounts)"
		}
		fields = append(fields, ledger.FieldError{Field: prefix + "account", Message: msg})
	} else if aerr != nil {
		return ledger.Submission{}, nil, aerr
	}
	if fields != nil {
		return ledger.Submission{}, fields, nil
	}
	id := ledger.TransactionID(u.ID, key)
	return ledger.Submission{
		TransactionID: id, UserID: u.ID, AccountID: acct.ID, IdempotencyKey: key, PostedAt: posted, OccurredAt: occurred,
		AmountMinor: amount, Currency: currency, Description: strings.TrimSpace(req.Description),
		WorkflowID: workflows.TransactionWorkflowIDFor(u.ID, id),
	}, nil, nil
}

// sameRequest tells whether a stored transaction came from this submission; a reused key
// with different content is a client bug worth a clear answer.
func sameRequest(t store.Transaction, sub ledger.Submission) bool {
	sameTime := (t.OccurredAt == nil) == (sub.OccurredAt == nil) && (t.OccurredAt == nil || t.OccurredAt.Equal(*sub.OccurredAt))
	return t.AmountMinor == sub.AmountMinor && t.Currency == sub.Currency && t.RawDescription == sub.Description &&
		t.PostedAt.Equal(sub.PostedAt) && t.AccountID == sub.AccountID && sameTime
}

// accept starts one submission, or reports the transaction already stored under its key.
func (s *Server) accept(ctx context.Context, sub ledger.Submission) (accepted, error) {
	a := accepted{ID: sub.TransactionID, Status: vocab.StatusProcessing, StatusURL: "/v1/transactions/" + sub.TransactionID.String(), WorkflowID: sub.WorkflowID}
	t, err := s.Store.TransactionByKey(ctx, sub.UserID, sub.IdempotencyKey)
	switch {
	case err == nil:
		if !sameRequest(t, sub) {
			return a, errKeyReused
		}
		a.Status = t.Status
		return a, nil
	case !errors.Is(err, store.ErrNotFound):
		return a, err
	}
	return a, s.starter().StartTransaction(ctx, sub)
}

var errKeyReused = errors.New("this Idempotency-Key was already used for a different transaction")

// submissionOrProblem is submission for a single transaction; on failure it has answered.
func (s *Server) submissionOrProblem(w http.ResponseWriter, r *http.Request, u store.User, req txnRequest, key string) (ledger.Submission, bool) {
	sub, fields, err := s.submission(r.Context(), u, req, key, "")
	if err != nil {
		s.internal(w, r, err)
		return sub, false
	}
	if fields != nil {
		writeValidation(w, r, fields)
		return sub, false
	}
	return sub, true
}

// acceptOrProblem is accept; on failure it has answered.
func (s *Server) acceptOrProblem(w http.ResponseWriter, r *http.Request, sub ledger.Submission) (accepted, bool) {
	a, err := s.accept(r.Context(), sub)
	if errors.Is(err, errKeyReused) {
		writeProblem(w, r, http.StatusConflict, "idempotency-key-reused", err.Error())
		return a, false
	}
	if err != nil {
		s.internal(w, r, err)
		return a, false
	}
	return a, true
}

// createTransactions takes one transaction or {"transactions": [...]} (up to MaxBatch). A batch
// item's key is the header's key with "/<index>" appended.
func (s *Server) createTransactions(w http.ResponseWriter, r *http.Request) {
	key, ok := idempotencyKey(w, r)
	if !ok {
		return
	}
	u := userFrom(r.Context())
	body, ok := readBody(w, r, maxJSONBody)
	if !ok {
		return
	}
	if isBatch(body) {
		s.createBatch(w, r, u, key, body)
		return
	}
	var req txnRequest
	if !decodeBytes(w, r, body, &req) {
		return
	}
	sub, ok := s.submissionOrProblem(w, r, u, req, key)
	if !ok {
		return
	}
	a, ok := s.acceptOrProblem(w, r, sub)
	if !ok {
		return
	}
	w.Header().Set("Location", a.StatusURL)
	writeJSON(w, http.StatusAccepted, a)
}

func (s *Server) createBatch(w http.ResponseWriter, r *http.Request, u store.User, key string, body []byte) {
	var req batchRequest
	if !decodeBytes(w, r, body, &req) {
		return
	}
	switch n := len(req.Transactions); {
	case n == 0:
		writeValidation(w, r, []ledger.FieldError{{Field: "transactions", Message: "must hold at least one transaction"}})
		return
	case n > MaxBatch:
		writeValidation(w, r, []ledger.FieldError{{Field: "transactions", Message: fmt.Sprintf("holds %d transactions; the most is %d", n, MaxBatch)}})
		return
	}
	// Validate every item before starting any, so a batch is taken whole or not at all.
	subs := make([]ledger.Submission, len(req.Transactions))
	var fields []ledger.FieldError
	for i, t := range req.Transactions {
		sub, fe, err := s.submission(r.Context(), u, t, fmt.Sprintf("%s/%d", key, i), fmt.Sprintf("transactions[%d].", i))
		if err != nil {
			s.internal(w, r, err)
			return
		}
		fields = append(fields, fe...)
		subs[i] = sub
	}
	if fields != nil {
		writeValidation(w, r, fields)
		return
	}
	out := make([]accepted, len(subs))
	errs := make([]error, len(subs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16) // bounded: starting 1000 workflows at once would swamp the server
	for i, sub := range subs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = s.accept(r.Context(), sub)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if errors.Is(err, errKeyReused) {
			writeProblem(w, r, http.StatusConflict, "idempotency-key-reused", err.Error())
			return
		}
		if err != nil {
			s.internal(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"transactions": out})
}

// txnView is a transaction as the API shows it.
type txnView struct {
	ID                  uuid.UUID      `json:"id"`
	Account             string         `json:"account"`
	Date                string         `json:"date"`
	Time                string         `json:"time,omitempty"`
	Amount              string         `json:"amount"`
	AmountMinor         int64          `json:"amount_minor"`
	Currency            string         `json:"currency"`
	Description         string         `json:"description"`
	Merchant            string         `json:"merchant"`
	Category            string         `json:"category"`
	CategoryConfidence  float64        `json:"category_confidence"`
	CategoryMethod      string         `json:"category_method"`
	CategoryExplanation string         `json:"category_explanation"`
	CategoryConfirmed   bool           `json:"category_confirmed"`
	Status              vocab.Status   `json:"status"`
	Step                vocab.Step     `json:"step"`
	PossibleDuplicateOf *uuid.UUID     `json:"possible_duplicate_of"`
	ImportID            *uuid.UUID     `json:"import_id,omitempty"`
	WorkflowID          string         `json:"workflow_id"`
	CreatedAt           time.Time      `json:"created_at"`
	Fraud               *fraudView     `json:"fraud,omitempty"`
	Decisions           []decisionView `json:"decisions,omitempty"`
}

type fraudView struct {
	Score        float64              `json:"score"`
	Reasons      []fraud.Contribution `json:"reasons"`
	ModelVersion *int                 `json:"model_version,omitempty"`
}

type decisionView struct {
	Category    string    `json:"category"`
	Confidence  float64   `json:"confidence"`
	Method      string    `json:"method"`
	Explanation string    `json:"explanation"`
	Candidates  any       `json:"candidates"`
	LatencyMS   float64   `json:"latency_ms"`
	Variant     string    `json:"variant,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

func view(t store.Transaction) txnView {
	v := txnView{
		ID: t.ID, Account: t.Account, Date: t.PostedAt.Format("2006-01-02"), Amount: money.FormatIn(t.AmountMinor, t.Currency),
		AmountMinor: t.AmountMinor, Currency: t.Currency, Description: t.RawDescription, Merchant: t.Merchant,
		Category: t.Category, CategoryConfidence: round3(t.Confidence), CategoryMethod: t.Method,
		CategoryExplanation: t.Explanation, CategoryConfirmed: t.Confirmed, Status: t.Status, Step: t.Step,
		PossibleDuplicateOf: t.PossibleDuplicateOf, ImportID: t.ImportID, WorkflowID: t.WorkflowID, CreatedAt: t.CreatedAt,
	}
	if t.OccurredAt != nil {
		v.Time = t.OccurredAt.Format("15:04:05")
	}
	if t.FraudScore != nil {
		v.Fraud = &fraudView{Score: round3(*t.FraudScore), Reasons: t.FraudReasons, ModelVersion: t.FraudModelVersion}
		if v.Fraud.Reasons == nil {
			v.Fraud.Reasons = []fraud.Contribution{}
		}
	}
	return v
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

func pathID(w http.ResponseWriter, r *http.Request) (uuid.UUID, bool) {
	id, err := uuid.Parse(mux.Vars(r)["id"])
	if err != nil {
		writeValidation(w, r, []ledger.FieldError{{Field: "id", Message: "is not a UUID"}})
		return uuid.Nil, false
	}
	return id, true
}

// getTransaction shows a stored transaction with its decisions, or, while its workflow is
// still before the persist step, the step it is at.
func (s *Server) getTransaction(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	u := userFrom(r.Context())
	t, err := s.Store.Transaction(r.Context(), u.ID, id)
	if err == nil {
		v := view(t)
		ds, err := s.Store.Decisions(r.Context(), u.ID, id)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		for _, d := range ds {
			v.Decisions = append(v.Decisions, decisionView{d.Category, round3(d.Confidence), d.Method, d.Explanation,
				d.Candidates, float64(d.Latency.Microseconds()) / 1000, d.Variant, d.CreatedAt})
		}
		writeJSON(w, http.StatusOK, v)
		return
	}
	if !errors.Is(err, store.ErrNotFound) {
		s.internal(w, r, err)
		return
	}
	st, found, err := s.workflowStatus(r.Context(), workflows.TransactionWorkflowIDFor(u.ID, id))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if !found {
		writeProblem(w, r, http.StatusNotFound, "not-found", "no transaction "+id.String())
		return
	}
	st["id"] = id
	writeJSON(w, http.StatusOK, st)
}

// workflowStatus describes a transaction's workflow that has not stored it (yet).
func (s *Server) workflowStatus(ctx context.Context, wfID string) (map[string]any, bool, error) {
	desc, err := s.Temporal.DescribeWorkflowExecution(ctx, wfID, "")
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	out := map[string]any{"workflow_id": wfID}
	switch desc.WorkflowExecutionInfo.Status {
	case enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:
		out["status"] = vocab.StatusProcessing
		qctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		var st workflows.TransactionStatus
		if v, err := s.Temporal.QueryWorkflow(qctx, wfID, "", workflows.StatusQuery); err == nil && v.Get(&st) == nil {
			out["step"] = st.Step
			if st.Error != "" {
				out["last_error"] = st.Error
			}
		} else {
			out["step"] = "queued"
		}
	case enumspb.WORKFLOW_EXECUTION_STATUS_FAILED:
		out["status"] = "rejected"
		var res workflows.TransactionResult
		err := s.Temporal.GetWorkflow(ctx, wfID, "").Get(ctx, &res)
		var appErr *temporal.ApplicationError
		if errors.As(err, &appErr) {
			out["error"] = appErr.Error()
			var fields []ledger.FieldError
			if appErr.Type() == activities.ErrInvalid && appErr.Details(&fields) == nil {
				out["errors"] = fields
			}
		}
	default:
		out["status"] = strings.ToLower(desc.WorkflowExecutionInfo.Status.String())
	}
	return out, true, nil
}

func (s *Server) listTransactions(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	q := r.URL.Query()
	var f store.Filter
	var fields []ledger.FieldError
	bad := func(field, msg string) { fields = append(fields, ledger.FieldError{Field: field, Message: msg}) }
	date := func(name string) time.Time {
		v := q.Get(name)
		if v == "" {
			return time.Time{}
		}
		d, err := time.Parse("2006-01-02", v)
		if err != nil {
			bad(name, fmt.Sprintf("%q is not a date in the form YYYY-MM-DD", v))
		}
		return d
	}
	f.From, f.To = date("from"), date("to")
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		bad("to", "is before from")
	}
	exp, _ := money.Exponent(u.Currency)
	amount := func(name string) *int64 {
		v := q.Get(name)
		if v == "" {
			return nil
		}
		a, err := money.ParseWithDecimal(v, exp, '.')
		if err != nil {
			bad(name, err.Error())
			return nil
		}
		return &a
	}
	f.MinAmount, f.MaxAmount = amount("min_amount"), amount("max_amount")
	f.Category, f.Merchant, f.Cursor = q.Get("category"), q.Get("merchant"), q.Get("cursor")
	f.Limit = 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			bad("limit", "must be a whole number from 1 to 200")
		}
		f.Limit = n
	}
	if f.Category != "" {
		ok, err := s.Store.CategoryExists(r.Context(), u.ID, f.Category)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		if !ok {
			bad("category", fmt.Sprintf("%q is not one of your categories (GET /v1/categories)", f.Category))
		}
	}
	if fields != nil {
		writeValidation(w, r, fields)
		return
	}
	txns, next, err := s.Store.ListTransactions(r.Context(), u.ID, f)
	if errors.Is(err, store.ErrBadCursor) {
		writeValidation(w, r, []ledger.FieldError{{Field: "cursor", Message: "is not a cursor this API returned"}})
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := struct {
		Data       []txnView `json:"data"`
		NextCursor string    `json:"next_cursor,omitempty"`
	}{Data: make([]txnView, len(txns)), NextCursor: next}
	for i, t := range txns {
		out.Data[i] = view(t)
	}
	writeJSON(w, http.StatusOK, out)
}

// notStored answers a write to a transaction that is not stored: 409 while its workflow is
// still before the persist step, else 404.
func (s *Server) notStored(w http.ResponseWriter, r *http.Request, userID, id uuid.UUID) {
	if st, found, _ := s.workflowStatus(r.Context(), workflows.TransactionWorkflowIDFor(userID, id)); found && st["status"] == vocab.StatusProcessing {
		writeProblem(w, r, http.StatusConflict, "still-processing", "the transaction is still being processed; try again in a moment")
		return
	}
	writeProblem(w, r, http.StatusNotFound, "not-found", "no transaction "+id.String())
}

type correctionRequest struct {
	Category string `json:"category"`
}

// correctTransaction sets the owner's category. It teaches the merchant memory and makes the
// transaction a labelled neighbour at once. The same PATCH twice leaves the same state.
func (s *Server) correctTransaction(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var req correctionRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	u := userFrom(r.Context())
	req.Category = strings.TrimSpace(req.Category)
	if req.Category == "" {
		writeValidation(w, r, []ledger.FieldError{{Field: "category", Message: "is required"}})
		return
	}
	exists, err := s.Store.CategoryExists(r.Context(), u.ID, req.Category)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if !exists {
		writeValidation(w, r, []ledger.FieldError{{Field: "category", Message: fmt.Sprintf("%q is not one of your categories (GET /v1/categories)", req.Category)}})
		return
	}
	t, err := s.Store.Correct(r.Context(), u.ID, id, req.Category)
	if errors.Is(err, store.ErrNotFound) {
		s.notStored(w, r, u.ID, id)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, view(t))
}

// categorizeSync runs the pipeline for one transaction and waits for its category, up to
// SYNC_TIMEOUT (or ?timeout=). It stores the transaction like POST /v1/transactions, so it
// takes an Idempotency-Key too. On timeout it answers 202 with the status URL: the workflow
// goes on.
func (s *Server) categorizeSync(w http.ResponseWriter, r *http.Request) {
	key, ok := idempotencyKey(w, r)
	if !ok {
		return
	}
	var req txnRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	timeout := s.Config.SyncTimeout
	if v := r.URL.Query().Get("timeout"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > time.Minute {
			writeValidation(w, r, []ledger.FieldError{{Field: "timeout", Message: "must be a duration such as 5s, at most 1m"}})
			return
		}
		timeout = d
	}
	u := userFrom(r.Context())
	sub, ok := s.submissionOrProblem(w, r, u, req, key)
	if !ok {
		return
	}
	if _, ok := s.acceptOrProblem(w, r, sub); !ok {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	var res workflows.TransactionResult
	err := s.Temporal.GetWorkflow(ctx, sub.WorkflowID, "").Get(ctx, &res)
	if ctx.Err() != nil {
		w.Header().Set("Location", "/v1/transactions/"+sub.TransactionID.String())
		writeJSON(w, http.StatusAccepted, accepted{ID: sub.TransactionID, Status: vocab.StatusProcessing,
			StatusURL: "/v1/transactions/" + sub.TransactionID.String(), WorkflowID: sub.WorkflowID})
		return
	}
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.Type() == activities.ErrInvalid {
		var fe []ledger.FieldError
		_ = appErr.Details(&fe)
		writeValidation(w, r, fe)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	t, err := s.Store.Transaction(r.Context(), u.ID, res.TransactionID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, view(t))
}
