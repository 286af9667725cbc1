package dev.chatbot.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.channel.redis.RedisChannelStore;
import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
        RedisConnections redis = RedisConnections.connect(RedisSettings.defaults(RedisTestServer.url())
                .withKeyPrefix(prefix));
        connections.add(redis);
        return new RedisChannelStore(redis);
    }

    @AfterEach
    void closeConnections() {
        connections.forEach(RedisConnections::close);
    }

    @Test
    void failsAtOnceWithAStoreExceptionWhileRedisIsDownAndKeepsTheOutboxWhenItIsBack() throws Exception {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        Delivery delivery = new Delivery("c1:4", "c1", 4, new ChannelAddress("generic", "u-1"), "AgentReplied",
                "kept", List.of(), 0, t, t);
        try (RedisTestServer server = RedisTestServer.start("--save", "", "--appendonly", "yes",
                "--appendfsync", "always");
             RedisConnections redis = RedisConnections.connect(RedisSettings.defaults(server.serverUrl())
                     .withCommandTimeout(Duration.ofSeconds(10)))) {
            RedisChannelStore outage = new RedisChannelStore(redis);
            outage.enqueue(delivery);
            server.kill();
            Thread.sleep(300); // the client sees the connection close (a command sent in that instant waits the timeout)

            long start = System.nanoTime();
            assertThatThrownBy(() -> outage.address(ConversationId.of("c1"))).isInstanceOf(TranscriptStoreException.class);
            assertThatThrownBy(() -> outage.enqueue(delivery)).isInstanceOf(TranscriptStoreException.class);
            assertThatThrownBy(outage::pendingCount).isInstanceOf(TranscriptStoreException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));

            server.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try {
                    assertThat(outage.pending(10)).containsExactly(delivery);
                    break;
                } catch (TranscriptStoreException e) {
                    assertThat(System.nanoTime()).as("reconnected within 10 s").isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
        }
    }
}
