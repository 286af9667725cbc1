package dev.chatbot.web.console.agent;

import dev.chatbot.transcript.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * A console account. {@code passwordHash} is a bcrypt hash, never the password; a disabled agent cannot log
 * in and loses access on the next request.
 */
public record Agent(AgentId id, String passwordHash, Role role, boolean enabled, Instant createdAt) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        if (passwordHash == null || passwordHash.isBlank()) {
            throw new IllegalArgumentException("an agent needs a password hash");
        }
    }

    public Agent withEnabled(boolean value) {
        return new Agent(id, passwordHash, role, value, createdAt);
    }
}
