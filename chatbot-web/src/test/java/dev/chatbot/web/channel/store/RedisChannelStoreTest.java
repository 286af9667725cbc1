package dev.chatbot.web.channel.store;

import dev.chatbot.web.channel.ChannelStore;
import dev.chatbot.web.channel.ChannelStoreContractTest;
import dev.chatbot.web.channel.store.redis.RedisChannelStore;
import dev.chatbot.testing.RedisTestServer;
import java.util.UUID;

/** Against a real redis-server (see {@link RedisTestServer}); each test uses its own key prefix. */
class RedisChannelStoreTest extends ChannelStoreContractTest {

    private String prefix;

    @Override
    protected ChannelStore open() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        return RedisChannelStore.connect(RedisTestServer.url(), prefix);
    }

    @Override
    protected ChannelStore reopen() {
        return RedisChannelStore.connect(RedisTestServer.url(), prefix);
    }
}
