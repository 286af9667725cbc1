package dev.chatbot.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chatbot.channel.redis.RedisChannelStore;
import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisSettings;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a real redis-server (see {@link RedisTestServer}); each test uses its own key prefix. */
class RedisChannelStoreTest extends ChannelStoreContractTest {

    private String prefix;
    private final List<RedisConnections> connections = new ArrayList<>();

    @Override
    protected ChannelStore open() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        return reopen();
    }

    @Override
    protected ChannelStore reopen() {
        RedisConnections redis = RedisConnections.connect(
                RedisSettings.defaults(RedisTestServer.url()).withKeyPrefix(prefix));
        connections.add(redis);
        return new RedisChannelStore(redis);
    }

    @AfterEach
    void closeConnections() {
        connections.forEach(RedisConnections::close);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a command that waited for Redis would hang here, not pass
    void refusesCommandsWhileRedisIsDownInsteadOfWaitingAndKeepsTheOutboxWhenItIsBack() throws Exception {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        Delivery delivery = new Delivery(
                "c1:4", "c1", 4, new ChannelAddress("generic", "u-1"), "AgentReplied", "kept", List.of(), 0, t, t);
        try (RedisTestServer server =
                        RedisTestServer.start("--save", "", "--appendonly", "yes", "--appendfsync", "always");
                // far longer than the test may take: a command that waited for the reconnect would time the test out
                RedisConnections redis = RedisConnections.connect(
                        RedisSettings.defaults(server.serverUrl()).withCommandTimeout(Duration.ofMinutes(10)))) {
            RedisChannelStore outage = new RedisChannelStore(redis);
            outage.enqueue(delivery);
            server.kill();
            // a command sent in the instant before the client sees the connection close would wait for the timeout
            await().atMost(Duration.ofSeconds(30)).until(() -> !redis.isOpen());

            assertRefusedAsDisconnected(() -> outage.address(ConversationId.of("c1")));
            assertRefusedAsDisconnected(() -> outage.enqueue(delivery));
            assertRefusedAsDisconnected(outage::pendingCount);

            server.restart();
            await().atMost(Duration.ofSeconds(30))
                    .ignoreException(TranscriptStoreException.class)
                    .untilAsserted(() -> assertThat(outage.pending(10)).containsExactly(delivery));
        }
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
}
