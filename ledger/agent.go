package ledger

import (
	"context"
	"fmt"
	"time"

	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/flags"
)

// FlagSource reads feature flags; the store implements it.
type FlagSource interface {
	Flag(ctx context.Context, name string) (flags.Flag, error)
}

// useAgent tells whether the LLM agent should have a go at this decision: only when one is
// configured, the chain had only a keyword or fallback guess, and the flag is on for the user.
// It also returns the experiment variant to record.
func (s *Service) useAgent(ctx context.Context, sub Submission, d categorize.Decision) (bool, string, error) {
	if s.Agent == nil || s.Flags == nil {
		return false, "", nil
	}
	f, err := s.Flags.Flag(ctx, flags.NewCategorizationAgent)
	if err != nil {
		return false, "", err
	}
	if !f.On(sub.UserID) {
		return false, "control", nil
	}
	return !d.Decided(), "agent", nil
}

// AgentCategorize asks the LLM agent. Its errors are for the caller to retry or fall back on.
func (s *Service) AgentCategorize(ctx context.Context, sub Submission, m Merchant, vec []float32) (categorize.Decision, error) {
	start := time.Now()
	d, err := s.Agent.Categorize(ctx, categorize.Input{
		UserID: sub.UserID, Merchant: m.Name, MerchantKey: m.Key, Description: sub.Description,
		AmountMinor: sub.AmountMinor, Currency: sub.Currency, Embedding: vec,
	})
	d.Latency, d.Variant = time.Since(start), "agent"
	return d, err
}

// AgentFallback is the chain's decision kept when the agent failed, saying why.
func AgentFallback(chain categorize.Decision, why string) categorize.Decision {
	chain.Variant = "agent"
	chain.Explanation = fmt.Sprintf("%s (the agent was unavailable: %s)", chain.Explanation, why)
	return chain
}
