package dev.chatbot.cli;

import dev.chatbot.learning.TranscriptEvidence;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.embedded.EmbeddedStoreSettings;
import dev.chatbot.store.embedded.EmbeddedTranscriptStore;
import dev.chatbot.store.redis.RedisStoreSettings;
import dev.chatbot.store.redis.RedisTranscriptStore;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.nio.file.Path;
import java.util.List;

/** Reads every conversation log of the configured store for offline commands ({@code retrain}, {@code suggest-intents}). */
final class TranscriptLogs {

    private TranscriptLogs() {
    }

    static List<List<StoredEvent>> read(StoreSettings.Kind kind, Path dataDir, String redisUrl, String prefix) {
        if (kind == StoreSettings.Kind.EMBEDDED) {
            // read-only: works while a server holds the store
            return EmbeddedTranscriptStore.readLogs(EmbeddedStoreSettings.defaults(dataDir));
        }
        RedisStoreSettings d = RedisStoreSettings.defaults(redisUrl);
        try (TranscriptStore store = RedisTranscriptStore.connect(new RedisStoreSettings(redisUrl, prefix,
                d.commandTimeout(), d.maxReconnectDelay()))) {
            return TranscriptEvidence.logs(store);
        }
    }
}
