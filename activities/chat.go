package activities

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/agent"
	"github.com/aithena/aithena/ask"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

// TransactionStarter starts a transaction's workflow and passes the owner's verdict on a
// flagged one to it (ingest.Starter does).
type TransactionStarter interface {
	StartTransaction(ctx context.Context, sub ledger.Submission) error
	Review(ctx context.Context, userID, txnID uuid.UUID, verdict vocab.Verdict, source string) (store.Transaction, error)
}

// ErrBadLinkCode is the application error type of a wrong or expired link code.
const ErrBadLinkCode = "BadLinkCode"

type LinkInput struct {
	ChatID int64
	Code   string
}

type ChatUser struct {
	Linked bool
	UserID uuid.UUID
	Name   string
}

// LinkChat links a Telegram chat to the user whose one-time code it sent.
func (a *Activities) LinkChat(ctx context.Context, in LinkInput) (ChatUser, error) {
	u, err := a.Store.LinkChat(ctx, in.ChatID, in.Code)
	if errors.Is(err, store.ErrBadCode) {
		return ChatUser{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrBadLinkCode, err)
	}
	if err != nil {
		return ChatUser{}, err
	}
	return ChatUser{Linked: true, UserID: u.ID, Name: u.Name}, nil
}

// LookupChat tells whether a chat is linked, and to whom.
func (a *Activities) LookupChat(ctx context.Context, chatID int64) (ChatUser, error) {
	u, err := a.Store.ChatUser(ctx, chatID)
	if errors.Is(err, store.ErrNotFound) {
		return ChatUser{}, nil
	}
	if err != nil {
		return ChatUser{}, err
	}
	return ChatUser{Linked: true, UserID: u.ID, Name: u.Name}, nil
}

type ExpenseInput struct {
	UserID uuid.UUID
	// Key makes the submission idempotent: the same draft confirmed twice is one transaction.
	Key         string
	Date        string
	Amount      string
	Currency    string
	Description string
}

type ExpenseResult struct {
	TransactionID uuid.UUID
	Category      string
	Confidence    float64
	Status        vocab.Status
	Amount        string
	Currency      string
}

