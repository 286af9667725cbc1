package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptStoreException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Lettuce set-up of a process, shared by every Redis adapter (transcripts, channels, console accounts, model
 * promotions): one client on one set of event loops, one command connection (Lettuce multiplexes it safely over
 * threads; no adapter uses blocking commands or MULTI) and one pub/sub connection opened on first use.
 *
 * <p>While Redis is away the connections reconnect in the background (pauses doubling from 10 ms up to
 * {@link RedisSettings#maxReconnectDelay()}), and a command issued meanwhile is refused at once
 * ({@code REJECT_COMMANDS}) instead of being queued; {@link #call} turns the refusal into a
 * {@link TranscriptStoreException}, which the service answers with 503 and Retry-After. A command already sent when
 * the connection dropped is bounded by {@link RedisSettings#commandTimeout()}. Thread-safe; {@link #close()} shuts
 * everything down and is idempotent.
 */
public final class RedisConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    /**
     * Handlers per subscribed channel ({@code c:<name>}) or pattern ({@code p:<pattern>}); changed under this, read
     * without a lock by the Lettuce thread that delivers messages (it also confirms subscriptions, which
     * {@link #subscribe} awaits while holding the lock).
     */
    private final Map<String, List<BiConsumer<String, String>>> handlers = new ConcurrentHashMap<>();

    private StatefulRedisPubSubConnection<String, String> pubSub;
    private boolean closed;

    private RedisConnections(RedisSettings settings) {
        this.settings = settings;
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(
                        Duration.ofMillis(10), settings.maxReconnectDelay(), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.commandTimeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // async commands (pipelined reads, subscriptions) get the same bound as sync ones
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        try {
            this.commands = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            // RedisURI's toString masks the password (toURI would print it)
            throw new TranscriptStoreException("cannot connect to Redis at " + uri, e);
        }
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                reconnectListeners.forEach(Runnable::run);
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                reconnectListeners.forEach(Runnable::run);
            }
        });
    }

    /**
     * Connects to the server the settings name.
     *
     * @throws TranscriptStoreException if it cannot be reached
     */
    public static RedisConnections connect(RedisSettings settings) {
        return new RedisConnections(Objects.requireNonNull(settings, "settings"));
    }

    public RedisSettings settings() {
        return settings;
    }

    /** {@code <prefix>:<name>}: the name of a key or channel of this deployment. */
    public String key(String name) {
        return settings.keyPrefix() + ":" + name;
    }

    /** The shared command connection (for pipelining with its async API). */
    public StatefulRedisConnection<String, String> connection() {
        return commands;
    }

    /**
     * Runs commands on the shared connection; a Redis failure (refused while disconnected, timed out) becomes a
     * {@link TranscriptStoreException}.
     */
    public <T> T call(Function<RedisCommands<String, String>, T> work) {
        try {
            return work.apply(commands.sync());
        } catch (RedisException e) {
            throw new TranscriptStoreException("Redis failed: " + e.getMessage(), e);
        }
    }

    /** Whether the command connection is up (Lettuce knows without a round trip). */
    public boolean isOpen() {
        return commands.isOpen();
    }

    /**
     * Runs {@code listener} whenever a connection drops or comes back (Redis may have lost its last writes, or the
     * pub/sub stream missed messages meanwhile). Called on a Lettuce thread: return quickly.
     */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Delivers the messages of a channel ({@code pattern} false) or of every channel matching a pattern to
     * {@code handler} as (channel, message), on a Lettuce thread, until the subscription is closed. Returns once Redis
     * confirmed the subscription, so nothing published afterwards is missed; the pub/sub connection re-subscribes
     * by itself after a reconnect.
     *
     * @throws TranscriptStoreException if Redis cannot be reached
     */
    public synchronized Subscription subscribe(String channel, boolean pattern, BiConsumer<String, String> handler) {
        Objects.requireNonNull(handler, "handler");
        String id = (pattern ? "p:" : "c:") + channel;
        List<BiConsumer<String, String>> list = handlers.get(id);
        if (list == null) {
            try {
                if (pattern) {
                    pubSub().sync().psubscribe(channel);
                } else {
                    pubSub().sync().subscribe(channel);
                }
            } catch (RedisException e) {
                throw new TranscriptStoreException("cannot subscribe to " + channel + ": " + e.getMessage(), e);
            }
            list = new CopyOnWriteArrayList<>();
            handlers.put(id, list);
        }
        list.add(handler);
        return new Subscription() {
            private boolean done;

            @Override
            public void close() {
                synchronized (RedisConnections.this) {
                    if (!done) {
                        done = true;
                        release(id, channel, pattern, handler);
                    }
                }
            }
        };
    }

    private void release(String id, String channel, boolean pattern, BiConsumer<String, String> handler) {
        List<BiConsumer<String, String>> list = handlers.get(id);
        if (list == null || !list.remove(handler) || !list.isEmpty()) {
            return;
        }
        handlers.remove(id);
        if (pubSub != null && pubSub.isOpen()) {
            if (pattern) {
                pubSub.async().punsubscribe(channel);
            } else {
                pubSub.async().unsubscribe(channel);
            }
        }
    }

    private StatefulRedisPubSubConnection<String, String> pubSub() {
        if (pubSub == null) {
            pubSub = client.connectPubSub();
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    deliver("c:" + channel, channel, message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    deliver("p:" + pattern, channel, message);
                }
            });
        }
        return pubSub;
    }

    private void deliver(String id, String channel, String message) {
        List<BiConsumer<String, String>> list = handlers.get(id);
        if (list == null) {
            return;
        }
        for (BiConsumer<String, String> handler : list) {
            try {
                handler.accept(channel, message);
            } catch (RuntimeException e) {
                log.warn("a Redis message handler of {} failed", channel, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        handlers.clear();
        if (pubSub != null) {
            pubSub.close();
        }
        commands.close();
        client.shutdown();
        resources.shutdown();
    }
}
