package dev.chatbot.web.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many of something (open event streams) each key holds at once, at most {@code max}: {@link #take} hands out a
 * place or refuses, and the place is given back once with {@link Place#close}. Keys without places are forgotten.
 * Counts are kept in this JVM. Thread-safe.
 */
public final class ConcurrencyCaps {

    private final int max;
    private final ConcurrentMap<String, Integer> held = new ConcurrentHashMap<>();

    public ConcurrencyCaps(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a cap needs at least 1: " + max);
        }
        this.max = max;
    }

    /** A place held by {@code key}; closing it more than once gives it back once. */
    public final class Place implements AutoCloseable {
        private final String key;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Place(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                held.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** A place for {@code key}, or null when it already holds {@code max}. */
    public Place take(String key) {
        boolean[] taken = {false};
        held.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0] ? new Place(key) : null;
    }

    /** How many places {@code key} holds now. */
    public int held(String key) {
        return held.getOrDefault(key, 0);
    }

    public int max() {
        return max;
    }
}
