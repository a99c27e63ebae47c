package telegram

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aithena/aithena/bot/fakebot"
	"github.com/aithena/aithena/chat"
)

const token = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

func client(t *testing.T) (Client, *fakebot.Server) {
	t.Helper()
	fake := fakebot.New(token)
	t.Cleanup(fake.Close)
	api, err := New(token, fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	return Client{API: api}, fake
}

func TestSendSplitsAndPutsTheKeyboardLast(t *testing.T) {
	c, fake := client(t)
	long := strings.Repeat("word ", 1000) // 5,000 characters: two messages
	kb := [][]chat.Button{{{Text: "OK", Data: "ok"}}}
	id, err := c.Send(context.Background(), 42, long, kb)
	if err != nil {
		t.Fatal(err)
	}
	sent := fake.Sent(42)
	if len(sent) != 2 || sent[0].Keyboard != nil || len(sent[1].Keyboard) != 1 || id != sent[1].MessageID {
		t.Fatalf("sent %+v, id %d", sent, id)
	}
}

func TestRateLimitedCarriesRetryAfter(t *testing.T) {
	c, fake := client(t)
	fake.FailNext("sendMessage", http.StatusTooManyRequests, 7)
	_, err := c.Send(context.Background(), 42, "hi", nil)
	var rl *RateLimited
	if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second || Permanent(err) {
		t.Fatalf("got %v", err)
	}
	fake.FailNext("sendMessage", http.StatusForbidden, 0)
	if _, err := c.Send(context.Background(), 42, "hi", nil); !Permanent(err) {
		t.Fatalf("a blocked bot is permanent: %v", err)
	}
	fake.FailNext("sendMessage", http.StatusBadRequest, 0)
	if _, err := c.Send(context.Background(), 42, "hi", nil); err == nil || Permanent(err) {
		t.Fatalf("a bad request is not swallowed as permanent: %v", err)
	}
	if _, err := c.Send(context.Background(), 42, "hi", nil); err != nil {
		t.Fatal(err)
	}
}

func TestEditKeyboardKeepsTheText(t *testing.T) {
	c, fake := client(t)
	id, err := c.Send(context.Background(), 42, "Added *Coffee*", [][]chat.Button{{{Text: "Change", Data: "change"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.EditKeyboard(context.Background(), 42, id, [][]chat.Button{{{Text: "A", Data: "a"}, {Text: "B", Data: "b"}}}); err != nil {
		t.Fatal(err)
	}
	if err := c.Edit(context.Background(), 42, id, "Filed under *A*", nil); err != nil {
		t.Fatal(err)
	}
	sent := fake.Sent(42)
	if len(sent) != 3 || sent[1].Method != "editMessageReplyMarkup" || sent[1].Text != "Added *Coffee*" || len(sent[1].Keyboard[0]) != 2 ||
		sent[2].Text != "Filed under *A*" || sent[2].Keyboard != nil {
		t.Fatalf("sent %+v", sent)
	}
}

func TestWaitOutWaitsInPlace(t *testing.T) {
	c, fake := client(t)
	c.WaitOut = 2
	fake.FailNext("sendMessage", http.StatusTooManyRequests, 1)
	start := time.Now()
	if _, err := c.Send(context.Background(), 42, "hi", nil); err != nil {
		t.Fatal(err)
	}
	if fake.Calls("sendMessage") != 2 || len(fake.Sent(42)) != 1 || time.Since(start) < time.Second {
		t.Fatalf("%d calls, %d sent after %s", fake.Calls("sendMessage"), len(fake.Sent(42)), time.Since(start))
	}
}
