package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/aithena/aithena/config"
)

// runAsk asks the API a question about your money (AITHENA_API_KEY: the demo user's by default).
func runAsk(ctx context.Context, cfg config.Config, _ *slog.Logger, args []string) error {
	q := strings.TrimSpace(strings.Join(args, " "))
	if q == "" {
		return errors.New(`usage: aithena ask "how much did I spend on groceries last month?"`)
	}
	body, _ := json.Marshal(map[string]string{"question": q})
	var out struct {
		Backend string `json:"backend"`
		Answer  string `json:"answer"`
		Result  *struct {
			Query string `json:"query"`
		} `json:"result"`
		Evidence []struct {
			Tool  string `json:"tool"`
			Query string `json:"query"`
		} `json:"evidence"`
		TookMS float64 `json:"took_ms"`
	}
	if err := newAPIClient(cfg).do(ctx, http.MethodPost, "/v1/ask", "application/json", bytes.NewReader(body), &out); err != nil {
		return err
	}
	fmt.Println(out.Answer)
	if out.Result != nil && out.Result.Query != "" {
		fmt.Printf("\n-- %s backend, %.1f ms; query:\n%s\n", out.Backend, out.TookMS, out.Result.Query)
	}
	for _, e := range out.Evidence {
		fmt.Printf("\n-- tool %s:\n%s\n", e.Tool, e.Query)
	}
	return nil
}
