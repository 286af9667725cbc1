package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.RecentConversations;
import dev.chatbot.transcript.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The logs this instance last appended to or read for an append, the most recent {@link #LIMIT} (about 3 KB each in a
 * support chat): {@code readForAppend} answers from here instead of reading and decoding the whole stream for every
 * message. An entry is only ever a log as it was stored (extended by this instance's appends and by the live events of
 * other instances' in sequence, dropped on any failed append or a gap), so it can be behind the stream but never
 * different from it; an append on a copy that is behind is refused by the script. Thread-safe.
 */
final class RedisLogCopies {

    static final int LIMIT = 10_000;

    private final Map<ConversationId, List<StoredEvent>> logs = RecentConversations.map(LIMIT);
    private final RedisLiveEvents live;
    private final Object followLock = new Object();
    private volatile boolean following;

    RedisLogCopies(RedisLiveEvents live) {
        this.live = live;
    }

    List<StoredEvent> get(ConversationId id) {
        return logs.get(id);
    }

    /** After {@code done} was appended to a log that ended at {@code expected}. */
    void appended(ConversationId id, long expected, List<StoredEvent> done) {
        if (expected == 0) {
            follow();
        }
        long lastDone = lastSequence(done);
        // the copy grows only from the log it was appended to; one that ends elsewhere is dropped, not guessed at
        logs.compute(id, (k, log) -> {
            if (log == null) {
                return expected == 0 ? done : null;
            }
            long last = lastSequence(log);
            if (last == expected) {
                return concat(log, done);
            }
            return last >= lastDone ? log : null; // the live events of this append got there first
        });
    }

    /** Keeps a log just read; never replaces a longer copy another thread stored meanwhile. */
    void read(ConversationId id, List<StoredEvent> log) {
        follow();
        if (!log.isEmpty()) {
            logs.merge(id, log, (mine, theirs) -> lastSequence(mine) >= lastSequence(theirs) ? mine : theirs);
        }
    }

    void forget(ConversationId id) {
        logs.remove(id);
    }

    void clear() {
        logs.clear();
    }

    /**
     * Keeps the copies current with what other instances append (every instance hears every event), so that a
     * conversation whose messages reach the instances in turn (no sticky sessions) is not refused once per message for
     * a stale copy. An event after a gap (missed during a reconnect) drops the copy.
     */
    private void extend(StoredEvent event) {
        logs.computeIfPresent(event.conversationId(), (k, log) -> {
            long last = lastSequence(log);
            if (event.sequence() == last + 1) {
                return concat(log, List.of(event));
            }
            // one the copy has already (this instance's own append) must be the same event, else the copy is wrong
            return event.sequence() <= last && event.equals(log.get((int) event.sequence() - 1)) ? log : null;
        });
    }

    /** Subscribes {@link #extend} to every conversation's live events, once, when the first copy is kept. */
    private void follow() {
        if (following) {
            return;
        }
        synchronized (followLock) {
            if (!following) {
                try {
                    live.subscribe(null, this::extend);
                    following = true;
                } catch (RuntimeException e) {
                    // the copies are then corrected by refused appends only; subscribing is tried with the next one
                }
            }
        }
    }

    private static long lastSequence(List<StoredEvent> log) {
        return log.get(log.size() - 1).sequence();
    }

    private static List<StoredEvent> concat(List<StoredEvent> log, List<StoredEvent> more) {
        List<StoredEvent> out = new ArrayList<>(log.size() + more.size());
        out.addAll(log);
        out.addAll(more);
        return List.copyOf(out);
    }
}
