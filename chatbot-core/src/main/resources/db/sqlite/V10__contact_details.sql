-- How a customer asked to be reached (the leave-a-message form): kept as given, never redacted, shown only to agents.
-- One row per conversation (the latest form wins); it goes with its conversation.

CREATE TABLE contact_details (
    conversation_id TEXT    PRIMARY KEY,
    left_at         INTEGER NOT NULL,
    details         TEXT    NOT NULL   -- the details as JSON (name, email, phone, leftAt)
);

-- How far the outbound relay got in each channel conversation's log (its bot and agent messages up to this sequence
-- are in the outbox or delivered): after a crash it catches up from there. NULL: not followed (a conversation from
-- before marks were kept, or a closed one).
ALTER TABLE channel_address ADD COLUMN relayed_seq INTEGER;
