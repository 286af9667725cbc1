package dev.chatbot.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.insights.sqlite.SqliteInsightsSource;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.learning.UnmetNeeds;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ClarificationOption;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every insights test again, counted by the embedded database instead of folding the logs. */
class SqliteInsightsSourceTest extends InsightsTest {

    @Override
    protected InsightsSource source() {
        return new SqliteInsightsSource(db);
    }

    @Test
    void findsTheSameUnmetNeedsAsTheWholeLogsWithEveryEventTypeInThem() {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        AgentId sam = AgentId.of("sam");
        for (int i = 0; i < 4; i++) {
            MessageId m = MessageId.of("m" + i);
            String label = i % 2 == 0 ? "refund" : "something_new"; // known, and not known
            store.append(
                    ConversationId.of("every-type-" + i),
                    0,
                    List.of(
                            new TranscriptEvent.ConversationStarted(t, "web", "en"),
                            new TranscriptEvent.MessageReceived(t, MessageId.of("q"), "first", List.of(), "v1"),
                            new TranscriptEvent.ClarificationOffered(
                                    t,
                                    MessageId.of("q"),
                                    "which?",
                                    List.of(new ClarificationOption(IntentName.of("refund"), "Refund"))),
                            new TranscriptEvent.BotAnswered(
                                    t, MessageId.of("q"), IntentName.of("refund"), 0.9, "a", List.of()),
                            new TranscriptEvent.FeedbackGiven(t, false, ""),
                            new TranscriptEvent.MessageReceived(
                                    t,
                                    m,
                                    "can you fix my boiler " + i,
                                    List.of(new ScoredIntent(IntentName.of("refund"), 0.1)),
                                    "v1"),
                            new TranscriptEvent.Escalated(
                                    t, m, EscalationReason.LOW_CONFIDENCE, null, "passing you on"),
                            new TranscriptEvent.NoticeSent(t, m, "wait"),
                            new TranscriptEvent.Claimed(t, sam),
                            new TranscriptEvent.AgentReplied(t, sam, MessageId.of("a1"), "no boilers"),
                            new TranscriptEvent.Labelled(t, sam, m, IntentName.of(label)),
                            new TranscriptEvent.HandedBack(t, sam),
                            new TranscriptEvent.Resolved(t, null)));
        }
        Set<IntentName> known = Set.of(IntentName.of("refund"));
        List<UnmetNeeds.Message> whole = new ArrayList<>();
        new LogInsightsSource(store)
                .forEachUnmetLog(log -> whole.addAll(UnmetNeeds.candidates(List.of(log), known, null)));
        List<UnmetNeeds.Message> counted = new ArrayList<>();
        source().forEachUnmetLog(log -> counted.addAll(UnmetNeeds.candidates(List.of(log), known, null)));

        assertThat(whole).hasSize(2);
        assertThat(counted).containsExactlyInAnyOrderElementsOf(whole);
    }
}
