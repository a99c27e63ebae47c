package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aithena/aithena/ask"
	"github.com/google/uuid"
	"github.com/tmc/langchaingo/llms"
)

// Typed is the typed query tool: the model fills in a structured question (what, which
// category or merchant, which dates) and the same executor as the offline parser answers it
// with its SQL and rows.
type Typed struct {
	Data ask.Data
}

// Definition implements Tool.
func (Typed) Definition() llms.FunctionDefinition {
	intents := []string{string(ask.TotalSpend), string(ask.IncomeTotal), string(ask.TopMerchants), string(ask.TopCategories),
		string(ask.Largest), string(ask.Count), string(ask.Average), string(ask.Budget), string(ask.Similar)}
	return llms.FunctionDefinition{
		Name:        "money_query",
		Description: "Totals, rankings, largest transactions, counts, averages, budget status or similar transactions over the user's own data for a date range.",
		Parameters: map[string]any{
			"type": "object", "required": []string{"intent", "from", "to"},
			"properties": map[string]any{
				"intent":   map[string]any{"type": "string", "enum": intents},
				"category": map[string]any{"type": "string", "description": "an UPPER_SNAKE category, optional"},
				"merchant": map[string]any{"type": "string", "description": "a merchant name, optional"},
				"from":     map[string]any{"type": "string", "description": "first day, YYYY-MM-DD"},
				"to":       map[string]any{"type": "string", "description": "last day, YYYY-MM-DD"},
				"n":        map[string]any{"type": "integer", "description": "rows to list (rankings, largest)"},
				"text":     map[string]any{"type": "string", "description": "for similar: the merchant or description"},
			},
		},
	}
}

// Call implements Tool.
func (t Typed) Call(ctx context.Context, userID uuid.UUID, args string) (Evidence, error) {
	var in struct {
		Intent, Category, Merchant, From, To, Text string
		N                                          int
	}
	if err := json.Unmarshal([]byte(args), &in); err != nil {
		return Evidence{}, fmt.Errorf("arguments: %v", err)
	}
	from, err1 := time.Parse("2006-01-02", in.From)
	to, err2 := time.Parse("2006-01-02", in.To)
	if err1 != nil || err2 != nil || to.Before(from) {
		return Evidence{}, fmt.Errorf("from and to must be dates YYYY-MM-DD, from before to")
	}
	q := ask.Query{Intent: ask.Intent(in.Intent), Category: in.Category, Merchant: in.Merchant, N: in.N, Text: in.Text,
		Period: ask.Period{From: from, To: to, Label: in.From + " to " + in.To}, PeriodGiven: true}
	if q.N <= 0 {
		q.N = 5
	}
	voc, err := t.Data.AskVocabulary(ctx, userID)
	if err != nil {
		return Evidence{}, err
	}
	q.Currency = voc.Currency
	res, err := ask.Answer(ctx, t.Data, userID, q)
	if err != nil {
		return Evidence{}, err
	}
	return Evidence{Query: res.Query, Output: jsonOutput(res)}, nil
}
