-- +goose Up
-- When the client knows the time of day; scoring uses noon of posted_at otherwise.
ALTER TABLE transactions ADD COLUMN occurred_at timestamptz;
ALTER TABLE transactions ADD COLUMN fraud_score real;
ALTER TABLE transactions ADD COLUMN fraud_reasons jsonb NOT NULL DEFAULT '[]';
ALTER TABLE transactions ADD COLUMN fraud_model_version int;
-- Whether the detector flagged it, kept after the owner's verdict changes the status.
ALTER TABLE transactions ADD COLUMN fraud_flagged boolean NOT NULL DEFAULT false;

-- Versioned isolation forests; user_id NULL is the global (cold-start) model.
CREATE TABLE fraud_models (
    id            bigserial PRIMARY KEY,
    user_id       uuid REFERENCES users(id) ON DELETE CASCADE,
    version       int NOT NULL,
    format        int NOT NULL,
    features      text[] NOT NULL,
    trees         int NOT NULL,
    sample_size   int NOT NULL,
    seed          bigint NOT NULL,
    trained_rows  int NOT NULL,
    threshold     real NOT NULL,
    model         bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX fraud_models_scope_version ON fraud_models (coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid), version);

-- The owners' verdicts: the labels that measure and, later, tune the detector.
CREATE TABLE fraud_labels (
    transaction_id uuid PRIMARY KEY REFERENCES transactions(id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    verdict        text NOT NULL CHECK (verdict IN ('legit', 'fraud')),
    source         text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fraud_labels_user ON fraud_labels (user_id);

-- +goose Down
DROP TABLE fraud_labels;
DROP TABLE fraud_models;
ALTER TABLE transactions DROP COLUMN fraud_flagged;
ALTER TABLE transactions DROP COLUMN fraud_model_version;
ALTER TABLE transactions DROP COLUMN fraud_reasons;
ALTER TABLE transactions DROP COLUMN fraud_score;
ALTER TABLE transactions DROP COLUMN occurred_at;
