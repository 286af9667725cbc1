package dev.chatbot.web.limits;

import dev.chatbot.transcript.ConversationId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The cap on conversations one client address keeps open: at most {@code max} started within {@code window} that are
 * not closed yet. A start {@link #reserve reserves} a place first and {@link Reservation#started fills} it with the
 * new conversation (or {@link Reservation#cancel gives it back}); at the cap, the address's conversations are looked
 * up ({@code stillOpen}, a store read each, at most once per {@link #RECHECK}) and the closed ones leave. Counts are
 * kept in this JVM (each instance caps on its own). Thread-safe; {@link #reserve} may block on the store.
 */
public final class OpenConversations {

    static final Duration RECHECK = Duration.ofSeconds(5);
    private static final int CLEANUP_EVERY = 10_000;

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentMap<String, Started> byAddress = new ConcurrentHashMap<>();
    private int calls;

    /** One address's conversations, oldest first; guarded by itself. */
    private static final class Started {
        final Deque<Entry> entries = new ArrayDeque<>();
        long checkedAt = Long.MIN_VALUE / 4; // long ago, without overflowing "now - checkedAt"
    }

    private static final class Entry {
        final long at;
        ConversationId id; // null while the start is under way

        Entry(long at) {
            this.at = at;
        }
    }

    public OpenConversations(int max, Duration window, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("a cap needs at least 1: " + max);
        }
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** A place taken for a conversation being started. */
    public final class Reservation {
        private final Started started;
        private final Entry entry;

        private Reservation(Started started, Entry entry) {
            this.started = started;
            this.entry = entry;
        }

        public void started(ConversationId id) {
            synchronized (started) {
                entry.id = id;
            }
        }

        /** The start failed: the place is free again. */
        public void cancel() {
            synchronized (started) {
                started.entries.remove(entry);
            }
        }
    }

    /**
     * A place for one more conversation of {@code address}, or how long until one frees up on its own (the oldest
     * leaving the window) when the address is at its cap.
     */
    public Reservation reserve(String address, Predicate<ConversationId> stillOpen) throws CapReached {
        long now = clock.millis();
        cleanupNow(now);
        Started started = byAddress.computeIfAbsent(address, a -> new Started());
        synchronized (started) {
            expire(started, now);
            if (started.entries.size() >= max && now - started.checkedAt >= RECHECK.toMillis()) {
                started.checkedAt = now;
                started.entries.removeIf(e -> e.id != null && !stillOpen.test(e.id));
            }
            return place(started, now).orElseThrow(() -> {
                long wait = started.entries.peekFirst().at + window.toMillis() - now;
                long recheck = started.checkedAt + RECHECK.toMillis() - now;
                return new CapReached(Duration.ofMillis(Math.max(1_000, Math.min(wait, Math.max(recheck, 1_000)))));
            });
        }
    }

    /**
     * A place for one more conversation of {@code address} if it is below its cap without asking the store which of
     * its conversations closed; empty otherwise (then {@link #reserve} decides, and may read the store). Never blocks:
     * the request's own thread takes a place this way.
     */
    public Optional<Reservation> reserveBelowCap(String address) {
        long now = clock.millis();
        cleanupNow(now);
        Started started = byAddress.computeIfAbsent(address, a -> new Started());
        synchronized (started) {
            expire(started, now);
            return place(started, now);
        }
    }

    /** A place in {@code started} (held by the caller) if it is below the cap. */
    private Optional<Reservation> place(Started started, long now) {
        if (started.entries.size() >= max) {
            return Optional.empty();
        }
        Entry entry = new Entry(now);
        started.entries.addLast(entry);
        return Optional.of(new Reservation(started, entry));
    }

    /** How many conversations {@code address} holds now (started within the window, not known to be closed). */
    public int held(String address) {
        Started started = byAddress.get(address);
        if (started == null) {
            return 0;
        }
        synchronized (started) {
            expire(started, clock.millis());
            return started.entries.size();
        }
    }

    private void expire(Started started, long now) {
        long oldest = now - window.toMillis();
        for (Iterator<Entry> it = started.entries.iterator(); it.hasNext(); ) {
            if (it.next().at > oldest) {
                break;
            }
            it.remove();
        }
    }

    /** Forgets addresses without conversations in the window now and then. */
    private void cleanupNow(long now) {
        if (++calls % CLEANUP_EVERY != 0) {
            return;
        }
        byAddress.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                expire(e.getValue(), now);
                return e.getValue().entries.isEmpty();
            }
        });
    }

    /** The address is at its cap; {@code retryAfter}: when to try again. */
    public static final class CapReached extends Exception {
        private final Duration retryAfter;

        CapReached(Duration retryAfter) {
            super("open conversation cap reached", null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
