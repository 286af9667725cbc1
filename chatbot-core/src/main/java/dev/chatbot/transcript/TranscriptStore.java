package dev.chatbot.transcript;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Durable, append-only event logs, one per conversation, plus the views derived from them (session state,
 * handoff queue) and live delivery of new events. Adapters: {@code transcript.sqlite} (the embedded database) and
 * {@code transcript.redis} (Lettuce).
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Append is conditional and atomic.</b> {@link #append} adds all given events, numbered
 *       {@code expectedLastSequence + 1, + 2, ...}, only if the log's last sequence number still equals
 *       {@code expectedLastSequence} (0 for a new conversation); otherwise it appends nothing and throws
 *       {@link ConcurrentAppendException}. This is how exactly one of several agents wins a claim, and how
 *       two messages of one conversation are never decided on the same stale state, also across server
 *       instances sharing one store.</li>
 *   <li><b>The log's rules hold.</b> Before anything is written the events are folded into the
 *       {@link SessionState}; an event the state machine does not allow (for example a bot answer while an
 *       agent holds the conversation, or a first event other than {@code ConversationStarted}) makes the
 *       whole append fail with {@link IllegalStateException}.</li>
 *   <li><b>Acknowledged means durable.</b> When {@code append} returns, the events are persisted as the
 *       adapter's durability setting promises (the embedded store has flushed and, by default, fsynced the
 *       file; Redis has applied the write, its own persistence settings decide the rest), and they are
 *       visible to {@link #read}, {@link #session} and {@link #queue} from every instance.</li>
 *   <li><b>Live events</b> are delivered to subscribers after they are stored, in log order per
 *       conversation, at most once per subscription; a subscriber that needs completeness (for example
 *       after a reconnect) reads the history with {@link #read} and de-duplicates by sequence number.</li>
 *   <li><b>Bad input:</b> {@code null} arguments throw {@link NullPointerException}; an empty event list or
 *       a negative sequence throws {@link IllegalArgumentException}. Reading an unknown conversation gives
 *       an empty list and an {@linkplain SessionState#exists() empty} session, never an error.</li>
 *   <li><b>Failures</b> of the underlying storage throw {@link TranscriptStoreException}; the caller must
 *       then treat the append as not acknowledged (it may or may not have been stored; retrying with the
 *       same expected sequence is safe because it can never apply twice).</li>
 *   <li><b>Lifecycle:</b> a conversation ends only by {@link #delete} (retention) or {@link #erase} (a customer's
 *       request, leaving a content-free {@link Tombstone}); afterwards it reads as unknown, and its id may start a
 *       new log. Live subscribers are not told. Memory use does not grow with the number of conversations
 *       stored: only listings a caller asks for ({@link #conversations()}) are held whole.</li>
 *   <li><b>Thread safety:</b> implementations are safe for concurrent use by many threads.</li>
 * </ul>
 */
public interface TranscriptStore extends ConversationData, AutoCloseable {

    /**
     * Appends events to a conversation's log if its last sequence number is {@code expectedLastSequence}.
     *
     * @return the stored events with their sequence numbers, in order
     * @throws ConcurrentAppendException if the log's last sequence number is different
     * @throws IllegalStateException if the events break the log's rules (nothing is stored)
     */
    List<StoredEvent> append(ConversationId conversationId, long expectedLastSequence, List<TranscriptEvent> events);

    /**
     * {@link #append} after the caller derived {@code before} from this store's log (a {@link #read} replayed, or
     * {@link #session}): an adapter may use it instead of deriving the state again, since the append only succeeds
     * if the log still ends at {@code before.lastSequence()}, and then {@code before} is its state.
     */
    default List<StoredEvent> append(SessionState before, List<TranscriptEvent> events) {
        return append(before.conversationId(), before.lastSequence(), events);
    }

    /** The conversation's events with a sequence number greater than {@code afterSequence}, in order. */
    List<StoredEvent> read(ConversationId conversationId, long afterSequence);

    /**
     * The whole log, to decide the next append on: {@link #read read(id, 0)} unless the adapter keeps the logs
     * it wrote. Such a copy may be behind the log (another instance appended since) but never ahead of it or
     * different from it: a decision made on it is safe, because {@link #append} refuses a stale expected
     * sequence and the caller then decides again on a fresh {@link #read}. Not for showing a log to anyone.
     */
    default List<StoredEvent> readForAppend(ConversationId conversationId) {
        return read(conversationId, 0);
    }

    /** The conversation's current derived state ({@link SessionState#empty} if it has no events). */
    SessionState session(ConversationId conversationId);

    /** Conversations waiting for an agent, longest waiting first. */
    default List<QueueEntry> queue() {
        return queue(Integer.MAX_VALUE);
    }

    /**
     * The first {@code limit} conversations waiting for an agent, longest waiting first (what an agent
     * claiming the next conversation needs, without reading the whole queue).
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    List<QueueEntry> queue(int limit);

    /** Every conversation with at least one event, oldest first (for retraining and reports). */
    default List<ConversationId> conversations() {
        return conversations(Instant.MIN, Instant.MAX);
    }

    /**
     * The conversations with events in {@code [from, to)} as far as their first and last events tell: started before
     * {@code to} and last active at or after {@code from}; oldest first. (Reports over a period read only these.)
     */
    List<ConversationId> conversations(Instant from, Instant to);

    /**
     * Up to {@code limit} conversations whose newest event is older than {@code cutoff}, least recently active first:
     * what a retention period ending at {@code cutoff} has expired.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    List<ConversationId> inactiveSince(Instant cutoff, int limit);

    /**
     * Deletes the conversations' logs with everything derived from them (state, queue entries, indexes), without a
     * tombstone (retention). Unknown conversations are skipped.
     *
     * @return how many events were deleted
     */
    @Override
    long delete(Collection<ConversationId> conversations);

    /**
     * Deletes one conversation like {@link #delete} and records its tombstone in the same step (erasure on request).
     * Erasing an unknown or already erased conversation records the tombstone too, so each request is on record.
     *
     * @return how many events were deleted
     */
    long erase(Tombstone tombstone);

    /** The tombstones of erased conversations, oldest first. */
    List<Tombstone> tombstones();

    /** This store's part of a conversation's export: {@code events}, the whole log (empty map if unknown). */
    @Override
    default Map<String, Object> export(ConversationId conversationId) {
        List<StoredEvent> log = read(conversationId, 0);
        return log.isEmpty() ? Map.of() : Map.of("events", log);
    }

    @Override
    default String name() {
        return "transcript";
    }

    /** Delivers future events of one conversation to {@code listener} until the subscription is closed. */
    Subscription subscribe(ConversationId conversationId, EventListener listener);

    /** Delivers future events of every conversation to {@code listener} until the subscription is closed. */
    Subscription subscribeAll(EventListener listener);

    /**
     * Whether the store can take calls right now, as far as the adapter knows without asking the storage (the
     * embedded store: it is open; Redis: its connection is up). Cheap and non-blocking, for readiness checks.
     * {@code true} does not promise that the next call succeeds; while it is {@code false} calls fail at once
     * with {@link TranscriptStoreException} instead of waiting.
     */
    boolean reachable();

    /** Releases files or connections; further calls fail. Idempotent. */
    @Override
    void close();
}
