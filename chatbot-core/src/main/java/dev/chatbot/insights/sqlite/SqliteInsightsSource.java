package dev.chatbot.insights.sqlite;

import dev.chatbot.insights.Containment;
import dev.chatbot.insights.InsightsSource;
import dev.chatbot.insights.LogInsightsSource;
import dev.chatbot.insights.TrendCounts;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.ConversationFacts;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.json.EventJson;
import dev.chatbot.transcript.sqlite.SqlJson;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SQLite adapter: the database counts. Conversations started in the period come from their rows (with their
 * {@link ConversationFacts}), events of a type in the period by the one field they are counted by through the index
 * on {@code (type, at, counted)} alone, and only the logs with a low-confidence escalation in the period are read
 * and decoded for the unmet needs, and of them only the events unmet needs can depend on.
 *
 * <p>Over 250 lines: one query per report, side by side so that they count alike.
 */
public final class SqliteInsightsSource implements InsightsSource {

    private final SqliteDatabase db;
    private final EventJson json = new EventJson();

    public SqliteInsightsSource(SqliteDatabase db) {
        this.db = db;
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
                    out.add(new ConversationFacts(
                            ConversationId.of(rs.getString(1)),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getInt(4),
                            rs.getBoolean(5),
                            rs.getBoolean(6)));
                }
            }
            return out;
        });
        Map<EscalationReason, Integer> reasons = new EnumMap<>(EscalationReason.class);
        for (EscalationReason r : EscalationReason.values()) {
            reasons.put(r, 0);
        }
        count("Escalated", f, t).forEach((reason, n) -> reasons.put(EscalationReason.valueOf(reason), n));
        Map<String, Integer> answers = count("BotAnswered", f, t);
        Map<String, Integer> feedback = count("FeedbackGiven", f, t);
        int helpful = feedback.getOrDefault("1", 0);
        int given = feedback.values().stream().mapToInt(Integer::intValue).sum();
        int[] unmet = {0};
        forEachLowConfidenceLog(
                f, t, log -> unmet[0] += LogInsightsSource.unmetNeeds(List.of(log), knownIntents, from, to));
        return new Period(started, reasons, answers, given, helpful, unmet[0], ratings(f, t));
    }

    @Override
    public void countTrends(TrendCounts counts, Containment containment, Instant now) {
        long from = counts.from().toEpochMilli();
        long to = counts.to().toEpochMilli();
        long bucket = counts.bucket().toMillis();
        long quiet = containment.quietCutoff(now).toEpochMilli();
        db.read(s -> {
            // the rules of Containment over the facts kept on each conversation row
            PreparedStatement q = s.prepare("SELECT (started_at - ?1) / ?2, count(*), sum(handed_over), "
                    + "sum(CASE WHEN handed_over = 0 AND (resolved = 1 OR last_at <= ?4) THEN 1 ELSE 0 END) "
                    + "FROM conversation WHERE started_at >= ?1 AND started_at < ?3 AND customer_messages > 0 "
                    + "GROUP BY 1");
            bindPeriod(q, from, bucket, to);
            q.setLong(4, quiet);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    int b = rs.getInt(1);
                    int handedOver = rs.getInt(3);
                    int contained = rs.getInt(4);
                    counts.conversations(b, Containment.Outcome.HANDED_OVER, handedOver);
                    counts.conversations(b, Containment.Outcome.CONTAINED, contained);
                    counts.conversations(b, Containment.Outcome.OPEN, rs.getInt(2) - handedOver - contained);
                }
            }
            q = s.prepare("SELECT (at - ?1) / ?2, counted, count(*) FROM event WHERE counted IS NOT NULL "
                    + "AND type = 'Escalated' AND at >= ?1 AND at < ?3 GROUP BY 1, 2");
            bindPeriod(q, from, bucket, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    counts.escalations(rs.getInt(1), EscalationReason.valueOf(rs.getString(2)), rs.getInt(3));
                }
            }
            q = s.prepare("SELECT (at - ?1) / ?2, count(*), sum(CAST(counted AS INTEGER)) FROM event "
                    + "WHERE counted IS NOT NULL AND type = 'ConversationRated' AND at >= ?1 AND at < ?3 GROUP BY 1");
            bindPeriod(q, from, bucket, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    counts.ratings(rs.getInt(1), rs.getInt(2), rs.getLong(3));
                }
            }
            // each reply of the period with the time of the escalation just before it, when nothing but an
            // escalation lies between them (no earlier reply answered it already)
            q = s.prepare("SELECT (r.at - ?1) / ?2, r.at - (SELECT CASE WHEN p.type = 'Escalated' THEN p.at END "
                    + "FROM event p WHERE p.conversation = r.conversation AND p.seq < r.seq "
                    + "AND p.type IN ('Escalated', 'AgentReplied') ORDER BY p.seq DESC LIMIT 1) "
                    + "FROM event r WHERE r.counted IS NOT NULL AND r.type = 'AgentReplied' "
                    + "AND r.at >= ?1 AND r.at < ?3");
            bindPeriod(q, from, bucket, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long wait = rs.getLong(2);
                    if (!rs.wasNull()) {
                        counts.firstResponse(rs.getInt(1), wait);
                    }
                }
            }
            return null;
        });
    }

    private static void bindPeriod(PreparedStatement q, long from, long bucket, long to) throws SQLException {
        q.setLong(1, from);
        q.setLong(2, bucket);
        q.setLong(3, to);
    }

    @Override
    public void forEachUnmetLog(Consumer<List<StoredEvent>> each) {
        forEachLowConfidenceLog(Long.MIN_VALUE, Long.MAX_VALUE, each);
    }

    /**
     * Hands {@code each} the events unmet needs can depend on of every conversation with a low-confidence escalation
     * from {@code from} on: all but the types listed in {@link #NOT_FOR_UNMET_NEEDS} (decoding is what costs; a new
     * type is read unless it is listed), one conversation at a time.
     */
    private void forEachLowConfidenceLog(long from, long to, Consumer<List<StoredEvent>> each) {
        for (List<ConversationId> page : pages(lowConfidence(from, to))) {
            Map<String, List<StoredEvent>> logs = db.read(s -> {
                PreparedStatement q = s.prepare("SELECT c.id, e.body FROM conversation c JOIN event e "
                        + "ON e.conversation = c.num WHERE c.id IN (SELECT value FROM json_each(?)) "
                        + "AND e.type NOT IN (SELECT value FROM json_each(?)) ORDER BY c.num, e.seq");
                q.setString(
                        1,
                        SqlJson.array(page.stream().map(ConversationId::value).toList()));
                q.setString(2, SqlJson.array(NOT_FOR_UNMET_NEEDS));
                Map<String, List<StoredEvent>> out = new LinkedHashMap<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(json.read(rs.getString(2)));
                    }
                }
                return out;
            });
            logs.values().forEach(each);
        }
    }

    /**
     * Event types no unmet need depends on ({@code UnmetNeeds.candidates} looks at customer messages, escalations and
     * labels): not read for unmet needs. {@code SqliteInsightsSourceTest} checks the candidates are the same without
     * them.
     */
    static final List<String> NOT_FOR_UNMET_NEEDS = List.of(
            "ConversationStarted",
            "BotAnswered",
            "ClarificationOffered",
            "NoticeSent",
            "Claimed",
            "AgentReplied",
            "FeedbackGiven",
            "Resolved",
            "HandedBack",
            "ConversationRated");

    private static List<List<ConversationId>> pages(List<ConversationId> ids) {
        List<List<ConversationId>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            out.add(ids.subList(i, Math.min(ids.size(), i + 500)));
        }
        return out;
    }

    /** The events of a type in a period by their {@code counted} field, from the index on (type, at, counted) alone. */
    private static final String COUNT = "SELECT counted, count(*) FROM event "
            + "WHERE counted IS NOT NULL AND type = ? AND at >= ? AND at < ? GROUP BY 1";

    /** The ratings of the period: only their events are read (by the counted index), a handful of bytes each. */
    private List<TranscriptEvent.ConversationRated> ratings(long from, long to) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT body FROM event WHERE type = 'ConversationRated' AND at >= ? "
                    + "AND at < ? AND counted IS NOT NULL");
            q.setLong(1, from);
            q.setLong(2, to);
            List<TranscriptEvent.ConversationRated> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add((TranscriptEvent.ConversationRated)
                            json.read(rs.getString(1)).event());
                }
            }
            return out;
        });
    }

    private Map<String, Integer> count(String type, long from, long to) {
        return db.read(s -> {
            PreparedStatement q = s.prepare(COUNT);
            q.setString(1, type);
            q.setLong(2, from);
            q.setLong(3, to);
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
     * The conversations with a low-confidence escalation or a message an agent marked not covered from {@code from}
     * on: only they can hold unmet needs of the period (the escalation or mark follows its message; one just after
     * {@code to} may still be about a message inside).
     */
    private List<ConversationId> lowConfidence(long from, long to) throws RuntimeException {
        return db.read(s -> {
            // one arm per event type, each found through the index on (type, at, counted): an OR of the two would
            // read every event of the database; CROSS JOIN keeps the events of the period as the outer loop
            PreparedStatement q = s.prepare("SELECT c.id FROM event e CROSS JOIN conversation c "
                    + "ON c.num = e.conversation WHERE e.counted = 'LOW_CONFIDENCE' AND e.type = 'Escalated' "
                    + "AND e.at >= ?1 AND c.started_at < ?2 "
                    + "UNION SELECT c.id FROM event e CROSS JOIN conversation c ON c.num = e.conversation "
                    + "WHERE e.counted IS NOT NULL AND e.type = 'MarkedNotCovered' AND e.at >= ?1 "
                    + "AND c.started_at < ?2");
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
