package workflows

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/chat"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// MessageUpdate is the Update that delivers one Telegram update to a chat's conversation and
// returns the reply.
const MessageUpdate = "message"

// ConversationWorkflowID names the one conversation of a Telegram chat.
func ConversationWorkflowID(chatID int64) string { return "chat-" + strconv.FormatInt(chatID, 10) }

const (
	// conversationIdle ends a conversation nobody writes to; the next message starts a new one.
	conversationIdle = 7 * 24 * time.Hour
	// continueAfter keeps the history small: a long conversation continues as new.
	continueAfter = 200
)

// Incoming is one update from the chat: a text, or a button press.
type Incoming struct {
	UpdateID     int64
	Text         string
	CallbackData string
	MessageID    int // the message a pressed button belongs to
}

// edit is a reply that replaces the text of the message whose button was pressed.
func (in Incoming) edit(text string) Reply { return Reply{Text: text, EditMessageID: in.MessageID} }

// staleButton answers a press on a button whose step is over.
const staleButton = "That button is out of date\\."

// Button is an inline keyboard button.
type Button = chat.Button

// Reply is what the bot sends back: a new message, or an edit of the keyboard message (of
// only its keyboard when KeepText is set).
type Reply struct {
	Text          string // MarkdownV2
	Keyboard      [][]Button
	EditMessageID int
	KeepText      bool
}

// ConversationState is carried across continue-as-new.
type ConversationState struct {
	ChatID  int64
	User    activities.ChatUser
	Checked bool // whether the chat's link was looked up
	Flow    string
	Draft   chat.Draft
	DraftID int64 // the update that made the draft: the expense's idempotency key
	// Added are the transactions added from this chat, newest last, for /undo.
	Added []uuid.UUID
	// CompareA is the first month picked in /compare.
	CompareA time.Time
	// BudgetCategory is the category whose budget /budget is setting.
	BudgetCategory string
}

// Flows a conversation can be in.
const (
	flowNone           = ""
	flowConfirm        = "confirm"
	flowEdit           = "edit"
	flowCompareFirst   = "compare-first"
	flowCompareSecond  = "compare-second"
	flowBudgetCategory = "budget-category"
	flowBudgetAmount   = "budget-amount"
	flowUndo           = "undo"
)

// flowHints answer unexpected text in the middle of a flow.
var flowHints = map[string]string{
	flowConfirm:        "Press *Add*, *Edit* or *Cancel* above, or /cancel\\.",
	flowCompareFirst:   "Pick the first month above, or /cancel\\.",
	flowCompareSecond:  "Pick the month to compare with above, or /cancel\\.",
	flowBudgetCategory: "Pick a category above, or /cancel\\.",
	flowUndo:           "Press *Undo* or *Keep* above, or /cancel\\.",
}

// keepAdded bounds how far /undo can go back.
const keepAdded = 20

// ConversationWorkflow is one Telegram chat: each update arrives as an Update and gets its reply
// back on it. It lives while the chat is active and survives worker restarts mid-flow.
func ConversationWorkflow(ctx workflow.Context, st ConversationState) error {
	handled, busy := 0, false
	// Version 1 brought /compare, /budget, /undo, a command leaving the current step, local
	// activities for the quick steps (a reply in milliseconds instead of two task
	// dispatches) and the idle time counted from the last update. A conversation started
	// before keeps the old behaviour until it continues as new, so its history replays.
	v1 := workflow.GetVersion(ctx, "chat-v1", workflow.DefaultVersion, 1) == 1
	err := workflow.SetUpdateHandler(ctx, MessageUpdate, func(ctx workflow.Context, in Incoming) (Reply, error) {
		// One update at a time: a flow's steps must not interleave.
		if err := workflow.Await(ctx, func() bool { return !busy }); err != nil {
			return Reply{}, err
		}
		busy = true
		defer func() { busy = false; handled++ }()
		return handle(stepOptions(ctx, v1), &st, in)
	})
	if err != nil {
		return err
	}
	if !v1 {
		if _, err := workflow.AwaitWithTimeout(ctx, conversationIdle, func() bool { return handled >= continueAfter }); err != nil {
			return err
		}
	}
	// Idle means a week without an update since the last one, not since the start.
	for v1 && handled < continueAfter {
		seen := handled
		active, err := workflow.AwaitWithTimeout(ctx, conversationIdle, func() bool { return handled != seen })
		if err != nil {
			return err
		}
		if !active {
			break
		}
	}
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return err
	}
	if handled < continueAfter {
		// Nobody wrote for a long time: end; the next message starts a new conversation.
		return nil
	}
	return workflow.NewContinueAsNewError(ctx, ConversationWorkflow, st)
}

