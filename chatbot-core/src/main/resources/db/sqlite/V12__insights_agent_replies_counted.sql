-- Trend charts measure agents' first response after an escalation. An agent reply's `counted` field is its agent,
-- so the replies of a period are found through the index on (type, at, counted) alone; ratings written before their
-- score was counted get it too.

UPDATE event SET counted = json_extract(body, '$.agent') WHERE type = 'AgentReplied';
UPDATE event SET counted = json_extract(body, '$.score') WHERE type = 'ConversationRated' AND counted IS NULL;
