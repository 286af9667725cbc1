package dev.chatbot.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.ReportFormat;
import dev.chatbot.hours.OpeningHours;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptEvent.BotAnswered;
import dev.chatbot.transcript.TranscriptEvent.Claimed;
import dev.chatbot.transcript.TranscriptEvent.ConversationStarted;
import dev.chatbot.transcript.TranscriptEvent.Escalated;
import dev.chatbot.transcript.TranscriptEvent.FeedbackGiven;
import dev.chatbot.transcript.TranscriptEvent.Labelled;
import dev.chatbot.transcript.TranscriptEvent.MessageReceived;
import dev.chatbot.transcript.TranscriptEvent.Resolved;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsightsTest {

    private static final Instant DAY1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DAY2 = DAY1.plus(Duration.ofDays(1));
    private static final Instant DAY3 = DAY2.plus(Duration.ofDays(1));
    private static final Instant NOW = DAY3.plus(Duration.ofHours(12));
    private static final AgentId SAM = AgentId.of("sam");
    private static final Set<IntentName> KNOWN = Set.of(IntentName.of("opening_hours"), IntentName.of("refund"));

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

    /** Where the insights read from: any store's logs here; a subclass runs the same tests on a database's counts. */
    protected InsightsSource source() {
        return new LogInsightsSource(store);
    }

    private Insights insights(ModelRepository models) {
        return new Insights(source(), models, () -> KNOWN, Containment.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Appends a conversation started at {@code at}; the events follow a minute apart. */
    private void conversation(Instant at, Step... steps) {
        ConversationId id = ConversationId.of("c" + (++conversations));
        List<TranscriptEvent> events = new ArrayList<>();
        events.add(new ConversationStarted(at, "web", "en"));
        Instant t = at;
        for (Step step : steps) {
            t = t.plus(step.after());
            events.add(step.event(t));
        }
        store.append(id, 0, events);
    }

    private interface Step {
        TranscriptEvent event(Instant at);

        default Duration after() {
            return Duration.ofMinutes(1);
        }

        static Step later(Duration after, Step step) {
            return new Step() {
                public TranscriptEvent event(Instant at) {
                    return step.event(at);
                }

                public Duration after() {
                    return after;
                }
            };
        }
    }

    private static Step says(String messageId, String text) {
        return at -> new MessageReceived(
                at, MessageId.of(messageId), text, List.of(new ScoredIntent(IntentName.of("refund"), 0.2)), "v1");
    }

    private static Step answers(String messageId, String intent) {
        return at -> new BotAnswered(at, MessageId.of(messageId), IntentName.of(intent), 0.9, "answer", List.of());
    }

    private static Step escalates(String messageId, EscalationReason reason) {
        return at ->
                new Escalated(at, messageId == null ? null : MessageId.of(messageId), reason, null, "passing you on");
    }

    private static Step feedback(boolean helpful) {
        return at -> new FeedbackGiven(at, helpful, "");
    }

    @Test
    void countsAConversationAsContainedWhenTheBotAloneSettledItAndTheReopenWindowPassed() {
        conversation(DAY1, says("m1", "when are you open?"), answers("m1", "opening_hours"), feedback(true));
        conversation(DAY1, says("m1", "refund please"), answers("m1", "refund"));
        conversation(
                DAY1,
                says("m1", "a plumber?"),
                escalates("m1", EscalationReason.LOW_CONFIDENCE),
                at -> new Claimed(at, SAM));
        conversation(DAY1, says("m1", "a person please"), escalates(null, EscalationReason.USER_REQUEST));
        conversation(DAY1); // the customer never wrote: not counted

        InsightsReport r = insights(null).report(DAY1, DAY2);

        assertThat(r.conversations()).isEqualTo(4);
        assertThat(r.contained()).isEqualTo(2);
        assertThat(r.handedOver()).isEqualTo(2);
        assertThat(r.open()).isZero();
        assertThat(r.containmentRate()).isEqualTo(0.5);
    }

    @Test
    void splitsConversationsByWhetherTheyStartedInOpeningHours() {
        conversation(DAY1.plus(Duration.ofHours(10)), says("m1", "when are you open?"), answers("m1", "opening_hours"));
        conversation(
                DAY1.plus(Duration.ofHours(11)),
                says("m1", "a plumber?"),
                escalates("m1", EscalationReason.LOW_CONFIDENCE));
        conversation(
                DAY1.plus(Duration.ofHours(22)),
                says("m1", "a person please"),
                escalates(null, EscalationReason.USER_REQUEST));
        OpeningHours nineToFive = OpeningHours.parse(
                "UTC",
                java.util.Map.of(DAY1.atZone(ZoneOffset.UTC).getDayOfWeek().name(), "09:00-17:00"),
                java.util.Map.of());

        InsightsReport r = new Insights(
                        source(),
                        null,
                        () -> KNOWN,
                        Containment.defaults(),
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        () -> nineToFive)
                .report(DAY1, DAY2);

        assertThat(r.hours().scheduled()).isTrue();
        assertThat(r.hours().inHours()).isEqualTo(new InsightsReport.Traffic(2, 1, 1, 0, 0.5));
        assertThat(r.hours().outOfHours()).isEqualTo(new InsightsReport.Traffic(1, 0, 1, 0, 0.0));
        InsightsReport always = insights(null).report(DAY1, DAY2);
        assertThat(always.hours().scheduled()).isFalse();
        assertThat(always.hours().inHours().conversations()).isEqualTo(3);
        assertThat(always.hours().outOfHours()).isEqualTo(new InsightsReport.Traffic(0, 0, 0, 0, null));
    }

    private static Step rates(int score, String agent, String intent) {
        return rates(score, agent, intent, null);
    }

    private static Step rates(int score, String agent, String intent, String team) {
        return at -> new TranscriptEvent.ConversationRated(
                at,
                score,
                "",
                agent == null ? null : AgentId.of(agent),
                intent == null ? null : IntentName.of(intent),
                team);
    }

    @Test
    void countsRatingsPerAgentPerTeamAndPerIntent() {
        conversation(
                DAY1,
                says("m1", "a plumber?"),
                escalates("m1", EscalationReason.LOW_CONFIDENCE),
                at -> new Claimed(at, SAM),
                at -> new Resolved(at, SAM),
                rates(5, SAM.value(), "refund", "billing"));
        conversation(
                DAY1,
                says("m1", "refund?"),
                escalates("m1", EscalationReason.LOW_CONFIDENCE),
                at -> new Claimed(at, SAM),
                at -> new Resolved(at, SAM),
                rates(3, SAM.value(), "refund"));
        conversation(
                DAY1,
                says("m1", "when are you open?"),
                answers("m1", "opening_hours"),
                at -> new Resolved(at, null),
                rates(4, null, "opening_hours"));
        conversation(
                DAY2,
                says("m1", "when are you open?"),
                answers("m1", "opening_hours"),
                at -> new Resolved(at, null),
                rates(1, null, "opening_hours")); // outside the period

        InsightsReport.Ratings r = insights(null).report(DAY1, DAY2).ratings();

        assertThat(r.count()).isEqualTo(3);
        assertThat(r.average()).isEqualTo(4.0);
        assertThat(r.scores()).containsExactly(0, 0, 1, 1, 1);
        assertThat(r.byAgent())
                .containsExactly(
                        new InsightsReport.RatingGroup(SAM.value(), 2, 4.0),
                        new InsightsReport.RatingGroup("bot", 1, 4.0));
        assertThat(r.byIntent())
                .containsExactly(
                        new InsightsReport.RatingGroup("refund", 2, 4.0),
                        new InsightsReport.RatingGroup("opening_hours", 1, 4.0));
        assertThat(r.byTeam())
                .containsExactly(
                        new InsightsReport.RatingGroup("none", 2, 3.5),
                        new InsightsReport.RatingGroup("billing", 1, 5.0));
        assertThat(insights(null).report(DAY3, NOW).ratings().average()).isNull();
    }

    @Test
    void leavesConversationsInsideTheirReopenWindowOutOfTheRate() {
        conversation(DAY1, says("m1", "when are you open?"), answers("m1", "opening_hours"));
        conversation(NOW.minus(Duration.ofHours(2)), says("m1", "refund?"), answers("m1", "refund"));

        InsightsReport r = insights(null).report(DAY1, NOW);

        assertThat(r.open()).isEqualTo(1);
        assertThat(r.contained()).isEqualTo(1);
        assertThat(r.containmentRate()).isEqualTo(1.0);
        assertThat(r.reopenWindow()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aCustomerComingBackWithinTheWindowAndAskingForAPersonIsNotContained() {
        conversation(
                DAY1,
                says("m1", "when are you open?"),
                answers("m1", "opening_hours"),
                Step.later(Duration.ofHours(20), says("m2", "that did not help, a person please")),
                escalates("m2", EscalationReason.USER_REQUEST));

        InsightsReport r = insights(null).report(DAY1, DAY2);

        assertThat(r.contained()).isZero();
        assertThat(r.handedOver()).isEqualTo(1);
        assertThat(r.containmentRate()).isEqualTo(0.0);
    }

    @Test
    void aConversationResolvedWithoutAnAgentIsContainedAtOnce() {
        conversation(
                NOW.minus(Duration.ofMinutes(30)),
                says("m1", "refund?"),
                answers("m1", "refund"),
                at -> new Resolved(at, null));

        InsightsReport r = insights(null).report(DAY1, NOW);

        assertThat(r.contained()).isEqualTo(1);
        assertThat(r.open()).isZero();
    }

    @Test
    void countsEscalationsAnswersAndFeedbackThatHappenedInThePeriod() {
        conversation(
                DAY1,
                says("m1", "when are you open?"),
                answers("m1", "opening_hours"),
                feedback(true),
                says("m2", "and on sunday?"),
                answers("m2", "opening_hours"),
                feedback(false));
        conversation(
                DAY1,
                says("m1", "refund"),
                answers("m1", "refund"),
                feedback(true),
                says("m2", "hm"),
                escalates("m2", EscalationReason.REPEATED_MISS));
        conversation(DAY1, says("m1", "??"), escalates("m1", EscalationReason.LOW_CONFIDENCE));
        conversation(
                DAY2,
                says("m1", "when are you open?"),
                answers("m1", "opening_hours"),
                feedback(false),
                says("m2", "a person"),
                escalates("m2", EscalationReason.USER_REQUEST));

        InsightsReport r = insights(null).report(DAY1, DAY2);

        assertThat(r.escalationsByReason())
                .containsEntry(EscalationReason.REPEATED_MISS, 1)
                .containsEntry(EscalationReason.LOW_CONFIDENCE, 1)
                .containsEntry(EscalationReason.USER_REQUEST, 0)
                .containsEntry(EscalationReason.AMBIGUOUS, 0)
                .hasSize(EscalationReason.values().length);
        assertThat(r.topIntents())
                .containsExactly(
                        new InsightsReport.IntentCount("opening_hours", 2),
                        new InsightsReport.IntentCount("refund", 1));
        assertThat(r.feedback()).isEqualTo(3);
        assertThat(r.helpful()).isEqualTo(2);
        assertThat(r.helpfulRate()).isEqualTo(2 / 3.0);
    }

    @Test
    void countsLowConfidenceMessagesNoAgentLabelledWithAKnownIntentAsUnmetNeeds() {
        conversation(DAY1, says("m1", "a plumber for my sink?"), escalates("m1", EscalationReason.LOW_CONFIDENCE));
        conversation(
                DAY1,
                says("m1", "a plumber?"),
                escalates("m1", EscalationReason.LOW_CONFIDENCE),
                at -> new Claimed(at, SAM),
                at -> new Labelled(at, SAM, MessageId.of("m1"), IntentName.of("plumbing")));
        conversation(
                DAY1,
                says("m1", "money back?"),
                escalates("m1", EscalationReason.LOW_CONFIDENCE),
                at -> new Claimed(at, SAM),
                at -> new Labelled(at, SAM, MessageId.of("m1"), IntentName.of("refund")));
        conversation(DAY1, says("m1", "a person"), escalates("m1", EscalationReason.USER_REQUEST));
        conversation(DAY3, says("m1", "a plumber, later"), escalates("m1", EscalationReason.LOW_CONFIDENCE));

        assertThat(insights(null).report(DAY1, DAY2).unmetNeeds()).isEqualTo(2);
    }

    @Test
    void anEmptyPeriodHasNoRatesRatherThanZeroes() {
        InsightsReport r = insights(null).report(DAY1, DAY2);

        assertThat(r.conversations()).isZero();
        assertThat(r.containmentRate()).isNull();
        assertThat(r.helpfulRate()).isNull();
        assertThat(r.topIntents()).isEmpty();
        assertThat(r.models()).isEmpty();
    }

    @Test
    void refusesAPeriodThatDoesNotStartBeforeItEnds() {
        assertThatThrownBy(() -> insights(null).report(DAY2, DAY1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> insights(null).report(DAY1, DAY1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsModelVersionsWithTheMetricsOfTheirEvaluationReports() throws Exception {
        Path root = temp.resolve("models");
        Path v1 = Files.createDirectories(root.resolve("v1"));
        Files.createDirectories(root.resolve("v2"));
        ReportFormat.writeJson(
                new EvaluationReport(
                        100,
                        80,
                        20,
                        0.91,
                        0.9,
                        0.6,
                        0.85,
                        0.95,
                        0.8,
                        0.75,
                        Map.of(),
                        List.of(),
                        "v1",
                        new EvaluationReport.Latency(100, 900),
                        List.of()),
                v1.resolve("evaluation.json"));
        Files.createSymbolicLink(root.resolve(ModelRepository.CURRENT), Path.of("v1"));

        List<InsightsReport.ModelVersion> versions =
                insights(new ModelRepository(root)).report(DAY1, DAY2).models();

        assertThat(versions).extracting(InsightsReport.ModelVersion::version).containsExactly("v1", "v2");
        InsightsReport.ModelVersion first = versions.get(0);
        assertThat(first.current()).isTrue();
        assertThat(first.metrics().accuracy()).isEqualTo(0.91);
        assertThat(first.metrics().answeredPrecision()).isEqualTo(0.95);
        assertThat(first.metrics().oosRecall()).isEqualTo(0.75);
        assertThat(first.problem()).as("v1 has no manifest").isNotBlank();
        assertThat(versions.get(1).metrics()).isNull();
        assertThat(versions.get(1).current()).isFalse();
    }

    @Test
    void aReopenWindowMustBePositive() {
        assertThatThrownBy(() -> new Containment(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
