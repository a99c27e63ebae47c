package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/aithena/aithena/agent"
	"github.com/aithena/aithena/ask"
	"github.com/aithena/aithena/ledger"
)

type askRequest struct {
	Question string `json:"question"`
}

// askResponse is the offline parser's answer, or the agent's with the tool calls behind it.
type askResponse struct {
	Backend  string           `json:"backend"`
	Answer   string           `json:"answer"`
	Result   *ask.Result      `json:"result,omitempty"`
	Evidence []agent.Evidence `json:"evidence,omitempty"`
	TookMS   float64          `json:"took_ms"`
}

// askQuestion answers a question about the user's own money. The offline parser answers the
// forms it knows, with its SQL and rows; other questions go to the LLM agent when one is
// configured, whose every tool call comes back as evidence.
func (s *Server) askQuestion(w http.ResponseWriter, r *http.Request) {
	var req askRequest
	if !decodeStrict(w, r, maxJSONBody, &req) {
		return
	}
	req.Question = strings.TrimSpace(req.Question)
	if req.Question == "" {
		writeValidation(w, r, []ledger.FieldError{{Field: "question", Message: "is required"}})
		return
	}
	u := userFrom(r.Context())
	start := time.Now()
	rep, err := agent.Respond(r.Context(), s.Store, s.Agent, u.ID, req.Question, s.Now())
	if errors.Is(err, ask.ErrBadQuestion) {
		writeValidation(w, r, []ledger.FieldError{{Field: "question", Message: err.Error()}})
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if rep.AgentErr != nil {
		s.Log.Warn("ask agent failed; answering offline", "error", rep.AgentErr)
	}
	writeJSON(w, http.StatusOK, askResponse{Backend: rep.Backend, Answer: rep.Text, Result: rep.Result, Evidence: rep.Evidence, TookMS: ms(start)})
}

func ms(since time.Time) float64 { return float64(time.Since(since).Microseconds()) / 1000 }
