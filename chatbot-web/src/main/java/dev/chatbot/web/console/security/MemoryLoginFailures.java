package dev.chatbot.web.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login failures in this instance's memory. At most {@link #MAX_KEYS} keys are kept (a script inventing account
 * names cannot fill the heap): past that, forgotten keys are dropped first, then the oldest.
 */
public final class MemoryLoginFailures implements LoginFailures {

    static final int MAX_KEYS = 100_000;

    private record Entry(long failures, Instant forgetAt, Instant lockedUntil) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public MemoryLoginFailures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long failed(String key, Duration remember) {
        Instant now = clock.instant();
        Entry e = entries.compute(
                key,
                (k, old) -> old == null || old.forgetAt().isBefore(now)
                        ? new Entry(1, now.plus(remember), old == null ? Instant.MIN : old.lockedUntil())
                        : new Entry(old.failures() + 1, now.plus(remember), old.lockedUntil()));
        if (entries.size() > MAX_KEYS) {
            shrink(now);
        }
        return e.failures();
    }

    @Override
    public void lock(String key, Duration duration) {
        Instant until = clock.instant().plus(duration);
        entries.compute(
                key,
                (k, old) -> old == null
                        ? new Entry(0, until, until)
                        : new Entry(old.failures(), old.forgetAt().isAfter(until) ? old.forgetAt() : until, until));
    }

    @Override
    public Duration locked(String key) {
        Entry e = entries.get(key);
        Instant now = clock.instant();
        return e == null || !e.lockedUntil().isAfter(now) ? Duration.ZERO : Duration.between(now, e.lockedUntil());
    }

    @Override
    public void clear(String key) {
        entries.remove(key);
    }

    private void shrink(Instant now) {
        entries.values()
                .removeIf(e -> e.forgetAt().isBefore(now) && !e.lockedUntil().isAfter(now));
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Entry::forgetAt)))
                .iterator();
        while (entries.size() > MAX_KEYS * 9 / 10 && oldest.hasNext()) {
            entries.remove(oldest.next().getKey());
        }
    }
}
