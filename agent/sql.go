package agent

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aithena/aithena/sqltool"
	"github.com/google/uuid"
	"github.com/tmc/langchaingo/llms"
)

// SQL is the guarded SQL tool: one SELECT, checked and confined by sqltool.
type SQL struct{ Tool *sqltool.Tool }

// Definition implements Tool.
func (SQL) Definition() llms.FunctionDefinition {
	return llms.FunctionDefinition{
		Name: "sql_query",
		Description: "Run one read-only PostgreSQL SELECT over the user's own data. Tables: transactions(id, posted_at date, " +
			"amount_minor bigint (negative = money out), currency, raw_description, merchant, category, status, account_id), " +
			"accounts(id, name, currency), budgets(category, amount_minor, currency), categories(name, description). " +
			"Only this user's rows are visible; at most 200 rows come back.",
		Parameters: map[string]any{
			"type": "object", "required": []string{"query"},
			"properties": map[string]any{"query": map[string]any{"type": "string", "description": "a single SELECT statement"}},
		},
	}
}

// Call implements Tool.
func (s SQL) Call(ctx context.Context, userID uuid.UUID, args string) (Evidence, error) {
	var in struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal([]byte(args), &in); err != nil || in.Query == "" {
		return Evidence{}, fmt.Errorf(`arguments must be {"query": "SELECT ..."}`)
	}
	ev := Evidence{Query: in.Query}
	res, err := s.Tool.Query(ctx, userID, in.Query)
	if err != nil {
		return ev, err
	}
	ev.Output = jsonOutput(res)
	return ev, nil
}
