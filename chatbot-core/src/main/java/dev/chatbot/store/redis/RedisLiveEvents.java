package dev.chatbot.store.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.LiveEventDispatcher;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.json.EventJson;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Redis pub/sub adapter: one pub/sub connection per store, channels subscribed while local listeners want them.
final class RedisLiveEvents extends RedisPubSubAdapter<String, String> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLiveEvents.class);

    private final RedisClient client;
    private final RedisKeys keys;
    private final EventJson json;
    private final LiveEventDispatcher perConversation = new LiveEventDispatcher("redis-store-events");
    private final LiveEventDispatcher all = new LiveEventDispatcher("redis-store-events-all");
    private final Map<String, Integer> channelUsers = new HashMap<>();
    /**
     * The events this store appended last, by their JSON (a direct-mapped cache, {@link #OWN_SLOTS} slots): the
     * pub/sub stream brings each one back, and a message that is exactly the JSON of one of them is that event,
     * since reading an event's JSON gives an equal event (EventJsonTest). So this instance's own events, all of
     * them on a single instance, are not decoded again; a slot overwritten or a stale entry only means a decode.
     */
    private final AtomicReferenceArray<Own> own = new AtomicReferenceArray<>(OWN_SLOTS);
    private static final int OWN_SLOTS = 4096;
    private StatefulRedisPubSubConnection<String, String> connection;

    RedisLiveEvents(RedisClient client, RedisKeys keys, EventJson json) {
        this.client = client;
        this.keys = keys;
        this.json = json;
    }

    /** Subscribes (and waits for Redis to confirm) before returning, so no event published later is missed. */
    synchronized Subscription subscribe(ConversationId id, EventListener listener) {
        String channel = id == null ? keys.livePattern() : keys.live(id);
        if (channelUsers.merge(channel, 1, Integer::sum) == 1) {
            if (id == null) {
                connection().sync().psubscribe(channel);
            } else {
                connection().sync().subscribe(channel);
            }
        }
        Subscription registration = (id == null ? all : perConversation).register(id, listener);
        return new Subscription() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (RedisLiveEvents.this) {
                    if (!closed) {
                        closed = true;
                        registration.close();
                        release(channel, id == null);
                    }
                }
            }
        };
    }

    private void release(String channel, boolean pattern) {
        if (channelUsers.merge(channel, -1, Integer::sum) == 0) {
            channelUsers.remove(channel);
            if (connection != null && connection.isOpen()) {
                if (pattern) {
                    connection.async().punsubscribe(channel);
                } else {
                    connection.async().unsubscribe(channel);
                }
            }
        }
    }

    private StatefulRedisPubSubConnection<String, String> connection() {
        if (connection == null) {
            connection = client.connectPubSub();
            connection.addListener(this);
        }
        return connection;
    }

    @Override
    public void message(String channel, String message) {
        decode(message).ifPresent(e -> perConversation.dispatch(List.of(e)));
    }

    @Override
    public void message(String pattern, String channel, String message) {
        decode(message).ifPresent(e -> all.dispatch(List.of(e)));
    }

    /** Remembers an event this store is about to append as {@code json}; call before the append is sent. */
    void appending(String json, StoredEvent event) {
        own.set(json.hashCode() & (OWN_SLOTS - 1), new Own(json, event));
    }

    private record Own(String json, StoredEvent event) {
    }

    private java.util.Optional<StoredEvent> decode(String message) {
        Own mine = own.get(message.hashCode() & (OWN_SLOTS - 1));
        if (mine != null && mine.json().equals(message)) {
            return java.util.Optional.of(mine.event());
        }
        try {
            return java.util.Optional.of(json.read(message));
        } catch (IllegalArgumentException e) {
            log.warn("ignoring an unreadable live event: {}", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        perConversation.close();
        all.close();
        if (connection != null) {
            connection.close();
        }
    }
}
