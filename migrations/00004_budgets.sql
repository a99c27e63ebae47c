-- +goose Up
-- A monthly spending budget per category, in minor units of the user's currency.
CREATE TABLE budgets (
    user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category     text NOT NULL,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency     char(3) NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, category)
);

-- +goose Down
DROP TABLE budgets;