// v1Key marks a context of a version 1 conversation (see ConversationWorkflow).
type v1Key struct{}

func isV1(ctx workflow.Context) bool { v, _ := ctx.Value(v1Key{}).(bool); return v }

// stepOptions sets the activity options of a chat step.
func stepOptions(ctx workflow.Context, v1 bool) workflow.Context {
	retry := &temporal.RetryPolicy{InitialInterval: 200 * time.Millisecond, MaximumInterval: 10 * time.Second, MaximumAttempts: 5,
		NonRetryableErrorTypes: []string{activities.ErrBadLinkCode, activities.ErrInvalid}}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 40 * time.Second, HeartbeatTimeout: 10 * time.Second, RetryPolicy: retry,
	})
	if !v1 {
		return ctx
	}
	// Submitting an expense waits for its pipeline too, usually well under a second.
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: 20 * time.Second, RetryPolicy: retry})
	return workflow.WithValue(ctx, v1Key{}, true)
}

// step runs one of a chat step's quick activities: locally where the conversation's version
// allows (see ConversationWorkflow).
func step(ctx workflow.Context, fn, arg any) workflow.Future {
	if isV1(ctx) {
		return workflow.ExecuteLocalActivity(ctx, fn, arg)
	}
	return workflow.ExecuteActivity(ctx, fn, arg)
}

func text(s string) Reply { return Reply{Text: s} }

const linkHelp = "This chat is not linked to Aithena yet\\. Get a code with `aithena users link-code EMAIL` " +
	"\\(or `POST /v1/telegram/link-code`\\), then send `/start CODE`\\."

const help = "Send an expense like `coffee 4.50`, `lunch 12 yesterday`, `uber 23,40 eur` or `+1200 salary`\\.\n" +
	"/recent your latest transactions, /compare two months, /budget your budgets, /undo the last one added here, " +
	"/cancel stops what you are doing\\. Anything else is a question about your money\\."

