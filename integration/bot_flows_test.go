package integration

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aithena/aithena/bot/fakebot"
	"github.com/aithena/aithena/workflows"
	"github.com/google/uuid"
)

// buttonFor finds the data of the button labelled label on a message's keyboard.
func buttonFor(t *testing.T, m fakebot.SentMessage, label string) string {
	t.Helper()
	for _, row := range m.Keyboard {
		for _, b := range row {
			if b.Text == label {
				return b.Data
			}
		}
	}
	t.Fatalf("no button %q in %+v", label, m.Keyboard)
	return ""
}

// monthButton finds the button of a month ("Jan 2006") on a keyboard.
func monthButton(t *testing.T, m fakebot.SentMessage, month time.Time) string {
	t.Helper()
	return buttonFor(t, m, month.Format("Jan 2006"))
}

func thisMonth() time.Time {
	n := time.Now().UTC()
	return time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// TestTelegramCompareBudgetAndUndo walks /compare, /budget and /undo through every step.
func TestTelegramCompareBudgetAndUndo(t *testing.T) {
	fake := botHarness(t)
	u := newUser(t)
	cur, prev := thisMonth(), thisMonth().AddDate(0, -1, 0)
	u.wait(u.post("c1", prev.AddDate(0, 0, 2).Format("2006-01-02"), "-40.00", "WHOLE FOODS MARKET"))
	u.wait(u.post("c2", prev.AddDate(0, 0, 3).Format("2006-01-02"), "-12.00", "STARBUCKS"))
	u.wait(u.post("c3", cur.Format("2006-01-02"), "-55.50", "WHOLE FOODS MARKET"))
	chatID := linkChat(t, fake, u.ID)
	n := 1
	next := func() fakebot.SentMessage { n++; return reply(t, fake, chatID, n) }
	// say sends text and checks the reply holds each of want.
	say := func(text string, want ...string) fakebot.SentMessage {
		t.Helper()
		fake.SendText(chatID, chatID, text)
		m := next()
		for _, w := range want {
			if !strings.Contains(m.Text, w) {
				t.Fatalf("%q: reply %+v, want %q in it", text, m, w)
			}
		}
		return m
	}

	// /compare: pick a month, then the other; text in between gets the step's hint.
	pick := say("/compare", "Compare which month")
	fake.PressButton(chatID, chatID, pick.MessageID, monthButton(t, pick, prev))
	second := next()
	if second.Method != "editMessageText" || !strings.Contains(second.Text, prev.Format("Jan 2006")) {
		t.Fatalf("second month: %+v", second)
	}
	say("what now?", "Pick the month to compare with")
	fake.PressButton(chatID, chatID, second.MessageID, monthButton(t, second, cur))
	table := next()
	if !strings.Contains(table.Text, "```") {
		t.Fatalf("comparison is not a monospace table: %q", table.Text)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(table.Text, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			lines[f[0]] = strings.Join(f[1:], " ")
		}
	}
	// Each category's row against independent SQL.
	rows, err := deps.Store.Pool.Query(context.Background(), `SELECT category,
		coalesce(sum(-amount_minor) FILTER (WHERE posted_at < $2), 0), coalesce(sum(-amount_minor) FILTER (WHERE posted_at >= $2), 0)
		FROM transactions WHERE user_id = $1 GROUP BY category`, u.ID, cur)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var totalA, totalB int64
	for rows.Next() {
		var cat string
		var a, b int64
		if err := rows.Scan(&cat, &a, &b); err != nil {
			t.Fatal(err)
		}
		totalA, totalB = totalA+a, totalB+b
		if want := fmt.Sprintf("%d.%02d %d.%02d", a/100, a%100, b/100, b%100); !strings.HasPrefix(lines[cat], want) {
			t.Fatalf("%s: %q, want %q\n%s", cat, lines[cat], want, table.Text)
		}
	}
	if !strings.HasPrefix(lines["TOTAL"], "52.00 55.50 +3.50 (+7%)") || totalA != 5200 || totalB != 5550 {
		t.Fatalf("comparison:\n%s", table.Text)
	}

	// /budget: none yet; set one through the keyboard; a wrong amount keeps the step.
	b := say("/budget", "No budgets yet")
	fake.PressButton(chatID, chatID, b.MessageID, "budget:set")
	cats := next()
	fake.PressButton(chatID, chatID, cats.MessageID, buttonFor(t, cats, "FOOD_AND_DRINK"))
	if m := next(); !strings.Contains(m.Text, "Monthly budget for *FOOD_AND_DRINK*") {
		t.Fatalf("budget amount question: %+v", m)
	}
	say("lots", "amount", "Send an amount")
	say("150", "*FOOD_AND_DRINK* set to 150.00 USD")
	if count(t, `SELECT count(*) FROM budgets WHERE user_id = $1 AND category = 'FOOD_AND_DRINK' AND amount_minor = 15000`, u.ID) != 1 {
		t.Fatal("budget not stored")
	}
	say("/budget", "FOOD_AND_DRINK", "150.00")

	// /undo removes the last expense added from this chat, after asking.
	say("/undo", "Nothing to undo")
	draft := say("bagel 3.20")
	fake.PressButton(chatID, chatID, draft.MessageID, "add")
	if m := next(); !strings.Contains(m.Text, "Added") {
		t.Fatalf("add: %+v", m)
	}
	ask := say("/undo", "Remove *Bagel -3.20 USD")
	fake.PressButton(chatID, chatID, ask.MessageID, ask.Keyboard[0][0].Data)
	if m := next(); !strings.Contains(m.Text, "Removed") {
		t.Fatalf("undo: %+v", m)
	}
	if count(t, `SELECT count(*) FROM transactions WHERE user_id = $1 AND amount_minor = -320`, u.ID) != 0 {
		t.Fatal("the undone expense is still there")
	}
	// The old button does nothing more, and the API's transactions are untouched.
	fake.PressButton(chatID, chatID, ask.MessageID, ask.Keyboard[0][0].Data)
	if m := next(); !strings.Contains(m.Text, "out of date") {
		t.Fatalf("second undo press: %+v", m)
	}
	if count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID) != 3 {
		t.Fatal("undo touched a transaction it should not have")
	}
}

