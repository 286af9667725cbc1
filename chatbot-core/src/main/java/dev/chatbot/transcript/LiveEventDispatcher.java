package dev.chatbot.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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

    /**
     * Listeners of every conversation, and of one conversation each (looked up per event, not scanned). Each
     * registration is a {@link Registration} of its own: registering, unregistering and the "still registered?" check
     * at delivery cost the same however many listeners there are, so a dispatch costs one step per listener it
     * delivers to.
     */
    private final Set<Registration> everything = ConcurrentHashMap.newKeySet();

    private final ConcurrentMap<ConversationId, Set<Registration>> byConversation = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    /** One listener's registration; unregistering turns it off at once, even for events already queued. */
    private static final class Registration {
        final EventListener listener;
        volatile boolean active = true;

        Registration(EventListener listener) {
            this.listener = listener;
        }
    }

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
        Registration registration = new Registration(listener);
        if (conversationId == null) {
            everything.add(registration);
            return () -> {
                registration.active = false;
                everything.remove(registration);
            };
        }
        byConversation.compute(conversationId, (id, registrations) -> {
            Set<Registration> out = registrations == null ? ConcurrentHashMap.newKeySet() : registrations;
            out.add(registration);
            return out;
        });
        return () -> {
            registration.active = false;
            byConversation.computeIfPresent(conversationId, (id, registrations) -> {
                registrations.remove(registration);
                return registrations.isEmpty() ? null : registrations;
            });
        };
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
        List<List<Registration>> targets = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            List<Registration> registrations = new ArrayList<>(everything);
            registrations.addAll(byConversation.getOrDefault(event.conversationId(), Set.of()));
            targets.add(registrations);
        }
        executor.execute(() -> {
            for (int i = 0; i < events.size(); i++) {
                StoredEvent event = events.get(i);
                for (Registration registration : targets.get(i)) {
                    if (registration.active) {
                        deliver(registration.listener, event);
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
