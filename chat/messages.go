package chat

import (
	"strings"
	"unicode/utf8"

	"github.com/aithena/aithena/vocab"
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
var alertTitles = map[vocab.AlertKind]string{
	vocab.AlertFraudSuspected:    "🚨 Suspicious payment",
	vocab.AlertFraudEscalated:    "🚨 Still no answer on a suspicious payment",
	vocab.AlertPossibleDuplicate: "⚠️ Possible duplicate",
	vocab.AlertBudgetExceeded:    "⚠️ Budget exceeded",
	vocab.AlertBudgetAtRisk:      "📈 Budget at risk",
	vocab.AlertAboveForecast:     "📈 Spending above usual",
	vocab.AlertUpcomingCharge:    "📅 Upcoming charge",
	vocab.AlertNewSubscription:   "🔁 New subscription",
	vocab.AlertPriceIncrease:     "🔁 Subscription price went up",
}

// ReviewData is the callback data of a verdict button on a suspicious payment.
func ReviewData(txnID string, verdict vocab.Verdict) string {
	return "review:" + txnID + ":" + string(verdict)
}

// AlertMessage is how an alert reads in a chat. A suspicious payment gets the buttons that
// answer it (the verdict legit or fraud).
func AlertMessage(kind vocab.AlertKind, message, txnID string) (string, [][]Button) {
	title, ok := alertTitles[kind]
	if !ok {
		title = "🔔 " + string(kind)
	}
	text := "*" + EscapeMarkdownV2(title) + "*\n" + EscapeMarkdownV2(message)
	if (kind == vocab.AlertFraudSuspected || kind == vocab.AlertFraudEscalated) && txnID != "" {
		return text, [][]Button{{{"✅ Yes, it was me", ReviewData(txnID, vocab.VerdictLegit)}, {"🚫 No, it's fraud", ReviewData(txnID, vocab.VerdictFraud)}}}
	}
	return text, nil
}