func handle(ctx workflow.Context, st *ConversationState, in Incoming) (Reply, error) {
	if !st.Checked {
		if err := step(ctx, a.LookupChat, st.ChatID).Get(ctx, &st.User); err != nil {
			return Reply{}, err
		}
		st.Checked = true
	}
	cmd, arg, _ := strings.Cut(strings.TrimSpace(in.Text), " ")
	arg = strings.TrimSpace(arg)
	if !st.User.Linked {
		if (cmd == "/start" || cmd == "/link") && arg != "" {
			var u activities.ChatUser
			err := step(ctx, a.LinkChat, activities.LinkInput{ChatID: st.ChatID, Code: arg}).Get(ctx, &u)
			if isAppError(err, activities.ErrBadLinkCode) {
				return text("That code is unknown, expired or already used\\. " + linkHelp), nil
			}
			if err != nil {
				return Reply{}, err
			}
			st.User = u
			return text("Linked to " + chat.EscapeMarkdownV2(u.Name) + "\\.\n" + help), nil
		}
		return text(linkHelp), nil
	}
	if in.CallbackData != "" {
		return button(ctx, st, in)
	}
	if strings.HasPrefix(cmd, "/") && isV1(ctx) {
		// A command leaves whatever step the chat was in; the old step's buttons go stale.
		st.Flow = flowNone
	}
	known := cmd
	if !isV1(ctx) && (cmd == "/compare" || cmd == "/budget" || cmd == "/undo") {
		known = "" // unknown before version 1
	}
	switch known {
	case "/cancel":
		return text("Cancelled\\."), nil
	case "/start", "/help":
		return text(help), nil
	case "/recent":
		var lines []string
		if err := step(ctx, a.Recent, activities.RecentInput{UserID: st.User.UserID, N: 10}).Get(ctx, &lines); err != nil {
			return Reply{}, err
		}
		if len(lines) == 0 {
			return text("No transactions yet\\."), nil
		}
		return text(chat.Code(strings.Join(lines, "\n"))), nil
	case "/compare":
		st.Flow = flowCompareFirst
		return Reply{Text: "Compare which month?", Keyboard: monthKeyboard(workflow.Now(ctx), time.Time{})}, nil
	case "/budget":
		return budgets(ctx, st, arg)
	case "/undo":
		return undo(ctx, st)
	}
	if strings.HasPrefix(cmd, "/") {
		return text("I don't know " + chat.EscapeMarkdownV2(cmd) + "\\. " + help), nil
	}
	if hint, ok := flowHints[st.Flow]; ok {
		return text(hint), nil
	}
	if st.Flow == flowBudgetAmount {
		return setBudget(ctx, st, st.BudgetCategory, in.Text)
	}
	d, err := chat.ParseExpense(in.Text, workflow.Now(ctx).UTC())
	if err != nil {
		if st.Flow == flowEdit {
			return text(chat.EscapeMarkdownV2(err.Error()) + "\\. Send it like `coffee 4.50`, or /cancel\\."), nil
		}
		// Not an expense: a question about their money.
		var answer string
		// With an LLM, an answer can take several model calls.
		actx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: 2 * time.Minute,
			RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 2}})
		if err := step(actx, a.Ask, activities.AskInput{UserID: st.User.UserID, Question: in.Text}).Get(ctx, &answer); err != nil {
			return Reply{}, err
		}
		return text(chat.EscapeMarkdownV2(answer)), nil
	}
	st.Flow, st.Draft, st.DraftID = flowConfirm, d, in.UpdateID
	return Reply{Text: draftText(d), Keyboard: [][]Button{{{Text: "✅ Add", Data: "add"}, {Text: "✏️ Edit", Data: "edit"}, {Text: "✖ Cancel", Data: "cancel"}}}}, nil
}

func isAppError(err error, kind string) bool {
	var appErr *temporal.ApplicationError
	return errors.As(err, &appErr) && appErr.Type() == kind
}

func appMessage(err error) string {
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) {
		return appErr.Message()
	}
	return err.Error()
}

func draftText(d chat.Draft) string {
	cur := d.Currency
	if cur == "" {
		cur = "in your currency"
	}
	return fmt.Sprintf("Add *%s* %s %s on %s?", chat.EscapeMarkdownV2(d.Description), chat.EscapeMarkdownV2(d.Amount),
		chat.EscapeMarkdownV2(cur), chat.EscapeMarkdownV2(d.Date.Format("Mon 2 Jan")))
}

// monthKeyboard offers the last six months, three to a row, leaving out skip.
func monthKeyboard(now time.Time, skip time.Time) [][]Button {
	var months []Button
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i := 5; i >= 0; i-- {
		if m := first.AddDate(0, -i, 0); !m.Equal(skip) {
			months = append(months, Button{Text: m.Format("Jan 2006"), Data: "month:" + m.Format("2006-01")})
		}
	}
	return append(chat.Rows(months, 3), []Button{{Text: "✖ Cancel", Data: "cancel"}})
}

// categoryKeyboard offers the system categories, two to a row, but those in skip. A button's
// data is prefix and the category's index: Telegram allows 64 bytes of callback data, and
// "cat:" + a transaction ID + GOVERNMENT_AND_NON_PROFIT would be 66.
func categoryKeyboard(prefix string, skip ...string) [][]Button {
	var cats []Button
	for i, c := range categorize.SystemCategories {
		if !slices.Contains(skip, c) {
			cats = append(cats, Button{Text: c, Data: prefix + strconv.Itoa(i)})
		}
	}
	return chat.Rows(cats, 2)
}

