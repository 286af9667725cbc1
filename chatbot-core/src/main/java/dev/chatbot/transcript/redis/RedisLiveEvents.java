package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.LiveEventDispatcher;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.json.EventJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Redis pub/sub adapter: channels subscribed on the shared pub/sub connection while local listeners want them.
final class RedisLiveEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLiveEvents.class);

    private final RedisConnections redis;
    private final RedisKeys keys;
    private final EventJson json;
    private final LiveEventDispatcher perConversation = new LiveEventDispatcher("redis-store-events");
    private final LiveEventDispatcher all = new LiveEventDispatcher("redis-store-events-all");
    /**
     * The events this store appended last, by their JSON (a direct-mapped cache, {@link #OWN_SLOTS} slots): the
     * pub/sub stream brings each one back, and a message that is exactly the JSON of one of them is that event,
     * since reading an event's JSON gives an equal event (EventJsonTest). So this instance's own events, all of
     * them on a single instance, are not decoded again; a slot overwritten or a stale entry only means a decode.
     */
    private final AtomicReferenceArray<Own> own = new AtomicReferenceArray<>(OWN_SLOTS);

    private static final int OWN_SLOTS = 4096;
    private final Map<String, Channel> channels = new HashMap<>();

    RedisLiveEvents(RedisConnections redis, RedisKeys keys, EventJson json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    /** Subscribes (and waits for Redis to confirm) before returning, so no event published later is missed. */
    synchronized Subscription subscribe(ConversationId id, EventListener listener) {
        String channel = id == null ? keys.livePattern() : keys.live(id);
        LiveEventDispatcher dispatcher = id == null ? all : perConversation;
        Channel subscribed = channels.get(channel);
        if (subscribed == null) { // one Redis subscription per channel, however many local listeners
            subscribed = new Channel(redis.subscribe(
                    channel,
                    id == null,
                    (from, message) -> decode(message).ifPresent(e -> dispatcher.dispatch(List.of(e)))));
            channels.put(channel, subscribed);
        }
        subscribed.users++;
        Subscription registration = dispatcher.register(id, listener);
        return new Subscription() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (RedisLiveEvents.this) {
                    if (!closed) {
                        closed = true;
                        registration.close();
                        Channel c = channels.get(channel);
                        if (c != null && --c.users == 0) {
                            channels.remove(channel);
                            c.subscription.close();
                        }
                    }
                }
            }
        };
    }

    /** A Redis subscription and how many local subscriptions use it; under the store's lock. */
    private static final class Channel {
        final Subscription subscription;
        int users;

        Channel(Subscription subscription) {
            this.subscription = subscription;
        }
    }

    /** Remembers an event this store is about to append as {@code json}; call before the append is sent. */
    void appending(String json, StoredEvent event) {
        own.set(json.hashCode() & (OWN_SLOTS - 1), new Own(json, event));
    }

    private record Own(String json, StoredEvent event) {}

    private Optional<StoredEvent> decode(String message) {
        Own mine = own.get(message.hashCode() & (OWN_SLOTS - 1));
        if (mine != null && mine.json().equals(message)) {
            return Optional.of(mine.event());
        }
        try {
            return Optional.of(json.read(message));
        } catch (IllegalArgumentException e) {
            log.warn("ignoring an unreadable live event: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        channels.values().forEach(c -> c.subscription.close());
        channels.clear();
        perConversation.close();
        all.close();
    }
}
