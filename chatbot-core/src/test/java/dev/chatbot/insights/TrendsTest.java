package dev.chatbot.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trend charts over logs folded one at a time (any store); a subclass runs them on the database's own counts. */
class TrendsTest {

    private static final Instant DAY1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-10T00:00:00Z");
    private static final AgentId SAM = AgentId.of("sam");

    @TempDir
    Path temp;

    protected SqliteDatabase db;
    protected TranscriptStore store;
    private int conversations;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(new SqliteSettings(temp.resolve("var"), false));
        store = SqliteTranscriptStore.on(db);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    protected InsightsSource source() {
        return new LogInsightsSource(store);
    }

    private Trends trends() {
        return new Trends(source(), Containment.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Instant day(int n, int hour) {
        return DAY1.plus(Duration.ofDays(n - 1)).plus(Duration.ofHours(hour));
    }

    /** A conversation of events at the given times (the first starts it). */
    private void conversation(Instant start, Object... timesAndEvents) {
        List<TranscriptEvent> events = new ArrayList<>();
        events.add(new TranscriptEvent.ConversationStarted(start, "web", "en"));
        for (Object o : timesAndEvents) {
            events.add((TranscriptEvent) o);
        }
        store.append(ConversationId.of("c" + (++conversations)), 0, events);
    }

    private static TranscriptEvent says(Instant at) {
        return new TranscriptEvent.MessageReceived(
                at,
                MessageId.of("m" + at.toEpochMilli()),
                "hello",
                List.of(new ScoredIntent(IntentName.of("refund"), 0.2)),
                "v1");
    }

    private static TranscriptEvent escalates(Instant at, EscalationReason reason) {
        return new TranscriptEvent.Escalated(at, null, reason, null, "passing you on");
    }

    private static TranscriptEvent claims(Instant at) {
        return new TranscriptEvent.Claimed(at, SAM);
    }

    private static TranscriptEvent replies(Instant at) {
        return new TranscriptEvent.AgentReplied(at, SAM, MessageId.of("a" + at.toEpochMilli()), "hi");
    }

    private static TranscriptEvent rated(Instant at, int score) {
        return new TranscriptEvent.ConversationRated(at, score, "", SAM, null);
    }

    private static List<Double> values(TrendsReport report, String chart, int bucket, boolean current) {
        TrendsReport.Point p = report.chart(chart).orElseThrow().points().get(bucket);
        return current ? p.current() : p.previous();
    }

    private static List<Double> list(Double... values) {
        return Arrays.asList(values);
    }

    @Test
    void chartsEachDayOfThePeriodBesideTheSameDayOfThePreviousPeriod() {
        // previous period: Oct 29 - Oct 31; this period: Nov 1 - Nov 3
        conversation(day(0, 9), says(day(0, 9)), escalates(day(0, 9), EscalationReason.USER_REQUEST));
        conversation(day(1, 9), says(day(1, 9)), new TranscriptEvent.Resolved(day(1, 10), null));
        conversation(day(1, 11), says(day(1, 11)));
        conversation(
                day(1, 12),
                says(day(1, 12)),
                escalates(day(1, 12), EscalationReason.LOW_CONFIDENCE),
                new TranscriptEvent.Claimed(day(1, 12).plusSeconds(30), SAM),
                replies(day(1, 12).plusSeconds(60)),
                replies(day(1, 12).plusSeconds(600)),
                new TranscriptEvent.Resolved(day(1, 13), SAM),
                rated(day(1, 13), 4));
        conversation(
                day(3, 8),
                says(day(3, 8)),
                escalates(day(3, 8), EscalationReason.USER_REQUEST),
                claims(day(3, 8).plusSeconds(5)),
                replies(day(3, 8).plusSeconds(120)),
                new TranscriptEvent.Resolved(day(3, 9), SAM),
                rated(day(3, 9), 1),
                rated(day(3, 9).plusSeconds(1), 5));
        conversation(day(2, 5)); // never wrote: not counted

        TrendsReport report = trends().report(day(1, 0), day(4, 0));

        assertThat(report.bucket()).isEqualTo("day");
        assertThat(report.previousFrom()).isEqualTo(day(-2, 0));
        assertThat(report.chart("conversations").orElseThrow().points())
                .extracting(TrendsReport.Point::start)
                .containsExactly(day(1, 0), day(2, 0), day(3, 0));
        assertThat(report.chart("conversations").orElseThrow().points().get(2).previousStart())
                .isEqualTo(day(0, 0));
        assertThat(values(report, "conversations", 0, true)).containsExactly(3.0);
        assertThat(values(report, "conversations", 1, true)).containsExactly(0.0);
        assertThat(values(report, "conversations", 2, true)).containsExactly(1.0);
        assertThat(values(report, "conversations", 2, false)).containsExactly(1.0);
        // day 1: one resolved by the bot, one quiet for a week, one handed over
        assertThat(values(report, "containment", 0, true).get(0))
                .isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(values(report, "containment", 1, true)).containsExactly((Double) null);
        assertThat(values(report, "containment", 2, false)).containsExactly(0.0);
        List<String> reasons = report.chart("escalations").orElseThrow().series();
        assertThat(values(report, "escalations", 0, true).get(reasons.indexOf("LOW_CONFIDENCE")))
                .isEqualTo(1.0);
        assertThat(values(report, "escalations", 2, false).get(reasons.indexOf("USER_REQUEST")))
                .isEqualTo(1.0);
        assertThat(values(report, "escalations", 2, true).get(reasons.indexOf("USER_REQUEST")))
                .isEqualTo(1.0);
        assertThat(values(report, "rating-average", 0, true)).containsExactly(4.0);
        assertThat(values(report, "rating-average", 2, true)).containsExactly(3.0);
        assertThat(values(report, "rating-average", 1, true)).containsExactly((Double) null);
        assertThat(values(report, "ratings", 2, true)).containsExactly(2.0);
        // only the first reply after the escalation counts
        assertThat(values(report, "first-response", 0, true)).containsExactly(60.0, 60.0);
        assertThat(values(report, "first-response", 2, true)).containsExactly(120.0, 120.0);
        assertThat(values(report, "first-response", 2, false)).containsExactly(null, null);
    }

    @Test
    void takesTheMedianAndNinetiethPercentileOfFirstResponsesByNearestRank() {
        for (int i = 1; i <= 10; i++) {
            Instant at = day(1, i);
            conversation(
                    at,
                    says(at),
                    escalates(at, EscalationReason.USER_REQUEST),
                    claims(at.plusSeconds(1)),
                    replies(at.plusSeconds(10L * i)));
        }
        TrendsReport report = trends().report(day(1, 0), day(2, 0));

        assertThat(values(report, "first-response", 0, true)).containsExactly(50.0, 90.0);
    }

    @Test
    void chartsALongPeriodByWeek() {
        conversation(day(8, 1), says(day(8, 1)));
        TrendsReport report = trends().report(day(1, 0), day(92, 0));

        assertThat(report.bucket()).isEqualTo("week");
        assertThat(report.chart("conversations").orElseThrow().points()).hasSize(13);
        assertThat(values(report, "conversations", 1, true)).containsExactly(1.0);
        assertThat(values(report, "conversations", 0, true)).containsExactly(0.0);
    }

    @Test
    void refusesAPeriodThatDoesNotStartBeforeItEnds() {
        assertThatThrownBy(() -> trends().report(day(2, 0), day(1, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
