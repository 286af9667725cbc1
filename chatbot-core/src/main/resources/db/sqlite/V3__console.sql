-- Agent console accounts. The account is kept as the same JSON as in Redis (id, bcrypt hash, role, enabled,
-- created); a new account field is a new JSON field and needs no migration.

CREATE TABLE agent (
    id      TEXT NOT NULL PRIMARY KEY,
    account TEXT NOT NULL
);
