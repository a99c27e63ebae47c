package store

import (
	"context"
	"time"

	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Alert is a message for the owner; review_category alerts form the review queue.
type Alert struct {
	ID            uuid.UUID        `json:"id"`
	TransactionID *uuid.UUID       `json:"transaction_id,omitempty"`
	Kind          vocab.AlertKind  `json:"kind"`
	Severity      vocab.Severity   `json:"severity"`
	Message       string           `json:"message"`
	Status        vocab.AlertState `json:"status"`
	CreatedAt     time.Time        `json:"created_at"`
}

// NewAlert is an alert to raise; DedupeKey makes raising it twice a no-op.
type NewAlert struct {
	UserID        uuid.UUID
	TransactionID *uuid.UUID
	Kind          vocab.AlertKind
	Severity      vocab.Severity
	Message       string
	DedupeKey     string
}

// RaiseAlert stores the alert unless one with the same dedupe key exists; it reports whether it was new.
func (s *Store) RaiseAlert(ctx context.Context, a NewAlert) (bool, error) {
	tag, err := s.Pool.Exec(ctx, `INSERT INTO alerts (user_id, transaction_id, kind, severity, message, dedupe_key)
		VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
		a.UserID, a.TransactionID, a.Kind, a.Severity, a.Message, a.DedupeKey)
	return tag.RowsAffected() == 1, err
}

// alertColumns are an alert's columns (table alias a), in the order of Alert.fields.
const alertColumns = `a.id, a.transaction_id, a.kind, a.severity, a.message, a.status, a.created_at`

// fields are the scan targets of alertColumns.
func (a *Alert) fields() []any {
	return []any{&a.ID, &a.TransactionID, &a.Kind, &a.Severity, &a.Message, &a.Status, &a.CreatedAt}
}

// Alerts lists the user's alerts, newest first; an empty status or kind means all.
func (s *Store) Alerts(ctx context.Context, userID uuid.UUID, status vocab.AlertState, kind vocab.AlertKind, limit int) ([]Alert, error) {
	rows, err := s.Pool.Query(ctx, `SELECT `+alertColumns+` FROM alerts a
		WHERE user_id = $1 AND ($2 = '' OR status = $2) AND ($3 = '' OR kind = $3)
		ORDER BY created_at DESC, id LIMIT $4`, userID, status, kind, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Alert, error) {
		var a Alert
		return a, r.Scan(a.fields()...)
	})
}
