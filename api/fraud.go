package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
)

type reviewRequest struct {
	Verdict vocab.Verdict `json:"verdict"`
}

// reviewTransaction records the owner's verdict ("legit" or "fraud") as a label and wakes the
// transaction's workflow if it is waiting for it. The same verdict again changes nothing.
func (s *Server) reviewTransaction(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var req reviewRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	req.Verdict = vocab.Verdict(strings.ToLower(strings.TrimSpace(string(req.Verdict))))
	if !req.Verdict.Valid() {
		writeValidation(w, r, []ledger.FieldError{{Field: "verdict", Message: "must be " + oneOf(vocab.OwnerVerdicts()...)}})
		return
	}
	u := userFrom(r.Context())
	t, err := s.starter().Review(r.Context(), u.ID, id, req.Verdict, "api")
	if errors.Is(err, store.ErrNotFound) {
		s.notStored(w, r, u.ID, id)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	v := view(t)
	writeJSON(w, http.StatusOK, map[string]any{"verdict": req.Verdict, "transaction": v})
}

func (s *Server) fraudReport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.Store.FraudReport(r.Context(), userFrom(r.Context()).ID, 10)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}
