package store

import (
	"context"

	"github.com/aithena/aithena/flags"
	"github.com/jackc/pgx/v5"
)

// Flag returns a flag's setting; an unknown flag is off.
func (s *Store) Flag(ctx context.Context, name string) (flags.Flag, error) {
	f := flags.Flag{Name: name}
	err := s.Pool.QueryRow(ctx, `SELECT enabled, percentage FROM feature_flags WHERE name = $1`, name).Scan(&f.Enabled, &f.Percentage)
	if err == pgx.ErrNoRows {
		return f, nil
	}
	return f, err
}

// SetFlag stores a flag's setting.
func (s *Store) SetFlag(ctx context.Context, f flags.Flag) error {
	_, err := s.Pool.Exec(ctx, `INSERT INTO feature_flags (name, enabled, percentage) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, percentage = EXCLUDED.percentage, updated_at = now()`,
		f.Name, f.Enabled, f.Percentage)
	return err
}

// Flags lists every flag.
func (s *Store) Flags(ctx context.Context) ([]flags.Flag, error) {
	rows, err := s.Pool.Query(ctx, `SELECT name, enabled, percentage FROM feature_flags ORDER BY name`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (flags.Flag, error) {
		var f flags.Flag
		return f, r.Scan(&f.Name, &f.Enabled, &f.Percentage)
	})
}
