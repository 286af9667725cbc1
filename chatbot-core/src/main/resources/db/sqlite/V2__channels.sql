-- Messaging channels: where each channel conversation is delivered (which is also which customer it belongs to),
-- and the outbox of messages not yet delivered. Rows go with their conversation (retention, erasure).

CREATE TABLE channel_address (
    conversation_id TEXT    NOT NULL PRIMARY KEY,
    channel         TEXT    NOT NULL,          -- generic, whatsapp, telegram
    address         TEXT    NOT NULL,          -- the user's id or phone number on that channel
    created_at      INTEGER NOT NULL
);
CREATE INDEX channel_address_by_customer ON channel_address (channel, address);

CREATE TABLE outbox (
    id              TEXT    NOT NULL PRIMARY KEY,   -- <conversationId>:<sequence>
    conversation_id TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    delivery        TEXT    NOT NULL                -- the delivery as JSON (address, text, attempts, next attempt)
);
CREATE INDEX outbox_in_order ON outbox (created_at, seq, id);
CREATE INDEX outbox_by_conversation ON outbox (conversation_id);
