package dev.chatbot.insights;

import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.ConversationFacts;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where {@link Insights} gets what it counts over a period. Adapters: {@link LogInsightsSource} reads the logs of the
 * conversations active in the period from any transcript store and folds them; {@code insights.sqlite} lets the
 * embedded database count (its conversation rows keep each conversation's {@link ConversationFacts}), and reads only
 * the logs that may hold unmet needs.
 *
 * <p>Contract: both give the same {@link Period} for the same transcripts; events count when their time is in
 * {@code [from, to)}, conversations when their start is; unmet needs are {@link dev.chatbot.learning.UnmetNeeds}
 * candidates of the period. Memory does not grow with the history outside the period. Thread-safe; blocking.
 */
public interface InsightsSource {

    /** What happened in {@code [from, to)}. */
    Period read(Instant from, Instant to, Set<IntentName> knownIntents);

    /**
     * Adds to {@code counts} what its trend charts need of {@code [counts.from(), counts.to())}, each in the bucket of
     * its time: the conversations started there with their {@link Containment} outcome at {@code now}, the
     * escalations by reason, the ratings (how many and their sum), and every agent reply that is the first after an
     * escalation (the nearest earlier {@code Escalated} or {@code AgentReplied} event of its conversation is an
     * {@code Escalated}) with the time since that escalation. Memory grows with the buckets and those replies only.
     */
    void countTrends(TrendCounts counts, Containment containment, Instant now);

    /**
     * Hands {@code each} every log that may hold unmet needs, one at a time, so a caller keeps only what it collects
     * from them: every whole log, or only those with a low-confidence escalation and of them only the events
     * {@link dev.chatbot.learning.UnmetNeeds#candidates} can depend on.
     */
    void forEachUnmetLog(Consumer<List<StoredEvent>> each);

    /**
     * @param started the facts of the conversations started in the period
     * @param escalations escalations by reason (every reason, zeros included)
     * @param answers bot answers by intent
     * @param feedback feedback given; {@code helpful} of it helpful
     * @param unmetNeeds customer messages of the period no intent covered
     * @param ratings the ratings given in the period
     */
    record Period(
            List<ConversationFacts> started,
            Map<EscalationReason, Integer> escalations,
            Map<String, Integer> answers,
            int feedback,
            int helpful,
            int unmetNeeds,
            List<TranscriptEvent.ConversationRated> ratings) {
        public Period {
            started = List.copyOf(started);
            ratings = List.copyOf(ratings);
            escalations = Map.copyOf(Objects.requireNonNull(escalations, "escalations"));
            answers = Map.copyOf(Objects.requireNonNull(answers, "answers"));
        }
    }
}
