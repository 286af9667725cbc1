package dev.chatbot.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficMixTest {

    private static final Instant AT = Instant.parse("2025-05-01T10:00:00Z");
    private static final AgentId AGENT = AgentId.of("ana");

    /** One conversation with one message: escalated or answered, then labelled, marked or left alone. */
    private static List<StoredEvent> conversation(int n, boolean escalated, String review) {
        ConversationId id = ConversationId.of("c" + n);
        MessageId m = MessageId.of("m" + n);
        List<TranscriptEvent> events = new ArrayList<>();
        events.add(new TranscriptEvent.ConversationStarted(AT, "web", "en"));
        events.add(new TranscriptEvent.MessageReceived(AT, m, "message " + n, List.of(), "v1"));
        if (escalated) {
            events.add(
                    new TranscriptEvent.Escalated(AT, m, EscalationReason.LOW_CONFIDENCE, null, "a person will help"));
        } else {
            events.add(new TranscriptEvent.BotAnswered(AT, m, IntentName.of("order_status"), 0.9, "answer", List.of()));
        }
        switch (review) {
            case "label" -> events.add(new TranscriptEvent.Labelled(AT, AGENT, m, IntentName.of("order_status")));
            case "mark" -> events.add(new TranscriptEvent.MarkedNotCovered(AT, AGENT, m));
            case "helpful" -> events.add(new TranscriptEvent.FeedbackGiven(AT, true, ""));
            default -> {}
        }
        List<StoredEvent> log = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            log.add(new StoredEvent(id, i + 1, events.get(i)));
        }
        return log;
    }

    @Test
    void estimatesTheOutOfScopeShareFromMarksOnReviewedEscalations() {
        List<List<StoredEvent>> logs = new ArrayList<>();
        int n = 0;
        // 100 messages: 40 escalated (20 reviewed: 10 marked, 10 labelled; 20 not reviewed), 60 answered
        // (20 helpful, 40 without evidence)
        for (int i = 0; i < 10; i++) {
            logs.add(conversation(n++, true, "mark"));
            logs.add(conversation(n++, true, "label"));
        }
        for (int i = 0; i < 20; i++) {
            logs.add(conversation(n++, true, "none"));
            logs.add(conversation(n++, false, "helpful"));
            logs.add(conversation(n++, false, "none"));
            logs.add(conversation(n++, false, "none"));
        }

        TrafficMix mix = TrafficMix.of(logs, null);

        assertThat(mix.messages()).isEqualTo(100);
        assertThat(mix.escalated()).isEqualTo(40);
        assertThat(mix.reviewedEscalated()).isEqualTo(20);
        assertThat(mix.markedEscalated()).isEqualTo(10);
        // 10 marked + 20 unreviewed escalations at half; answered ones nobody complained about count as in scope
        assertThat(mix.oosShare()).isCloseTo(0.20, within(1e-9));
        assertThat(mix.escalatedShare()).isCloseTo(0.40, within(1e-9));
    }

    @Test
    void makesNoEstimateFromTooFewReviewedMessages() {
        List<List<StoredEvent>> logs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            logs.add(conversation(i, true, "mark"));
        }
        assertThat(TrafficMix.of(logs, null).oosShare()).isNull();
    }
}
