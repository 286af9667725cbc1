package dev.chatbot.web.console.agent;

import dev.chatbot.data.IntentDefinition;
import java.time.Instant;
import java.util.Objects;

/**
 * A team of agents (orders, billing, ...): conversations about an intent that names the team wait for its members
 * first. The name follows {@link IntentDefinition#TEAM_NAME}; members are on the {@link Agent} accounts.
 */
public record Team(String name, Instant createdAt) {

    public Team {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!IntentDefinition.TEAM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a team name is 1-40 letters, digits, '-' or '_': '" + name + "'");
        }
    }
}
