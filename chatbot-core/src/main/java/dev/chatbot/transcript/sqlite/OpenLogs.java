package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.RecentConversations;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The logs of the most recently used open conversations as they are stored, so that deciding a conversation's next
 * message needs no read: at most {@link #LIMIT} (about 3 KB each in a support chat), closed conversations dropped at
 * once. An entry grows only from the log it was appended to (by the writer, after its commit); it may fall behind the
 * database only when another process changed it (a command erasing or expiring conversations), and an append decided
 * on it is then refused by the writer's check. Thread-safe.
 */
final class OpenLogs {

    static final int LIMIT = 10_000;

    private final Map<ConversationId, List<StoredEvent>> logs = RecentConversations.map(LIMIT);

    List<StoredEvent> get(ConversationId id) {
        return logs.get(id);
    }

    /** After a commit that appended {@code done} to a log that ended at {@code expected}, with state {@code after}. */
    void appended(ConversationId id, long expected, List<StoredEvent> done, SessionState after) {
        if (after.state() == ConversationState.CLOSED) {
            logs.remove(id);
            return;
        }
        logs.compute(id, (k, log) -> {
            if (log == null) {
                return expected == 0 ? List.copyOf(done) : null;
            }
            return lastSequence(log) == expected ? concat(log, done) : null;
        });
    }

    /** Keeps a log just read, unless it is closed or the writer stored a longer one meanwhile. */
    void read(ConversationId id, List<StoredEvent> log) {
        if (log.isEmpty() || SessionState.replay(id, log).state() == ConversationState.CLOSED) {
            logs.remove(id);
            return;
        }
        logs.merge(id, List.copyOf(log), (mine, theirs) -> lastSequence(mine) >= lastSequence(theirs) ? mine : theirs);
    }

    void forget(ConversationId id) {
        logs.remove(id);
    }

    void clear() {
        logs.clear();
    }

    static long lastSequence(List<StoredEvent> log) {
        return log.get(log.size() - 1).sequence();
    }

    private static List<StoredEvent> concat(List<StoredEvent> log, List<StoredEvent> more) {
        List<StoredEvent> out = new ArrayList<>(log.size() + more.size());
        out.addAll(log);
        out.addAll(more);
        return List.copyOf(out);
    }
}
