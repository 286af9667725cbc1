-- Photos customers upload in the website widget: unlike channel media (a platform reference fetched on demand) the
-- file itself is kept, beside its reference in channel_media. Rows go with their conversation.

CREATE TABLE channel_media_content (
    conversation_id TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    content         BLOB NOT NULL,
    PRIMARY KEY (conversation_id, message_id)
);
