-- Teams of agents for routing escalations: the team is kept as the same JSON as in Redis (name, created); the
-- members are on the agents' accounts.

CREATE TABLE console_team (
    name TEXT NOT NULL PRIMARY KEY,
    team TEXT NOT NULL
);