// categoryOf reads a category button's data: an index, or a name (keyboards sent before
// indexes were used).
func categoryOf(data string) string {
	if i, err := strconv.Atoi(data); err == nil {
		if i >= 0 && i < len(categorize.SystemCategories) {
			return categorize.SystemCategories[i]
		}
		return ""
	}
	return data
}

func button(ctx workflow.Context, st *ConversationState, in Incoming) (Reply, error) {
	edit, stale := in.edit, in.edit(staleButton)
	data := in.CallbackData
	kind, rest, _ := strings.Cut(data, ":")
	switch {
	case data == "add" && st.Flow == flowConfirm:
		var r activities.ExpenseResult
		err := step(ctx, a.SubmitExpense, activities.ExpenseInput{
			UserID: st.User.UserID, Key: fmt.Sprintf("telegram:%d:%d", st.ChatID, st.DraftID),
			Date: st.Draft.Date.Format("2006-01-02"), Amount: st.Draft.Amount, Currency: st.Draft.Currency, Description: st.Draft.Description,
		}).Get(ctx, &r)
		if isAppError(err, activities.ErrInvalid) {
			st.Flow = flowEdit
			return edit(chat.EscapeMarkdownV2(appMessage(err)) + "\\. Send it again, or /cancel\\."), nil
		}
		if err != nil {
			return Reply{}, err
		}
		st.Flow = flowNone
		st.Added = append(st.Added, r.TransactionID)
		if len(st.Added) > keepAdded {
			st.Added = st.Added[len(st.Added)-keepAdded:]
		}
		return Reply{EditMessageID: in.MessageID,
			Text: fmt.Sprintf("Added *%s* %s %s → *%s*", chat.EscapeMarkdownV2(st.Draft.Description), chat.EscapeMarkdownV2(r.Amount),
				r.Currency, chat.EscapeMarkdownV2(r.Category)),
			Keyboard: [][]Button{{{Text: "Change category", Data: "change:" + r.TransactionID.String()}}}}, nil
	case data == "edit" && st.Flow == flowConfirm:
		st.Flow = flowEdit
		return edit("Send the expense again, like `coffee 4.50`\\."), nil
	case data == "cancel":
		st.Flow = flowNone
		return edit("Cancelled\\."), nil
	case kind == "change":
		// The message still says what was added; only its buttons turn into the choice.
		return Reply{EditMessageID: in.MessageID, KeepText: true, Keyboard: categoryKeyboard("cat:" + rest + ":")}, nil
	case kind == "cat":
		idText, catData, _ := strings.Cut(rest, ":")
		category := categoryOf(catData)
		id, err := uuid.Parse(idText)
		if err != nil || category == "" {
			return stale, nil
		}
		err = step(ctx, a.CorrectCategory, activities.CorrectInput{UserID: st.User.UserID, TransactionID: id, Category: category}).Get(ctx, nil)
		if isAppError(err, activities.ErrGone) {
			return edit("That transaction is gone\\."), nil
		}
		if err != nil {
			return Reply{}, err
		}
		return edit("Filed under *" + chat.EscapeMarkdownV2(category) + "*\\. I'll remember that\\."), nil
	case kind == "month" && (st.Flow == flowCompareFirst || st.Flow == flowCompareSecond):
		m, err := time.Parse("2006-01", rest)
		if err != nil {
			return stale, nil
		}
		if st.Flow == flowCompareFirst {
			st.Flow, st.CompareA = flowCompareSecond, m
			return Reply{EditMessageID: in.MessageID, Text: "Compare *" + m.Format("Jan 2006") + "* with which month?",
				Keyboard: monthKeyboard(workflow.Now(ctx), m)}, nil
		}
		var c ledger.MonthComparison
		if err := step(ctx, a.CompareMonths, activities.CompareInput{UserID: st.User.UserID, A: st.CompareA, B: m}).Get(ctx, &c); err != nil {
			return Reply{}, err
		}
		st.Flow = flowNone
		return edit(comparisonText(c)), nil
	case data == "budget:set":
		st.Flow = flowBudgetCategory
		return Reply{EditMessageID: in.MessageID, Text: "Budget for which category?", Keyboard: categoryKeyboard("budget:", categorize.Income, categorize.TransferIn)}, nil
	case kind == "budget" && st.Flow == flowBudgetCategory && categoryOf(rest) != "":
		st.Flow, st.BudgetCategory = flowBudgetAmount, categoryOf(rest)
		return edit("Monthly budget for *" + chat.EscapeMarkdownV2(st.BudgetCategory) + "*? Send an amount like `400`, or `0` to remove it\\."), nil
	case kind == "undo" && st.Flow == flowUndo:
		return undone(ctx, st, in, rest)
	case data == "keep" && st.Flow == flowUndo:
		st.Flow = flowNone
		return edit("Kept\\."), nil
	case kind == "review":
		return review(ctx, st, in, rest)
	}
	return stale, nil
}

