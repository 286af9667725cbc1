-- Photos, voice notes, documents, locations... customers sent on a messaging channel: the platform's reference, which
-- the console fetches through the platform's API when an agent opens it. Rows go with their conversation.

CREATE TABLE channel_media (
    conversation_id TEXT    NOT NULL,
    message_id      TEXT    NOT NULL,
    received_at     INTEGER NOT NULL,
    media           TEXT    NOT NULL,   -- the reference as JSON (channel, kind, platform reference, type)
    PRIMARY KEY (conversation_id, message_id)
);
