// Package ledger is the transaction pipeline's domain logic: validation, duplicate detection,
// embedding, categorization, persistence and alerts. It knows nothing of HTTP or Temporal:
// the workflow runs each step as an activity, and imports run them all in one call.
package ledger

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aithena/aithena/money"
	"github.com/google/uuid"
)

// Submission is one transaction as accepted from a client or a file, after parsing.
type Submission struct {
	TransactionID  uuid.UUID  `json:"transaction_id"`
	UserID         uuid.UUID  `json:"user_id"`
	AccountID      uuid.UUID  `json:"account_id"`
	IdempotencyKey string     `json:"idempotency_key"`
	ImportID       *uuid.UUID `json:"import_id,omitempty"`
	PostedAt       time.Time  `json:"posted_at"`
	OccurredAt     *time.Time `json:"occurred_at,omitempty"`
	AmountMinor    int64      `json:"amount_minor"`
	Currency       string     `json:"currency"`
	Description    string     `json:"description"`
	WorkflowID     string     `json:"workflow_id"`
}

// Raw is a transaction as a client writes it, before parsing.
type Raw struct {
	Date        string
	Time        string // optional HH:MM or HH:MM:SS, UTC
	Amount      string
	Currency    string
	Description string
}

// FieldError names a field that is wrong and why.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ValidationError lists every field that is wrong.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	parts := make([]string, len(v))
	for i, f := range v {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid transaction: " + strings.Join(parts, "; ")
}

// Limits on what a transaction may hold.
const (
	MaxDescription = 500
	// MaxAmountMinor keeps sums of many transactions far from int64 overflow.
	MaxAmountMinor = 1_000_000_000_00
	maxFuture      = 7 * 24 * time.Hour
	oldest         = 1970
)

// TransactionID is derived from the user and the idempotency key, so the same request
// always names the same transaction.
func TransactionID(userID uuid.UUID, key string) uuid.UUID {
	return uuid.NewSHA1(userID, []byte("txn:"+key))
}

// TransactionWorkflowID names the workflow of a user's transaction; the user ID in it keeps
// one user from reaching another's workflow. (workflows.TransactionWorkflowIDFor is the same.)
func TransactionWorkflowID(userID, txnID uuid.UUID) string {
	return "txn-" + userID.String() + "-" + txnID.String()
}

// Parse turns a client's fields into amount, currency and date, naming each field that is wrong.
// prefix is prepended to field names (for items of a batch: "transactions[3].").
func Parse(r Raw, prefix string, now time.Time) (posted time.Time, occurred *time.Time, amount int64, currency string, err error) {
	var errs ValidationError
	bad := func(field, msg string) { errs = append(errs, FieldError{prefix + field, msg}) }

	currency = strings.ToUpper(strings.TrimSpace(r.Currency))
	exp, ok := money.Exponent(currency)
	switch {
	case currency == "":
		bad("currency", "is required (an ISO 4217 code such as USD)")
	case !ok:
		bad("currency", fmt.Sprintf("%q is not an ISO 4217 currency code", r.Currency))
	}
	if strings.TrimSpace(r.Amount) == "" {
		bad("amount", "is required (a decimal string such as \"-4.50\"; negative is money out)")
	} else if ok {
		// In JSON the decimal separator is always '.', so "4.505" is never read as 4505.
		a, perr := money.ParseWithDecimal(r.Amount, exp, '.')
		switch {
		case perr != nil:
			bad("amount", perr.Error())
		case a == 0:
			bad("amount", "must not be zero")
		case a > MaxAmountMinor || a < -MaxAmountMinor:
			bad("amount", "is too large")
		default:
			amount = a
		}
	}
	if strings.TrimSpace(r.Date) == "" {
		bad("date", "is required (YYYY-MM-DD)")
	} else if d, perr := time.Parse("2006-01-02", strings.TrimSpace(r.Date)); perr != nil {
		bad("date", fmt.Sprintf("%q is not a date in the form YYYY-MM-DD", r.Date))
	} else {
		posted = d
	}
	if msg := checkPosted(posted, now); msg != "" && !posted.IsZero() {
		bad("date", msg)
	}
	if msg := checkDescription(r.Description); msg != "" {
		bad("description", msg)
	}
	if t := strings.TrimSpace(r.Time); t != "" {
		clock, perr := time.Parse("15:04:05", t)
		if perr != nil {
			clock, perr = time.Parse("15:04", t)
		}
		if perr != nil {
			bad("time", fmt.Sprintf("%q is not a time of day in the form HH:MM", r.Time))
		} else if !posted.IsZero() {
			at := posted.Add(time.Duration(clock.Hour())*time.Hour + time.Duration(clock.Minute())*time.Minute + time.Duration(clock.Second())*time.Second)
			occurred = &at
		}
	}
	if errs != nil {
		return time.Time{}, nil, 0, "", errs
	}
	return posted, occurred, amount, currency, nil
}

func checkPosted(d, now time.Time) string {
	switch {
	case d.After(now.Add(maxFuture)):
		return "is more than a week in the future"
	case d.Year() < oldest:
		return "is before 1970"
	}
	return ""
}

func checkDescription(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "is required"
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	case utf8.RuneCountInString(s) > MaxDescription:
		return fmt.Sprintf("is longer than %d characters", MaxDescription)
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' }):
		return "contains control characters"
	}
	return ""
}

// Validate checks a parsed submission again inside the pipeline, so that a transaction from
// any source (API, import, bot) meets the same rules before it is stored.
func Validate(s Submission, now time.Time) error {
	var errs ValidationError
	bad := func(field, msg string) { errs = append(errs, FieldError{field, msg}) }
	if s.UserID == uuid.Nil {
		bad("user_id", "is required")
	}
	if s.AccountID == uuid.Nil {
		bad("account", "is required")
	}
	if strings.TrimSpace(s.IdempotencyKey) == "" {
		bad("idempotency_key", "is required")
	}
	if _, ok := money.Exponent(s.Currency); !ok {
		bad("currency", fmt.Sprintf("%q is not an ISO 4217 currency code", s.Currency))
	}
	if s.AmountMinor == 0 {
		bad("amount", "must not be zero")
	} else if s.AmountMinor > MaxAmountMinor || s.AmountMinor < -MaxAmountMinor {
		bad("amount", "is too large")
	}
	if s.PostedAt.IsZero() {
		bad("date", "is required")
	} else if msg := checkPosted(s.PostedAt, now); msg != "" {
		bad("date", msg)
	}
	if msg := checkDescription(s.Description); msg != "" {
		bad("description", msg)
	}
	if errs != nil {
		return errs
	}
	return nil
}
