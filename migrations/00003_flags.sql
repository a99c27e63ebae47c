-- +goose Up
-- Feature flags: on/off, and the share of users (by a stable hash of flag and user) it is on for.
CREATE TABLE feature_flags (
    name       text PRIMARY KEY,
    enabled    boolean NOT NULL DEFAULT false,
    percentage int NOT NULL DEFAULT 100 CHECK (percentage BETWEEN 0 AND 100),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO feature_flags (name, enabled, percentage) VALUES ('new_categorization_agent', false, 0);

-- Which side of an experiment a decision came from ("agent", "control" or "" when none ran).
ALTER TABLE categorization_decisions ADD COLUMN variant text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE categorization_decisions DROP COLUMN variant;
DROP TABLE feature_flags;
