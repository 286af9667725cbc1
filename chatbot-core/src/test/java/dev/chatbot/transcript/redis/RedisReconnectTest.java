package dev.chatbot.transcript.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chatbot.testing.CollectingListener;
import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStoreException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES) // a command that waited for Redis would hang here, not pass
class RedisReconnectTest {

    private static TranscriptEvent message(int n) {
        return new TranscriptEvent.MessageReceived(
                Instant.now(), MessageId.of("m" + n), "message " + n, List.of(), "m");
    }

    @Test
    void keepsAcknowledgedEventsAndReconnectsAfterRedisIsKilledAndRestartedWithTheRecommendedPersistence()
            throws Exception {
        try (RedisTestServer server =
                        RedisTestServer.start("--save", "", "--appendonly", "yes", "--appendfsync", "always");
                RedisTranscriptStore store = RedisTranscriptStore.connect(RedisSettings.defaults(server.serverUrl()))) {
            ConversationId id = ConversationId.of("survivor");
            store.append(id, 0, List.of(new TranscriptEvent.ConversationStarted(Instant.now(), "web", "en")));
            store.append(id, 1, List.of(message(1), message(2)));
            CollectingListener live = new CollectingListener();
            try (Subscription ignored = store.subscribe(id, live)) {
                server.kill(); // SIGKILL: no clean shutdown, only what appendfsync wrote survives
                server.restart();

                long seq = appendWhenBack(store, id, 3, message(3));
                assertThat(store.read(id, 0)).extracting(StoredEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
                assertThat(((TranscriptEvent.MessageReceived)
                                        store.read(id, 1).get(0).event())
                                .text())
                        .isEqualTo("message 1");

                // live delivery resumes once the pub/sub connection has re-subscribed: keep writing until one arrives
                long[] last = {seq};
                int[] n = {4};
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            last[0] = appendWhenBack(store, id, last[0], message(n[0]++));
                            return live.hasAny();
                        });
            }
        }
    }

    @Test
    void refusesCommandsAtOnceWhileRedisIsDownInsteadOfWaitingForTheTimeoutAndRecoversWhenItIsBack() throws Exception {
        // far longer than the test may take: a command that waited for the reconnect would time the test out
        Duration timeout = Duration.ofMinutes(10);
        try (RedisTestServer server =
                        RedisTestServer.start("--save", "", "--appendonly", "yes", "--appendfsync", "always");
                RedisTranscriptStore store = RedisTranscriptStore.connect(
                        RedisSettings.defaults(server.serverUrl()).withCommandTimeout(timeout))) {
            ConversationId id = ConversationId.of("outage");
            store.append(id, 0, List.of(new TranscriptEvent.ConversationStarted(Instant.now(), "web", "en")));
            assertThat(store.reachable()).isTrue();

            server.kill();
            awaitReachable(store, false);
            for (int i = 0; i < 3; i++) {
                assertRefusedAsDisconnected(() -> store.append(id, 1, List.of(message(1))));
                assertRefusedAsDisconnected(() -> store.read(id, 0));
            }

            server.restart();
            awaitReachable(store, true);
            assertThat(store.append(id, 1, List.of(message(1))))
                    .extracting(StoredEvent::sequence)
                    .containsExactly(2L);
            assertThat(store.read(id, 0)).extracting(StoredEvent::sequence).containsExactly(1L, 2L);
        }
    }

    @Test
    void aLogCopyIsNotTrustedAfterRedisCameBackWithoutItsData() throws Exception {
        try (RedisTestServer server = RedisTestServer.start("--save", "", "--appendonly", "no");
                RedisTranscriptStore first = RedisTranscriptStore.connect(RedisSettings.defaults(server.serverUrl()));
                RedisTranscriptStore second =
                        RedisTranscriptStore.connect(RedisSettings.defaults(server.serverUrl()))) {
            ConversationId id = ConversationId.of("amnesia");
            first.append(id, 0, List.of(new TranscriptEvent.ConversationStarted(Instant.now(), "web", "en")));
            first.append(id, 1, List.of(message(1), message(2)));
            assertThat(first.readForAppend(id)).hasSize(3);

            server.kill(); // no persistence: Redis comes back empty
            server.restart();
            awaitReachable(first, true);
            // the same sequence numbers, other events (another instance writes the conversation anew)
            appendWhenBack(second, id, 0, new TranscriptEvent.ConversationStarted(Instant.now(), "web", "de"));
            appendWhenBack(second, id, 1, message(7));
            appendWhenBack(second, id, 2, message(8));

            List<StoredEvent> log = second.read(id, 0);
            assertThat(first.readForAppend(id)).isEqualTo(log);
        }
    }

    private static void awaitReachable(RedisTranscriptStore store, boolean expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> store.reachable() == expected);
    }

    /** Refused by the client because it is disconnected (REJECT_COMMANDS), not after a command timeout. */
    private static void assertRefusedAsDisconnected(ThrowingCallable command) {
        assertThatThrownBy(command)
                .isInstanceOf(TranscriptStoreException.class)
                .cause()
                .isInstanceOf(RedisException.class)
                .isNotInstanceOf(RedisCommandTimeoutException.class)
                .hasMessageContaining("not connected");
    }

    /** Appends once the client has reconnected (commands are refused while it is away); returns the new last seq. */
    private static long appendWhenBack(
            RedisTranscriptStore store, ConversationId id, long expected, TranscriptEvent event) {
        long[] seq = new long[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .ignoreException(TranscriptStoreException.class)
                .until(() -> {
                    seq[0] = store.append(id, expected, List.of(event)).get(0).sequence();
                    return true;
                });
        return seq[0];
    }
}
