// Package bot is the Telegram adapter: it turns each update into an Update of the chat's
// ConversationWorkflow (Update-With-Start) and the reply into a message or an edit. Everything a
// conversation remembers lives in the workflow, so a restart of the bot or the worker loses
// nothing.
package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aithena/aithena/telegram"
	"github.com/aithena/aithena/workflows"
	"github.com/mymmrac/telego"
	"github.com/redis/go-redis/v9"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
)

// Bot handles updates.
type Bot struct {
	API       *telego.Bot
	Temporal  client.Client
	Redis     *redis.Client
	TaskQueue string
	Log       *slog.Logger
}

// updateKey names an update in Redis; update IDs are per bot, so the bot's ID is part of it.
func (b *Bot) updateKey(id int) string {
	botID, _, _ := strings.Cut(b.API.Token(), ":")
	return "aithena:telegram:" + botID + ":update:" + strconv.Itoa(id)
}

// seen marks an update as handled; Telegram may deliver one twice.
func (b *Bot) seen(ctx context.Context, id int) (bool, error) {
	ok, err := b.Redis.SetNX(ctx, b.updateKey(id), 1, 48*time.Hour).Result()
	return !ok, err
}

// Handle processes one update once.
func (b *Bot) Handle(ctx context.Context, u telego.Update) error {
	dup, err := b.seen(ctx, u.UpdateID)
	if err != nil {
		return err
	}
	if dup {
		return nil
	}
	if err := b.handle(ctx, u); err != nil {
		// Let a redelivery try again.
		b.Redis.Del(context.Background(), b.updateKey(u.UpdateID))
		return err
	}
	return nil
}

func (b *Bot) handle(ctx context.Context, u telego.Update) error {
	var chatID int64
	in := workflows.Incoming{UpdateID: int64(u.UpdateID)}
	switch {
	case u.Message != nil && u.Message.Text != "":
		chatID, in.Text = u.Message.Chat.ID, u.Message.Text
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil:
		// Every button press is answered, or the client shows a spinner.
		defer func() {
			_ = b.API.AnswerCallbackQuery(context.Background(), &telego.AnswerCallbackQueryParams{CallbackQueryID: u.CallbackQuery.ID})
		}()
		chatID, in.CallbackData = u.CallbackQuery.Message.GetChat().ID, u.CallbackQuery.Data
		in.MessageID = u.CallbackQuery.Message.GetMessageID()
	default:
		return nil
	}
	start := b.Temporal.NewWithStartWorkflowOperation(client.StartWorkflowOptions{
		ID: workflows.ConversationWorkflowID(chatID), TaskQueue: b.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}, workflows.ConversationWorkflow, workflows.ConversationState{ChatID: chatID})
	h, err := b.Temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: start,
		UpdateOptions: client.UpdateWorkflowOptions{
			// The update ID makes a repeated delivery one Update in the workflow too.
			UpdateID: strconv.Itoa(u.UpdateID), UpdateName: workflows.MessageUpdate, Args: []any{in},
			WaitForStage: client.WorkflowUpdateStageCompleted,
		},
	})
	if err != nil {
		return err
	}
	var reply workflows.Reply
	if err := h.Get(ctx, &reply); err != nil {
		return err
	}
	return b.send(ctx, chatID, reply)
}

// send delivers a reply: an edit of the keyboard message where one is meant (only its
// keyboard when the text stays), else a new message. A person waits for it, so Telegram's
// flood control is waited out in place, twice at most per call.
func (b *Bot) send(ctx context.Context, chatID int64, r workflows.Reply) error {
	c := telegram.Client{API: b.API, WaitOut: 2}
	switch {
	case r.EditMessageID != 0 && r.KeepText:
		return c.EditKeyboard(ctx, chatID, r.EditMessageID, r.Keyboard)
	case r.EditMessageID != 0:
		return c.Edit(ctx, chatID, r.EditMessageID, r.Text, r.Keyboard)
	}
	_, err := c.Send(ctx, chatID, r.Text, r.Keyboard)
	return err
}

// RunLongPolling handles updates from getUpdates until ctx ends.
func (b *Bot) RunLongPolling(ctx context.Context) error {
	_ = b.API.DeleteWebhook(ctx, &telego.DeleteWebhookParams{})
	updates, err := b.API.UpdatesViaLongPolling(ctx, &telego.GetUpdatesParams{Timeout: 30})
	if err != nil {
		return err
	}
	for u := range updates {
		if err := b.Handle(ctx, u); err != nil {
			b.Log.Error("telegram update failed", "update_id", u.UpdateID, "error", err)
		}
	}
	return nil
}

// WebhookHandler accepts updates POSTed by Telegram, checking its secret-token header.
func (b *Bot) WebhookHandler(secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "wrong secret token", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		var u telego.Update
		if err == nil {
			err = json.Unmarshal(body, &u)
		}
		if err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := b.Handle(r.Context(), u); err != nil {
			b.Log.Error("telegram update failed", "update_id", u.UpdateID, "error", err)
			// 500 makes Telegram deliver it again; the dedupe key was released.
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// SetWebhook registers the webhook URL and secret with Telegram.
func (b *Bot) SetWebhook(ctx context.Context, url, secret string) error {
	if err := b.API.SetWebhook(ctx, &telego.SetWebhookParams{URL: url, SecretToken: secret}); err != nil {
		return fmt.Errorf("set webhook: %w", err)
	}
	return nil
}
