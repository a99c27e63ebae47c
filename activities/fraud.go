package activities

import (
	"context"
	"errors"
	"fmt"

	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

type FraudInput struct {
	Submission ledger.Submission
	Merchant   ledger.Merchant
	Category   string
}

type FraudResult struct {
	Result ledger.FraudResult
}

// ScoreFraud scores the payment with the newest stored model.
func (a *Activities) ScoreFraud(ctx context.Context, in FraudInput) (FraudResult, error) {
	r, err := a.Ledger.ScoreFraud(ctx, in.Submission, in.Merchant, in.Category)
	return FraudResult{Result: r}, err
}

type EscalateInput struct {
	UserID        uuid.UUID
	TransactionID uuid.UUID
}

type EscalateResult struct {
	Escalated bool
}

// Escalate marks a flagged payment that got no verdict in time and raises a critical alert,
// unless a verdict has arrived after all.
func (a *Activities) Escalate(ctx context.Context, in EscalateInput) (EscalateResult, error) {
	if v, err := a.Store.Verdict(ctx, in.UserID, in.TransactionID); err != nil || v != "" {
		return EscalateResult{}, err
	}
	t, err := a.Store.Transaction(ctx, in.UserID, in.TransactionID)
	if err != nil {
		return EscalateResult{}, err
	}
	ok, err := a.Store.Escalate(ctx, in.UserID, in.TransactionID)
	if err != nil || !ok {
		return EscalateResult{}, err
	}
	_, err = a.Store.RaiseAlert(ctx, store.NewAlert{
		UserID: in.UserID, TransactionID: &in.TransactionID, Kind: vocab.AlertFraudEscalated, Severity: "critical",
		Message:   fmt.Sprintf("No answer yet: was %s on %s you? Consider blocking the card.", t.Merchant, t.PostedAt.Format("2006-01-02")),
		DedupeKey: "fraud-escalated:" + in.TransactionID.String(),
	})
	return EscalateResult{Escalated: err == nil}, err
}

// ErrNoHistory is the application error type of a training run with too little data.
const ErrNoHistory = "NotEnoughHistory"

type TrainInput struct {
	// UserID nil trains the global model.
	UserID  *uuid.UUID
	Options ledger.TrainOptions
}

// TrainFraudModel fits and stores a model version; it heartbeats while it works.
func (a *Activities) TrainFraudModel(ctx context.Context, in TrainInput) (ledger.TrainResult, error) {
	activity.RecordHeartbeat(ctx, "training")
	r, err := a.Ledger.TrainFraud(ctx, in.UserID, in.Options)
	if errors.Is(err, ledger.ErrNotEnoughHistory) {
		return r, temporal.NewNonRetryableApplicationError(err.Error(), ErrNoHistory, err)
	}
	return r, err
}

type TrainPlanInput struct {
	MinHistory int
}

type TrainPlanResult struct {
	Users []uuid.UUID
}

// PlanTraining lists the users with enough payments for a model of their own.
func (a *Activities) PlanTraining(ctx context.Context, in TrainPlanInput) (TrainPlanResult, error) {
	payers, err := a.Store.Payers(ctx)
	if err != nil {
		return TrainPlanResult{}, err
	}
	var out TrainPlanResult
	for _, p := range payers {
		if p.Payments >= in.MinHistory {
			out.Users = append(out.Users, p.UserID)
		}
	}
	return out, nil
}
