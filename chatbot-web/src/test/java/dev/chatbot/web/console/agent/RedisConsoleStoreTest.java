package dev.chatbot.web.console.agent;

import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisSettings;
import dev.chatbot.web.console.agent.redis.RedisConsoleStore;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class RedisConsoleStoreTest extends ConsoleStoreContractTest {

    private RedisConnections redis;

    @Override
    protected ConsoleStore open() {
        redis = RedisConnections.connect(RedisSettings.defaults(RedisTestServer.url())
                .withKeyPrefix("contract-" + UUID.randomUUID().toString().substring(0, 8)));
        return new RedisConsoleStore(redis);
    }

    @AfterEach
    void closeConnections() {
        redis.close();
    }
}
