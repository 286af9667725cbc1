-- Unmet needs look for messages an agent marked not covered. A mark's `counted` field is its agent, so the marks of
-- a period are found through the index on (type, at, counted) instead of a read of every event.

UPDATE event SET counted = json_extract(body, '$.agent') WHERE type = 'MarkedNotCovered';
