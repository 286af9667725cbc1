package dev.chatbot.insights.sqlite;

import dev.chatbot.insights.InsightsSource;
import dev.chatbot.insights.LogInsightsSource;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.ConversationFacts;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SQLite adapter: the database counts. Conversations started in the period come from their rows (with their
 * {@link ConversationFacts}), events of a type in the period through the {@code event (type, at)} index and
 * {@code json_extract} on their JSON, and only the logs with a low-confidence escalation in the period are read and
 * decoded, for the unmet needs.
 */
public final class SqliteInsightsSource implements InsightsSource {

    private final SqliteDatabase db;
    private final TranscriptStore store;

    /** @param store the transcript store on {@code db}, to read the logs that may hold unmet needs */
    public SqliteInsightsSource(SqliteDatabase db, TranscriptStore store) {
        this.db = db;
        this.store = store;
    }

    @Override
    public Period read(Instant from, Instant to, Set<IntentName> knownIntents) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        List<ConversationFacts> started = db.read(s -> {
            PreparedStatement q = s.prepare("SELECT id, started_at, last_at, customer_messages, handed_over, resolved "
                    + "FROM conversation WHERE started_at >= ? AND started_at < ?");
            q.setLong(1, f);
            q.setLong(2, t);
            List<ConversationFacts> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConversationFacts(ConversationId.of(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)),
                            Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4), rs.getBoolean(5), rs.getBoolean(6)));
                }
            }
            return out;
        });
        Map<EscalationReason, Integer> reasons = new EnumMap<>(EscalationReason.class);
        for (EscalationReason r : EscalationReason.values()) {
            reasons.put(r, 0);
        }
        count("Escalated", "$.reason", f, t).forEach((reason, n) -> reasons.put(EscalationReason.valueOf(reason), n));
        Map<String, Integer> answers = count("BotAnswered", "$.intent", f, t);
        Map<String, Integer> feedback = count("FeedbackGiven", "$.helpful", f, t);
        int helpful = feedback.getOrDefault("1", 0);
        int given = feedback.values().stream().mapToInt(Integer::intValue).sum();
        List<List<StoredEvent>> candidates = new ArrayList<>();
        for (ConversationId id : lowConfidence(f, t)) {
            List<StoredEvent> log = store.read(id, 0);
            if (!log.isEmpty()) {
                candidates.add(log);
            }
        }
        return new Period(started, reasons, answers, given, helpful,
                LogInsightsSource.unmetNeeds(candidates, knownIntents, from, to));
    }

    @Override
    public void forEachUnmetLog(Consumer<List<StoredEvent>> each) {
        for (ConversationId id : lowConfidence(Long.MIN_VALUE, Long.MAX_VALUE)) {
            List<StoredEvent> log = store.read(id, 0);
            if (!log.isEmpty()) {
                each.accept(log);
            }
        }
    }

    /** Events of {@code type} in the period by the value of one of their fields. */
    private Map<String, Integer> count(String type, String field, long from, long to) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT json_extract(body, ?), count(*) FROM event "
                    + "WHERE type = ? AND at >= ? AND at < ? GROUP BY 1");
            q.setString(1, field);
            q.setString(2, type);
            q.setLong(3, from);
            q.setLong(4, to);
            Map<String, Integer> out = new HashMap<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /**
     * The conversations with a low-confidence escalation from {@code from} on: only they can hold unmet needs of the
     * period (the escalation follows its message; one just after {@code to} may still answer a message inside).
     */
    private List<ConversationId> lowConfidence(long from, long to) throws RuntimeException {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT DISTINCT c.id FROM event e JOIN conversation c "
                    + "ON c.num = e.conversation WHERE e.type = 'Escalated' AND e.at >= ? "
                    + "AND json_extract(e.body, '$.reason') = 'LOW_CONFIDENCE' AND c.started_at < ?");
            q.setLong(1, from);
            q.setLong(2, to);
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
}
