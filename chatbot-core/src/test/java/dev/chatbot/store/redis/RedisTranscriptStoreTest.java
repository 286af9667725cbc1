package dev.chatbot.store.redis;

import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreContractTest;
import java.util.UUID;

class RedisTranscriptStoreTest extends TranscriptStoreContractTest {

    private RedisStoreSettings settings;

    @Override
    protected TranscriptStore openEmptyStore() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8); // isolates tests on a shared server
        RedisStoreSettings defaults = RedisStoreSettings.defaults(RedisTestServer.url());
        settings = new RedisStoreSettings(defaults.url(), prefix, defaults.commandTimeout(),
                defaults.maxReconnectDelay());
        return RedisTranscriptStore.connect(settings);
    }

    @Override
    protected TranscriptStore reopen(TranscriptStore old) {
        old.close();
        return RedisTranscriptStore.connect(settings);
    }
}
