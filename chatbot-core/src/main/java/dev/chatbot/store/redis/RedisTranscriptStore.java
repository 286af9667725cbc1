package dev.chatbot.store.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.json.EventJson;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

// Redis adapter (Lettuce sync/async): stream log + state hash per conversation, queue sorted set, pub/sub.
public final class RedisTranscriptStore implements TranscriptStore {

    private final EventJson json = new EventJson();
    private final RedisKeys keys;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final AppendScript script;
    private final RedisLiveEvents live;
    private final RedisQueue queue;

    private RedisTranscriptStore(RedisStoreSettings settings) {
        this.keys = new RedisKeys(settings.keyPrefix());
        this.resources = RedisClients.resources(settings);
        this.client = RedisClients.client(resources, settings);
        try {
            this.connection = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw new TranscriptStoreException("cannot connect to Redis at " + RedisURI.create(settings.url()).toURI(), e);
        }
        this.redis = connection.sync();
        this.script = new AppendScript(keys);
        this.live = new RedisLiveEvents(client, keys, json);
        this.queue = new RedisQueue(keys, connection, settings.commandTimeout());
    }

    /** Connects to the server named in the settings; throws {@link TranscriptStoreException} if it is unreachable. */
    public static RedisTranscriptStore connect(RedisStoreSettings settings) {
        return new RedisTranscriptStore(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public List<StoredEvent> append(ConversationId id, long expectedLastSequence, List<TranscriptEvent> events) {
        Objects.requireNonNull(id, "conversationId");
        if (events.isEmpty() || expectedLastSequence < 0) {
            throw new IllegalArgumentException("append needs events and a non-negative expected sequence");
        }
        SessionState before = guarded(id, () -> session(id));
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
        return guarded(id, () -> {
            SessionState after = before.applyAll(stored); // validates the state machine before anything is written
            if (after.state() == ConversationState.QUEUED && before.state() != ConversationState.QUEUED) {
                // index first: a crash in between leaves a stale entry that queue() filters, never a lost one
                redis.zadd(keys.queue(), after.waitingSince().toEpochMilli(), id.value());
            }
            script.run(redis, id, expectedLastSequence, after, stored.stream().map(json::write).toList());
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
    public List<ConversationId> conversations() {
        return guarded(null, () -> redis.zrange(keys.conversations(), 0, -1).stream().map(ConversationId::of).toList());
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
        return connection.isOpen();
    }

    @Override
    public void close() {
        live.close();
        connection.close();
        client.shutdown();
        resources.shutdown();
    }

    private <T> T guarded(ConversationId id, java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new TranscriptStoreException("Redis failed" + (id == null ? "" : " for " + id) + ": "
                    + e.getMessage(), e);
        }
    }
}
