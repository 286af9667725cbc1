package dev.chatbot.insights;

import dev.chatbot.transcript.EscalationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link InsightsSource} counts for trend charts over {@code [from, to)}, in buckets of one length counted
 * from {@code from} (the last one may be cut short by {@code to}). Sources add to it; {@link Trends} reads it. Not
 * thread-safe: one source fills one instance.
 */
public final class TrendCounts {

    private final Instant from;
    private final Instant to;
    private final Duration bucket;
    private final int buckets;
    final int[] conversations;
    final int[] contained;
    final int[] handedOver;
    final Map<EscalationReason, int[]> escalations = new EnumMap<>(EscalationReason.class);
    final int[] ratings;
    final long[] ratingSum;
    final List<List<Long>> responseMillis;

    /**
     * @throws IllegalArgumentException if {@code from} is not before {@code to} or the bucket is not positive
     */
    public TrendCounts(Instant from, Instant to, Duration bucket) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        if (!from.isBefore(to) || bucket.isZero() || bucket.isNegative()) {
            throw new IllegalArgumentException(
                    "a period must start before it ends, in positive buckets: " + from + " to " + to + " by " + bucket);
        }
        long span = Duration.between(from, to).toMillis();
        long length = bucket.toMillis();
        this.buckets = (int) ((span + length - 1) / length);
        conversations = new int[buckets];
        contained = new int[buckets];
        handedOver = new int[buckets];
        ratings = new int[buckets];
        ratingSum = new long[buckets];
        responseMillis = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            responseMillis.add(new ArrayList<>());
        }
        for (EscalationReason r : EscalationReason.values()) {
            escalations.put(r, new int[buckets]);
        }
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    public Duration bucket() {
        return bucket;
    }

    public int buckets() {
        return buckets;
    }

    /** The bucket {@code at} falls in, or -1 when it is outside {@code [from, to)}. */
    public int bucketOf(Instant at) {
        if (at == null || at.isBefore(from) || !at.isBefore(to)) {
            return -1;
        }
        return (int) (Duration.between(from, at).toMillis() / bucket.toMillis());
    }

    /** {@code n} conversations started in the bucket that ended as {@code outcome} ({@code NOT_COUNTED} is ignored). */
    public void conversations(int bucket, Containment.Outcome outcome, int n) {
        switch (outcome) {
            case CONTAINED -> contained[bucket] += n;
            case HANDED_OVER -> handedOver[bucket] += n;
            case OPEN -> {}
            case NOT_COUNTED -> {
                return;
            }
        }
        conversations[bucket] += n;
    }

    /** {@code n} escalations for {@code reason} in the bucket. */
    public void escalations(int bucket, EscalationReason reason, int n) {
        escalations.get(Objects.requireNonNull(reason, "reason"))[bucket] += n;
    }

    /** {@code n} ratings in the bucket whose scores add up to {@code sum}. */
    public void ratings(int bucket, int n, long sum) {
        ratings[bucket] += n;
        ratingSum[bucket] += sum;
    }

    /** An agent's first reply in the bucket, {@code millis} after the escalation it answered. */
    public void firstResponse(int bucket, long millis) {
        responseMillis.get(bucket).add(Math.max(0, millis));
    }
}
