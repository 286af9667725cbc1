-- How a customer asked to be reached (the leave-a-message form): kept as given, never redacted, shown only to agents.
-- One row per conversation (the latest form wins); it goes with its conversation.

CREATE TABLE contact_details (
    conversation_id TEXT    PRIMARY KEY,
    left_at         INTEGER NOT NULL,
    details         TEXT    NOT NULL   -- the details as JSON (name, email, phone, leftAt)
);
