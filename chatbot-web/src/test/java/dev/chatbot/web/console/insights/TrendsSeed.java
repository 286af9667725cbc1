package dev.chatbot.web.console.insights;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Conversations of a past three-day period (and the day before it) with known trend numbers. For the period
 * {@code first .. first + 2 days} (previous period: the three days before):
 * <pre>
 * conversations      3, 0, 1     previous 0, 0, 1
 * containment        2/3, -, 0   previous -, -, 0
 * USER_REQUEST       1, 0, 0     previous 0, 0, 1
 * LOW_CONFIDENCE     0, 0, 1
 * rating average     4, -, 2     ratings 1, 0, 1
 * first response (s) 90, -, 30   previous -, -, 300
 * </pre>
 */
final class TrendsSeed {

    private static final AgentId SAM = AgentId.of("sam");

    private TrendsSeed() {}

    static void seed(TranscriptStore store, LocalDate first) {
        Instant day1 = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant day3 = day1.plus(Duration.ofDays(2));
        Instant dayBefore = day1.minus(Duration.ofDays(1));
        conversation(store, day1.plus(Duration.ofHours(9)), t -> List.of(says(t), resolved(t.plusSeconds(60), null)));
        conversation(store, day1.plus(Duration.ofHours(10)), t -> List.of(says(t)));
        conversation(store, day1.plus(Duration.ofHours(11)), t -> handedOver(t, EscalationReason.USER_REQUEST, 90, 4));
        conversation(store, day3.plus(Duration.ofHours(8)), t -> handedOver(t, EscalationReason.LOW_CONFIDENCE, 30, 2));
        conversation(
                store, dayBefore.plus(Duration.ofHours(8)), t -> handedOver(t, EscalationReason.USER_REQUEST, 300, 0));
    }

    private interface Events {
        List<TranscriptEvent> at(Instant start);
    }

    private static void conversation(TranscriptStore store, Instant start, Events events) {
        List<TranscriptEvent> log = new ArrayList<>();
        log.add(new TranscriptEvent.ConversationStarted(start, "web", "en"));
        log.addAll(events.at(start));
        store.append(ConversationId.of("trend-" + UUID.randomUUID()), 0, log);
    }

    /** Escalated, claimed, answered {@code replyAfter} seconds after the escalation, resolved; rated unless 0. */
    private static List<TranscriptEvent> handedOver(Instant t, EscalationReason reason, int replyAfter, int rating) {
        List<TranscriptEvent> out = new ArrayList<>();
        out.add(says(t));
        out.add(new TranscriptEvent.Escalated(t, null, reason, null, "passing you on"));
        out.add(new TranscriptEvent.Claimed(t.plusSeconds(5), SAM));
        out.add(new TranscriptEvent.AgentReplied(
                t.plusSeconds(replyAfter), SAM, MessageId.of("a-" + UUID.randomUUID()), "hi"));
        out.add(new TranscriptEvent.AgentReplied(
                t.plusSeconds(replyAfter + 600), SAM, MessageId.of("a-" + UUID.randomUUID()), "more"));
        out.add(resolved(t.plusSeconds(replyAfter + 700), SAM));
        if (rating > 0) {
            out.add(new TranscriptEvent.ConversationRated(t.plusSeconds(replyAfter + 800), rating, "", SAM, null));
        }
        return out;
    }

    private static TranscriptEvent says(Instant t) {
        return new TranscriptEvent.MessageReceived(
                t,
                MessageId.of("m-" + UUID.randomUUID()),
                "hello",
                List.of(new ScoredIntent(IntentName.of("refund"), 0.2)),
                "v1");
    }

    private static TranscriptEvent resolved(Instant t, AgentId agent) {
        return new TranscriptEvent.Resolved(t, agent);
    }
}
