package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.json.EventJson;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Redis adapter (Lettuce sync/async): stream log + state hash per conversation, queue sorted set, pub/sub. Over 250
 * lines: one short method per operation of the port, which has seventeen.
 */
public final class RedisTranscriptStore implements TranscriptStore {

    private final EventJson json = new EventJson();
    private final RedisKeys keys;
    private final RedisConnections connections;
    private final boolean ownsConnections;
    private final RedisCommands<String, String> redis;
    private final AppendScript script;
    private final RedisLiveEvents live;
    private final RedisQueue queue;
    private final RedisConversations index;
    private final RedisLogCopies copies;
    private volatile boolean closed;
    private final Subscription forgetting;

    private RedisTranscriptStore(RedisConnections connections, boolean owns) {
        this.connections = connections;
        this.ownsConnections = owns;
        this.keys = new RedisKeys(connections.settings().keyPrefix());
        this.redis = connections.connection().sync();
        // Redis may come back without its last writes (appendfsync everysec), and then reuse their sequence
        // numbers for other events: a copy made before cannot be trusted to be a prefix any more
        this.script = new AppendScript(keys);
        this.live = new RedisLiveEvents(connections, keys, json);
        this.copies = new RedisLogCopies(live);
        connections.onReconnect(copies::clear);
        this.queue = new RedisQueue(
                keys, connections.connection(), connections.settings().commandTimeout());
        this.index = new RedisConversations(
                keys, connections.connection(), connections.settings().commandTimeout());
        // a conversation deleted by any instance (or a command) is dropped from this one's copies
        this.forgetting = connections.subscribe(keys.forget(), false, (channel, id) -> {
            if (ConversationId.isValid(id)) {
                copies.forget(ConversationId.of(id));
            }
        });
    }

    /**
     * A store of its own on a new connection to the server named in the settings, closed with the store (for tools
     * and tests; a service shares one {@link RedisConnections} between its adapters, see {@link #on}).
     *
     * @throws TranscriptStoreException if Redis is unreachable
     */
    public static RedisTranscriptStore connect(RedisSettings settings) {
        return new RedisTranscriptStore(RedisConnections.connect(Objects.requireNonNull(settings, "settings")), true);
    }

    /** A store on shared connections, which it does not close. */
    public static RedisTranscriptStore on(RedisConnections connections) {
        return new RedisTranscriptStore(Objects.requireNonNull(connections, "connections"), false);
    }

    @Override
    public List<StoredEvent> append(ConversationId id, long expectedLastSequence, List<TranscriptEvent> events) {
        Objects.requireNonNull(id, "conversationId");
        if (events.isEmpty() || expectedLastSequence < 0) {
            throw new IllegalArgumentException("append needs events and a non-negative expected sequence");
        }
        // a new conversation's log is empty: no read for that (the script refuses the append if it is not)
        SessionState before = expectedLastSequence == 0 ? SessionState.empty(id) : guarded(id, () -> session(id));
        if (before.lastSequence() != expectedLastSequence) {
            throw new ConcurrentAppendException(id, expectedLastSequence, before.lastSequence());
        }
        return append(before, events);
    }

    /**
     * Saves reading and replaying the whole stream again: the script appends only if the log still ends at
     * {@code before.lastSequence()}, and a log that ends there has the state {@code before}.
     */
    @Override
    public List<StoredEvent> append(SessionState before, List<TranscriptEvent> events) {
        ConversationId id = before.conversationId();
        long expectedLastSequence = before.lastSequence();
        if (events.isEmpty()) {
            throw new IllegalArgumentException("append needs events");
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            stored.add(new StoredEvent(id, expectedLastSequence + 1 + i, events.get(i)));
        }
        List<StoredEvent> done;
        try {
            done = appendChecked(before, stored);
        } catch (RuntimeException e) {
            copies.forget(id); // refused (stale), or Redis failed: it may or may not have been stored
            throw e;
        }
        copies.appended(id, expectedLastSequence, done);
        return done;
    }

