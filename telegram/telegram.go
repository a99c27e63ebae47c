// Package telegram sends messages with the Bot API (telego): replies split at Telegram's
// limit, edits of a keyboard message, and errors that say when to try again. The bot (replies
// to updates) and the worker (alerts pushed to linked chats) both send through it.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aithena/aithena/chat"
	"github.com/mymmrac/telego"
	"github.com/mymmrac/telego/telegoapi"
	tu "github.com/mymmrac/telego/telegoutil"
)

// New connects to the Bot API (apiURL "" means Telegram's own).
func New(token, apiURL string) (*telego.Bot, error) {
	opts := []telego.BotOption{telego.WithDiscardLogger()}
	if apiURL != "" {
		opts = append(opts, telego.WithAPIServer(apiURL))
	}
	return telego.NewBot(token, opts...)
}

// Client sends and edits messages; its texts are MarkdownV2.
type Client struct {
	API *telego.Bot
	// WaitOut is how many times a call waits out a 429 in place before returning
	// RateLimited: a reply someone is waiting for retries here, part by part; a pushed alert
	// (0) leaves the wait to its activity's retry.
	WaitOut int
}

// RateLimited is Telegram's flood control (HTTP 429): try again after RetryAfter.
type RateLimited struct {
	RetryAfter time.Duration
	Err        error
}

func (e *RateLimited) Error() string {
	return fmt.Sprintf("telegram flood control: retry after %s", e.RetryAfter)
}

func (e *RateLimited) Unwrap() error { return e.Err }

// Permanent tells an error that no retry will cure: the bot was blocked or removed (403),
// or the chat is gone. Other 400s (a markup mistake, say) are bugs to see, not to swallow.
func Permanent(err error) bool {
	var apiErr *telegoapi.Error
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.ErrorCode == http.StatusForbidden ||
		apiErr.ErrorCode == http.StatusBadRequest && strings.Contains(strings.ToLower(apiErr.Description), "chat not found")
}

// unchanged tells Telegram's refusal of an edit that changes nothing: the message already
// says what it should (a button pressed twice), so it is no error.
func unchanged(err error) bool {
	var apiErr *telegoapi.Error
	return errors.As(err, &apiErr) && apiErr.ErrorCode == http.StatusBadRequest && strings.Contains(apiErr.Description, "message is not modified")
}

// call runs one API call, waiting out up to WaitOut 429s.
func (c Client) call(ctx context.Context, f func() error) error {
	for attempt := 0; ; attempt++ {
		err := f()
		if unchanged(err) {
			return nil
		}
		err = classify(err)
		var rl *RateLimited
		if attempt >= c.WaitOut || !errors.As(err, &rl) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(rl.RetryAfter):
		}
	}
}

// classify turns a 429 into RateLimited.
func classify(err error) error {
	var apiErr *telegoapi.Error
	if errors.As(err, &apiErr) && apiErr.ErrorCode == http.StatusTooManyRequests {
		wait := time.Second
		if apiErr.Parameters != nil && apiErr.Parameters.RetryAfter > 0 {
			wait = time.Duration(apiErr.Parameters.RetryAfter) * time.Second
		}
		return &RateLimited{RetryAfter: wait, Err: err}
	}
	return err
}

// Keyboard is an inline keyboard, or nil for none.
func Keyboard(rows [][]chat.Button) *telego.InlineKeyboardMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := &telego.InlineKeyboardMarkup{}
	for _, r := range rows {
		var row []telego.InlineKeyboardButton
		for _, btn := range r {
			row = append(row, telego.InlineKeyboardButton{Text: btn.Text, CallbackData: btn.Data})
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, row)
	}
	return kb
}

// Send sends text as one message or, past Telegram's limit, several, the keyboard on the
// last; it returns the last message's ID.
func (c Client) Send(ctx context.Context, chatID int64, text string, keyboard [][]chat.Button) (int, error) {
	parts := chat.Split(text, chat.MaxMessage)
	id := 0
	for i, p := range parts {
		params := &telego.SendMessageParams{ChatID: tu.ID(chatID), Text: p, ParseMode: telego.ModeMarkdownV2}
		if i == len(parts)-1 {
			if kb := Keyboard(keyboard); kb != nil {
				params.ReplyMarkup = kb
			}
		}
		err := c.call(ctx, func() error {
			m, err := c.API.SendMessage(ctx, params)
			if err == nil {
				id = m.MessageID
			}
			return err
		})
		if err != nil {
			return id, err
		}
	}
	return id, nil
}

// Edit replaces a message's text and keyboard (none when keyboard is empty).
func (c Client) Edit(ctx context.Context, chatID int64, messageID int, text string, keyboard [][]chat.Button) error {
	return c.call(ctx, func() error {
		_, err := c.API.EditMessageText(ctx, &telego.EditMessageTextParams{ChatID: tu.ID(chatID), MessageID: messageID,
			Text: text, ParseMode: telego.ModeMarkdownV2, ReplyMarkup: Keyboard(keyboard)})
		return err
	})
}

// EditKeyboard swaps a message's keyboard and keeps its text.
func (c Client) EditKeyboard(ctx context.Context, chatID int64, messageID int, keyboard [][]chat.Button) error {
	return c.call(ctx, func() error {
		_, err := c.API.EditMessageReplyMarkup(ctx, &telego.EditMessageReplyMarkupParams{ChatID: tu.ID(chatID), MessageID: messageID,
			ReplyMarkup: Keyboard(keyboard)})
		return err
	})
}
