package fakebot

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mymmrac/telego"
	"github.com/mymmrac/telego/telegoapi"
	tu "github.com/mymmrac/telego/telegoutil"
)

// telego validates the token format: ^\d+:[\w-]{35}$
const testToken = "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

func newBot(t *testing.T) (*Server, *telego.Bot) {
	t.Helper()
	s := New(testToken)
	t.Cleanup(s.Close)
	b, err := telego.NewBot(testToken, telego.WithAPIServer(s.URL()), telego.WithDiscardLogger())
	if err != nil {
		t.Fatal(err)
	}
	return s, b
}

func TestGetMe(t *testing.T) {
	_, b := newBot(t)
	me, err := b.GetMe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if me.ID != BotUser.ID || !me.IsBot || me.Username != BotUser.Username {
		t.Fatalf("getMe = %+v", me)
	}
}

func TestWrongTokenAndUnknownMethod(t *testing.T) {
	s, _ := newBot(t)
	other, err := telego.NewBot("987654321:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", telego.WithAPIServer(s.URL()), telego.WithDiscardLogger())
	if err != nil {
		t.Fatal(err)
	}
	_, err = other.GetMe(context.Background())
	var apiErr *telegoapi.Error
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != http.StatusUnauthorized {
		t.Fatalf("wrong token: err = %v", err)
	}

	resp, err := http.Post(s.URL()+"/bot"+testToken+"/sendSticker", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Ok        bool `json:"ok"`
		ErrorCode int  `json:"error_code"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusNotFound || body.Ok || body.ErrorCode != 404 {
		t.Fatalf("unknown method: status %d body %+v", resp.StatusCode, body)
	}
}

func TestSendMessageRecorded(t *testing.T) {
	s, b := newBot(t)
	ctx := context.Background()
	kb := tu.InlineKeyboard(
		tu.InlineKeyboardRow(tu.InlineKeyboardButton("Yes").WithCallbackData("yes"), tu.InlineKeyboardButton("No").WithCallbackData("no")),
		tu.InlineKeyboardRow(tu.InlineKeyboardButton("Docs").WithURL("https://example.com")),
	)
	msg, err := b.SendMessage(ctx, tu.Message(tu.ID(42), `Total: *12\.50 €*`).
		WithParseMode(telego.ModeMarkdownV2).WithReplyMarkup(kb))
	if err != nil {
		t.Fatal(err)
	}
	if msg.MessageID != 1 || msg.Chat.ID != 42 || msg.ReplyMarkup == nil {
		t.Fatalf("returned message = %+v", msg)
	}
	msg2, err := b.SendMessage(ctx, tu.Message(tu.ID(42), "second"))
	if err != nil {
		t.Fatal(err)
	}
	if msg2.MessageID != 2 {
		t.Fatalf("message_id = %d, want 2", msg2.MessageID)
	}

	sent := s.Sent(42)
	if len(sent) != 2 {
		t.Fatalf("sent = %+v", sent)
	}
	m := sent[0]
	if m.Method != "sendMessage" || m.MessageID != 1 || m.Text != `Total: *12\.50 €*` || m.ParseMode != "MarkdownV2" {
		t.Fatalf("recorded = %+v", m)
	}
	if len(m.Keyboard) != 2 || m.Keyboard[0][0] != (Button{Text: "Yes", Data: "yes"}) ||
		m.Keyboard[0][1].Data != "no" || m.Keyboard[1][0].URL != "https://example.com" {
		t.Fatalf("keyboard = %+v", m.Keyboard)
	}
	if sent[1].Keyboard != nil || len(s.Sent(43)) != 0 {
		t.Fatal("unexpected keyboard or chat")
	}

	// Edits are recorded too; an edit to identical content fails like Telegram does.
	if _, err := b.EditMessageText(ctx, &telego.EditMessageTextParams{ChatID: tu.ID(42), MessageID: 1, Text: "done"}); err != nil {
		t.Fatal(err)
	}
	_, err = b.EditMessageText(ctx, &telego.EditMessageTextParams{ChatID: tu.ID(42), MessageID: 1, Text: "done"})
	if err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Fatalf("identical edit: err = %v", err)
	}
	if _, err := b.EditMessageReplyMarkup(ctx, &telego.EditMessageReplyMarkupParams{ChatID: tu.ID(42), MessageID: 2, ReplyMarkup: kb}); err != nil {
		t.Fatal(err)
	}
	sent, err = s.WaitSent(42, 4, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if sent[2].Method != "editMessageText" || sent[2].Text != "done" || sent[2].Keyboard != nil ||
		sent[3].Method != "editMessageReplyMarkup" || sent[3].Text != "second" || len(sent[3].Keyboard) != 2 {
		t.Fatalf("edits = %+v", sent[2:])
	}
	if _, err := s.WaitSent(42, 5, 50*time.Millisecond); err == nil {
		t.Fatal("WaitSent should time out")
	}
}

func TestLongPollingTextAndCallback(t *testing.T) {
	s, b := newBot(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	updates, err := b.UpdatesViaLongPolling(ctx, &telego.GetUpdatesParams{Timeout: 10})
	if err != nil {
		t.Fatal(err)
	}
	next := func() telego.Update {
		t.Helper()
		select {
		case u := <-updates:
			return u
		case <-time.After(3 * time.Second):
			t.Fatal("no update")
			return telego.Update{}
		}
	}

	// Queued while the poll is already blocking: must arrive without waiting for the timeout.
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	id1 := s.SendText(42, 7, "/start hello")
	u := next()
	if time.Since(start) > time.Second {
		t.Fatalf("long poll did not return promptly: %s", time.Since(start))
	}
	if u.UpdateID != id1 || u.Message == nil || u.Message.Text != "/start hello" || u.Message.Chat.ID != 42 ||
		u.Message.From.ID != 7 || len(u.Message.Entities) != 1 {
		t.Fatalf("text update = %+v", u)
	}

	sent, err := b.SendMessage(ctx, tu.Message(tu.ID(42), "pick").WithReplyMarkup(
		tu.InlineKeyboard(tu.InlineKeyboardRow(tu.InlineKeyboardButton("A").WithCallbackData("a")))))
	if err != nil {
		t.Fatal(err)
	}
	id2 := s.PressButton(42, 7, sent.MessageID, "a")
	u = next()
	cq := u.CallbackQuery
	if u.UpdateID != id2 || id2 <= id1 || cq == nil || cq.Data != "a" || cq.From.ID != 7 || cq.ID == "" {
		t.Fatalf("callback update = %+v", u)
	}
	m, ok := cq.Message.(*telego.Message)
	if !ok || m.MessageID != sent.MessageID || m.Chat.ID != 42 || m.Text != "pick" || m.ReplyMarkup == nil {
		t.Fatalf("callback message = %#v", cq.Message)
	}
	if err := b.AnswerCallbackQuery(ctx, tu.CallbackQuery(cq.ID).WithText("ok")); err != nil {
		t.Fatal(err)
	}
	if got := s.Answered(); len(got) != 1 || got[0] != cq.ID {
		t.Fatalf("answered = %v", got)
	}
	if a := s.CallbackAnswers(); a[0].Text != "ok" {
		t.Fatalf("answers = %+v", a)
	}

	// The next poll confirms both updates (offset = id2+1), so nothing stays pending.
	deadline := time.Now().Add(3 * time.Second)
	for len(s.Pending()) != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if p := s.Pending(); len(p) != 0 {
		t.Fatalf("pending = %+v", p)
	}
}

func TestGetUpdatesOffsetLimitAndDuplicates(t *testing.T) {
	s, b := newBot(t)
	ctx := context.Background()
	id1 := s.SendText(1, 1, "a")
	id2 := s.SendText(1, 1, "b")
	s.QueueUpdate(telego.Update{UpdateID: id2, Message: &telego.Message{MessageID: 99, Chat: chatFor(1), Date: 1, Text: "b"}})

	ups, err := b.GetUpdates(ctx, &telego.GetUpdatesParams{Limit: 1})
	if err != nil || len(ups) != 1 || ups[0].UpdateID != id1 {
		t.Fatalf("limit 1: %v %+v", err, ups)
	}
	ups, err = b.GetUpdates(ctx, &telego.GetUpdatesParams{Offset: id1 + 1})
	if err != nil || len(ups) != 2 || ups[0].UpdateID != id2 || ups[1].UpdateID != id2 {
		t.Fatalf("duplicate delivery: %v %+v", err, ups)
	}
	start := time.Now()
	ups, err = b.GetUpdates(ctx, &telego.GetUpdatesParams{Offset: id2 + 1, Timeout: 30})
	if err != nil || len(ups) != 0 {
		t.Fatalf("after confirm: %v %+v", err, ups)
	}
	if d := time.Since(start); d < MaxPollWait-100*time.Millisecond || d > MaxPollWait+time.Second {
		t.Fatalf("empty long poll took %s, want ~%s", d, MaxPollWait)
	}
}

func TestFailNextRetryAfter(t *testing.T) {
	s, b := newBot(t)
	ctx := context.Background()
	s.FailNext("sendMessage", http.StatusTooManyRequests, 3)

	_, err := b.SendMessage(ctx, tu.Message(tu.ID(5), "hi"))
	// telego wraps the API error as "api: <*telegoapi.Error>"; callers get retry_after via
	// errors.As(err, &apiErr) && apiErr.Parameters != nil -> apiErr.Parameters.RetryAfter (seconds).
	var apiErr *telegoapi.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v (%T), want *telegoapi.Error", err, err)
	}
	if apiErr.ErrorCode != 429 || apiErr.Parameters == nil || apiErr.Parameters.RetryAfter != 3 {
		t.Fatalf("apiErr = %+v", apiErr)
	}
	if !strings.Contains(err.Error(), "retry after: 3") {
		t.Fatalf("error text = %q", err)
	}
	if len(s.Sent(5)) != 0 {
		t.Fatal("failed call must not be recorded")
	}

	// Only the next call fails.
	if _, err := b.SendMessage(ctx, tu.Message(tu.ID(5), "hi")); err != nil {
		t.Fatal(err)
	}
	if s.Calls("sendMessage") != 2 || len(s.Sent(5)) != 1 {
		t.Fatalf("calls = %d, sent = %+v", s.Calls("sendMessage"), s.Sent(5))
	}
}

func TestWebhook(t *testing.T) {
	s, b := newBot(t)
	ctx := context.Background()
	if err := b.SetWebhook(ctx, tu.Webhook("https://example.com/hook").WithSecretToken("s3cret")); err != nil {
		t.Fatal(err)
	}
	if u, sec := s.Webhook(); u != "https://example.com/hook" || sec != "s3cret" {
		t.Fatalf("webhook = %q %q", u, sec)
	}
	if err := b.DeleteWebhook(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.Webhook(); u != "" {
		t.Fatalf("webhook after delete = %q", u)
	}

	var got telego.Update
	var gotSecret string
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotSecret = r.Header.Get(telego.WebhookSecretTokenHeader)
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &got); err != nil {
			t.Error(err)
		}
	}))
	defer h.Close()
	resp, err := PostWebhook(h.URL, "s3cret", telego.Update{UpdateID: 9, Message: &telego.Message{MessageID: 1, Chat: chatFor(3), Date: 1, Text: "hey"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || gotSecret != "s3cret" || got.UpdateID != 9 || got.Message.Text != "hey" {
		t.Fatalf("webhook post: %d %q %+v", resp.StatusCode, gotSecret, got)
	}
}

func TestButtonDataLongerThan64BytesIsRefused(t *testing.T) {
	_, bot := newBot(t)
	_, err := bot.SendMessage(context.Background(), &telego.SendMessageParams{ChatID: telego.ChatID{ID: 1}, Text: "x",
		ReplyMarkup: &telego.InlineKeyboardMarkup{InlineKeyboard: [][]telego.InlineKeyboardButton{{{Text: "b", CallbackData: strings.Repeat("d", 65)}}}}})
	if err == nil || !strings.Contains(err.Error(), "BUTTON_DATA_INVALID") {
		t.Fatalf("got %v", err)
	}
}
