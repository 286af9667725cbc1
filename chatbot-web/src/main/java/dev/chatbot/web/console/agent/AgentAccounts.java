package dev.chatbot.web.console.agent;

import dev.chatbot.web.error.Refusal;
import dev.chatbot.transcript.AgentId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The console's accounts and presence: creates the first admin, adds and disables agents, hashes passwords
 * (the given {@code hasher}, bcrypt in the service) and tells who is online. Thread-safe; blocking (store I/O).
 */
public final class AgentAccounts {

    /** Shortest accepted password. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    private final ConsoleStore store;
    private final UnaryOperator<String> hasher;
    private final Duration presenceTimeout;
    private final Clock clock;

    public AgentAccounts(ConsoleStore store, UnaryOperator<String> hasher, Duration presenceTimeout, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.presenceTimeout = Objects.requireNonNull(presenceTimeout, "presenceTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the first admin when the store has no account of that name and no admin at all: with the
     * configured password, or, when that is blank, a generated one.
     *
     * @return the generated password when one was generated and this call created the admin (print it once)
     */
    public Optional<String> createFirstAdmin(AgentId name, String configuredPassword) {
        if (store.agent(name).isPresent() || store.agents().stream().anyMatch(a -> a.role() == Role.ADMIN)) {
            return Optional.empty();
        }
        boolean generate = configuredPassword == null || configuredPassword.isBlank();
        String password = generate ? generatedPassword() : configuredPassword;
        boolean added = store.add(new Agent(name, hasher.apply(password), Role.ADMIN, true, clock.instant()));
        return added && generate ? Optional.of(password) : Optional.empty();
    }

    /**
     * Adds an agent.
     *
     * @throws Refusal (invalid) if the password is shorter than {@link #MIN_PASSWORD_LENGTH}; (conflict) if an
     *         account with that name exists
     */
    public Agent add(AgentId id, String password, Role role) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw Refusal.invalid("the password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        Agent agent = new Agent(id, hasher.apply(password), Objects.requireNonNull(role, "role"), true, clock.instant());
        if (!store.add(agent)) {
            throw Refusal.conflict("conflict", "an agent named " + id + " exists already");
        }
        return agent;
    }

    /**
     * Enables or disables an account.
     *
     * @throws Refusal (not found) if there is no such account
     */
    public Agent setEnabled(AgentId id, boolean enabled) {
        Agent changed = find(id).orElseThrow(() -> Refusal.notFound("no agent named " + id)).withEnabled(enabled);
        if (!store.update(changed)) {
            throw Refusal.notFound("no agent named " + id);
        }
        return changed;
    }

    public Optional<Agent> find(AgentId id) {
        return store.agent(id);
    }

    public List<Agent> all() {
        return store.agents();
    }

    /** Records that an agent's console reports {@code status} now. */
    public void report(AgentId id, Presence.Status status) {
        store.report(new Presence(id, status, clock.instant()));
    }

    /** The agent's current status: AWAY when it did not report ONLINE within the presence timeout. */
    public Presence.Status status(AgentId id) {
        Instant now = clock.instant();
        return store.presences().stream().anyMatch(p -> p.agent().equals(id) && p.onlineAt(now, presenceTimeout))
                ? Presence.Status.ONLINE : Presence.Status.AWAY;
    }

    /** Enabled agents that are online now, by name. */
    public List<AgentId> online() {
        Instant now = clock.instant();
        return store.presences().stream()
                .filter(p -> p.onlineAt(now, presenceTimeout))
                .map(Presence::agent)
                .filter(id -> store.agent(id).map(Agent::enabled).orElse(false))
                .sorted(java.util.Comparator.comparing(AgentId::value))
                .toList();
    }

    private static String generatedPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
