package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.RecentConversations;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.json.EventJson;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisException;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import dev.chatbot.transcript.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

// Redis adapter (Lettuce sync/async): stream log + state hash per conversation, queue sorted set, pub/sub.
public final class RedisTranscriptStore implements TranscriptStore {

    /** How many conversations' logs {@link #readForAppend} keeps (about 3 KB each in a support chat). */
    static final int WRITTEN_LOGS = 10_000;

    private final EventJson json = new EventJson();
    private final RedisKeys keys;
    private final RedisConnections connections;
    private final boolean ownsConnections;
    private final RedisCommands<String, String> redis;
    private final AppendScript script;
    private final RedisLiveEvents live;
    private final RedisQueue queue;
    /**
     * The logs this instance last appended to or read for an append, the most recent {@link #WRITTEN_LOGS}:
     * {@link #readForAppend} answers from here instead of reading and decoding the whole stream for every message.
     * An entry is only ever a log as it was stored (extended by this instance's appends and by the live events of
     * other instances' in sequence, dropped on any failed append or a gap), so it can be behind the stream but
     * never different from it; an append on a copy that is behind is refused by the script.
     */
    private final Map<ConversationId, List<StoredEvent>> written = RecentConversations.map(WRITTEN_LOGS);
    private final Object followLock = new Object();
    private volatile boolean following;
    private volatile boolean closed;
    private final Subscription forgetting;

