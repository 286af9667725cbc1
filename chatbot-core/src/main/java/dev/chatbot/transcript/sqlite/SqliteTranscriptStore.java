package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.LiveEventDispatcher;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.json.EventJson;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

// SQLite adapter: a conversation row (derived state) and one event row per event, in the shared embedded database.
public final class SqliteTranscriptStore implements TranscriptStore {

    private final SqliteDatabase db;
    private final boolean ownsDatabase;
    private final EventJson json = new EventJson();
    private final LiveEventDispatcher live = new LiveEventDispatcher("sqlite-store-events");
    private final OpenLogs open = new OpenLogs();
    private final TranscriptQueries queries;
    private volatile boolean closed;

    private SqliteTranscriptStore(SqliteDatabase db, boolean owns) {
        this.db = db;
        this.ownsDatabase = owns;
        this.queries = new TranscriptQueries(db, json);
    }

    /** A store on the shared database, which it does not close. */
    public static SqliteTranscriptStore on(SqliteDatabase db) {
        return new SqliteTranscriptStore(Objects.requireNonNull(db, "db"), false);
    }

    /** A store on a database of its own in {@code settings.dataDir()}, closed with the store (tools, tests). */
    public static SqliteTranscriptStore open(SqliteSettings settings) {
        return new SqliteTranscriptStore(SqliteDatabase.open(settings), true);
    }

    @Override
    public List<StoredEvent> append(ConversationId id, long expectedLastSequence, List<TranscriptEvent> events) {
        Objects.requireNonNull(id, "conversationId");
        if (events.isEmpty() || expectedLastSequence < 0) {
            throw new IllegalArgumentException("append needs events and a non-negative expected sequence");
        }
        SessionState before = expectedLastSequence == 0 ? SessionState.empty(id) : session(id);
        if (before.lastSequence() != expectedLastSequence) {
            throw new ConcurrentAppendException(id, expectedLastSequence, before.lastSequence());
        }
        return append(before, events);
    }

    /** The writer checks that the log still ends at {@code before.lastSequence()}; then {@code before} is its state. */
    @Override
    public List<StoredEvent> append(SessionState before, List<TranscriptEvent> events) {
        ensureOpen();
        ConversationId id = before.conversationId();
        long expected = before.lastSequence();
        if (events.isEmpty()) {
            throw new IllegalArgumentException("append needs events");
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            stored.add(new StoredEvent(id, expected + 1 + i, events.get(i)));
        }
        SessionState after = before.applyAll(stored); // validates the state machine before anything is written
        List<String> bodies = stored.stream().map(json::write).toList(); // off the writer thread
        try {
            db.write(
                    session -> {
                        ConversationRows.insert(session, before, after, stored, bodies);
                        return stored;
                    },
                    done -> {
                        open.appended(id, expected, done, after);
                        live.dispatch(done);
                    });
        } catch (RuntimeException e) {
            open.forget(id); // refused (stale) or failed: the copy may not be the log
            throw e;
        }
        return List.copyOf(stored);
    }

    @Override
    public List<StoredEvent> read(ConversationId id, long afterSequence) {
        Objects.requireNonNull(id, "conversationId");
        ensureOpen();
        return queries.log(id, afterSequence);
    }

    /** The open conversation's log from memory, or read (and then kept) when it is not there. */
    @Override
    public List<StoredEvent> readForAppend(ConversationId id) {
        Objects.requireNonNull(id, "conversationId");
        List<StoredEvent> copy = open.get(id);
        if (copy != null) {
            return copy;
        }
        List<StoredEvent> log = read(id, 0);
        open.read(id, log);
        return log;
    }

    /** From the copy when it ends where the database's row says the log ends (one indexed lookup), else read. */
    @Override
    public SessionState session(ConversationId id) {
        Objects.requireNonNull(id, "conversationId");
        ensureOpen();
        List<StoredEvent> copy = open.get(id);
        if (copy != null && OpenLogs.lastSequence(copy) == queries.lastSequence(id)) {
            return SessionState.replay(id, copy);
        }
        List<StoredEvent> log = read(id, 0);
        open.read(id, log);
        return SessionState.replay(id, log);
    }

    @Override
    public List<QueueEntry> queue(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        ensureOpen();
        return queries.queue(limit);
    }

    @Override
    public List<ConversationId> conversations(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        ensureOpen();
        return queries.conversations(from, to);
    }

    @Override
    public List<ConversationId> inactiveSince(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        ensureOpen();
        return queries.inactiveSince(cutoff, limit);
    }

    @Override
    public long delete(Collection<ConversationId> conversations) {
        ensureOpen();
        List<ConversationId> ids = List.copyOf(new LinkedHashSet<>(conversations));
        if (ids.isEmpty()) {
            return 0;
        }
        queries.warm(ids);
        try {
            return db.writeBulk(s -> ConversationRows.delete(s, ids), deleted -> ids.forEach(open::forget));
        } finally {
            ids.forEach(open::forget);
        }
    }

    @Override
    public long erase(Tombstone tombstone) {
        ensureOpen();
        ConversationId id = tombstone.conversationId();
        try {
            return db.write(
                    s -> {
                        long n = ConversationRows.delete(s, id);
                        PreparedStatement add = s.prepare(
                                "INSERT INTO erasure (conversation_id, erased_at, erased_by) " + "VALUES (?, ?, ?)");
                        add.setString(1, id.value());
                        add.setLong(2, tombstone.erasedAt().toEpochMilli());
                        add.setString(3, tombstone.erasedBy());
                        add.executeUpdate();
                        return n;
                    },
                    n -> open.forget(id));
        } finally {
            open.forget(id);
        }
    }

    @Override
    public List<Tombstone> tombstones() {
        ensureOpen();
        return queries.tombstones();
    }

    @Override
    public Subscription subscribe(ConversationId id, EventListener listener) {
        return live.register(Objects.requireNonNull(id, "conversationId"), listener);
    }

    @Override
    public Subscription subscribeAll(EventListener listener) {
        return live.register(null, listener);
    }

    @Override
    public boolean reachable() {
        return !closed && db.writable();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        live.close();
        open.clear();
        if (ownsDatabase) {
            db.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }
}
