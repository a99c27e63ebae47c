-- +goose Up
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE users (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL,
    email      text NOT NULL UNIQUE,
    currency   char(3) NOT NULL DEFAULT 'USD',
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 of the key is stored; the prefix lets a person tell keys apart.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         text NOT NULL,
    prefix       text NOT NULL,
    key_hash     bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE TABLE accounts (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name       text NOT NULL,
    currency   char(3) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, name)
);

-- System categories have no owner; a user's own categories are unique per user.
CREATE TABLE categories (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid REFERENCES users(id) ON DELETE CASCADE,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX categories_system_name ON categories (name) WHERE user_id IS NULL;
CREATE UNIQUE INDEX categories_user_name ON categories (user_id, name) WHERE user_id IS NOT NULL;

INSERT INTO categories (name, description) VALUES
    ('INCOME', 'Salary, wages, interest, refunds and other money earned'),
    ('TRANSFER_IN', 'Money moved in from another account or person'),
    ('TRANSFER_OUT', 'Money moved out to another account or person'),
    ('LOAN_PAYMENTS', 'Car, student, mortgage and credit-card payments'),
    ('BANK_FEES', 'Overdraft, ATM, foreign transaction and service fees'),
    ('ENTERTAINMENT', 'Streaming, games, events, music and hobbies'),
    ('FOOD_AND_DRINK', 'Groceries, restaurants, coffee and bars'),
    ('GENERAL_MERCHANDISE', 'Online marketplaces, department stores, clothing and electronics'),
    ('HOME_IMPROVEMENT', 'Hardware, furniture and repairs'),
    ('MEDICAL', 'Doctors, dentists, pharmacies and insurance co-pays'),
    ('PERSONAL_CARE', 'Gyms, hair, beauty and laundry'),
    ('GENERAL_SERVICES', 'Insurance, postage, storage, education and other services'),
    ('GOVERNMENT_AND_NON_PROFIT', 'Taxes, fines and donations'),
    ('TRANSPORTATION', 'Fuel, rideshare, transit, parking and tolls'),
    ('TRAVEL', 'Flights, hotels, rental cars and lodging'),
    ('RENT_AND_UTILITIES', 'Rent, electricity, gas, water, internet and phone');

CREATE TABLE imports (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_id  uuid NOT NULL REFERENCES accounts(id),
    filename    text NOT NULL DEFAULT '',
    content     bytea NOT NULL,
    status      text NOT NULL DEFAULT 'running',
    total_rows  int NOT NULL DEFAULT 0,
    accepted    int NOT NULL DEFAULT 0,
    rejected    jsonb NOT NULL DEFAULT '[]',
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);

-- Money is integer minor units of an ISO 4217 currency; negative is money out.
CREATE TABLE transactions (
    id                    uuid PRIMARY KEY,
    user_id               uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_id            uuid NOT NULL REFERENCES accounts(id),
    idempotency_key       text NOT NULL,
    import_id             uuid REFERENCES imports(id) ON DELETE SET NULL,
    posted_at             date NOT NULL,
    amount_minor          bigint NOT NULL,
    currency              char(3) NOT NULL,
    raw_description       text NOT NULL,
    merchant              text NOT NULL,
    merchant_key          text NOT NULL,
    category              text NOT NULL,
    category_confidence   real NOT NULL CHECK (category_confidence BETWEEN 0 AND 1),
    category_method       text NOT NULL,
    category_explanation  text NOT NULL DEFAULT '',
    -- true once the owner (a correction or a rule) has confirmed the category: a labelled example
    category_confirmed    boolean NOT NULL DEFAULT false,
    status                text NOT NULL,
    step                  text NOT NULL DEFAULT 'persist',
    possible_duplicate_of uuid REFERENCES transactions(id) ON DELETE SET NULL,
    embedding             vector(384) NOT NULL,
    embedding_model       text NOT NULL,
    workflow_id           text NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX transactions_user_posted ON transactions (user_id, posted_at DESC, id DESC);
CREATE INDEX transactions_user_merchant ON transactions (user_id, merchant_key, posted_at);
CREATE INDEX transactions_embedding ON transactions USING hnsw (embedding vector_cosine_ops);

CREATE TABLE categorization_decisions (
    id             bigserial PRIMARY KEY,
    transaction_id uuid NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category       text NOT NULL,
    confidence     real NOT NULL,
    method         text NOT NULL,
    explanation    text NOT NULL DEFAULT '',
    candidates     jsonb NOT NULL DEFAULT '[]',
    latency_us     bigint NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX categorization_decisions_txn ON categorization_decisions (transaction_id, id);

-- The owner's rules: a case-insensitive substring of the merchant or description.
CREATE TABLE category_rules (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    pattern    text NOT NULL,
    category   text NOT NULL,
    priority   int NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, pattern)
);

-- What the owner's corrections taught: this merchant is this category.
CREATE TABLE merchant_memory (
    user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    merchant_key   text NOT NULL,
    category       text NOT NULL,
    source_txn     uuid REFERENCES transactions(id) ON DELETE SET NULL,
    corrections    int NOT NULL DEFAULT 1,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, merchant_key)
);

CREATE TABLE alerts (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    transaction_id uuid REFERENCES transactions(id) ON DELETE CASCADE,
    kind           text NOT NULL,
    severity       text NOT NULL DEFAULT 'info',
    message        text NOT NULL,
    status         text NOT NULL DEFAULT 'open',
    dedupe_key     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, dedupe_key)
);
CREATE INDEX alerts_user_status ON alerts (user_id, status, created_at DESC);

-- +goose Down
DROP TABLE alerts;
DROP TABLE merchant_memory;
DROP TABLE category_rules;
DROP TABLE categorization_decisions;
DROP TABLE transactions;
DROP TABLE imports;
DROP TABLE categories;
DROP TABLE accounts;
DROP TABLE api_keys;
DROP TABLE users;
