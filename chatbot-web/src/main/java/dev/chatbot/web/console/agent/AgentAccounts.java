package dev.chatbot.web.console.agent;

import dev.chatbot.conversation.Routing;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.web.error.Refusal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The console's accounts, teams and presence: creates the first admin, adds and disables agents, defines teams
 * and puts agents in them, hashes and checks
 * passwords (the given {@code hasher} and {@code matcher}, bcrypt in the service), changes them, and tells who is
 * online. Every password, configured ones included, has at least {@link #MIN_PASSWORD_LENGTH} characters.
 * Thread-safe; blocking (store I/O).
 *
 * <p>Over 250 lines: accounts, teams and presence share one stored record per agent.
 */
public final class AgentAccounts {

    /** Shortest accepted password. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    private final ConsoleStore store;
    private final UnaryOperator<String> hasher;
    private final BiPredicate<String, String> matcher;
    private final Duration presenceTimeout;
    private final Clock clock;

    /**
     * @param hasher  password → hash
     * @param matcher (password, hash) → whether the password is the one hashed
     */
    public AgentAccounts(
            ConsoleStore store,
            UnaryOperator<String> hasher,
            BiPredicate<String, String> matcher,
            Duration presenceTimeout,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.presenceTimeout = Objects.requireNonNull(presenceTimeout, "presenceTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the first admin when the store has no account of that name and no admin at all: with the
     * configured password, or, when that is blank, a generated one that must be changed at the first login.
     *
     * @return the generated password when one was generated and this call created the admin (print it once)
     * @throws IllegalArgumentException if a configured password is shorter than {@link #MIN_PASSWORD_LENGTH}
     *                                  (checked whether or not the admin exists, so a weak setting is noticed)
     */
    public Optional<String> createFirstAdmin(AgentId name, String configuredPassword) {
        boolean generate = configuredPassword == null || configuredPassword.isBlank();
        if (!generate && configuredPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the configured admin password (CHATBOT_CONSOLE_ADMIN_PASSWORD) has "
                    + configuredPassword.length() + " characters; it needs at least " + MIN_PASSWORD_LENGTH);
        }
        if (store.agent(name).isPresent() || store.agents().stream().anyMatch(a -> a.role() == Role.ADMIN)) {
            return Optional.empty();
        }
        String password = generate ? generatedPassword() : configuredPassword;
        boolean added = store.add(new Agent(name, hasher.apply(password), Role.ADMIN, true, clock.instant(), generate));
        return added && generate ? Optional.of(password) : Optional.empty();
    }

    /**
     * Adds an agent.
     *
     * @throws Refusal (invalid) if the password is shorter than {@link #MIN_PASSWORD_LENGTH}; (conflict) if an
     *         account with that name exists
     */
    public Agent add(AgentId id, String password, Role role) {
        return add(id, password, role, false);
    }

    /**
     * Adds an agent; {@code mustChangePassword}: the agent has to choose their own password at the first login
     * (the admin who set this one knows it).
     *
     * @throws Refusal (invalid) if the password is shorter than {@link #MIN_PASSWORD_LENGTH}; (conflict) if an
     *         account with that name exists
     */
    public Agent add(AgentId id, String password, Role role, boolean mustChangePassword) {
        checkLength(password);
        Agent agent = new Agent(
                id,
                hasher.apply(password),
                Objects.requireNonNull(role, "role"),
                true,
                clock.instant(),
                mustChangePassword);
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
        Agent changed = find(id).orElseThrow(() -> Refusal.notFound("no agent named " + id))
                .withEnabled(enabled);
        if (!store.update(changed)) {
            throw Refusal.notFound("no agent named " + id);
        }
        return changed;
    }

    /**
     * An agent changes their own password.
     *
     * @throws Refusal (invalid) if {@code current} is not their password, or {@code next} is too short or the same
     *         as {@code current}; (not found) if there is no such account
     */
    public Agent changePassword(AgentId id, String current, String next) {
        Agent agent = find(id).orElseThrow(() -> Refusal.notFound("no agent named " + id));
        if (current == null || !matcher.test(current, agent.passwordHash())) {
            throw Refusal.invalid("the current password is not right");
        }
        checkLength(next);
        if (next.equals(current)) {
            throw Refusal.invalid("the new password must differ from the current one");
        }
        return replace(agent.withPassword(hasher.apply(next), false));
    }

    /**
     * An admin sets someone's password (they forgot theirs); they must change it at their next login.
     *
     * @throws Refusal (invalid) if the password is too short; (not found) if there is no such account
     */
    public Agent resetPassword(AgentId id, String password) {
        checkLength(password);
        Agent agent = find(id).orElseThrow(() -> Refusal.notFound("no agent named " + id));
        return replace(agent.withPassword(hasher.apply(password), true));
    }

    private Agent replace(Agent changed) {
        if (!store.update(changed)) {
            throw Refusal.notFound("no agent named " + changed.id());
        }
        return changed;
    }

    private static void checkLength(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw Refusal.invalid("the password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    public Optional<Agent> find(AgentId id) {
        return store.agent(id);
    }

    public List<Agent> all() {
        return store.agents();
    }

    /** Every team, by name. */
    public List<Team> teams() {
        return store.teams();
    }

    /**
     * Defines a team.
     *
     * @throws Refusal (invalid) for a name that is not 1-40 letters, digits, '-' or '_'; (conflict) if it exists
     */
    public Team addTeam(String name) {
        String stripped = name == null ? "" : name.strip();
        if (!IntentDefinition.TEAM_NAME.matcher(stripped).matches()) {
            throw Refusal.invalid("a team name is 1-40 letters, digits, '-' or '_'");
        }
        Team team = new Team(stripped, clock.instant());
        if (!store.addTeam(team)) {
            throw Refusal.conflict("conflict", "a team named " + stripped + " exists already");
        }
        return team;
    }

    /**
     * Removes a team and takes its members out of it. Conversations routed to it become open to everyone.
     *
     * @throws Refusal (not found) if there is no such team
     */
    public void removeTeam(String name) {
        if (!store.removeTeam(name == null ? "" : name.strip())) {
            throw Refusal.notFound("no team named " + name);
        }
        for (Agent a : store.agents()) {
            if (a.teams().contains(name.strip())) {
                Set<String> rest = new TreeSet<>(a.teams());
                rest.remove(name.strip());
                store.update(a.withRouting(rest, a.languages()));
            }
        }
    }

    /**
     * Puts an agent in exactly these teams and records the languages they answer in (ISO 639-1 codes, lower case).
     *
     * @throws Refusal (invalid) for a team that is not defined or a language that is not a two-letter code;
     *         (not found) if there is no such account
     */
    public Agent setRouting(AgentId id, Set<String> teams, Set<String> languages) {
        Agent agent = find(id).orElseThrow(() -> Refusal.notFound("no agent named " + id));
        Set<String> defined = new TreeSet<>();
        store.teams().forEach(t -> defined.add(t.name()));
        Set<String> chosen = new TreeSet<>();
        for (String t : teams == null ? Set.<String>of() : teams) {
            String name = t == null ? "" : t.strip();
            if (!defined.contains(name)) {
                throw Refusal.invalid("no team named '" + name + "'; define it first");
            }
            chosen.add(name);
        }
        Set<String> spoken = new TreeSet<>();
        for (String l : languages == null ? Set.<String>of() : languages) {
            String code = l == null ? "" : l.strip().toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(code).matches()) {
                throw Refusal.invalid("a language is a two-letter ISO 639-1 code such as en or de, not '" + l + "'");
            }
            spoken.add(code);
        }
        return replace(agent.withRouting(chosen, spoken));
    }

    /** The agent as routing sees them (no teams, no languages if the account is gone). */
    public Routing.AgentProfile profile(AgentId id) {
        return find(id).map(a -> new Routing.AgentProfile(id, a.teams(), a.languages()))
                .orElse(Routing.AgentProfile.of(id));
    }

    /**
     * The teams with an enabled member and the languages an enabled agent speaks: routing to anything else would
     * wait for nobody, so such conversations are open to everyone.
     */
    public Routing.Roster roster() {
        Set<String> teams = new TreeSet<>();
        Set<String> languages = new TreeSet<>();
        for (Agent a : store.agents()) {
            if (a.enabled()) {
                teams.addAll(a.teams());
                languages.addAll(a.languages());
            }
        }
        return new Routing.Roster(teams, languages);
    }

    /** Records that an agent's console reports {@code status} now. */
    public void report(AgentId id, Presence.Status status) {
        store.report(new Presence(id, status, clock.instant()));
    }

    /** The agent's current status: AWAY when it did not report ONLINE within the presence timeout. */
    public Presence.Status status(AgentId id) {
        Instant now = clock.instant();
        return store.presences().stream().anyMatch(p -> p.agent().equals(id) && p.onlineAt(now, presenceTimeout))
                ? Presence.Status.ONLINE
                : Presence.Status.AWAY;
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
