-- +goose Up
-- Which alert went to which linked Telegram chat (an outbox): a row is written in the same
-- transaction that sends the message, so an alert reaches each chat once, and a failed send
-- leaves no row and is tried again.
CREATE TABLE alert_deliveries (
    alert_id   uuid NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    chat_id    bigint NOT NULL REFERENCES telegram_chats(chat_id) ON DELETE CASCADE,
    message_id integer,
    sent_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, chat_id)
);

-- +goose Down
DROP TABLE alert_deliveries;
