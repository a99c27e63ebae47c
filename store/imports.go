package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Import is an uploaded file and, once finished, its outcome.
type Import struct {
	ID         uuid.UUID
	UserID     uuid.UUID
	AccountID  uuid.UUID
	Filename   string
	Status     string
	TotalRows  int
	Accepted   int
	Rejected   json.RawMessage
	CreatedAt  time.Time
	FinishedAt *time.Time
}

// CreateImport stores an uploaded file; the same ID again keeps the first upload.
func (s *Store) CreateImport(ctx context.Context, id, userID, accountID uuid.UUID, filename string, content []byte) error {
	_, err := s.Pool.Exec(ctx, `INSERT INTO imports (id, user_id, account_id, filename, content)
		VALUES ($1,$2,$3,$4,$5) ON CONFLICT (id) DO NOTHING`, id, userID, accountID, filename, content)
	return err
}

// ImportContent returns the uploaded bytes.
func (s *Store) ImportContent(ctx context.Context, userID, id uuid.UUID) ([]byte, error) {
	var b []byte
	err := s.Pool.QueryRow(ctx, `SELECT content FROM imports WHERE user_id = $1 AND id = $2`, userID, id).Scan(&b)
	return b, notFound(err)
}

// Import returns an import's record.
func (s *Store) Import(ctx context.Context, userID, id uuid.UUID) (Import, error) {
	var im Import
	err := s.Pool.QueryRow(ctx, `SELECT id, user_id, account_id, filename, status, total_rows, accepted, rejected,
		created_at, finished_at FROM imports WHERE user_id = $1 AND id = $2`, userID, id).
		Scan(&im.ID, &im.UserID, &im.AccountID, &im.Filename, &im.Status, &im.TotalRows, &im.Accepted, &im.Rejected,
			&im.CreatedAt, &im.FinishedAt)
	return im, notFound(err)
}

// FinishImport records the outcome of an import.
func (s *Store) FinishImport(ctx context.Context, userID, id uuid.UUID, total, accepted int, rejected any) error {
	b, err := json.Marshal(rejected)
	if err != nil {
		return err
	}
	_, err = s.Pool.Exec(ctx, `UPDATE imports SET status = 'completed', total_rows = $3, accepted = $4,
		rejected = $5, finished_at = coalesce(finished_at, now()) WHERE user_id = $1 AND id = $2`,
		userID, id, total, accepted, b)
	return err
}
