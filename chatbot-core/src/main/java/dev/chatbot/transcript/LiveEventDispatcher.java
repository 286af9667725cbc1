package dev.chatbot.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process fan-out of live events to {@link EventListener}s, for store adapters. Events are delivered
 * on one daemon thread in the order {@link #dispatch} was called, so a slow listener delays the others
 * but never the appender. Thread-safe.
 */
public final class LiveEventDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveEventDispatcher.class);

    /** Listeners of every conversation, and of one conversation each (looked up per event, not scanned). */
    private final List<EventListener> everything = new CopyOnWriteArrayList<>();

    private final ConcurrentMap<ConversationId, List<EventListener>> byConversation = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public LiveEventDispatcher(String threadName) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers a listener for one conversation, or for all when {@code conversationId} is null. */
    public Subscription register(ConversationId conversationId, EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (conversationId == null) {
            everything.add(listener);
            return () -> everything.remove(listener);
        }
        byConversation.compute(conversationId, (id, listeners) -> {
            List<EventListener> out = listeners == null ? new CopyOnWriteArrayList<>() : listeners;
            out.add(listener);
            return out;
        });
        return () -> byConversation.computeIfPresent(conversationId, (id, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }

    /** True if some listener wants events of this conversation. */
    public boolean wants(ConversationId conversationId) {
        return !everything.isEmpty() || byConversation.containsKey(conversationId);
    }

    /**
     * Queues the events for delivery to the listeners registered now that are still registered when they are
     * delivered: a listener registered while an event was queued did not subscribe before it was published, and
     * is not handed it (the Redis store's all-events test saw a conversation's earlier event arrive first).
     */
    public void dispatch(List<StoredEvent> events) {
        if ((everything.isEmpty() && byConversation.isEmpty()) || executor.isShutdown()) {
            return;
        }
        List<List<EventListener>> targets = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            List<EventListener> listeners = new ArrayList<>(everything);
            listeners.addAll(byConversation.getOrDefault(event.conversationId(), List.of()));
            targets.add(listeners);
        }
        executor.execute(() -> {
            for (int i = 0; i < events.size(); i++) {
                StoredEvent event = events.get(i);
                for (EventListener listener : targets.get(i)) {
                    if (everything.contains(listener)
                            || byConversation
                                    .getOrDefault(event.conversationId(), List.of())
                                    .contains(listener)) {
                        deliver(listener, event);
                    }
                }
            }
        });
    }

    private static void deliver(EventListener listener, StoredEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("live event listener failed on {} #{}", event.conversationId(), event.sequence(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        everything.clear();
        byConversation.clear();
    }
}
