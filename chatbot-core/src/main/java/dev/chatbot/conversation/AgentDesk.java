package dev.chatbot.conversation;

import dev.chatbot.intent.IntentName;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent side of the handoff: the queue, claiming (exactly one agent wins, also across server
 * instances sharing one store), replying, labelling, resolving and handing back. Agent replies are
 * recorded as events as the agent wrote them (not redacted: the shop's own phone number or an order link is what
 * the customer must get); the customer's channel receives them by subscribing to the store.
 * Thread-safe.
 *
 * <p>Over 250 lines: one short method per agent action on the handoff, all behind the same holder checks.
 */
public final class AgentDesk {

    private static final int CLAIM_NEXT_ROUNDS = 100;

    /** How long a routed conversation waits before every agent sees it, unless configured. */
    public static final Duration DEFAULT_OVERFLOW_AFTER = Duration.ofMinutes(5);

    private final TranscriptStore store;
    private final Redactor redactor;
    private final Clock clock;
    private final Appender appender;
    private final Routing routing;
    private final Map<QueueEntry, Routing.RoutedEntry> routedEntries = new ConcurrentHashMap<>();

    /** Routing by the defaults; transfer notes redacted by {@link Redactor#defaults()}. */
    public AgentDesk(TranscriptStore store, Clock clock) {
        this(store, Redactor.defaults(), clock, new Routing(DEFAULT_OVERFLOW_AFTER));
    }

    /**
     * @param redactor redacts the notes of transfers (agents write them about the customer; agent replies are kept as
     *                 written)
     */
    public AgentDesk(TranscriptStore store, Redactor redactor, Clock clock, Routing routing) {
        this.store = Objects.requireNonNull(store, "store");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.appender = new Appender(store);
    }

    public Routing routing() {
        return routing;
    }

    /** Conversations waiting for an agent, longest waiting first. */
    public List<QueueEntry> queue() {
        return store.queue();
    }

    /**
     * Conversations waiting for an agent with where each is routed, longest waiting first. Where an entry is routed is
     * read from its conversation once per stay in the queue (an entry names its conversation and when it joined the
     * queue, which a transfer renews), not on every read of the queue: claiming the next of a thousand waiting
     * conversations reads the queue, not a thousand conversations.
     */
    public List<Routing.RoutedEntry> routedQueue() {
        List<QueueEntry> queue = store.queue();
        List<Routing.RoutedEntry> out = new ArrayList<>(queue.size());
        for (QueueEntry entry : queue) {
            Routing.RoutedEntry routed = routedEntries.get(entry);
            if (routed == null) {
                SessionState s = store.session(entry.conversationId());
                if (s.state() != ConversationState.QUEUED) { // claimed since the queue was read: skip
                    continue;
                }
                routed = new Routing.RoutedEntry(entry, s.team(), s.routedAgent(), s.language());
                routedEntries.put(entry, routed);
            }
            out.add(routed);
        }
        if (routedEntries.size() > queue.size()) { // entries that left the queue go: as many as are waiting, at most
            routedEntries.keySet().retainAll(new HashSet<>(queue));
        }
        return out;
    }

    /** The queue as {@code agent} sees it (see {@link Routing#arrange}). */
    public List<Routing.Placed> queueFor(Routing.AgentProfile agent, Routing.Roster roster, boolean includeElsewhere) {
        return routing.arrange(routedQueue(), agent, roster, clock.instant(), includeElsewhere);
    }

    /** The whole transcript, including the bot's top guesses on each customer message. */
    public List<StoredEvent> transcript(ConversationId id) {
        return store.read(id, 0);
    }

    /** Claims a queued conversation; true for exactly one caller, false if it is no longer queued. */
    public boolean claim(ConversationId id, AgentId agent) {
        Objects.requireNonNull(agent, "agent");
        return appender.update(
                id,
                (session, log) -> session.state() != ConversationState.QUEUED
                        ? Appender.Step.done(false)
                        : new Appender.Step<>(
                                List.of(new TranscriptEvent.Claimed(clock.instant(), agent)), stored -> true));
    }

    /** Claims the longest-waiting conversation open to an agent in no team (everything, when nothing is routed). */
    public Optional<ConversationId> claimNext(AgentId agent) {
        return claimNext(Routing.AgentProfile.of(agent), Routing.Roster.empty());
    }

