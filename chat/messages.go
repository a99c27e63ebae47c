package chat

import (
	"strings"
	"unicode/utf8"
)

// Button is an inline keyboard button: its label and the callback data it sends back.
type Button struct {
	Text string
	Data string
}

// Rows lays buttons out as a keyboard, n to a row.
func Rows(buttons []Button, n int) [][]Button {
	var rows [][]Button
	for len(buttons) > n {
		rows, buttons = append(rows, buttons[:n:n]), buttons[n:]
	}
	if len(buttons) > 0 {
		rows = append(rows, buttons)
	}
	return rows
}

// Table lays rows out in columns for a monospace block (Code): the first column left-aligned,
// the others right-aligned, as numbers read best.
func Table(header []string, rows [][]string) string {
	all := append([][]string{header}, rows...)
	width := make([]int, len(header))
	for _, r := range all {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	line := func(r []string) {
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			switch {
			case i == 0:
				b.WriteString(c + pad)
			default:
				b.WriteString("  " + pad + c)
			}
		}
		b.WriteString("\n")
	}
	line(header)
	total := 0
	for _, w := range width {
		total += w + 2
	}
	b.WriteString(strings.Repeat("-", total-2) + "\n")
	for _, r := range rows {
		line(r)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// alertTitles head the alerts pushed to a chat.
var alertTitles = map[string]string{
	"fraud_suspected":             "🚨 Suspicious payment",
	"fraud_escalated":             "🚨 Still no answer on a suspicious payment",
	"possible_duplicate":          "⚠️ Possible duplicate",
	"budget_exceeded":             "⚠️ Budget exceeded",
	"budget_at_risk":              "📈 Budget at risk",
	"above_forecast":              "📈 Spending above usual",
	"upcoming_charge":             "📅 Upcoming charge",
	"new_subscription":            "🔁 New subscription",
	"subscription_price_increase": "🔁 Subscription price went up",
}

// ReviewData is the callback data of a verdict button on a suspicious payment.
func ReviewData(txnID, verdict string) string { return "review:" + txnID + ":" + verdict }

// AlertMessage is how an alert reads in a chat. A suspicious payment gets the buttons that
// answer it ("legit" or "fraud" as the verdict).
func AlertMessage(kind, message, txnID string) (string, [][]Button) {
	title, ok := alertTitles[kind]
	if !ok {
		title = "🔔 " + kind
	}
	text := "*" + EscapeMarkdownV2(title) + "*\n" + EscapeMarkdownV2(message)
	if (kind == "fraud_suspected" || kind == "fraud_escalated") && txnID != "" {
		return text, [][]Button{{{"✅ Yes, it was me", ReviewData(txnID, "legit")}, {"🚫 No, it's fraud", ReviewData(txnID, "fraud")}}}
	}
	return text, nil
}
