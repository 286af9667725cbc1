package dev.chatbot.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * How long conversations are kept.
 *
 * @param period how long after its last activity a conversation is deleted (default 180 days); zero keeps
 *               everything forever
 * @param batchSize how many conversations one delete takes (default 50): each is committed on its own between the
 *                  service's other writes, which wait for at most one of them
 */
public record RetentionSettings(Duration period, int batchSize) {

    public static final Duration DEFAULT_PERIOD = Duration.ofDays(180);
    public static final int DEFAULT_BATCH_SIZE = 50;

    public RetentionSettings {
        Objects.requireNonNull(period, "period");
        if (period.isNegative()) {
            throw new IllegalArgumentException("the retention period cannot be negative: " + period);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be positive: " + batchSize);
        }
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(DEFAULT_PERIOD, DEFAULT_BATCH_SIZE);
    }

    /** The settings for a period in whole days; 0 keeps forever. */
    public static RetentionSettings days(long days) {
        return new RetentionSettings(Duration.ofDays(days), DEFAULT_BATCH_SIZE);
    }

    public boolean keepsForever() {
        return period.isZero();
    }
}
