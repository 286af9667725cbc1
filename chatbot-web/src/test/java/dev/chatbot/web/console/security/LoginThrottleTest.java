package dev.chatbot.web.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(
            new MemoryLoginFailures(clock),
            new LoginThrottle.Policy(3, Duration.ofSeconds(5), Duration.ofSeconds(40), Duration.ofHours(1)),
            new LoginThrottle.Policy(6, Duration.ofSeconds(5), Duration.ofSeconds(40), Duration.ofHours(1)));

    private void pass(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void locksAnAccountAfterItsFreeFailuresAndDoublesTheLockoutUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.failed("alice", "10.0.0." + i)).isZero();
        }
        assertThat(throttle.failed("Alice ", "10.0.0.9")).isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.lockedFor("alice", "10.0.0.77"))
                .as("from any address")
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.lockedFor("bob", "10.0.0.77")).isZero();
        pass(Duration.ofSeconds(5));
        assertThat(throttle.lockedFor("alice", "10.0.0.77")).isZero();
        assertThat(throttle.failed("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(10));
        assertThat(throttle.failed("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(20));
        assertThat(throttle.failed("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(40));
        assertThat(throttle.failed("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void locksAnAddressThatTriesManyAccounts() {
        for (int i = 0; i < 6; i++) {
            assertThat(throttle.failed("user" + i, "192.0.2.1")).isZero();
        }
        assertThat(throttle.failed("user6", "192.0.2.1")).isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.lockedFor("someone-else", "192.0.2.1")).isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.lockedFor("someone-else", "192.0.2.2")).isZero();
    }

    @Test
    void aSuccessfulLoginForgetsTheAccountsFailuresAndOldFailuresFade() {
        throttle.failed("carol", "a");
        throttle.failed("carol", "a");
        throttle.succeeded("carol");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.failed("carol", "b")).isZero();
        }
        pass(Duration.ofHours(2));
        assertThat(throttle.failed("carol", "b")).as("forgotten after an hour").isZero();
    }
}
