package dev.chatbot.conversation;

import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Read the log, decide, append conditionally, and on a concurrent append (another thread or instance was
 * first) read again and decide again: optimistic concurrency over the {@link TranscriptStore}.
 */
final class Appender {

    static final int MAX_ATTEMPTS = 50;

    /** What to append after reading the log, and how to make the result of the stored events. */
    record Step<T>(List<TranscriptEvent> events, Function<List<StoredEvent>, T> result) {
        static <T> Step<T> done(T value) {
            return new Step<>(List.of(), stored -> value);
        }
    }

    private final TranscriptStore store;

    Appender(TranscriptStore store) {
        this.store = store;
    }

    /**
     * Runs {@code decide} on the current log until its events are appended without a conflict. The first decision
     * may be made on the store's own copy of the log ({@link TranscriptStore#readForAppend}); an append refuses it
     * if it was stale, and a decision to append nothing, or one that refuses, is made again on the log itself.
     */
    <T> T update(ConversationId id, BiFunction<SessionState, List<StoredEvent>, Step<T>> decide) {
        boolean fresh = false;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<StoredEvent> log = fresh ? store.read(id, 0) : store.readForAppend(id);
            if (log.isEmpty()) {
                throw new ConversationNotFoundException(id);
            }
            SessionState session = SessionState.replay(id, log);
            Step<T> step;
            try {
                step = decide.apply(session, log);
            } catch (RuntimeException refused) {
                if (fresh) {
                    throw refused;
                }
                fresh = true; // refused on a copy that may be stale ("not held by alice"): ask the log itself
                continue;
            }
            if (step.events().isEmpty()) {
                if (!fresh) {
                    fresh = true; // nothing to append checks nothing: decide again on what the store holds now
                    continue;
                }
                return step.result().apply(List.of());
            }
            try {
                return step.result().apply(store.append(session, step.events()));
            } catch (ConcurrentAppendException e) {
                fresh = true;
                Thread.onSpinWait();
            }
        }
        throw new TranscriptStoreException("gave up on " + id + " after " + MAX_ATTEMPTS + " concurrent appends");
    }
}
