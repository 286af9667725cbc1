-- The outbox is read by what is due: each conversation's first delivery whose next attempt time has come. Deliveries
-- the platform refused for good move to dead_letter, kept with their conversation (retention, erasure) for the agent.

ALTER TABLE outbox ADD COLUMN not_before INTEGER NOT NULL DEFAULT 0;   -- epoch millis of the next attempt
UPDATE outbox SET not_before = created_at;
CREATE INDEX outbox_due ON outbox (not_before, created_at, seq);
CREATE INDEX outbox_conversation_order ON outbox (conversation_id, seq);

CREATE TABLE dead_letter (
    id              TEXT    NOT NULL PRIMARY KEY,   -- the delivery's id, <conversationId>:<sequence>
    conversation_id TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    failed_at       INTEGER NOT NULL,
    letter          TEXT    NOT NULL                -- the dead letter as JSON (delivery, reason, failedAt)
);
CREATE INDEX dead_letter_by_conversation ON dead_letter (conversation_id, seq);
