package workflows

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/chat"
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

// Button is an inline keyboard button.
type Button struct {
	Text string
	Data string
}

// Reply is what the bot sends back: a new message, or an edit of the keyboard message.
type Reply struct {
	Text          string // MarkdownV2
	Keyboard      [][]Button
	EditMessageID int
}

// ConversationState is carried across continue-as-new.
type ConversationState struct {
	ChatID  int64
	User    activities.ChatUser
	Checked bool // whether the chat's link was looked up
	Flow    string
	Draft   chat.Draft
	DraftID int64 // the update that made the draft: the expense's idempotency key
	LastTxn uuid.UUID
}

// Flows a conversation can be in.
const (
	flowNone    = ""
	flowConfirm = "confirm"
	flowEdit    = "edit"
)

// ConversationWorkflow is one Telegram chat: each update arrives as an Update and gets its reply
// back on it. It lives while the chat is active and survives worker restarts mid-flow.
func ConversationWorkflow(ctx workflow.Context, st ConversationState) error {
	handled, busy := 0, false
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 40 * time.Second, HeartbeatTimeout: 10 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: 200 * time.Millisecond, MaximumInterval: 10 * time.Second, MaximumAttempts: 5,
			NonRetryableErrorTypes: []string{activities.ErrBadLinkCode, activities.ErrInvalid}},
	})
	err := workflow.SetUpdateHandler(ctx, MessageUpdate, func(ctx workflow.Context, in Incoming) (Reply, error) {
		// One update at a time: a flow's steps must not interleave.
		if err := workflow.Await(ctx, func() bool { return !busy }); err != nil {
			return Reply{}, err
		}
		busy = true
		defer func() { busy = false; handled++ }()
		return handle(workflow.WithActivityOptions(ctx, workflow.GetActivityOptions(actx)), &st, in)
	})
	if err != nil {
		return err
	}
	busyEnough, err := workflow.AwaitWithTimeout(ctx, conversationIdle, func() bool { return handled >= continueAfter })
	if err != nil {
		return err
	}
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return err
	}
	if !busyEnough {
		// Nobody wrote for a long time: end; the next message starts a new conversation.
		return nil
	}
	return workflow.NewContinueAsNewError(ctx, ConversationWorkflow, st)
}

func text(s string) Reply { return Reply{Text: s} }

const linkHelp = "This chat is not linked to Aithena yet\\. Get a code with `aithena users link-code EMAIL` " +
	"\\(or `POST /v1/telegram/link-code`\\), then send `/start CODE`\\."

const help = "Send an expense like `coffee 4.50`, `lunch 12 yesterday`, `uber 23,40 eur` or `+1200 salary`\\.\n" +
	"/recent shows your latest transactions, /cancel stops what you are doing\\. Anything else is a question about your money\\."

