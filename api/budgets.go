package api

import (
	"errors"
	"net/http"

	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/gorilla/mux"
)

type budgetView struct {
	Category  string `json:"category"`
	Amount    string `json:"amount"`
	Spent     string `json:"spent"`
	Remaining string `json:"remaining"`
	Currency  string `json:"currency"`
	// UsedPercent is this month's spending as a share of the budget.
	UsedPercent float64 `json:"used_percent"`
}

func (s *Server) listBudgets(w http.ResponseWriter, r *http.Request) {
	bs, err := s.Store.Budgets(r.Context(), userFrom(r.Context()).ID, s.Now())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := make([]budgetView, len(bs))
	for i, b := range bs {
		f := func(v int64) string { return money.FormatIn(v, b.Currency) }
		out[i] = budgetView{Category: b.Category, Amount: f(b.AmountMinor), Spent: f(b.SpentMinor),
			Remaining: f(b.AmountMinor - b.SpentMinor), Currency: b.Currency,
			UsedPercent: round3(float64(b.SpentMinor) / float64(b.AmountMinor) * 100)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"month": s.Now().Format("2006-01"), "data": out})
}

type budgetRequest struct {
	Amount Amount `json:"amount"`
}

// putBudget sets a category's monthly budget in the user's currency; the same PUT twice is one budget.
func (s *Server) putBudget(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	category := mux.Vars(r)["category"]
	var req budgetRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	amount, err := s.Ledger.SetBudget(r.Context(), u, category, string(req.Amount))
	var ve ledger.ValidationError
	if errors.As(err, &ve) {
		writeValidation(w, r, ve)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"category": category, "amount": money.FormatIn(amount, u.Currency), "currency": u.Currency})
}

func (s *Server) deleteBudget(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.DeleteBudget(r.Context(), userFrom(r.Context()).ID, mux.Vars(r)["category"]); err != nil {
		s.internal(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type alertRequest struct {
	Status vocab.AlertState `json:"status"`
}

// patchAlert marks an alert read or dismissed.
func (s *Server) patchAlert(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var req alertRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	if !req.Status.OwnerSettable() {
		writeValidation(w, r, []ledger.FieldError{{Field: "status", Message: "must be " + oneOf(vocab.AlertRead, vocab.AlertDismissed)}})
		return
	}
	a, err := s.Store.SetAlertStatus(r.Context(), userFrom(r.Context()).ID, id, req.Status)
	if errors.Is(err, store.ErrNotFound) {
		writeProblem(w, r, http.StatusNotFound, "not-found", "no alert "+id.String())
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}