func comparisonText(c ledger.MonthComparison) string {
	f := func(v int64) string { return money.FormatIn(v, c.Currency) }
	a, b := c.A.Format("Jan 06"), c.B.Format("Jan 06")
	if len(c.Rows) == 0 {
		return "No spending in " + a + " or " + b + "\\."
	}
	var rows [][]string
	var totalA, totalB int64
	for _, r := range c.Rows {
		totalA, totalB = totalA+r.A, totalB+r.B
		rows = append(rows, []string{r.Category, f(r.A), f(r.B), change(r.A, r.B, c.Currency)})
	}
	rows = append(rows, []string{"TOTAL", f(totalA), f(totalB), change(totalA, totalB, c.Currency)})
	out := "Spending in " + chat.EscapeMarkdownV2(c.Currency) + "\n" + chat.Code(chat.Table([]string{"Category", a, b, "Change"}, rows))
	if c.Elsewhere > 0 {
		out += fmt.Sprintf("\n%d transactions in other currencies are not counted\\.", c.Elsewhere)
	}
	return out
}

// change is b against a: the difference and, where a is not zero, the percentage.
func change(a, b int64, currency string) string {
	d := money.FormatIn(b-a, currency)
	if b >= a {
		d = "+" + d
	}
	if a == 0 {
		return d
	}
	return fmt.Sprintf("%s (%+.0f%%)", d, float64(b-a)*100/float64(a))
}

func budgets(ctx workflow.Context, st *ConversationState, arg string) (Reply, error) {
	if fields := strings.Fields(arg); len(fields) == 2 {
		// The short form: /budget GROCERIES 400.
		return setBudget(ctx, st, strings.ToUpper(fields[0]), fields[1])
	}
	var bs []activities.Budget
	if err := step(ctx, a.Budgets, activities.BudgetsInput{UserID: st.User.UserID, Now: workflow.Now(ctx)}).Get(ctx, &bs); err != nil {
		return Reply{}, err
	}
	set := [][]Button{{{Text: "Set a budget", Data: "budget:set"}}}
	if len(bs) == 0 {
		return Reply{Text: "No budgets yet\\.", Keyboard: set}, nil
	}
	var rows [][]string
	for _, b := range bs {
		f := func(v int64) string { return money.FormatIn(v, b.Currency) }
		rows = append(rows, []string{b.Category, f(b.AmountMinor), f(b.SpentMinor), f(b.AmountMinor - b.SpentMinor)})
	}
	return Reply{Text: "Budgets this month\n" + chat.Code(chat.Table([]string{"Category", "Budget", "Spent", "Left"}, rows)), Keyboard: set}, nil
}

