package dev.chatbot.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void allowsABurstUpToTheLimitThenSaysHowLongToWait() {
        MutableClock clock = new MutableClock();
        RateLimiter limiter = new RateLimiter(6, clock);
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.acquire("a")).isEmpty();
        }
        assertThat(limiter.acquire("a"))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10)));
        assertThat(limiter.acquire("b")).isEmpty(); // keys are independent
    }

    @Test
    void refillsOverTime() {
        MutableClock clock = new MutableClock();
        RateLimiter limiter = new RateLimiter(60, clock);
        for (int i = 0; i < 60; i++) {
            limiter.acquire("a");
        }
        assertThat(limiter.acquire("a")).isPresent();
        clock.now = clock.now.plusSeconds(1);
        assertThat(limiter.acquire("a")).isEmpty();
    }

    @Test
    void aClockSteppedBackDoesNotLockAClientOut() {
        MutableClock clock = new MutableClock();
        RateLimiter limiter = new RateLimiter(60, clock);
        assertThat(limiter.acquire("a")).isEmpty();
        clock.now = clock.now.minus(Duration.ofHours(26));
        assertThat(limiter.acquire("a"))
                .as("still tokens left of the minute's 60")
                .isEmpty();
        clock.now = clock.now.plusSeconds(60);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire("a")).isEmpty();
        }
    }
}
