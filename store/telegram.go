package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"strings"
	"time"

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
