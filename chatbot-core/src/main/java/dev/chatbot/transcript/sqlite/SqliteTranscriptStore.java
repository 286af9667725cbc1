package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationFacts;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.LiveEventDispatcher;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.RecentConversations;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.json.EventJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

// SQLite adapter: a conversation row (derived state) and one event row per event, in the shared embedded database.
public final class SqliteTranscriptStore implements TranscriptStore {

    /**
     * How many open conversations' logs are kept in memory, so that deciding the next message needs no read: about
     * 3 KB each in a support chat. Closed conversations are dropped at once; the rest, least recently used first.
     */
    static final int OPEN_LOGS = 10_000;

    private final SqliteDatabase db;
    private final boolean ownsDatabase;
    private final EventJson json = new EventJson();
    private final LiveEventDispatcher live = new LiveEventDispatcher("sqlite-store-events");
    /**
     * Logs as stored, the most recently used {@link #OPEN_LOGS} open ones. Only the writer thread extends an entry
     * (after its commit); an entry may fall behind the database only when another process changed it (a command
     * erasing or expiring conversations), and an append on it is then refused by the writer's check.
     */
    private final Map<ConversationId, List<StoredEvent>> open = RecentConversations.map(OPEN_LOGS);
    private volatile boolean closed;

    private SqliteTranscriptStore(SqliteDatabase db, boolean owns) {
        this.db = db;
        this.ownsDatabase = owns;
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
            db.write(session -> {
                insert(session, before, after, stored, bodies);
                return stored;
            }, done -> {
                remember(id, expected, done, after);
                live.dispatch(done);
            });
        } catch (RuntimeException e) {
            open.remove(id); // refused (stale) or failed: the copy may not be the log
            throw e;
        }
        return List.copyOf(stored);
    }

    /** Writes one append on the writer's connection, if the log still ends at {@code before.lastSequence()}. */
    static void insert(SqliteDatabase.Session s, SessionState before, SessionState after, List<StoredEvent> stored,
                        List<String> bodies) throws SQLException {
        ConversationId id = before.conversationId();
        long expected = before.lastSequence();
        Long num = null;
        long last = 0;
        ConversationFacts facts = ConversationFacts.empty(id);
        PreparedStatement find = s.prepare("SELECT num, last_seq, started_at, last_at, customer_messages, handed_over, "
                + "resolved FROM conversation WHERE id = ?");
        find.setString(1, id.value());
        try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
                num = rs.getLong(1);
                last = rs.getLong(2);
                facts = new ConversationFacts(id, Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7));
            }
        }
        if (last != expected) {
            throw new ConcurrentAppendException(id, expected, last);
        }
        for (StoredEvent e : stored) {
            facts = facts.apply(e.event());
        }
        if (num == null) {
            TranscriptEvent.ConversationStarted started = (TranscriptEvent.ConversationStarted) stored.get(0).event();
            PreparedStatement add = s.prepare("INSERT INTO conversation (id, channel, started_at, last_at, last_seq, "
                    + "state, agent, waiting_since, reason, customer_messages, handed_over, resolved) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING num");
            add.setString(1, id.value());
            add.setString(2, started.channel());
            add.setLong(3, started.at().toEpochMilli());
            bindState(add, 4, facts, after);
            try (ResultSet rs = add.executeQuery()) {
                rs.next();
                num = rs.getLong(1);
            }
        } else {
            PreparedStatement update = s.prepare("UPDATE conversation SET last_at = ?, last_seq = ?, state = ?, "
                    + "agent = ?, waiting_since = ?, reason = ?, customer_messages = ?, handed_over = ?, resolved = ? "
                    + "WHERE num = ?");
            bindState(update, 1, facts, after);
            update.setLong(10, num);
            update.executeUpdate();
        }
        PreparedStatement event = s.prepare("INSERT INTO event (conversation, seq, at, type, body) VALUES (?, ?, ?, ?, ?)");
        for (int i = 0; i < stored.size(); i++) {
            StoredEvent e = stored.get(i);
            event.setLong(1, num);
            event.setLong(2, e.sequence());
            event.setLong(3, e.event().at().toEpochMilli());
            event.setString(4, e.event().type());
            event.setString(5, bodies.get(i));
            event.executeUpdate();
        }
    }

    /**
     * Binds last_at, last_seq, state, agent, waiting_since, reason, customer_messages, handed_over, resolved from
     * {@code at}.
     */
    private static void bindState(PreparedStatement p, int at, ConversationFacts facts, SessionState after)
            throws SQLException {
        p.setLong(at, facts.lastAt().toEpochMilli());
        p.setLong(at + 1, after.lastSequence());
        p.setString(at + 2, after.state().name());
        if (after.agent() == null) {
            p.setNull(at + 3, Types.VARCHAR);
        } else {
            p.setString(at + 3, after.agent().value());
        }
        if (after.waitingSince() == null) {
            p.setNull(at + 4, Types.BIGINT);
        } else {
            p.setLong(at + 4, nanos(after.waitingSince()));
        }
        if (after.escalationReason() == null) {
            p.setNull(at + 5, Types.VARCHAR);
        } else {
            p.setString(at + 5, after.escalationReason().name());
        }
        p.setInt(at + 6, facts.customerMessages());
        p.setBoolean(at + 7, facts.handedOver());
        p.setBoolean(at + 8, facts.resolved());
    }

    /** On the writer thread after the commit: the copy grows only from the log it was appended to. */
    private void remember(ConversationId id, long expected, List<StoredEvent> done, SessionState after) {
        if (after.state() == ConversationState.CLOSED) {
            open.remove(id);
            return;
        }
        open.compute(id, (k, log) -> {
            if (log == null) {
                return expected == 0 ? List.copyOf(done) : null;
            }
            return lastSequence(log) == expected ? concat(log, done) : null;
        });
    }

    @Override
    public List<StoredEvent> read(ConversationId id, long afterSequence) {
        Objects.requireNonNull(id, "conversationId");
        ensureOpen();
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT body FROM event WHERE conversation = "
                    + "(SELECT num FROM conversation WHERE id = ?) AND seq > ? ORDER BY seq");
            q.setString(1, id.value());
            q.setLong(2, Math.max(afterSequence, 0));
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(json.read(rs.getString(1)));
                }
            }
            return out;
        });
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
        keepIfLonger(id, log);
        return log;
    }

    /** From the copy when it ends where the database's row says the log ends (one indexed lookup), else read. */
    @Override
    public SessionState session(ConversationId id) {
        Objects.requireNonNull(id, "conversationId");
        ensureOpen();
        List<StoredEvent> copy = open.get(id);
        if (copy != null && lastSequence(copy) == lastSequenceInDatabase(id)) {
            return SessionState.replay(id, copy);
        }
        List<StoredEvent> log = read(id, 0);
        keepIfLonger(id, log);
        return SessionState.replay(id, log);
    }

    private long lastSequenceInDatabase(ConversationId id) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT last_seq FROM conversation WHERE id = ?");
            q.setString(1, id.value());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private void keepIfLonger(ConversationId id, List<StoredEvent> log) {
        if (log.isEmpty() || SessionState.replay(id, log).state() == ConversationState.CLOSED) {
            open.remove(id);
            return;
        }
        List<StoredEvent> kept = List.copyOf(log);
        // never replace a longer copy the writer stored meanwhile with this one
        open.merge(id, kept, (mine, theirs) -> lastSequence(mine) >= lastSequence(theirs) ? mine : theirs);
    }

    @Override
    public List<QueueEntry> queue(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        ensureOpen();
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT id, waiting_since, reason FROM conversation "
                    + "WHERE state = 'QUEUED' ORDER BY waiting_since, id LIMIT ?");
            q.setInt(1, limit);
            List<QueueEntry> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long since = rs.getLong(2);
                    out.add(new QueueEntry(ConversationId.of(rs.getString(1)),
                            Instant.ofEpochSecond(Math.floorDiv(since, NANOS), Math.floorMod(since, NANOS)),
                            EscalationReason.valueOf(rs.getString(3))));
                }
            }
            return out;
        });
    }

    @Override
    public List<ConversationId> conversations(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        ensureOpen();
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT id FROM conversation WHERE started_at < ? AND last_at >= ? "
                    + "ORDER BY started_at, num");
            q.setLong(1, millis(to));
            q.setLong(2, millis(from));
            return ids(q);
        });
    }

    @Override
    public List<ConversationId> inactiveSince(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        ensureOpen();
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT id FROM conversation WHERE last_at < ? ORDER BY last_at, num "
                    + "LIMIT ?");
            q.setLong(1, millis(cutoff));
            q.setInt(2, limit);
            return ids(q);
        });
    }

    private static List<ConversationId> ids(PreparedStatement q) throws SQLException {
        List<ConversationId> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(ConversationId.of(rs.getString(1)));
            }
        }
        return out;
    }

    @Override
    public long delete(Collection<ConversationId> conversations) {
        ensureOpen();
        List<ConversationId> ids = List.copyOf(new LinkedHashSet<>(conversations));
        if (ids.isEmpty()) {
            return 0;
        }
        try {
            return db.write(s -> {
                long events = 0;
                for (ConversationId id : ids) {
                    events += deleteOne(s, id);
                }
                return events;
            }, deleted -> ids.forEach(open::remove));
        } finally {
            ids.forEach(open::remove);
        }
    }

    @Override
    public long erase(Tombstone tombstone) {
        ensureOpen();
        ConversationId id = tombstone.conversationId();
        try {
            return db.write(s -> {
                long n = deleteOne(s, id);
                PreparedStatement add = s.prepare("INSERT INTO erasure (conversation_id, erased_at, erased_by) "
                        + "VALUES (?, ?, ?)");
                add.setString(1, id.value());
                add.setLong(2, tombstone.erasedAt().toEpochMilli());
                add.setString(3, tombstone.erasedBy());
                add.executeUpdate();
                return n;
            }, n -> open.remove(id));
        } finally {
            open.remove(id);
        }
    }

    private static long deleteOne(SqliteDatabase.Session s, ConversationId id) throws SQLException {
        PreparedStatement find = s.prepare("SELECT num FROM conversation WHERE id = ?");
        find.setString(1, id.value());
        long num;
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            num = rs.getLong(1);
        }
        PreparedStatement events = s.prepare("DELETE FROM event WHERE conversation = ?");
        events.setLong(1, num);
        int n = events.executeUpdate();
        PreparedStatement row = s.prepare("DELETE FROM conversation WHERE num = ?");
        row.setLong(1, num);
        row.executeUpdate();
        return n;
    }

    @Override
    public List<Tombstone> tombstones() {
        ensureOpen();
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT conversation_id, erased_at, erased_by FROM erasure "
                    + "ORDER BY erased_at, rowid");
            List<Tombstone> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Tombstone(ConversationId.of(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3)));
                }
            }
            return out;
        });
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

    /** Epoch milliseconds, with the far past and future clamped (the listing of everything uses MIN and MAX). */
    static long millis(Instant at) {
        if (at.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        if (at.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return Long.MAX_VALUE;
        }
        return at.toEpochMilli();
    }

    private static final long NANOS = 1_000_000_000L;

    /** Epoch nanoseconds: the queue's times are kept exactly as the events have them. */
    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS), at.getNano());
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
