-- +goose Up
-- The merchant memory is read from the owner's confirmed transactions (counts per category and
-- sign), so the separate table of last corrections is no longer used.
DROP TABLE merchant_memory;

-- +goose Down
CREATE TABLE merchant_memory (
    user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    merchant_key   text NOT NULL,
    category       text NOT NULL,
    source_txn     uuid REFERENCES transactions(id) ON DELETE SET NULL,
    corrections    int NOT NULL DEFAULT 1,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, merchant_key)
);
