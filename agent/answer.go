package agent

import (
	"context"
	"time"

	"github.com/aithena/aithena/ask"
	"github.com/google/uuid"
)

// Reply is the answer to a question from either backend.
type Reply struct {
	Backend  string // "offline" or "llm"
	Text     string
	Result   *ask.Result // the offline parser's numbers, SQL and rows
	Evidence []Evidence  // the agent's tool calls
	// AgentErr is why the agent's answer was not used (the offline one was).
	AgentErr error
}

// Respond asks the offline parser first: it answers the forms it knows exactly, with its SQL.
// A question it does not know goes to the agent when there is one (a nil agent means no LLM is
// configured); if the agent fails, the parser's own reply (what it can answer) stands.
func Respond(ctx context.Context, d ask.Data, a *Agent, userID uuid.UUID, question string, now time.Time) (Reply, error) {
	res, err := ask.Ask(ctx, d, userID, question, now)
	if err != nil {
		return Reply{}, err
	}
	r := Reply{Backend: "offline", Text: res.Text, Result: &res}
	if res.Intent != ask.Unknown || a == nil {
		return r, nil
	}
	ans, err := a.Ask(ctx, userID, question)
	if err != nil {
		r.AgentErr = err
		return r, nil
	}
	return Reply{Backend: "llm", Text: ans.Text, Evidence: ans.Evidence}, nil
}