    private List<StoredEvent> appendChecked(SessionState before, List<StoredEvent> stored) {
        ConversationId id = before.conversationId();
        long expectedLastSequence = before.lastSequence();
        return guarded(id, () -> {
            SessionState after = before.applyAll(stored); // validates the state machine before anything is written
            if (after.state() == ConversationState.QUEUED && before.state() != ConversationState.QUEUED) {
                // index first: a crash in between leaves a stale entry that queue() filters, never a lost one
                redis.zadd(keys.queue(), after.waitingSince().toEpochMilli(), id.value());
            }
            List<String> lines = stored.stream().map(json::write).toList();
            for (int i = 0; i < lines.size(); i++) {
                live.appending(lines.get(i), stored.get(i)); // before the script: its PUBLISH may arrive first
            }
            script.run(
                    redis,
                    id,
                    expectedLastSequence,
                    after,
                    stored.get(stored.size() - 1).event().at().toEpochMilli(),
                    lines);
            if (expectedLastSequence == 0) {
                redis.zadd(
                        keys.conversations(),
                        ZAddArgs.Builder.nx(),
                        after.startedAt().toEpochMilli(),
                        id.value());
            }
            if (before.state() == ConversationState.QUEUED && after.state() != ConversationState.QUEUED) {
                redis.zrem(keys.queue(), id.value());
            }
            // live events (at most once) were published by the script, in sequence order
            return List.copyOf(stored);
        });
    }

    @Override
    public List<StoredEvent> read(ConversationId id, long afterSequence) {
        Objects.requireNonNull(id, "conversationId");
        String from = Math.max(afterSequence, 0) + 1 + "-0";
        return guarded(
                id,
                () -> redis
                        .xrange(keys.events(id), Range.from(Range.Boundary.including(from), Range.Boundary.unbounded()))
                        .stream()
                        .map(m -> json.read(m.getBody().get("e")))
                        .toList());
    }

    /** {@link #read read(id, 0)}, or this instance's copy of the log as it last appended or read it. */
    @Override
    public List<StoredEvent> readForAppend(ConversationId id) {
        Objects.requireNonNull(id, "conversationId");
        List<StoredEvent> copy = copies.get(id);
        if (copy != null) {
            return copy;
        }
        List<StoredEvent> log = read(id, 0);
        copies.read(id, log);
        return log;
    }

    /** This instance's copy of the conversation's log, or null if it holds none; never reads Redis (for tests). */
    List<StoredEvent> copy(ConversationId id) {
        return copies.get(id);
    }

    @Override
    public SessionState session(ConversationId id) {
        return SessionState.replay(id, read(id, 0));
    }

    @Override
    public List<QueueEntry> queue(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return guarded(null, () -> queue.head(limit));
    }

    @Override
    public List<ConversationId> conversations(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return guarded(null, () -> index.conversations(from, to));
    }

    @Override
    public List<ConversationId> inactiveSince(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return guarded(null, () -> index.inactiveSince(cutoff, limit));
    }

    /**
     * Per conversation: its two keys go in one {@code DEL} (one slot), then its entries in the global indexes; a crash
     * in between leaves only index entries, which {@link #inactiveSince} finds and the next sweep removes. Every
     * instance is told to drop its copy of the log.
     */
    @Override
    public long delete(Collection<ConversationId> conversations) {
        long events = 0;
        for (ConversationId id : new java.util.LinkedHashSet<>(conversations)) {
            copies.forget(id);
            events += guarded(id, () -> index.delete(id));
        }
        return events;
    }

    @Override
    public long erase(Tombstone tombstone) {
        ConversationId id = tombstone.conversationId();
        copies.forget(id);
        long events = guarded(id, () -> index.delete(id));
        guarded(id, () -> redis.rpush(keys.erasures(), TombstoneJson.write(tombstone)));
        return events;
    }

    @Override
    public List<Tombstone> tombstones() {
        return guarded(
                null,
                () -> redis.lrange(keys.erasures(), 0, -1).stream()
                        .map(TombstoneJson::read)
                        .toList());
    }

    @Override
    public Subscription subscribe(ConversationId id, EventListener listener) {
        Objects.requireNonNull(id, "conversationId");
        return guarded(id, () -> live.subscribe(id, listener));
    }

    @Override
    public Subscription subscribeAll(EventListener listener) {
        return guarded(null, () -> live.subscribe(null, listener));
    }

    /** The command connection is up (Lettuce knows without a round trip); while it is down commands are refused. */
    @Override
    public boolean reachable() {
        return !closed && connections.isOpen();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        forgetting.close();
        live.close();
        copies.clear();
        if (ownsConnections) {
            connections.close();
        }
    }

    private <T> T guarded(ConversationId id, java.util.function.Supplier<T> command) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        try {
            return command.get();
        } catch (RedisException e) {
            throw new TranscriptStoreException(
                    "Redis failed" + (id == null ? "" : " for " + id) + ": " + e.getMessage(), e);
        }
    }
}
