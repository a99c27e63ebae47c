package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// User is an owner of money data.
type User struct {
	ID       uuid.UUID
	Name     string
	Email    string
	Currency string
}

// Account is one of a user's bank accounts or cards.
type Account struct {
	ID       uuid.UUID `json:"id"`
	Name     string    `json:"name"`
	Currency string    `json:"currency"`
}

// EnsureUser returns the user with this email, creating it first if needed.
func (s *Store) EnsureUser(ctx context.Context, name, email, currency string) (User, error) {
	var u User
	err := s.Pool.QueryRow(ctx, `
		INSERT INTO users (name, email, currency) VALUES ($1, $2, $3)
		ON CONFLICT (email) DO UPDATE SET name = users.name
		RETURNING id, name, email, currency`, name, email, currency).Scan(&u.ID, &u.Name, &u.Email, &u.Currency)
	return u, err
}

// HashAPIKey is how keys are stored: keys are 256 random bits, so a plain SHA-256 is enough.
func HashAPIKey(key string) []byte {
	h := sha256.Sum256([]byte(key))
	return h[:]
}

// NewAPIKey makes a random key for the user and stores only its hash.
func (s *Store) NewAPIKey(ctx context.Context, userID uuid.UUID, name string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	key := "ak_" + base64.RawURLEncoding.EncodeToString(b)
	return key, s.AddAPIKey(ctx, userID, name, key)
}

// AddAPIKey stores a key chosen by the caller (the demo user's well-known key); idempotent.
func (s *Store) AddAPIKey(ctx context.Context, userID uuid.UUID, name, key string) error {
	_, err := s.Pool.Exec(ctx, `
		INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key_hash) DO NOTHING`, userID, name, key[:min(len(key), 8)], HashAPIKey(key))
	return err
}

// UserByAPIKey authenticates a key.
func (s *Store) UserByAPIKey(ctx context.Context, key string) (User, error) {
	var u User
	err := s.Pool.QueryRow(ctx, `
		UPDATE api_keys k SET last_used_at = now()
		FROM users u
		WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND u.id = k.user_id
		RETURNING u.id, u.name, u.email, u.currency`, HashAPIKey(key)).Scan(&u.ID, &u.Name, &u.Email, &u.Currency)
	return u, notFound(err)
}

// EnsureAccount returns the user's account with this name, creating it if needed.
func (s *Store) EnsureAccount(ctx context.Context, userID uuid.UUID, name, currency string) (Account, error) {
	var a Account
	err := s.Pool.QueryRow(ctx, `
		INSERT INTO accounts (user_id, name, currency) VALUES ($1, $2, $3)
		ON CONFLICT (user_id, name) DO UPDATE SET name = accounts.name
		RETURNING id, name, currency`, userID, name, currency).Scan(&a.ID, &a.Name, &a.Currency)
	return a, err
}

// Account finds a user's account by name or ID; an empty ref means the user's first account.
func (s *Store) Account(ctx context.Context, userID uuid.UUID, ref string) (Account, error) {
	var a Account
	var err error
	if ref == "" {
		err = s.Pool.QueryRow(ctx, `SELECT id, name, currency FROM accounts WHERE user_id = $1
			ORDER BY created_at, name LIMIT 1`, userID).Scan(&a.ID, &a.Name, &a.Currency)
	} else {
		id, perr := uuid.Parse(ref)
		if perr != nil {
			id = uuid.Nil
		}
		err = s.Pool.QueryRow(ctx, `SELECT id, name, currency FROM accounts
			WHERE user_id = $1 AND (name = $2 OR id = $3)`, userID, ref, id).Scan(&a.ID, &a.Name, &a.Currency)
	}
	return a, notFound(err)
}

// Accounts lists the user's accounts.
func (s *Store) Accounts(ctx context.Context, userID uuid.UUID) ([]Account, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id, name, currency FROM accounts WHERE user_id = $1 ORDER BY created_at, name`, userID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Account, error) {
		var a Account
		return a, r.Scan(&a.ID, &a.Name, &a.Currency)
	})
}

// Category is a system category (Owned false) or one of the user's own.
type Category struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Owned       bool   `json:"custom"`
}

// Categories lists the system categories and the user's own.
func (s *Store) Categories(ctx context.Context, userID uuid.UUID) ([]Category, error) {
	rows, err := s.Pool.Query(ctx, `SELECT name, description, user_id IS NOT NULL FROM categories
		WHERE user_id IS NULL OR user_id = $1 ORDER BY user_id NULLS FIRST, name`, userID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Category, error) {
		var c Category
		return c, r.Scan(&c.Name, &c.Description, &c.Owned)
	})
}

// CategoryExists tells whether the name is a system category or one of the user's own.
func (s *Store) CategoryExists(ctx context.Context, userID uuid.UUID, name string) (bool, error) {
	var ok bool
	err := s.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM categories
		WHERE name = $2 AND (user_id IS NULL OR user_id = $1))`, userID, name).Scan(&ok)
	return ok, err
}

// ErrConflict is returned when a write collides with existing data.
var ErrConflict = errors.New("conflict")

// CreateCategory adds one of the user's own categories; creating the same one twice is fine.
func (s *Store) CreateCategory(ctx context.Context, userID uuid.UUID, name, description string) (Category, error) {
	var system bool
	if err := s.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM categories WHERE user_id IS NULL AND name = $1)`, name).Scan(&system); err != nil {
		return Category{}, err
	}
	if system {
		return Category{}, ErrConflict
	}
	_, err := s.Pool.Exec(ctx, `INSERT INTO categories (user_id, name, description) VALUES ($1, $2, $3)
		ON CONFLICT (user_id, name) WHERE user_id IS NOT NULL DO UPDATE SET description = EXCLUDED.description`, userID, name, description)
	return Category{Name: name, Description: description, Owned: true}, err
}

// RuleRow is a stored rule.
type RuleRow struct {
	ID        uuid.UUID `json:"id"`
	Pattern   string    `json:"pattern"`
	Category  string    `json:"category"`
	Priority  int       `json:"priority"`
	CreatedAt time.Time `json:"created_at"`
}

// UpsertRule stores a rule; the same pattern again replaces its category and priority.
func (s *Store) UpsertRule(ctx context.Context, userID uuid.UUID, pattern, category string, priority int) (RuleRow, error) {
	var r RuleRow
	err := s.Pool.QueryRow(ctx, `INSERT INTO category_rules (user_id, pattern, category, priority) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id, pattern) DO UPDATE SET category = EXCLUDED.category, priority = EXCLUDED.priority
		RETURNING id, pattern, category, priority, created_at`, userID, pattern, category, priority).
		Scan(&r.ID, &r.Pattern, &r.Category, &r.Priority, &r.CreatedAt)
	return r, err
}

// ListRules lists the user's rules, highest priority first.
func (s *Store) ListRules(ctx context.Context, userID uuid.UUID) ([]RuleRow, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id, pattern, category, priority, created_at FROM category_rules
		WHERE user_id = $1 ORDER BY priority DESC, created_at`, userID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (RuleRow, error) {
		var x RuleRow
		return x, r.Scan(&x.ID, &x.Pattern, &x.Category, &x.Priority, &x.CreatedAt)
	})
}

// DeleteUser removes a user and, by cascade, all their data.
func (s *Store) DeleteUser(ctx context.Context, id uuid.UUID) error {
	_, err := s.Pool.Exec(ctx, `DELETE FROM users WHERE id = $1`, id)
	return err
}
