package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"strings"
	"time"

	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// ErrBadCode is returned for a link code that is unknown, expired or used by another chat.
var ErrBadCode = errors.New("the code is unknown, expired or already used")

const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" // no 0/O or 1/I to misread

func hashCode(code string) []byte {
	h := sha256.Sum256([]byte(strings.ToUpper(strings.TrimSpace(code))))
	return h[:]
}

// NewLinkCode makes a one-time code, valid for ttl, that links a Telegram chat to the user.
func (s *Store) NewLinkCode(ctx context.Context, userID uuid.UUID, ttl time.Duration) (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	code := string(b)
	_, err := s.Pool.Exec(ctx, `INSERT INTO link_codes (code_hash, user_id, expires_at) VALUES ($1, $2, $3)`,
		hashCode(code), userID, time.Now().Add(ttl))
	return code, err
}

// LinkChat uses a code to link the chat to the code's user. Using the same code again from
// the same chat is fine (a retried update); from another chat it is refused.
func (s *Store) LinkChat(ctx context.Context, chatID int64, code string) (User, error) {
	var u User
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var userID uuid.UUID
		err := tx.QueryRow(ctx, `UPDATE link_codes SET used_by = $2, used_at = coalesce(used_at, now())
			WHERE code_hash = $1 AND expires_at > now() AND (used_by IS NULL OR used_by = $2) RETURNING user_id`,
			hashCode(code), chatID).Scan(&userID)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrBadCode
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO telegram_chats (chat_id, user_id) VALUES ($1, $2)
			ON CONFLICT (chat_id) DO UPDATE SET user_id = EXCLUDED.user_id, linked_at = now()`, chatID, userID); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT id, name, email, currency FROM users WHERE id = $1`, userID).Scan(&u.ID, &u.Name, &u.Email, &u.Currency)
	})
	return u, err
}

// ChatUser returns the user a chat is linked to.
func (s *Store) ChatUser(ctx context.Context, chatID int64) (User, error) {
	var u User
	err := s.Pool.QueryRow(ctx, `SELECT u.id, u.name, u.email, u.currency FROM telegram_chats c JOIN users u ON u.id = c.user_id
		WHERE c.chat_id = $1`, chatID).Scan(&u.ID, &u.Name, &u.Email, &u.Currency)
	return u, notFound(err)
}

// Delivery is an alert still to be sent to one of the user's chats.
type Delivery struct {
	Alert  Alert
	ChatID int64
}

// Undelivered lists the user's open alerts of the given kinds that a linked chat has not had
// yet, oldest first. Only alerts raised after the chat was linked and within maxAge count, and
// of a transaction only if it was posted in the last week: linking a chat, a bot coming back
// after days, or importing last year's statement must not flood it with old news.
func (s *Store) Undelivered(ctx context.Context, userID uuid.UUID, kinds []vocab.AlertKind, maxAge time.Duration) ([]Delivery, error) {
	rows, err := s.Pool.Query(ctx, `SELECT `+alertColumns+`, c.chat_id
		FROM alerts a JOIN telegram_chats c ON c.user_id = a.user_id
		LEFT JOIN transactions t ON t.id = a.transaction_id
		WHERE a.user_id = $1 AND a.status = $4 AND a.kind = ANY($2)
		  AND a.created_at >= c.linked_at AND a.created_at > now() - $3::interval
		  AND (t.id IS NULL OR t.posted_at >= current_date - 7)
		  AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.chat_id = c.chat_id)
		ORDER BY a.created_at, a.id, c.chat_id`, userID, kinds, maxAge, vocab.AlertOpen)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Delivery, error) {
		var d Delivery
		return d, r.Scan(append(d.Alert.fields(), &d.ChatID)...)
	})
}

// Deliver sends an alert to a chat once. The delivery row is written in the transaction that
// calls send, so a concurrent delivery of the same alert waits and then skips it, and a
// failed send leaves no row behind. A crash between Telegram's acceptance and the commit
// sends it again: at least once, never lost, which suits "Was this you?" better than at
// most once. It reports whether this call sent it.
func (s *Store) Deliver(ctx context.Context, alertID uuid.UUID, chatID int64, send func() (messageID int, err error)) (bool, error) {
	sent := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO alert_deliveries (alert_id, chat_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, alertID, chatID)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		id, err := send()
		if err != nil {
			return err
		}
		sent = true
		_, err = tx.Exec(ctx, `UPDATE alert_deliveries SET message_id = $3 WHERE alert_id = $1 AND chat_id = $2`, alertID, chatID, id)
		return err
	})
	return sent && err == nil, err
}
