-- Console settings an admin edits, one JSON value per name: the opening hours under 'hours' (zone, weekly,
-- exceptions, as in chatbot.hours). A saved value replaces the configured one.

CREATE TABLE console_setting (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
