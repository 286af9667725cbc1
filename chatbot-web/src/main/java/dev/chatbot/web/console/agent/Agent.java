package dev.chatbot.web.console.agent;

import dev.chatbot.transcript.AgentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A console account. {@code passwordHash} is a bcrypt hash, never the password; a disabled agent cannot log in
 * and loses access on the next request. {@code mustChangePassword}: the password was generated or set by someone
 * else (the first admin's generated one, an admin's reset), so until the agent chooses their own the console
 * allows nothing but that. {@code teams}: the teams the agent is in; {@code languages}: the languages they answer in
 * (ISO 639-1 codes); both route waiting conversations to them first.
 */
public record Agent(
        AgentId id,
        String passwordHash,
        Role role,
        boolean enabled,
        Instant createdAt,
        boolean mustChangePassword,
        Set<String> teams,
        Set<String> languages) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        if (passwordHash == null || passwordHash.isBlank()) {
            throw new IllegalArgumentException("an agent needs a password hash");
        }
        teams = teams == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(teams));
        languages = languages == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(languages));
    }

    /** An account in no team that declared no language. */
    public Agent(
            AgentId id,
            String passwordHash,
            Role role,
            boolean enabled,
            Instant createdAt,
            boolean mustChangePassword) {
        this(id, passwordHash, role, enabled, createdAt, mustChangePassword, Set.of(), Set.of());
    }

    /** An account whose password the agent chose. */
    public Agent(AgentId id, String passwordHash, Role role, boolean enabled, Instant createdAt) {
        this(id, passwordHash, role, enabled, createdAt, false);
    }

    public Agent withEnabled(boolean value) {
        return new Agent(id, passwordHash, role, value, createdAt, mustChangePassword, teams, languages);
    }

    /** The account in these teams, answering in these languages. */
    public Agent withRouting(Set<String> newTeams, Set<String> newLanguages) {
        return new Agent(id, passwordHash, role, enabled, createdAt, mustChangePassword, newTeams, newLanguages);
    }

    /** The account with a new password hash; {@code mustChange}: until the agent chooses their own. */
    public Agent withPassword(String hash, boolean mustChange) {
        return new Agent(id, hash, role, enabled, createdAt, mustChange, teams, languages);
    }
}
