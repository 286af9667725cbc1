package dev.chatbot.web.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets per key: {@code perMinute} requests per minute, refilled continuously, with bursts up to
 * {@code perMinute}. Counts are kept in this JVM (each instance limits on its own). Thread-safe.
 */
public final class RateLimiter {

    private static final int CLEANUP_EVERY = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private int calls;

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 per minute: " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one token for {@code key}: empty when allowed, else how long until the next token. */
    public Optional<Duration> acquire(String key) {
        long now = clock.millis() * 1_000_000L;
        double perNano = perMinute / 60e9;
        cleanupNow(now, perNano);
        Bucket bucket = buckets.computeIfAbsent(key, k -> {
            Bucket b = new Bucket();
            b.tokens = perMinute;
            b.updatedNanos = now;
            return b;
        });
        synchronized (bucket) {
            // a clock stepped back (NTP, a simulated clock) refills nothing, rather than draining the bucket for as
            // long
            bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.updatedNanos) * perNano);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perNano);
            return Optional.of(Duration.ofNanos(waitNanos));
        }
    }

    /** Forgets full buckets now and then, so idle keys do not pile up. */
    private void cleanupNow(long now, double perNano) {
        if (++calls % CLEANUP_EVERY != 0) {
            return;
        }
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + Math.max(0, now - e.getValue().updatedNanos) * perNano >= perMinute;
            }
        });
    }
}
