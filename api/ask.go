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
	res, err := ask.Ask(r.Context(), s.Store, u.ID, req.Question, s.Now())
	if errors.Is(err, ask.ErrBadQuestion) {
		writeValidation(w, r, []ledger.FieldError{{Field: "question", Message: err.Error()}})
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if res.Intent == ask.Unknown && s.Agent != nil {
		ans, err := s.Agent.Ask(r.Context(), u.ID, req.Question)
		if err == nil {
			writeJSON(w, http.StatusOK, askResponse{Backend: "llm", Answer: ans.Text, Evidence: ans.Evidence, TookMS: ms(start)})
			return
		}
		s.Log.Warn("ask agent failed; answering offline", "error", err)
	}
	writeJSON(w, http.StatusOK, askResponse{Backend: "offline", Answer: res.Text, Result: &res, TookMS: ms(start)})
}

func ms(since time.Time) float64 { return float64(time.Since(since).Microseconds()) / 1000 }
