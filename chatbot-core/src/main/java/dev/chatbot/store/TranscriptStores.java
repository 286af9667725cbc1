package dev.chatbot.store;

import dev.chatbot.store.embedded.EmbeddedTranscriptStore;
import dev.chatbot.store.redis.RedisTranscriptStore;
import dev.chatbot.transcript.TranscriptStore;

/** Opens the transcript store the configuration names. */
public final class TranscriptStores {

    private TranscriptStores() {
    }

    /** @throws dev.chatbot.transcript.TranscriptStoreException if the store cannot be opened or reached */
    public static TranscriptStore open(StoreSettings settings) {
        return switch (settings.kind()) {
            case EMBEDDED -> EmbeddedTranscriptStore.open(settings.embedded());
            case REDIS -> RedisTranscriptStore.connect(settings.redis());
        };
    }
}
