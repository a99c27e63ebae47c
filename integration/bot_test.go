package integration

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aithena/aithena/bot"
	"github.com/aithena/aithena/bot/fakebot"
	"github.com/aithena/aithena/telegram"
	"github.com/google/uuid"
	"github.com/mymmrac/telego"
)

// testToken has the shape telego checks (digits, a colon, 35 characters); a bot ID of its
// own each time, since update IDs (and their dedupe keys) are per bot.
func testToken() string {
	return fmt.Sprintf("%d:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", time.Now().UnixNano()%1_000_000_000)
}

var pollOnce sync.Once

// botHarness runs the real bot (telego long polling) against the run's fake Bot API, once
// for all tests; the worker pushes alerts to the same fake.
func botHarness(t testing.TB) *fakebot.Server {
	t.Helper()
	pollOnce.Do(func() {
		b := &bot.Bot{API: deps.Telegram, Temporal: deps.Temporal, Redis: deps.Redis, TaskQueue: deps.Config.TaskQueue, Log: logger}
		go func() { _ = b.RunLongPolling(context.Background()) }()
	})
	return tg
}

// newChat is a chat of its own for a test.
func newChat() int64 { return time.Now().UnixNano() % 1_000_000_000_000 }

// linkChat links a new chat to the user through /start with a one-time code.
func linkChat(t testing.TB, fake *fakebot.Server, userID uuid.UUID) int64 {
	t.Helper()
	chatID := newChat()
	code, err := deps.Store.NewLinkCode(context.Background(), userID, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	fake.SendText(chatID, chatID, "/start "+code)
	if m := reply(t, fake, chatID, 1); !strings.Contains(m.Text, "Linked to") {
		t.Fatalf("link: %q", m.Text)
	}
	return chatID
}

// reply waits for the chat's next message (the n-th in all) and returns it.
func reply(t testing.TB, fake *fakebot.Server, chat int64, n int) fakebot.SentMessage {
	t.Helper()
	sent, err := fake.WaitSent(chat, n, 30*time.Second)
	if err != nil {
		t.Fatalf("waiting for message %d: %v (got %+v)", n, err, fake.Sent(chat))
	}
	m := sent[n-1]
	m.Text = strings.ReplaceAll(m.Text, `\`, "") // read past MarkdownV2 escapes
	return m
}

func TestTelegramConversation(t *testing.T) {
	fake := botHarness(t)
	u := newUser(t)
	chatID := newChat()
	from := chatID
	ctx := context.Background()

	fake.SendText(chatID, from, "hello")
	if m := reply(t, fake, chatID, 1); !strings.Contains(m.Text, "not linked") {
		t.Fatalf("unlinked chat: %q", m.Text)
	}
	fake.SendText(chatID, from, "/start NOPE1234")
	if m := reply(t, fake, chatID, 2); !strings.Contains(m.Text, "unknown, expired") {
		t.Fatalf("bad code: %q", m.Text)
	}
	code, err := deps.Store.NewLinkCode(ctx, u.ID, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	fake.SendText(chatID, from, "/start "+code)
	if m := reply(t, fake, chatID, 3); !strings.Contains(m.Text, "Linked to") {
		t.Fatalf("link: %q", m.Text)
	}

	// An expense: draft, confirm with the button, categorized through the pipeline.
	fake.SendText(chatID, from, "coffee 4.50")
	draft := reply(t, fake, chatID, 4)
	if !strings.Contains(draft.Text, "Coffee") || len(draft.Keyboard) == 0 {
		t.Fatalf("draft: %+v", draft)
	}
	fake.PressButton(chatID, from, draft.MessageID, "add")
	added := reply(t, fake, chatID, 5)
	if added.Method != "editMessageText" || !strings.Contains(added.Text, "FOOD_AND_DRINK") {
		t.Fatalf("added: %+v", added)
	}
	var txnID string
	if err := deps.Store.Pool.QueryRow(ctx, `SELECT id::text FROM transactions WHERE user_id = $1 AND amount_minor = -450`, u.ID).Scan(&txnID); err != nil {
		t.Fatalf("expense not stored: %v", err)
	}

	// A correction from the button: the message keeps its text, its buttons become the choice.
	fake.PressButton(chatID, from, added.MessageID, "change:"+txnID)
	choice := reply(t, fake, chatID, 6)
	if choice.Method != "editMessageReplyMarkup" || !strings.Contains(choice.Text, "FOOD_AND_DRINK") || len(choice.Keyboard) < 5 {
		t.Fatalf("change: %+v", choice)
	}
	fake.PressButton(chatID, from, added.MessageID, buttonFor(t, choice, "ENTERTAINMENT"))
	if m := reply(t, fake, chatID, 7); !strings.Contains(m.Text, "ENTERTAINMENT") {
		t.Fatalf("corrected: %+v", m)
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE id = $1 AND category = 'ENTERTAINMENT' AND category_confirmed`, txnID); n != 1 {
		t.Fatal("correction not stored")
	}

	// /cancel in the middle of a flow: the old draft's button no longer adds anything.
	fake.SendText(chatID, from, "lunch 12")
	lunch := reply(t, fake, chatID, 8)
	fake.SendText(chatID, from, "/cancel")
	if m := reply(t, fake, chatID, 9); !strings.Contains(m.Text, "Cancelled") {
		t.Fatalf("cancel: %+v", m)
	}
	fake.PressButton(chatID, from, lunch.MessageID, "add")
	if m := reply(t, fake, chatID, 10); !strings.Contains(m.Text, "out of date") {
		t.Fatalf("stale button: %+v", m)
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1 AND amount_minor = -1200`, u.ID); n != 0 {
		t.Fatal("a cancelled draft was added")
	}
	if len(fake.Answered()) < 4 {
		t.Fatalf("button presses answered: %v", fake.Answered())
	}

	fake.SendText(chatID, from, "/recent")
	if m := reply(t, fake, chatID, 11); !strings.Contains(m.Text, "Coffee") {
		t.Fatalf("recent: %+v", m)
	}
}

// botOn is a bot of its own, on its own fake Bot API, for the task queue; not yet running.
func botOn(t *testing.T, queue string) (*fakebot.Server, *bot.Bot) {
	t.Helper()
	token := testToken()
	fake := fakebot.New(token)
	t.Cleanup(fake.Close)
	api, err := telegram.New(token, fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	return fake, &bot.Bot{API: api, Temporal: deps.Temporal, Redis: deps.Redis, TaskQueue: queue, Log: logger}
}

func TestTelegramWebhookChecksTheSecret(t *testing.T) {
	fake, b := botOn(t, deps.Config.TaskQueue)
	srv := httptest.NewServer(b.WebhookHandler("s3cret"))
	defer srv.Close()
	chatID := time.Now().UnixNano()%1_000_000_000_000 + 7
	upd := telego.Update{UpdateID: int(time.Now().UnixNano()%1_000_000_000) + 3, Message: &telego.Message{MessageID: 1,
		Chat: telego.Chat{ID: chatID, Type: "private"}, From: &telego.User{ID: chatID}, Text: "hi", Date: time.Now().Unix()}}
	resp, err := fakebot.PostWebhook(srv.URL, "wrong", upd)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || len(fake.Sent(chatID)) != 0 {
		t.Fatalf("wrong secret: %d", resp.StatusCode)
	}
	resp, err = fakebot.PostWebhook(srv.URL, "s3cret", upd)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("right secret: %d", resp.StatusCode)
	}
	if m := reply(t, fake, chatID, 1); !strings.Contains(m.Text, "not linked") {
		t.Fatalf("webhook reply: %s", fmt.Sprint(m))
	}
	// Telegram may deliver an update twice: it is handled once.
	resp, err = fakebot.PostWebhook(srv.URL, "s3cret", upd)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	time.Sleep(time.Second)
	if got := len(fake.Sent(chatID)); resp.StatusCode != http.StatusOK || got != 1 {
		t.Fatalf("repeated update: status %d, %d replies", resp.StatusCode, got)
	}
}