    /**
     * Claims the next conversation for {@code agent}: the longest-waiting one routed to them (their own, their
     * teams', their languages'), else the longest-waiting one open to everyone; empty when there is none.
     */
    public Optional<ConversationId> claimNext(Routing.AgentProfile agent, Routing.Roster roster) {
        for (int round = 0; round < CLAIM_NEXT_ROUNDS; round++) {
            List<Routing.Placed> queue = queueFor(agent, roster, false);
            if (queue.isEmpty()) {
                return Optional.empty();
            }
            for (Routing.Placed placed : queue) {
                ConversationId id = placed.routed().entry().conversationId();
                if (claim(id, agent.id())) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Passes a conversation on to a team and/or an agent with a note (redacted); only its holder may. It waits in
     * the queue again, routed to them.
     *
     * @throws NotHeldByAgentException if {@code agent} does not hold the conversation
     * @throws IllegalArgumentException if neither a team nor an agent is given
     */
    public void transfer(ConversationId id, AgentId agent, String team, AgentId toAgent, String note) {
        String redacted = redactor.redact(note == null ? "" : note.strip());
        TranscriptEvent.Transferred event =
                new TranscriptEvent.Transferred(clock.instant(), agent, team, toAgent, redacted);
        appender.update(id, (session, log) -> {
            requireHolder(session, agent);
            return new Appender.Step<>(List.of(event), stored -> stored);
        });
        // a transfer renews the entry's time; on a clock that did not move, this drops the old routing too
        routedEntries.keySet().removeIf(entry -> entry.conversationId().equals(id));
    }

    /**
     * Sends a reply to the customer; only the agent holding the conversation may.
     *
     * @throws NotHeldByAgentException if {@code agent} does not hold the conversation
     */
    public MessageId reply(ConversationId id, AgentId agent, String text) {
        Objects.requireNonNull(text, "text");
        MessageId messageId = MessageId.random();
        appender.update(id, (session, log) -> {
            requireHolder(session, agent);
            return new Appender.Step<>(
                    List.of(new TranscriptEvent.AgentReplied(clock.instant(), agent, messageId, text)),
                    stored -> stored);
        });
        return messageId;
    }

    /**
     * Records which intent a customer message really had (a training label); allowed in any state.
     *
     * @throws UnknownMessageException if the conversation has no customer message {@code message}
     */
    public void label(ConversationId id, AgentId agent, MessageId message, IntentName intent) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(intent, "intent");
        appender.update(id, (session, log) -> {
            requireMessage(id, log, message);
            return new Appender.Step<>(
                    List.of(new TranscriptEvent.Labelled(clock.instant(), agent, message, intent)), stored -> stored);
        });
    }

    /**
     * Marks a customer message as not covered by the FAQ (no intent answers it), for retraining and the unmet-needs
     * view; allowed in any state, like a label, which it replaces (and which replaces it).
     *
     * @throws UnknownMessageException if the conversation has no customer message {@code message}
     */
    public void markNotCovered(ConversationId id, AgentId agent, MessageId message) {
        Objects.requireNonNull(agent, "agent");
        appender.update(id, (session, log) -> {
            requireMessage(id, log, message);
            return new Appender.Step<>(
                    List.of(new TranscriptEvent.MarkedNotCovered(clock.instant(), agent, message)), stored -> stored);
        });
    }

    private static void requireMessage(ConversationId id, List<StoredEvent> log, MessageId message) {
        boolean known = log.stream()
                .anyMatch(e -> e.event() instanceof TranscriptEvent.MessageReceived m
                        && m.messageId().equals(message));
        if (!known) {
            throw new UnknownMessageException(id, message);
        }
    }

    /**
     * Closes the conversation: from the queue by any agent, while AGENT only by its holder.
     *
     * @throws ConversationClosedException if it is closed already
     * @throws NotHeldByAgentException if another agent holds it
     */
    public void resolve(ConversationId id, AgentId agent) {
        Objects.requireNonNull(agent, "agent");
        appender.update(id, (session, log) -> {
            if (session.state() == ConversationState.CLOSED) {
                throw new ConversationClosedException(id);
            }
            if (session.state() == ConversationState.AGENT) {
                requireHolder(session, agent);
            }
            return new Appender.Step<>(List.of(new TranscriptEvent.Resolved(clock.instant(), agent)), stored -> stored);
        });
    }

    /**
     * Gives the conversation back to the bot; only its holder may.
     *
     * @throws NotHeldByAgentException if {@code agent} does not hold the conversation
     */
    public void handBack(ConversationId id, AgentId agent) {
        appender.update(id, (session, log) -> {
            requireHolder(session, agent);
            return new Appender.Step<>(
                    List.of(new TranscriptEvent.HandedBack(clock.instant(), agent)), stored -> stored);
        });
    }

    private static void requireHolder(SessionState session, AgentId agent) {
        Objects.requireNonNull(agent, "agent");
        if (session.state() != ConversationState.AGENT || !agent.equals(session.agent())) {
            throw new NotHeldByAgentException(session.conversationId(), agent, session.state());
        }
    }
}
