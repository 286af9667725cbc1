package dev.chatbot.web.console.agent;

import dev.chatbot.web.console.agent.redis.RedisConsoleStore;
import dev.chatbot.store.redis.RedisStoreSettings;
import dev.chatbot.testing.RedisTestServer;
import java.util.UUID;

class RedisConsoleStoreTest extends ConsoleStoreContractTest {

    @Override
    protected ConsoleStore open() {
        return RedisConsoleStore.connect(RedisStoreSettings.defaults(RedisTestServer.url())
                .withKeyPrefix("contract-" + UUID.randomUUID().toString().substring(0, 8)));
    }
}
