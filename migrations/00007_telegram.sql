-- +goose Up
-- A Telegram chat linked to an Aithena user; one user may have several chats.
CREATE TABLE telegram_chats (
    chat_id   bigint PRIMARY KEY,
    user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    linked_at timestamptz NOT NULL DEFAULT now()
);

-- One-time codes that link a chat to a user; only a hash is kept.
CREATE TABLE link_codes (
    code_hash  bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_by    bigint,
    used_at    timestamptz
);

-- +goose Down
DROP TABLE link_codes;
DROP TABLE telegram_chats;
