-- +goose Up
-- The role the ask SQL tool runs a model's query as: it can read only these tables, and row-
-- level security limits every row to the asking user (set per transaction in aithena.user_id).
-- The application role owns the tables, so its own queries are not affected.
-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aithena_reader') THEN
        CREATE ROLE aithena_reader NOLOGIN;
    END IF;
END
$$;
-- +goose StatementEnd
GRANT aithena_reader TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO aithena_reader;
GRANT SELECT ON transactions, accounts, budgets, categories TO aithena_reader;

ALTER TABLE transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY reader_own ON transactions FOR SELECT TO aithena_reader
    USING (user_id = nullif(current_setting('aithena.user_id', true), '')::uuid);
CREATE POLICY reader_own ON accounts FOR SELECT TO aithena_reader
    USING (user_id = nullif(current_setting('aithena.user_id', true), '')::uuid);
CREATE POLICY reader_own ON budgets FOR SELECT TO aithena_reader
    USING (user_id = nullif(current_setting('aithena.user_id', true), '')::uuid);
CREATE POLICY reader_own ON categories FOR SELECT TO aithena_reader
    USING (user_id IS NULL OR user_id = nullif(current_setting('aithena.user_id', true), '')::uuid);

-- +goose Down
DROP POLICY reader_own ON categories;
DROP POLICY reader_own ON budgets;
DROP POLICY reader_own ON accounts;
DROP POLICY reader_own ON transactions;
ALTER TABLE categories DISABLE ROW LEVEL SECURITY;
ALTER TABLE budgets DISABLE ROW LEVEL SECURITY;
ALTER TABLE accounts DISABLE ROW LEVEL SECURITY;
ALTER TABLE transactions DISABLE ROW LEVEL SECURITY;
REVOKE SELECT ON transactions, accounts, budgets, categories FROM aithena_reader;
REVOKE USAGE ON SCHEMA public FROM aithena_reader;
