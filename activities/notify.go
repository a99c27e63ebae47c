package activities

import (
	"context"
	"errors"
	"time"

	"github.com/aithena/aithena/chat"
	"github.com/aithena/aithena/telegram"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

// Messenger sends a message to a Telegram chat and returns its ID (telegram.Client does).
type Messenger interface {
	Send(ctx context.Context, chatID int64, text string, keyboard [][]chat.Button) (int, error)
}

// ErrRateLimited is the application error type of Telegram's flood control; its retry
// waits as long as Telegram asked.
const ErrRateLimited = "TelegramRateLimited"

// alertMaxAge: an alert older than this is not pushed any more (it stays at GET /v1/alerts).
const alertMaxAge = 48 * time.Hour

// sendTimeout bounds one message to Telegram.
const sendTimeout = 10 * time.Second

type DeliverInput struct {
	UserID uuid.UUID
}

type DeliverResult struct {
	Sent int
}

// DeliverAlerts pushes the user's new alerts to each linked chat, once per chat (at least
// once: see store.Deliver). Without a
// bot token configured it does nothing. On HTTP 429 it fails with the wait Telegram asked for
// as the next retry's delay; what was sent before stays sent.
func (a *Activities) DeliverAlerts(ctx context.Context, in DeliverInput) (DeliverResult, error) {
	var res DeliverResult
	if a.Telegram == nil {
		return res, nil
	}
	pending, err := a.Store.Undelivered(ctx, in.UserID, vocab.PushedAlertKinds(), alertMaxAge)
	if err != nil {
		return res, err
	}
	for _, d := range pending {
		txn := ""
		if d.Alert.TransactionID != nil {
			txn = d.Alert.TransactionID.String()
		}
		text, kb := chat.AlertMessage(d.Alert.Kind, d.Alert.Message, txn)
		sent, err := a.Store.Deliver(ctx, d.Alert.ID, d.ChatID, func() (int, error) {
			// The delivery row is held while Telegram answers: keep that short.
			sctx, cancel := context.WithTimeout(ctx, sendTimeout)
			defer cancel()
			id, err := a.Telegram.Send(sctx, d.ChatID, text, kb)
			if telegram.Permanent(err) {
				// The chat blocked the bot or is gone: no retry will reach it.
				activity.GetLogger(ctx).Warn("alert not deliverable", "chat", d.ChatID, "error", err)
				return 0, nil
			}
			return id, err
		})
		var rl *telegram.RateLimited
		if errors.As(err, &rl) {
			return res, temporal.NewApplicationErrorWithOptions(err.Error(), ErrRateLimited,
				temporal.ApplicationErrorOptions{NextRetryDelay: rl.RetryAfter, Cause: err})
		}
		if err != nil {
			return res, err
		}
		if sent {
			res.Sent++
		}
	}
	return res, nil
}
