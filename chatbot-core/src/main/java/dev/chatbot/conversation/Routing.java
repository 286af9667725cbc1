package dev.chatbot.conversation;

import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.QueueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who sees a waiting conversation first. A conversation is routed to an agent (a transfer named them), to a team
 * (its intent's team, or a transfer's) or to the agents who speak its language (a message in a language the FAQ does
 * not cover); otherwise it is unrouted. An agent's queue lists what is routed to them ({@link Fit#MINE}) first, then
 * what is {@link Fit#OPEN} to everyone: unrouted, routed to a team or language nobody covers, or waiting longer than
 * {@code overflowAfter}. What is routed elsewhere and not overdue is {@link Fit#ELSEWHERE}. Immutable.
 */
public final class Routing {

    /** How a waiting conversation fits an agent. */
    public enum Fit {
        /** Routed to the agent, one of their teams or a language they speak. */
        MINE,
        /** For everyone: unrouted, routed to nobody on the roster, or waiting past the limit. */
        OPEN,
        /** Routed to someone else and not overdue. */
        ELSEWHERE
    }

    /** An agent as routing sees them: their teams and the languages they speak (ISO 639-1 codes). */
    public record AgentProfile(AgentId id, Set<String> teams, Set<String> languages) {
        public AgentProfile {
            Objects.requireNonNull(id, "id");
            teams = Set.copyOf(teams);
            languages = Set.copyOf(languages);
        }

        /** An agent in no team who declared no language: sees what is open to everyone. */
        public static AgentProfile of(AgentId id) {
            return new AgentProfile(id, Set.of(), Set.of());
        }
    }

    /** The teams that have an enabled member and the languages some enabled agent speaks. */
    public record Roster(Set<String> teams, Set<String> languages) {
        public Roster {
            teams = Set.copyOf(teams);
            languages = Set.copyOf(languages);
        }

        public static Roster empty() {
            return new Roster(Set.of(), Set.of());
        }
    }

    /** A waiting conversation with where it is routed ({@code team}, {@code agent}, {@code language} may be null). */
    public record RoutedEntry(QueueEntry entry, String team, AgentId agent, String language) {
        public RoutedEntry {
            Objects.requireNonNull(entry, "entry");
        }

        public boolean routed() {
            return team != null || agent != null || language != null;
        }
    }

    /** A waiting conversation as one agent sees it. */
    public record Placed(RoutedEntry routed, Fit fit, boolean overdue) {}

    private final Duration overflowAfter;

    /** @param overflowAfter how long a routed conversation waits before everyone sees it */
    public Routing(Duration overflowAfter) {
        this.overflowAfter = Objects.requireNonNull(overflowAfter, "overflowAfter");
        if (overflowAfter.isNegative()) {
            throw new IllegalArgumentException("overflowAfter must not be negative: " + overflowAfter);
        }
    }

    public Duration overflowAfter() {
        return overflowAfter;
    }

    public boolean overdue(RoutedEntry e, Instant now) {
        return e.routed() && !e.entry().waitingSince().plus(overflowAfter).isAfter(now);
    }

    public Fit fit(RoutedEntry e, AgentProfile agent, Roster roster, Instant now) {
        boolean mine;
        boolean covered;
        if (e.agent() != null) {
            mine = e.agent().equals(agent.id());
            covered = true;
        } else if (e.team() != null) {
            mine = agent.teams().contains(e.team());
            covered = roster.teams().contains(e.team());
        } else if (e.language() != null) {
            mine = agent.languages().contains(e.language());
            covered = roster.languages().contains(e.language());
        } else {
            return Fit.OPEN;
        }
        if (mine) {
            return Fit.MINE;
        }
        return !covered || overdue(e, now) ? Fit.OPEN : Fit.ELSEWHERE;
    }

    /**
     * The queue as {@code agent} sees it: theirs first, then what is open to everyone, then (only if
     * {@code includeElsewhere}, for admins) the rest; longest waiting first within each.
     */
    public List<Placed> arrange(
            List<RoutedEntry> queue, AgentProfile agent, Roster roster, Instant now, boolean includeElsewhere) {
        return queue.stream()
                .map(e -> new Placed(e, fit(e, agent, roster, now), overdue(e, now)))
                .filter(p -> includeElsewhere || p.fit() != Fit.ELSEWHERE)
                .sorted(Comparator.comparing(Placed::fit)
                        .thenComparing(p -> p.routed().entry().waitingSince())
                        .thenComparing(p -> p.routed().entry().conversationId().value()))
                .toList();
    }
}
