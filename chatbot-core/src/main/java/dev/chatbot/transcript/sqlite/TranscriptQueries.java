package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.json.EventJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The reads of the transcript tables on the reader pool: logs, the queue, listings, tombstones. */
final class TranscriptQueries {

    private final SqliteDatabase db;
    private final EventJson json;

    TranscriptQueries(SqliteDatabase db, EventJson json) {
        this.db = db;
        this.json = json;
    }

    List<StoredEvent> log(ConversationId id, long afterSequence) {
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

    /** Where the conversation's log ends (0 if it has none): one indexed lookup. */
    long lastSequence(ConversationId id) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT last_seq FROM conversation WHERE id = ?");
            q.setString(1, id.value());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    List<QueueEntry> queue(int limit) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT id, waiting_since, reason FROM conversation "
                    + "WHERE state = 'QUEUED' ORDER BY waiting_since, id LIMIT ?");
            q.setInt(1, limit);
            List<QueueEntry> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueueEntry(
                            ConversationId.of(rs.getString(1)),
                            ConversationRows.instant(rs.getLong(2)),
                            EscalationReason.valueOf(rs.getString(3))));
                }
            }
            return out;
        });
    }

    /** Started before {@code to} and last active at or after {@code from}, oldest first. */
    List<ConversationId> conversations(Instant from, Instant to) {
        return db.read(s -> {
            PreparedStatement q = s.prepare(
                    "SELECT id FROM conversation WHERE started_at < ? AND last_at >= ? " + "ORDER BY started_at, num");
            q.setLong(1, millis(to));
            q.setLong(2, millis(from));
            return ids(q);
        });
    }

    List<ConversationId> inactiveSince(Instant cutoff, int limit) {
        return db.read(s -> {
            PreparedStatement q =
                    s.prepare("SELECT id FROM conversation WHERE last_at < ? ORDER BY last_at, num " + "LIMIT ?");
            q.setLong(1, millis(cutoff));
            q.setInt(2, limit);
            return ids(q);
        });
    }

    List<Tombstone> tombstones() {
        return db.read(s -> {
            PreparedStatement q = s.prepare(
                    "SELECT conversation_id, erased_at, erased_by FROM erasure " + "ORDER BY erased_at, rowid");
            List<Tombstone> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Tombstone(
                            ConversationId.of(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)));
                }
            }
            return out;
        });
    }

    /**
     * Reads the pages of the conversations' events (and drops what it read), so that deleting them next finds the
     * pages in the operating system's cache: the writer, which every customer's message waits for, does not wait for
     * the disk.
     */
    void warm(List<ConversationId> ids) {
        db.read(s -> {
            PreparedStatement q = s.prepare("SELECT sum(length(e.body)) FROM conversation c JOIN event e "
                    + "ON e.conversation = c.num WHERE c.id IN (SELECT value FROM json_each(?))");
            q.setString(1, SqlJson.array(ids.stream().map(ConversationId::value).toList()));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
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

    /** Epoch milliseconds, with the far past and future clamped (the listing of everything uses MIN and MAX). */
    private static long millis(Instant at) {
        if (at.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        if (at.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return Long.MAX_VALUE;
        }
        return at.toEpochMilli();
    }
}
