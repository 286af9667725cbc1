package dev.chatbot.cli;

import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.redis.RedisSettings;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every conversation log of the configured store for offline commands ({@code retrain}, {@code suggest-intents}),
 * beside a running server. An erased conversation is never among them: its events are deleted, and a log that still
 * holds events from before its tombstone (a backup restored into Redis, say) is left out all the same.
 */
final class TranscriptLogs {

    private TranscriptLogs() {}

    static List<List<StoredEvent>> read(StoreSettings.Kind kind, Path dataDir, String redisUrl, String prefix) {
        try (Stores stores = Stores.openBeside(settings(kind, dataDir, redisUrl, prefix))) {
            TranscriptStore store = stores.transcripts();
            Map<ConversationId, Instant> erased = new HashMap<>();
            for (Tombstone t : store.tombstones()) {
                erased.merge(t.conversationId(), t.erasedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            List<List<StoredEvent>> out = new ArrayList<>();
            for (ConversationId id : store.conversations()) {
                List<StoredEvent> log = store.read(id, 0);
                Instant erasedAt = erased.get(id);
                if (!log.isEmpty()
                        && (erasedAt == null || log.get(0).event().at().isAfter(erasedAt))) {
                    out.add(log);
                }
            }
            return out;
        }
    }

    /** The settings of {@code --store}, {@code --data-dir}, {@code --redis-url} and {@code --redis-prefix}. */
    static StoreSettings settings(StoreSettings.Kind kind, Path dataDir, String redisUrl, String prefix) {
        return kind == StoreSettings.Kind.EMBEDDED
                ? new StoreSettings(kind, SqliteSettings.defaults(dataDir), null)
                : new StoreSettings(kind, null, RedisSettings.defaults(redisUrl).withKeyPrefix(prefix));
    }
}
