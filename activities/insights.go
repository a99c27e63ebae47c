package activities

import (
	"context"
	"time"

	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
)

type InsightsInput struct {
	UserID uuid.UUID
	// Now is the workflow's time, so a replayed or retried run judges the same day.
	Now time.Time
}

type InsightsResult struct {
	Raised []vocab.AlertKind
}

// ProactiveAlerts forecasts the user's month and raises the alerts it calls for, once each.
func (a *Activities) ProactiveAlerts(ctx context.Context, in InsightsInput) (InsightsResult, error) {
	raised, err := a.Ledger.ProactiveAlerts(ctx, in.UserID, in.Now)
	return InsightsResult{Raised: raised}, err
}

type UsersResult struct {
	Users []uuid.UUID
}

// ActiveUsers lists the users with any transactions.
func (a *Activities) ActiveUsers(ctx context.Context, _ struct{}) (UsersResult, error) {
	payers, err := a.Store.Payers(ctx)
	out := UsersResult{}
	for _, p := range payers {
		out.Users = append(out.Users, p.UserID)
	}
	return out, err
}
