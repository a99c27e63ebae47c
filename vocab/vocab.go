// Package vocab holds the words Aithena's parts share: a transaction's status and pipeline
// step, the owner's fraud verdict, and the kinds, severities and states of alerts. Each is a
// typed constant declared once here and used by the store, the workflows, the activities, the
// API (and its OpenAPI enums, which a test compares with these lists) and the chat.
// The package imports nothing of the project, so any package may use it.
package vocab

// Status is where a stored transaction stands.
type Status string

const (
	// StatusProcessing is an accepted transaction whose pipeline has not stored it yet; the
	// API shows it, the database never holds it.
	StatusProcessing  Status = "processing"
	StatusCategorized Status = "categorized"
	StatusNeedsReview Status = "needs_review"
	// StatusFlagged: the fraud score is at or above the threshold; the owner's verdict is awaited.
	StatusFlagged Status = "flagged"
	// StatusEscalated: flagged, and no verdict came in time.
	StatusEscalated Status = "escalated"
	// StatusFraud: the owner said it was not them.
	StatusFraud Status = "fraud"
)

// StoredStatuses are the statuses a stored transaction can have.
func StoredStatuses() []Status {
	return []Status{StatusCategorized, StatusNeedsReview, StatusFlagged, StatusEscalated, StatusFraud}
}

// Verdict is the owner's answer on a flagged payment.
type Verdict string

const (
	VerdictLegit Verdict = "legit"
	VerdictFraud Verdict = "fraud"
	// VerdictEscalated is not an answer: it is what a review ends with when none came in time.
	VerdictEscalated Verdict = "escalated"
)

// OwnerVerdicts are the answers an owner can give.
func OwnerVerdicts() []Verdict { return []Verdict{VerdictLegit, VerdictFraud} }

// Valid tells whether v is an answer an owner can give.
func (v Verdict) Valid() bool { return v == VerdictLegit || v == VerdictFraud }

// Step is how far a transaction has come through the pipeline, in this order.
type Step string

const (
	StepValidate   Step = "validate"
	StepDedupe     Step = "dedupe"
	StepEmbed      Step = "embed"
	StepCategorize Step = "categorize"
	StepAgent      Step = "agent"
	StepFraud      Step = "fraud"
	StepPersist    Step = "persist"
	StepAlert      Step = "alert"
	StepReview     Step = "awaiting_review"
	StepDone       Step = "done"
)

// Steps lists every step in pipeline order.
func Steps() []Step {
	return []Step{StepValidate, StepDedupe, StepEmbed, StepCategorize, StepAgent, StepFraud, StepPersist,
		StepAlert, StepReview, StepDone}
}

// AlertKind is what an alert is about.
type AlertKind string

const (
	// AlertReviewCategory: a low-confidence category; these alerts are the review queue.
	AlertReviewCategory    AlertKind = "review_category"
	AlertPossibleDuplicate AlertKind = "possible_duplicate"
	AlertFraudSuspected    AlertKind = "fraud_suspected"
	AlertFraudEscalated    AlertKind = "fraud_escalated"
	AlertBudgetAtRisk      AlertKind = "budget_at_risk"
	AlertBudgetExceeded    AlertKind = "budget_exceeded"
	AlertAboveForecast     AlertKind = "above_forecast"
	AlertUpcomingCharge    AlertKind = "upcoming_charge"
	AlertNewSubscription   AlertKind = "new_subscription"
	AlertPriceIncrease     AlertKind = "subscription_price_increase"
)

// AlertKinds lists every kind.
func AlertKinds() []AlertKind {
	return []AlertKind{AlertReviewCategory, AlertPossibleDuplicate, AlertFraudSuspected, AlertFraudEscalated,
		AlertBudgetAtRisk, AlertBudgetExceeded, AlertAboveForecast, AlertUpcomingCharge, AlertNewSubscription,
		AlertPriceIncrease}
}

// PushedAlertKinds are the kinds sent to the owner's linked chats as they are raised. The
// categorization review queue is not pushed: it waits at GET /v1/alerts.
func PushedAlertKinds() []AlertKind {
	var out []AlertKind
	for _, k := range AlertKinds() {
		if k.Pushed() {
			out = append(out, k)
		}
	}
	return out
}

// Pushed tells whether alerts of this kind go to the owner's chats.
func (k AlertKind) Pushed() bool { return k != AlertReviewCategory }

// AnyPushed tells whether any of the kinds is pushed to chats.
func AnyPushed(kinds []AlertKind) bool {
	for _, k := range kinds {
		if k.Pushed() {
			return true
		}
	}
	return false
}

// Severity is how urgent an alert is.
type Severity string

const (
	SeverityInfo     Severity = "info"
	SeverityWarning  Severity = "warning"
	SeverityCritical Severity = "critical"
)

// Severities lists every severity.
func Severities() []Severity { return []Severity{SeverityInfo, SeverityWarning, SeverityCritical} }

// AlertState is what the owner has done with an alert.
type AlertState string

const (
	AlertOpen      AlertState = "open"
	AlertRead      AlertState = "read"
	AlertDismissed AlertState = "dismissed"
	// AlertResolved: the question it asked is answered (a fraud alert once a verdict is in).
	AlertResolved AlertState = "resolved"
)

// AlertStates lists every state.
func AlertStates() []AlertState {
	return []AlertState{AlertOpen, AlertRead, AlertDismissed, AlertResolved}
}

// OwnerSettable tells whether the owner may move an alert to this state.
func (s AlertState) OwnerSettable() bool { return s == AlertRead || s == AlertDismissed }