    private RedisTranscriptStore(RedisConnections connections, boolean owns) {
        this.connections = connections;
        this.ownsConnections = owns;
        this.keys = new RedisKeys(connections.settings().keyPrefix());
        this.redis = connections.connection().sync();
        // Redis may come back without its last writes (appendfsync everysec), and then reuse their sequence
        // numbers for other events: a copy made before cannot be trusted to be a prefix any more
        connections.onReconnect(written::clear);
        this.script = new AppendScript(keys);
        this.live = new RedisLiveEvents(connections, keys, json);
        this.queue = new RedisQueue(keys, connections.connection(), connections.settings().commandTimeout());
        // a conversation deleted by any instance (or a command) is dropped from this one's copies
        this.forgetting = connections.subscribe(keys.forget(), false, (channel, id) -> {
            if (ConversationId.isValid(id)) {
                written.remove(ConversationId.of(id));
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
            throw new dev.chatbot.transcript.ConcurrentAppendException(id, expectedLastSequence, before.lastSequence());
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
            written.remove(id); // refused (stale), or Redis failed: it may or may not have been stored
            throw e;
        }
        long lastDone = done.get(done.size() - 1).sequence();
        if (expectedLastSequence == 0) {
            followWrittenLogs();
        }
        // the copy grows only from the log it was appended to; one that ends elsewhere is dropped, not guessed at
        written.compute(id, (k, log) -> {
            if (log == null) {
                return expectedLastSequence == 0 ? done : null;
            }
            long last = lastSequence(log);
            if (last == expectedLastSequence) {
                return concat(log, done);
            }
            return last >= lastDone ? log : null; // the live events of this append got there first
        });
        return done;
    }

    /**
     * Keeps the copies current with what other instances append (every instance hears every event), so that
     * a conversation whose messages reach the instances in turn (no sticky sessions) is not refused once per
     * message for a stale copy. An event after a gap (missed during a reconnect) drops the copy.
     */
    private void extendCopy(StoredEvent event) {
        written.computeIfPresent(event.conversationId(), (k, log) -> {
            long last = lastSequence(log);
            if (event.sequence() == last + 1) {
                return concat(log, List.of(event));
            }
            // one the copy has already (this instance's own append) must be the same event, else the copy is wrong
            return event.sequence() <= last && event.equals(log.get((int) event.sequence() - 1)) ? log : null;
        });
    }

    /** Subscribes {@link #extendCopy} to every conversation's live events, once, when the first copy is kept. */
    private void followWrittenLogs() {
        if (following) {
            return;
        }
        synchronized (followLock) {
            if (!following) {
                try {
                    live.subscribe(null, this::extendCopy);
                    following = true;
                } catch (RedisException e) {
                    // the copies are then corrected by refused appends only; subscribing is tried with the next one
                }
            }
        }
    }

    private static long lastSequence(List<StoredEvent> log) {
        return log.get(log.size() - 1).sequence();
    }

    private static List<StoredEvent> concat(List<StoredEvent> log, List<StoredEvent> more) {
        List<StoredEvent> out = new ArrayList<>(log.size() + more.size());
        out.addAll(log);
        out.addAll(more);
        return List.copyOf(out);
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
            script.run(redis, id, expectedLastSequence, after,
                    stored.get(stored.size() - 1).event().at().toEpochMilli(), lines);
            if (expectedLastSequence == 0) {
                redis.zadd(keys.conversations(), ZAddArgs.Builder.nx(), after.startedAt().toEpochMilli(), id.value());
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
        return guarded(id, () -> redis.xrange(keys.events(id), Range.from(Range.Boundary.including(from),
                        Range.Boundary.unbounded())).stream()
                .map(m -> json.read(m.getBody().get("e")))
                .toList());
    }

    /** {@link #read read(id, 0)}, or this instance's copy of the log as it last appended or read it (see {@link #written}). */
    @Override
    public List<StoredEvent> readForAppend(ConversationId id) {
        Objects.requireNonNull(id, "conversationId");
        List<StoredEvent> copy = written.get(id);
        if (copy != null) {
            return copy;
        }
        followWrittenLogs();
        List<StoredEvent> log = read(id, 0);
        if (!log.isEmpty()) {
            // never replace a longer copy another thread stored meanwhile with this one
            written.merge(id, log, (mine, theirs) -> lastSequence(mine) >= lastSequence(theirs) ? mine : theirs);
        }
        return log;
    }

    /** Whether this instance holds a copy of the conversation's log (for tests). */
    boolean hasCopy(ConversationId id) {
        return written.containsKey(id);
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
        return guarded(null, () -> {
            List<String> started = redis.zrangebyscore(keys.conversations(),
                    Range.create(Double.NEGATIVE_INFINITY, (double) millisBefore(to)));
            if (from.equals(Instant.MIN)) {
                return started.stream().map(ConversationId::of).toList();
            }
            List<Long> lastAt = lastActivity(started);
            List<ConversationId> out = new ArrayList<>();
            for (int i = 0; i < started.size(); i++) {
                Long last = lastAt.get(i);
                if (last != null && last >= from.toEpochMilli()) {
                    out.add(ConversationId.of(started.get(i)));
                }
            }
            return out;
        });
    }

    /**
     * Only a conversation started before the cutoff can have been inactive since, so the index of starts is read up to
     * it, in pages, and each candidate's {@code lastAt} checked (pipelined). A member without a state hash is an index
     * entry left behind (a crash between deleting the keys and the index entries): expired as well.
     */
    @Override
    public List<ConversationId> inactiveSince(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        long before = millisBefore(cutoff);
        return guarded(null, () -> {
            List<Candidate> expired = new ArrayList<>();
            int page = 1_000;
            for (long offset = 0; ; offset += page) {
                List<String> started = redis.zrangebyscore(keys.conversations(),
                        Range.create(Double.NEGATIVE_INFINITY, (double) before), Limit.create(offset, page));
                List<Long> lastAt = lastActivity(started);
                for (int i = 0; i < started.size(); i++) {
                    Long last = lastAt.get(i);
                    if (last == null || last < cutoff.toEpochMilli()) {
                        expired.add(new Candidate(started.get(i), last == null ? Long.MIN_VALUE : last));
                    }
                }
                if (started.size() < page || expired.size() >= limit * 4L) {
                    break;
                }
            }
            return expired.stream().sorted(Candidate.LEAST_RECENT)
                    .limit(limit).map(c -> ConversationId.of(c.id())).toList();
        });
    }

    /** A conversation found inactive, with the time of its newest event. */
    private record Candidate(String id, long lastAt) {
        static final java.util.Comparator<Candidate> LEAST_RECENT =
                java.util.Comparator.comparingLong(Candidate::lastAt).thenComparing(Candidate::id);
    }

    /** Each conversation's {@code lastAt} (null when it has no state hash), one pipelined round trip. */
    private List<Long> lastActivity(List<String> ids) {
        List<RedisFuture<String>> futures = new ArrayList<>(ids.size());
        for (String id : ids) {
            futures.add(connections.connection().async().hget(keys.state(ConversationId.of(id)), "lastAt"));
        }
        List<Long> out = new ArrayList<>(ids.size());
        for (RedisFuture<String> f : futures) {
            String v = await(f);
            out.add(v == null || v.isEmpty() ? null : Long.parseLong(v));
        }
        return out;
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(connections.settings().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptStoreException("interrupted while waiting for Redis", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TranscriptStoreException("Redis failed: " + e.getMessage(), e);
        }
    }

    /** The last whole millisecond before {@code at}, for inclusive score ranges ({@code Long} range clamped). */
    private static long millisBefore(Instant at) {
        if (at.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
            return Long.MAX_VALUE / 2;
        }
        return at.toEpochMilli() - 1;
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
            events += deleteOne(id);
        }
        return events;
    }

    private long deleteOne(ConversationId id) {
        written.remove(id);
        return guarded(id, () -> {
            long events = redis.xlen(keys.events(id));
            redis.del(keys.events(id), keys.state(id));
            redis.zrem(keys.queue(), id.value());
            redis.zrem(keys.conversations(), id.value());
            redis.publish(keys.forget(), id.value());
            return events;
        });
    }

    @Override
    public long erase(Tombstone tombstone) {
        long events = deleteOne(tombstone.conversationId());
        guarded(tombstone.conversationId(), () -> redis.rpush(keys.erasures(), TombstoneJson.write(tombstone)));
        return events;
    }

    @Override
    public List<Tombstone> tombstones() {
        return guarded(null, () -> redis.lrange(keys.erasures(), 0, -1).stream().map(TombstoneJson::read).toList());
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
        written.clear();
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
            throw new TranscriptStoreException("Redis failed" + (id == null ? "" : " for " + id) + ": "
                    + e.getMessage(), e);
        }
    }
}