// TestTelegramFraudAlertAnsweredFromChat: a flagged payment is pushed to the linked chat as
// "Was this you?" (through one HTTP 429, retried by Temporal after retry_after), and the
// owner's button press reaches the waiting workflow as the verdict.
func TestTelegramFraudAlertAnsweredFromChat(t *testing.T) {
	fake := botHarness(t)
	u := fraudUser(t)
	chatID := linkChat(t, fake, u.ID)
	before := fake.Calls("sendMessage")
	fake.FailNext("sendMessage", http.StatusTooManyRequests, 1)
	odd := u.wait(u.postAt("odd-chat", today(), "03:04", "-3200.00", "EUR", "QUICKCASH ELECTRONICS LLC"))
	if odd.Status != "flagged" {
		t.Fatalf("not flagged: %+v", odd)
	}
	alert := reply(t, fake, chatID, 2)
	if !strings.Contains(alert.Text, "Was this you?") || len(alert.Keyboard) != 1 || len(alert.Keyboard[0]) != 2 {
		t.Fatalf("alert: %+v", alert)
	}
	if calls := fake.Calls("sendMessage") - before; calls < 2 {
		t.Fatalf("%d sendMessage calls: the 429 was not retried", calls)
	}
	fake.PressButton(chatID, chatID, alert.MessageID, alert.Keyboard[0][1].Data)
	if m := reply(t, fake, chatID, 3); m.Method != "editMessageText" || !strings.Contains(m.Text, "marked as fraud") || len(m.Keyboard) != 0 {
		t.Fatalf("verdict reply: %+v", m)
	}
	var res workflows.TransactionResult
	if err := deps.Temporal.GetWorkflow(context.Background(), odd.WorkflowID, "").Get(context.Background(), &res); err != nil || res.Verdict != "fraud" {
		t.Fatalf("workflow: %+v %v", res, err)
	}
	// A second press, on the other button, does not flip the answer: the message already
	// says so (Telegram's "message is not modified" is no error), and the press is answered.
	answered := len(fake.Answered())
	fake.PressButton(chatID, chatID, alert.MessageID, alert.Keyboard[0][0].Data)
	for deadline := time.Now().Add(30 * time.Second); len(fake.Answered()) == answered && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if count(t, `SELECT count(*) FROM fraud_labels WHERE transaction_id = $1 AND verdict = 'fraud' AND source = 'telegram'`, odd.ID) != 1 {
		t.Fatal("verdict not stored, or flipped by the second press")
	}
	// One alert, one message, however the delivery was retried.
	time.Sleep(time.Second)
	if got := len(fake.Sent(chatID)); got != 3 {
		t.Fatalf("%d messages in the chat, want 3: %+v", got, fake.Sent(chatID))
	}
}

// TestTelegramConversationSurvivesWorkerKill: the worker dies in the middle of /compare; the
// button pressed meanwhile is answered by the next worker, from where the flow was.
func TestTelegramConversationSurvivesWorkerKill(t *testing.T) {
	if os.Getenv("AITHENA_BIN") == "" {
		t.Fatal("AITHENA_BIN must name the built binary (make test sets it)")
	}
	queue := "aithena-chatcrash-" + uuid.NewString()[:8]
	fake, b := botOn(t, queue)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = b.RunLongPolling(ctx) }()

	worker := startWorker(t, queue)
	u := newUser(t)
	u.wait(u.post("k1", today(), "-9.99", "SPOTIFY"))
	chatID := linkChat(t, fake, u.ID)
	fake.SendText(chatID, chatID, "/compare")
	pick := reply(t, fake, chatID, 2)
	fake.PressButton(chatID, chatID, pick.MessageID, monthButton(t, pick, thisMonth().AddDate(0, -1, 0)))
	second := reply(t, fake, chatID, 3)

	if err := worker.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = worker.Wait()
	// Pressed while no worker runs: the Update waits in Temporal.
	fake.PressButton(chatID, chatID, second.MessageID, monthButton(t, second, thisMonth()))
	time.Sleep(500 * time.Millisecond)
	if got := len(fake.Sent(chatID)); got != 3 {
		t.Fatalf("answered with no worker running: %d messages", got)
	}
	worker = startWorker(t, queue)
	defer func() { _ = worker.Process.Signal(syscall.SIGTERM); _ = worker.Wait() }()
	table := reply(t, fake, chatID, 4)
	if !strings.Contains(table.Text, "9.99") || !strings.Contains(table.Text, "TOTAL") {
		t.Fatalf("after the restart: %+v", table)
	}
	desc, err := deps.Temporal.DescribeWorkflowExecution(context.Background(), workflows.ConversationWorkflowID(chatID), "")
	if err != nil || desc.WorkflowExecutionInfo.Status.String() != "Running" {
		t.Fatalf("conversation: %v %v", desc, err)
	}
	fmt.Fprintln(os.Stderr, "conversation continued after the worker restart")
}
