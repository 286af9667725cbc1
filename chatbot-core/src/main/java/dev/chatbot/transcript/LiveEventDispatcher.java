package dev.chatbot.transcript;

import java.util.List;
import java.util.Objects;
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

    private record Registration(ConversationId conversationId, EventListener listener) {
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
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
        Registration registration = new Registration(conversationId, Objects.requireNonNull(listener, "listener"));
        registrations.add(registration);
        return () -> registrations.remove(registration);
    }

    /** True if some listener wants events of this conversation. */
    public boolean wants(ConversationId conversationId) {
        return registrations.stream()
                .anyMatch(r -> r.conversationId() == null || r.conversationId().equals(conversationId));
    }

    /** Queues the events for delivery to matching listeners. */
    public void dispatch(List<StoredEvent> events) {
        if (registrations.isEmpty() || executor.isShutdown()) {
            return;
        }
        executor.execute(() -> events.forEach(this::deliver));
    }

    private void deliver(StoredEvent event) {
        for (Registration r : registrations) {
            if (r.conversationId() == null || r.conversationId().equals(event.conversationId())) {
                try {
                    r.listener().onEvent(event);
                } catch (RuntimeException e) {
                    log.warn("live event listener failed on {} #{}", event.conversationId(), event.sequence(), e);
                }
            }
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
        registrations.clear();
    }
}