func setBudget(ctx workflow.Context, st *ConversationState, category, amount string) (Reply, error) {
	var r activities.SetBudgetResult
	err := step(ctx, a.SetBudget, activities.SetBudgetInput{UserID: st.User.UserID, Category: category, Amount: strings.TrimSpace(amount)}).Get(ctx, &r)
	if isAppError(err, activities.ErrInvalid) {
		hint := "Send an amount like `400`, or /cancel\\."
		if st.Flow != flowBudgetAmount {
			hint = "Use it like `/budget GROCERIES 400`\\."
		}
		return text(chat.EscapeMarkdownV2(appMessage(err)) + "\\. " + hint), nil
	}
	if err != nil {
		return Reply{}, err
	}
	st.Flow = flowNone
	if r.Removed {
		return text("No budget for *" + chat.EscapeMarkdownV2(category) + "* any more\\."), nil
	}
	return text(fmt.Sprintf("Budget for *%s* set to %s %s a month\\.", chat.EscapeMarkdownV2(category), chat.EscapeMarkdownV2(r.Amount), r.Currency)), nil
}

func undo(ctx workflow.Context, st *ConversationState) (Reply, error) {
	for len(st.Added) > 0 {
		last := st.Added[len(st.Added)-1]
		var desc string
		err := step(ctx, a.DescribeTransaction, activities.DescribeInput{UserID: st.User.UserID, TransactionID: last}).Get(ctx, &desc)
		if isAppError(err, activities.ErrGone) {
			st.Added = st.Added[:len(st.Added)-1]
			continue
		}
		if err != nil {
			return Reply{}, err
		}
		st.Flow = flowUndo
		return Reply{Text: "Remove *" + chat.EscapeMarkdownV2(desc) + "*?",
			Keyboard: [][]Button{{{Text: "↩️ Undo", Data: "undo:" + last.String()}, {Text: "Keep", Data: "keep"}}}}, nil
	}
	return text("Nothing to undo: no transaction added from this chat is left\\."), nil
}

func undone(ctx workflow.Context, st *ConversationState, in Incoming, idText string) (Reply, error) {
	edit := in.edit
	id, err := uuid.Parse(idText)
	if err != nil || len(st.Added) == 0 || st.Added[len(st.Added)-1] != id {
		return edit(staleButton), nil
	}
	st.Flow = flowNone
	err = step(ctx, a.UndoExpense, activities.UndoInput{UserID: st.User.UserID, TransactionID: id}).Get(ctx, nil)
	switch {
	case isAppError(err, activities.ErrBusy):
		return edit("It is waiting for your answer to *Was this you?*: answer that first\\."), nil
	case isAppError(err, activities.ErrGone):
	case err != nil:
		return Reply{}, err
	}
	st.Added = st.Added[:len(st.Added)-1]
	return edit("Removed\\."), nil
}

func review(ctx workflow.Context, st *ConversationState, in Incoming, rest string) (Reply, error) {
	edit := in.edit
	idText, v, _ := strings.Cut(rest, ":")
	id, err := uuid.Parse(idText)
	verdict := vocab.Verdict(v)
	if err != nil || !verdict.Valid() {
		return edit(staleButton), nil
	}
	var r activities.ReviewResult
	err = step(ctx, a.ReviewTransaction, activities.ReviewInput{UserID: st.User.UserID, TransactionID: id, Verdict: verdict}).Get(ctx, &r)
	if isAppError(err, activities.ErrGone) {
		return edit("That transaction is gone\\."), nil
	}
	if err != nil {
		return Reply{}, err
	}
	what := chat.EscapeMarkdownV2(fmt.Sprintf("%s %s %s", r.Merchant, r.Amount, r.Currency))
	// r.Verdict is the answer that stands: an earlier one, if the owner had answered before.
	if r.Verdict == vocab.VerdictLegit {
		return edit("✅ Thanks\\. *" + what + "* was you: it stays, and I'll learn from it\\."), nil
	}
	return edit("🚫 *" + what + "* is marked as fraud and left out of your spending\\. Consider blocking your card with your bank\\."), nil
}