// SubmitExpense sends a chat's expense through the pipeline (TransactionWorkflow) into the
// user's first account, and waits until it is categorized (polling its row: the pipeline
// takes tens of milliseconds).
func (a *Activities) SubmitExpense(ctx context.Context, in ExpenseInput) (ExpenseResult, error) {
	u, err := a.Store.User(ctx, in.UserID)
	if err != nil {
		return ExpenseResult{}, err
	}
	acct, err := a.Store.Account(ctx, in.UserID, "")
	if err != nil {
		return ExpenseResult{}, fmt.Errorf("no account to add it to: %w", err)
	}
	cur := in.Currency
	if cur == "" {
		cur = u.Currency
	}
	posted, at, amount, currency, err := ledger.Parse(ledger.Raw{Date: in.Date, Amount: in.Amount, Currency: cur, Description: in.Description}, "", time.Now())
	if err != nil {
		return ExpenseResult{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrInvalid, err)
	}
	id := ledger.TransactionID(in.UserID, in.Key)
	sub := ledger.Submission{TransactionID: id, UserID: in.UserID, AccountID: acct.ID, IdempotencyKey: in.Key,
		PostedAt: posted, OccurredAt: at, AmountMinor: amount, Currency: currency, Description: in.Description,
		WorkflowID: ledger.TransactionWorkflowID(in.UserID, id)}
	if err := a.Starter.StartTransaction(ctx, sub); err != nil {
		return ExpenseResult{}, err
	}
	for {
		t, err := a.Store.Transaction(ctx, in.UserID, id)
		if err == nil && (t.Step == vocab.StepDone || t.Step == vocab.StepReview) {
			return ExpenseResult{TransactionID: t.ID, Category: t.Category, Confidence: t.Confidence, Status: t.Status,
				Amount: money.FormatIn(t.AmountMinor, t.Currency), Currency: t.Currency}, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return ExpenseResult{}, err
		}
		activity.RecordHeartbeat(ctx)
		select {
		case <-ctx.Done():
			return ExpenseResult{}, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

type CorrectInput struct {
	UserID        uuid.UUID
	TransactionID uuid.UUID
	Category      string
}

// CorrectCategory is the owner's correction from a chat button.
func (a *Activities) CorrectCategory(ctx context.Context, in CorrectInput) error {
	_, err := a.Store.Correct(ctx, in.UserID, in.TransactionID, in.Category)
	if errors.Is(err, store.ErrNotFound) {
		return temporal.NewNonRetryableApplicationError(err.Error(), ErrGone, err)
	}
	return err
}

type RecentInput struct {
	UserID uuid.UUID
	N      int
}

// Recent lists the user's latest transactions, one line each.
func (a *Activities) Recent(ctx context.Context, in RecentInput) ([]string, error) {
	txns, _, err := a.Store.ListTransactions(ctx, in.UserID, store.Filter{Limit: in.N})
	lines := make([]string, len(txns))
	for i, t := range txns {
		lines[i] = fmt.Sprintf("%s  %s %s  %s  (%s)", t.PostedAt.Format("Jan 02"), money.FormatIn(t.AmountMinor, t.Currency), t.Currency, t.Merchant, t.Category)
	}
	return lines, err
}

type AskInput struct {
	UserID   uuid.UUID
	Question string
}

// Ask answers a free question about the user's money as POST /v1/ask does: the offline
// parser, and for other forms the LLM agent when one is configured.
func (a *Activities) Ask(ctx context.Context, in AskInput) (string, error) {
	rep, err := agent.Respond(ctx, a.Store, a.AskAgent, in.UserID, in.Question, time.Now().UTC())
	if errors.Is(err, ask.ErrBadQuestion) {
		return strings.TrimPrefix(err.Error(), "ask: "), nil
	}
	if rep.AgentErr != nil {
		activity.GetLogger(ctx).Warn("ask agent failed; answering offline", "error", rep.AgentErr)
	}
	return rep.Text, err
}

type ReviewInput struct {
	UserID        uuid.UUID
	TransactionID uuid.UUID
	Verdict       vocab.Verdict
}

type ReviewResult struct {
	Merchant string
	Amount   string
	Currency string
	// Verdict is the one that stands: the owner's earlier answer if there was one.
	Verdict vocab.Verdict
}

// ReviewTransaction passes the owner's "Was this you?" answer to the flagged transaction.
// Answering twice keeps the first verdict's effect and changes nothing.
func (a *Activities) ReviewTransaction(ctx context.Context, in ReviewInput) (ReviewResult, error) {
	// A second press (another chat, the escalation's message) does not flip the verdict;
	// changing one on purpose is the API's POST /review.
	v, err := a.Store.Verdict(ctx, in.UserID, in.TransactionID)
	if err != nil {
		return ReviewResult{}, err
	}
	if v != "" {
		t, err := a.Store.Transaction(ctx, in.UserID, in.TransactionID)
		return reviewResult(t, v), err
	}
	t, err := a.Starter.Review(ctx, in.UserID, in.TransactionID, in.Verdict, "telegram")
	if errors.Is(err, store.ErrNotFound) {
		return ReviewResult{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrGone, err)
	}
	if err != nil {
		return ReviewResult{}, err
	}
	return reviewResult(t, in.Verdict), nil
}

func reviewResult(t store.Transaction, verdict vocab.Verdict) ReviewResult {
	return ReviewResult{Merchant: t.Merchant, Amount: money.FormatIn(t.AmountMinor, t.Currency), Currency: t.Currency, Verdict: verdict}
}

// ErrGone is the application error type of a transaction that is no longer there.
const ErrGone = "TransactionGone"

// ErrBusy is the application error type of an undo refused while a verdict is awaited.
const ErrBusy = "AwaitingReview"

type UndoInput struct {
	UserID        uuid.UUID
	TransactionID uuid.UUID
}

// UndoExpense deletes a transaction added from the chat. One already gone is ErrGone, so a
// repeated undo is harmless.
func (a *Activities) UndoExpense(ctx context.Context, in UndoInput) error {
	err := a.Store.DeleteTransaction(ctx, in.UserID, in.TransactionID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return temporal.NewNonRetryableApplicationError(err.Error(), ErrGone, err)
	case errors.Is(err, store.ErrAwaitingReview):
		return temporal.NewNonRetryableApplicationError(err.Error(), ErrBusy, err)
	}
	return err
}

type DescribeInput struct {
	UserID        uuid.UUID
	TransactionID uuid.UUID
}

// DescribeTransaction is one line about a transaction, for a confirmation question.
func (a *Activities) DescribeTransaction(ctx context.Context, in DescribeInput) (string, error) {
	t, err := a.Store.Transaction(ctx, in.UserID, in.TransactionID)
	if errors.Is(err, store.ErrNotFound) {
		return "", temporal.NewNonRetryableApplicationError(err.Error(), ErrGone, err)
	}
	return fmt.Sprintf("%s %s %s on %s (%s)", t.Merchant, money.FormatIn(t.AmountMinor, t.Currency), t.Currency, t.PostedAt.Format("Mon 2 Jan"), t.Category), err
}

type CompareInput struct {
	UserID uuid.UUID
	A, B   time.Time
}

// CompareMonths totals spending by category in two months.
func (a *Activities) CompareMonths(ctx context.Context, in CompareInput) (ledger.MonthComparison, error) {
	return a.Ledger.CompareMonths(ctx, in.UserID, in.A, in.B)
}

type BudgetsInput struct {
	UserID uuid.UUID
	Now    time.Time
}

// Budget is a monthly budget with this month's spending, as the chat shows it. Its JSON is
// the stored budget's, so conversations recorded before this type existed replay.
type Budget struct {
	Category    string `json:"category"`
	AmountMinor int64  `json:"amount_minor"`
	Currency    string `json:"currency"`
	SpentMinor  int64  `json:"spent_minor"`
}

// Budgets lists the user's budgets with this month's spending against each.
func (a *Activities) Budgets(ctx context.Context, in BudgetsInput) ([]Budget, error) {
	bs, err := a.Store.Budgets(ctx, in.UserID, in.Now)
	if err != nil {
		return nil, fmt.Errorf("load budgets of %s: %w", in.UserID, err)
	}
	out := make([]Budget, len(bs))
	for i, b := range bs {
		out[i] = Budget{Category: b.Category, AmountMinor: b.AmountMinor, Currency: b.Currency, SpentMinor: b.SpentMinor}
	}
	return out, nil
}

type SetBudgetInput struct {
	UserID   uuid.UUID
	Category string
	Amount   string // as typed; "0" removes the budget
}

type SetBudgetResult struct {
	Amount   string
	Currency string
	Removed  bool
}

// SetBudget sets (or, with 0, removes) a category's monthly budget; a wrong amount or
// category is ErrInvalid with the reason.
func (a *Activities) SetBudget(ctx context.Context, in SetBudgetInput) (SetBudgetResult, error) {
	u, err := a.Store.User(ctx, in.UserID)
	if err != nil {
		return SetBudgetResult{}, err
	}
	exp, _ := money.Exponent(u.Currency)
	res := SetBudgetResult{Currency: u.Currency}
	var minor int64
	if zero, perr := money.ParseWithDecimal(in.Amount, exp, '.'); perr == nil && zero == 0 {
		res.Removed, err = true, a.Ledger.RemoveBudget(ctx, u, in.Category)
	} else {
		minor, err = a.Ledger.SetBudget(ctx, u, in.Category, in.Amount)
	}
	var ve ledger.ValidationError
	if errors.As(err, &ve) {
		reasons := make([]string, len(ve))
		for i, f := range ve {
			reasons[i] = f.Field + " " + f.Message
		}
		return SetBudgetResult{}, temporal.NewNonRetryableApplicationError(strings.Join(reasons, "; "), ErrInvalid, err)
	}
	if !res.Removed {
		res.Amount = money.Format(minor, exp)
	}
	return res, err
}
