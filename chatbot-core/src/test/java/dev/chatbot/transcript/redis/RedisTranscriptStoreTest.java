package dev.chatbot.transcript.redis;

import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreContractTest;
import java.util.UUID;

class RedisTranscriptStoreTest extends TranscriptStoreContractTest {

    private RedisSettings settings;

    @Override
    protected TranscriptStore openEmptyStore() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8); // isolates tests on a shared server
        RedisSettings defaults = RedisSettings.defaults(RedisTestServer.url());
        settings = new RedisSettings(defaults.url(), prefix, defaults.commandTimeout(), defaults.maxReconnectDelay());
        return RedisTranscriptStore.connect(settings);
    }

    @Override
    protected TranscriptStore reopen(TranscriptStore old) {
        old.close();
        return RedisTranscriptStore.connect(settings);
    }
}
