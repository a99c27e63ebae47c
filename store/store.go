// Package store is Aithena's PostgreSQL data layer. Every query that reads or writes a user's
// data takes the user's ID and filters by it: tenant isolation lives here, in one place.
package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	pgxvec "github.com/pgvector/pgvector-go/pgx"
)

// ErrNotFound is returned when a row does not exist for this user.
var ErrNotFound = errors.New("not found")

// Store wraps a connection pool.
type Store struct {
	Pool *pgxpool.Pool
}

// Open connects to PostgreSQL; the vector type must already exist (run migrations first).
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	cfg.AfterConnect = func(ctx context.Context, conn *pgx.Conn) error {
		if err := pgxvec.RegisterTypes(ctx, conn); err != nil {
			return err
		}
		// With a per-user filter an HNSW scan could otherwise return fewer than k rows.
		_, err := conn.Exec(ctx, "SET hnsw.iterative_scan = strict_order")
		return err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	return &Store{Pool: pool}, nil
}

// Close releases the pool.
func (s *Store) Close() { s.Pool.Close() }

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.Pool.Ping(ctx) }

// inTx runs fn in one database transaction.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.Pool, fn)
}

func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// quote puts one of vocab's words into SQL text as a literal. Only those fixed words go in
// this way, never input: the SQL stays readable (ask answers show theirs) and each word is
// still written in one place.
func quote[T ~string](w T) string { return "'" + string(w) + "'" }
