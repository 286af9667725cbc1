package dev.chatbot.transcript.sqlite;

import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationFacts;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * The writes of the transcript tables ({@code conversation}, {@code event}; schema V1) on the writer's connection:
 * an append checked against the log's last sequence number, with the conversation row's derived state and facts, and
 * the deletion of a conversation.
 */
final class ConversationRows {

    /**
     * The field of an event that reports count it by (schema V4): a bot answer's intent, an escalation's reason,
     * feedback's helpful (1 or 0), a rating's score; null for any other event. In SQL over the parameters ?4 (type) and ?5 (body).
     */
    private static final String COUNTED = "CASE ?4 WHEN 'BotAnswered' THEN json_extract(?5, '$.intent') "
            + "WHEN 'Escalated' THEN json_extract(?5, '$.reason') WHEN 'FeedbackGiven' THEN json_extract(?5, '$.helpful') "
            + "WHEN 'ConversationRated' THEN json_extract(?5, '$.score') "
            + "WHEN 'AgentReplied' THEN json_extract(?5, '$.agent') "
            + "WHEN 'MarkedNotCovered' THEN json_extract(?5, '$.agent') END";

    private ConversationRows() {}

    /** Writes one append on the writer's connection, if the log still ends at {@code before.lastSequence()}. */
    static void insert(
            SqliteSession s, SessionState before, SessionState after, List<StoredEvent> stored, List<String> bodies)
            throws SQLException {
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
                facts = new ConversationFacts(
                        id,
                        Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getInt(5),
                        rs.getBoolean(6),
                        rs.getBoolean(7));
            }
        }
        if (last != expected) {
            throw new ConcurrentAppendException(id, expected, last);
        }
        for (StoredEvent e : stored) {
            facts = facts.apply(e.event());
        }
        if (num == null) {
            TranscriptEvent.ConversationStarted started =
                    (TranscriptEvent.ConversationStarted) stored.get(0).event();
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
        PreparedStatement event = s.prepare("INSERT INTO event (conversation, seq, at, type, body, counted) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, " + COUNTED + ")");
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

    /** Deletes a conversation's events and row, overwriting every page; how many events there were (0 if unknown). */
    static long delete(SqliteSession s, ConversationId id) throws SQLException {
        return deleteAll(s, List.of(id));
    }

    /**
     * Deletes conversations' events and rows with one statement each for the whole batch (the retention period's
     * deletes); how many events there were (unknown conversations are skipped). Deleted content is overwritten only in
     * the pages the delete writes anyway ({@code secure_delete=FAST}): the pages it frees whole go to the free list
     * unwritten and are overwritten when new events reuse them. Zeroing them would write the expired month once more,
     * on the cores the chat needs; an erasure ({@link #delete(SqliteSession, ConversationId)}) zeroes every page.
     */
    static long delete(SqliteSession s, List<ConversationId> ids) throws SQLException {
        s.execute("PRAGMA secure_delete=FAST");
        try {
            return deleteAll(s, ids);
        } finally {
            s.execute("PRAGMA secure_delete=ON");
        }
    }

    /** Deletes conversations' events and rows with one statement each; how many events there were. */
    private static long deleteAll(SqliteSession s, List<ConversationId> ids) throws SQLException {
        String list = SqlJson.array(ids.stream().map(ConversationId::value).toList());
        PreparedStatement events = s.prepare("DELETE FROM event WHERE conversation IN "
                + "(SELECT num FROM conversation WHERE id IN (SELECT value FROM json_each(?)))");
        events.setString(1, list);
        int n = events.executeUpdate();
        PreparedStatement rows = s.prepare("DELETE FROM conversation WHERE id IN (SELECT value FROM json_each(?))");
        rows.setString(1, list);
        rows.executeUpdate();
        return n;
    }

    private static final long NANOS = 1_000_000_000L;

    /** Epoch nanoseconds: the queue's times are kept exactly as the events have them. */
    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS), at.getNano());
    }

    /** The instant of epoch nanoseconds. */
    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }
}
