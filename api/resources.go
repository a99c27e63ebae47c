package api

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
)

func (s *Server) listCategories(w http.ResponseWriter, r *http.Request) {
	cs, err := s.Store.Categories(r.Context(), userFrom(r.Context()).ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": cs})
}

var categoryName = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,49}$`)

type categoryRequest struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// createCategory adds one of the user's own categories (UPPER_SNAKE_CASE, like Plaid's).
func (s *Server) createCategory(w http.ResponseWriter, r *http.Request) {
	var req categoryRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	if !categoryName.MatchString(req.Name) {
		writeValidation(w, r, []ledger.FieldError{{Field: "name", Message: "must be 2 to 50 characters of A-Z, 0-9 and _, starting with a letter"}})
		return
	}
	c, err := s.Store.CreateCategory(r.Context(), userFrom(r.Context()).ID, req.Name, req.Description)
	if errors.Is(err, store.ErrConflict) {
		writeProblem(w, r, http.StatusConflict, "category-exists", req.Name+" is a system category")
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) listRules(w http.ResponseWriter, r *http.Request) {
	rs, err := s.Store.ListRules(r.Context(), userFrom(r.Context()).ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if rs == nil {
		rs = []store.RuleRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": rs})
}

// listRuleSuggestions proposes rules from the owner's repeated corrections (a merchant family
// or a word they share, all to one category); accepting one is a POST /v1/rules.
func (s *Server) listRuleSuggestions(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	corrections, err := s.Store.Corrections(r.Context(), u.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	rules, err := s.Store.Rules(r.Context(), u.ID)
	if err != nil {
		s.internal(w, r, fmt.Errorf("load rules: %w", err))
		return
	}
	out := categorize.SuggestRules(corrections, rules)
	if out == nil {
		out = []categorize.RuleSuggestion{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": out})
}

type ruleRequest struct {
	Pattern  string `json:"pattern"`
	Category string `json:"category"`
	Priority int    `json:"priority,omitempty"`
}

// createRule stores a rule: transactions whose merchant or description contains the pattern
// get the category. Posting the same pattern again updates it.
func (s *Server) createRule(w http.ResponseWriter, r *http.Request) {
	var req ruleRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	u := userFrom(r.Context())
	var fields []ledger.FieldError
	req.Pattern = strings.TrimSpace(req.Pattern)
	if n := len(req.Pattern); n < 2 || n > 100 {
		fields = append(fields, ledger.FieldError{Field: "pattern", Message: "must be 2 to 100 characters"})
	}
	ok, err := s.Store.CategoryExists(r.Context(), u.ID, req.Category)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if !ok {
		fields = append(fields, ledger.FieldError{Field: "category", Message: fmt.Sprintf("%q is not one of your categories", req.Category)})
	}
	if fields != nil {
		writeValidation(w, r, fields)
		return
	}
	rule, err := s.Store.UpsertRule(r.Context(), u.ID, req.Pattern, req.Category, req.Priority)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, rule)
}

func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) {
	as, err := s.Store.Accounts(r.Context(), userFrom(r.Context()).ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if as == nil {
		as = []store.Account{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": as})
}

var accountName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$`)

type accountRequest struct {
	Name     string `json:"name"`
	Currency string `json:"currency,omitempty"`
}

// createAccount adds an account; creating the same name again returns the existing one.
func (s *Server) createAccount(w http.ResponseWriter, r *http.Request) {
	var req accountRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	u := userFrom(r.Context())
	var fields []ledger.FieldError
	if !accountName.MatchString(req.Name) {
		fields = append(fields, ledger.FieldError{Field: "name", Message: "must be 1 to 64 letters, digits, spaces, '.', '_' or '-'"})
	}
	if req.Currency == "" {
		req.Currency = u.Currency
	}
	req.Currency = strings.ToUpper(req.Currency)
	if _, ok := money.Exponent(req.Currency); !ok {
		fields = append(fields, ledger.FieldError{Field: "currency", Message: fmt.Sprintf("%q is not an ISO 4217 currency code", req.Currency)})
	}
	if fields != nil {
		writeValidation(w, r, fields)
		return
	}
	a, err := s.Store.EnsureAccount(r.Context(), u.ID, req.Name, req.Currency)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a)
}

func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var errs []ledger.FieldError
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			errs = append(errs, ledger.FieldError{Field: "limit", Message: "must be a whole number from 1 to 200"})
		}
		limit = n
	}
	status := vocab.AlertState(q.Get("status"))
	if status != "" && !slices.Contains(vocab.AlertStates(), status) {
		errs = append(errs, ledger.FieldError{Field: "status", Message: "must be " + oneOf(vocab.AlertStates()...)})
	}
	kind := vocab.AlertKind(q.Get("kind"))
	if kind != "" && !slices.Contains(vocab.AlertKinds(), kind) {
		errs = append(errs, ledger.FieldError{Field: "kind", Message: "must be " + oneOf(vocab.AlertKinds()...)})
	}
	if len(errs) > 0 {
		writeValidation(w, r, errs)
		return
	}
	as, err := s.Store.Alerts(r.Context(), userFrom(r.Context()).ID, status, kind, limit)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if as == nil {
		as = []store.Alert{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": as})
}