func handle(ctx workflow.Context, st *ConversationState, in Incoming) (Reply, error) {
	if !st.Checked {
		if err := workflow.ExecuteActivity(ctx, a.LookupChat, st.ChatID).Get(ctx, &st.User); err != nil {
			return Reply{}, err
		}
		st.Checked = true
	}
	cmd, arg, _ := strings.Cut(strings.TrimSpace(in.Text), " ")
	if !st.User.Linked {
		if (cmd == "/start" || cmd == "/link") && strings.TrimSpace(arg) != "" {
			var u activities.ChatUser
			err := workflow.ExecuteActivity(ctx, a.LinkChat, activities.LinkInput{ChatID: st.ChatID, Code: strings.TrimSpace(arg)}).Get(ctx, &u)
			var appErr *temporal.ApplicationError
			if errors.As(err, &appErr) && appErr.Type() == activities.ErrBadLinkCode {
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
	switch cmd {
	case "/cancel":
		st.Flow = flowNone
		return text("Cancelled\\."), nil
	case "/start", "/help":
		return text(help), nil
	case "/recent":
		var lines []string
		if err := workflow.ExecuteActivity(ctx, a.Recent, activities.RecentInput{UserID: st.User.UserID, N: 10}).Get(ctx, &lines); err != nil {
			return Reply{}, err
		}
		if len(lines) == 0 {
			return text("No transactions yet\\."), nil
		}
		return text(chat.Code(strings.Join(lines, "\n"))), nil
	}
	if strings.HasPrefix(cmd, "/") {
		return text("I don't know " + chat.EscapeMarkdownV2(cmd) + "\\. " + help), nil
	}
	if st.Flow == flowConfirm {
		return text("Press *Add*, *Edit* or *Cancel* above, or /cancel\\."), nil
	}
	d, err := chat.ParseExpense(in.Text, workflow.Now(ctx).UTC())
	if err != nil {
		if st.Flow == flowEdit {
			return text(chat.EscapeMarkdownV2(err.Error()) + "\\. Send it like `coffee 4.50`, or /cancel\\."), nil
		}
		// Not an expense: a question about their money.
		var answer string
		if err := workflow.ExecuteActivity(ctx, a.Ask, activities.AskInput{UserID: st.User.UserID, Question: in.Text}).Get(ctx, &answer); err != nil {
			return Reply{}, err
		}
		return text(chat.EscapeMarkdownV2(answer)), nil
	}
	st.Flow, st.Draft, st.DraftID = flowConfirm, d, in.UpdateID
	return Reply{Text: draftText(d), Keyboard: [][]Button{{{"✅ Add", "add"}, {"✏️ Edit", "edit"}, {"✖ Cancel", "cancel"}}}}, nil
}

func draftText(d chat.Draft) string {
	cur := d.Currency
	if cur == "" {
		cur = "in your currency"
	}
	return fmt.Sprintf("Add *%s* %s %s on %s?", chat.EscapeMarkdownV2(d.Description), chat.EscapeMarkdownV2(d.Amount),
		chat.EscapeMarkdownV2(cur), chat.EscapeMarkdownV2(d.Date.Format("Mon 2 Jan")))
}

func button(ctx workflow.Context, st *ConversationState, in Incoming) (Reply, error) {
	edit := func(s string) Reply { return Reply{Text: s, EditMessageID: in.MessageID} }
	data := in.CallbackData
	switch {
	case data == "add" && st.Flow == flowConfirm:
		var r activities.ExpenseResult
		err := workflow.ExecuteActivity(ctx, a.SubmitExpense, activities.ExpenseInput{
			UserID: st.User.UserID, Key: fmt.Sprintf("telegram:%d:%d", st.ChatID, st.DraftID),
			Date: st.Draft.Date.Format("2006-01-02"), Amount: st.Draft.Amount, Currency: st.Draft.Currency, Description: st.Draft.Description,
		}).Get(ctx, &r)
		if err != nil {
			var appErr *temporal.ApplicationError
			if errors.As(err, &appErr) && appErr.Type() == activities.ErrInvalid {
				st.Flow = flowEdit
				return edit(chat.EscapeMarkdownV2(appErr.Message()) + "\\. Send it again, or /cancel\\."), nil
			}
			return Reply{}, err
		}
		st.Flow, st.LastTxn = flowNone, r.TransactionID
		return Reply{EditMessageID: in.MessageID,
			Text: fmt.Sprintf("Added *%s* %s %s → *%s*", chat.EscapeMarkdownV2(st.Draft.Description), chat.EscapeMarkdownV2(r.Amount),
				r.Currency, chat.EscapeMarkdownV2(r.Category)),
			Keyboard: [][]Button{{{"Change category", "change:" + r.TransactionID.String()}}}}, nil
	case data == "edit" && st.Flow == flowConfirm:
		st.Flow = flowEdit
		return edit("Send the expense again, like `coffee 4.50`\\."), nil
	case data == "cancel":
		st.Flow = flowNone
		return edit("Cancelled\\."), nil
	case strings.HasPrefix(data, "change:"):
		id := strings.TrimPrefix(data, "change:")
		var rows [][]Button
		for i := 0; i < len(categorize.SystemCategories); i += 2 {
			var row []Button
			for _, c := range categorize.SystemCategories[i:min(i+2, len(categorize.SystemCategories))] {
				row = append(row, Button{c, "cat:" + id + ":" + c})
			}
			rows = append(rows, row)
		}
		return Reply{EditMessageID: in.MessageID, Text: "Which category?", Keyboard: rows}, nil
	case strings.HasPrefix(data, "cat:"):
		parts := strings.SplitN(data, ":", 3)
		id, err := uuid.Parse(parts[1])
		if err != nil || len(parts) != 3 {
			return edit("That button is out of date\\."), nil
		}
		if err := workflow.ExecuteActivity(ctx, a.CorrectCategory, activities.CorrectInput{UserID: st.User.UserID, TransactionID: id, Category: parts[2]}).Get(ctx, nil); err != nil {
			return Reply{}, err
		}
		return edit("Filed under *" + chat.EscapeMarkdownV2(parts[2]) + "*\\. I'll remember that\\."), nil
	}
	return edit("That button is out of date\\."), nil
}
