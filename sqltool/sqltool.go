// Package sqltool runs one SELECT written by a language model for one user, safely: the query
// is checked by PostgreSQL's own parser (libpg_query), then runs in a READ ONLY transaction as
// a role that can read a few tables only, with row-level security confining every row to the
// user, a statement timeout and a row limit. Any one of these layers would stop most abuse;
// together they stop a query that a prompt injection wrote from reaching anyone else's data or
// changing anything.
package sqltool

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	pg "github.com/pganalyze/pg_query_go/v6"
)

// Role is the database role queries run as (see migrations/00005_reader.sql).
const Role = "aithena_reader"

// Tables the tool may read; row-level security limits each to the user's rows.
var Tables = map[string]bool{"transactions": true, "accounts": true, "budgets": true, "categories": true}

// functions a query may call: aggregates and plain scalar functions. Anything else (set_config,
// pg_sleep, dblink, pg_read_file, lo_import, ...) is refused.
var functions = map[string]bool{
	"count": true, "sum": true, "avg": true, "min": true, "max": true, "abs": true, "round": true, "floor": true,
	"ceil": true, "date_trunc": true, "date_part": true, "extract": true, "lower": true, "upper": true, "length": true,
	"substring": true, "substr": true, "trim": true, "btrim": true, "to_char": true, "now": true, "percentile_cont": true,
	"percentile_disc": true, "string_agg": true, "array_agg": true, "stddev": true, "variance": true, "bool_and": true,
	"bool_or": true, "make_date": true, "age": true, "concat": true, "replace": true, "position": true, "sign": true,
	"mode": true, "median": true, "trunc": true,
}

// ErrRefused is wrapped by every check failure.
var ErrRefused = errors.New("query refused")

func refuse(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrRefused, fmt.Sprintf(format, a...))
}

// Check parses sql and accepts exactly one plain SELECT over the allowed tables and functions.
func Check(sql string) error {
	tree, err := pg.ParseToJSON(sql)
	if err != nil {
		return refuse("not valid SQL: %v", err)
	}
	var doc struct {
		Stmts []struct {
			Stmt map[string]json.RawMessage `json:"stmt"`
		} `json:"stmts"`
	}
	if err := json.Unmarshal([]byte(tree), &doc); err != nil {
		return err
	}
	if len(doc.Stmts) != 1 {
		return refuse("exactly one statement is allowed, got %d", len(doc.Stmts))
	}
	sel, ok := doc.Stmts[0].Stmt["SelectStmt"]
	if !ok {
		for k := range doc.Stmts[0].Stmt {
			return refuse("only SELECT is allowed, not %s", strings.TrimSuffix(k, "Stmt"))
		}
	}
	var root any
	if err := json.Unmarshal(sel, &root); err != nil {
		return err
	}
	ctes := map[string]bool{}
	collectCTEs(root, ctes)
	return walk(root, ctes)
}

func collectCTEs(n any, ctes map[string]bool) {
	switch v := n.(type) {
	case map[string]any:
		if c, ok := v["CommonTableExpr"].(map[string]any); ok {
			if name, ok := c["ctename"].(string); ok {
				ctes[name] = true
			}
		}
		for _, x := range v {
			collectCTEs(x, ctes)
		}
	case []any:
		for _, x := range v {
			collectCTEs(x, ctes)
		}
	}
}

func walk(n any, ctes map[string]bool) error {
	switch v := n.(type) {
	case map[string]any:
		for k, x := range v {
			switch k {
			case "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt":
				return refuse("data-modifying statements are not allowed")
			case "intoClause":
				return refuse("SELECT INTO is not allowed")
			case "lockingClause":
				return refuse("FOR UPDATE/SHARE is not allowed")
			case "RangeFunction":
				return refuse("functions in FROM are not allowed")
			case "RangeVar":
				rv, _ := x.(map[string]any)
				name, _ := rv["relname"].(string)
				schema, _ := rv["schemaname"].(string)
				if (schema != "" && schema != "public") || (!Tables[name] && !(schema == "" && ctes[name])) {
					return refuse("table %q is not available; use %s", strings.Trim(schema+"."+name, "."), tableList())
				}
			case "FuncCall":
				fc, _ := x.(map[string]any)
				if name := funcName(fc); !functions[name] {
					return refuse("function %q is not allowed", name)
				}
			}
			if err := walk(x, ctes); err != nil {
				return err
			}
		}
	case []any:
		for _, x := range v {
			if err := walk(x, ctes); err != nil {
				return err
			}
		}
	}
	return nil
}

func funcName(fc map[string]any) string {
	parts, _ := fc["funcname"].([]any)
	var names []string
	for _, p := range parts {
		if m, ok := p.(map[string]any); ok {
			if s, ok := m["String"].(map[string]any); ok {
				if sv, ok := s["sval"].(string); ok {
					names = append(names, sv)
				}
			}
		}
	}
	if len(names) == 2 && names[0] == "pg_catalog" {
		return names[1]
	}
	return strings.Join(names, ".")
}

func tableList() string {
	return "transactions, accounts, budgets or categories"
}

// Tool runs checked queries.
type Tool struct {
	Pool    *pgxpool.Pool
	Timeout time.Duration // per statement; default 2s
	MaxRows int           // default 200
}

// Result is a query's answer.
type Result struct {
	Columns   []string `json:"columns"`
	Rows      [][]any  `json:"rows"`
	Truncated bool     `json:"truncated"`
}

// Query checks sql and runs it for the user.
func (t *Tool) Query(ctx context.Context, userID uuid.UUID, sql string) (Result, error) {
	sql = strings.TrimRight(strings.TrimSpace(sql), "; \n\t")
	if err := Check(sql); err != nil {
		return Result{}, err
	}
	timeout, limit := t.Timeout, t.MaxRows
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	if limit <= 0 {
		limit = 200
	}
	tx, err := t.Pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return Result{}, err
	}
	defer func() { _ = tx.Rollback(context.Background()) }()
	if _, err := tx.Exec(ctx, "SET LOCAL ROLE "+Role); err != nil {
		return Result{}, err
	}
	if _, err := tx.Exec(ctx, `SELECT set_config('aithena.user_id', $1, true), set_config('statement_timeout', $2, true)`,
		userID.String(), fmt.Sprint(timeout.Milliseconds())); err != nil {
		return Result{}, err
	}
	rows, err := tx.Query(ctx, "SELECT * FROM ("+sql+") AS q LIMIT $1", limit+1)
	if err != nil {
		return Result{}, err
	}
	defer rows.Close()
	var res Result
	for _, f := range rows.FieldDescriptions() {
		res.Columns = append(res.Columns, f.Name)
	}
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			return Result{}, err
		}
		if len(res.Rows) == limit {
			res.Truncated = true
			break
		}
		res.Rows = append(res.Rows, v)
	}
	return res, rows.Err()
}
