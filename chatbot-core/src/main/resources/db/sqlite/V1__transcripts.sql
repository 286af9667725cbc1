-- Transcripts: one row per conversation (its derived state, for the queue and retention) and one per event.
-- Times are epoch milliseconds (UTC). The events' JSON is the format of docs/events.md, so
-- `SELECT body FROM event ...` and json_extract() read them directly.

CREATE TABLE conversation (
    num           INTEGER PRIMARY KEY,       -- internal key the events refer to
    id            TEXT    NOT NULL UNIQUE,   -- the conversation id of the API and the events
    channel       TEXT    NOT NULL,          -- of its ConversationStarted event
    started_at    INTEGER NOT NULL,
    last_at       INTEGER NOT NULL,          -- time of its newest event: the retention period counts from here
    last_seq      INTEGER NOT NULL,          -- sequence number of its newest event
    state         TEXT    NOT NULL,          -- BOT, QUEUED, AGENT or CLOSED
    agent         TEXT,                      -- the agent holding it while AGENT
    waiting_since INTEGER,                   -- while QUEUED; epoch nanoseconds, exactly the Escalated event's time
    reason        TEXT,                      -- escalation reason while QUEUED or AGENT
    -- what reports count (dev.chatbot.transcript.ConversationFacts), so they need not read every log
    customer_messages INTEGER NOT NULL DEFAULT 0,
    handed_over   INTEGER NOT NULL DEFAULT 0, -- 1: escalated, claimed or resolved by an agent at some point
    resolved      INTEGER NOT NULL DEFAULT 0  -- 1: resolved at some point
);
CREATE INDEX conversation_by_start ON conversation (started_at);
CREATE INDEX conversation_by_activity ON conversation (last_at);
CREATE INDEX conversation_queue ON conversation (waiting_since, id) WHERE state = 'QUEUED';

CREATE TABLE event (
    conversation INTEGER NOT NULL,           -- conversation.num
    seq          INTEGER NOT NULL,           -- 1, 2, 3, ... without gaps
    at           INTEGER NOT NULL,
    type         TEXT    NOT NULL,           -- MessageReceived, BotAnswered, ...
    body         TEXT    NOT NULL,           -- the event as JSON (docs/events.md)
    PRIMARY KEY (conversation, seq)
) WITHOUT ROWID;
-- insights count events of a type in a period
CREATE INDEX event_by_type ON event (type, at);

-- Content-free record of each erasure: which conversation, when, by whom. Nothing else of it is kept.
CREATE TABLE erasure (
    conversation_id TEXT    NOT NULL,
    erased_at       INTEGER NOT NULL,
    erased_by       TEXT    NOT NULL
);
CREATE INDEX erasure_by_conversation ON erasure (conversation_id);
