package dev.chatbot.insights;

import dev.chatbot.intent.IntentName;
import dev.chatbot.learning.UnmetNeeds;
import dev.chatbot.transcript.ConversationFacts;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** Any transcript store: reads the logs of the conversations active in the period one at a time and folds them. */
public final class LogInsightsSource implements InsightsSource {

    private final TranscriptStore store;

    public LogInsightsSource(TranscriptStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Period read(Instant from, Instant to, Set<IntentName> knownIntents) {
        List<ConversationFacts> started = new ArrayList<>();
        Map<EscalationReason, Integer> reasons = new EnumMap<>(EscalationReason.class);
        for (EscalationReason r : EscalationReason.values()) {
            reasons.put(r, 0);
        }
        Map<String, Integer> answered = new HashMap<>();
        int feedback = 0;
        int helpful = 0;
        int unmet = 0;
        List<TranscriptEvent.ConversationRated> ratings = new ArrayList<>();
        for (ConversationId id : store.conversations(from, to)) {
            List<StoredEvent> log = store.read(id, 0);
            if (log.isEmpty()) {
                continue; // deleted meanwhile
            }
            if (within(log.get(0).event().at(), from, to)) {
                started.add(ConversationFacts.of(id, log));
            }
            for (StoredEvent stored : log) {
                TranscriptEvent e = stored.event();
                if (!within(e.at(), from, to)) {
                    continue;
                }
                if (e instanceof TranscriptEvent.Escalated x) {
                    reasons.merge(x.reason(), 1, Integer::sum);
                } else if (e instanceof TranscriptEvent.BotAnswered a) {
                    answered.merge(a.intent().value(), 1, Integer::sum);
                } else if (e instanceof TranscriptEvent.FeedbackGiven f) {
                    feedback++;
                    helpful += f.helpful() ? 1 : 0;
                } else if (e instanceof TranscriptEvent.ConversationRated r) {
                    ratings.add(r);
                }
            }
            unmet += unmetNeeds(List.of(log), knownIntents, from, to);
        }
        return new Period(started, reasons, answered, feedback, helpful, unmet, ratings);
    }

    @Override
    public void countTrends(TrendCounts counts, Containment containment, Instant now) {
        for (ConversationId id : store.conversations(counts.from(), counts.to())) {
            List<StoredEvent> log = store.read(id, 0);
            if (log.isEmpty()) {
                continue; // deleted meanwhile
            }
            int started = counts.bucketOf(log.get(0).event().at());
            if (started >= 0) {
                counts.conversations(started, containment.outcome(ConversationFacts.of(id, log), now), 1);
            }
            Instant escalated = null; // the escalation no agent has replied to yet
            for (StoredEvent stored : log) {
                TranscriptEvent e = stored.event();
                int bucket = counts.bucketOf(e.at());
                if (e instanceof TranscriptEvent.Escalated x) {
                    escalated = e.at();
                    if (bucket >= 0) {
                        counts.escalations(bucket, x.reason(), 1);
                    }
                } else if (e instanceof TranscriptEvent.AgentReplied) {
                    if (escalated != null && bucket >= 0) {
                        counts.firstResponse(bucket, e.at().toEpochMilli() - escalated.toEpochMilli());
                    }
                    escalated = null;
                } else if (e instanceof TranscriptEvent.ConversationRated r && bucket >= 0) {
                    counts.ratings(bucket, 1, r.score());
                }
            }
        }
    }

    @Override
    public void forEachUnmetLog(Consumer<List<StoredEvent>> each) {
        for (ConversationId id : store.conversations()) {
            List<StoredEvent> log = store.read(id, 0);
            if (!log.isEmpty()) {
                each.accept(log);
            }
        }
    }

    /** The unmet needs of the logs in {@code [from, to)}: {@link UnmetNeeds#candidates} of the period. */
    public static int unmetNeeds(List<List<StoredEvent>> logs, Set<IntentName> knownIntents, Instant from, Instant to) {
        return (int) UnmetNeeds.candidates(logs, knownIntents, from).stream()
                .filter(m -> m.at().isBefore(to))
                .count();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
