package dev.chatbot.insights;

import dev.chatbot.transcript.EscalationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened in a period {@code [from, to)}; rates are in 0..1 and {@code null} when there was nothing to
 * measure. See {@link Insights} for how each number is counted.
 *
 * @param conversations conversations started in the period with at least one customer message
 * @param contained of those, settled without an agent (see {@link Containment})
 * @param handedOver of those, escalated or claimed by an agent
 * @param open of those, still open: neither handed over nor settled yet (left out of the rate)
 * @param containmentRate {@code contained / (contained + handedOver)}
 * @param escalationsByReason escalations that happened in the period, by reason (every reason present)
 * @param topIntents the intents the bot answered most often in the period, most first
 * @param feedback feedback given in the period
 * @param helpful of that, marked helpful
 * @param helpfulRate {@code helpful / feedback}
 * @param unmetNeeds customer messages of the period escalated as low confidence that no agent labelled with a
 *        known intent (the candidates of {@code learning.UnmetNeeds})
 * @param models the model versions in the repository with their evaluation metrics, oldest first
 * @param hours the same conversations split by whether they started in or out of opening hours
 * @param ratings the ratings (1-5) customers gave in the period: overall, per agent and per intent
 */
public record InsightsReport(
        Instant from,
        Instant to,
        Duration reopenWindow,
        int conversations,
        int contained,
        int handedOver,
        int open,
        Double containmentRate,
        Map<EscalationReason, Integer> escalationsByReason,
        List<IntentCount> topIntents,
        int feedback,
        int helpful,
        Double helpfulRate,
        int unmetNeeds,
        List<ModelVersion> models,
        HoursSplit hours,
        Ratings ratings) {

    public InsightsReport {
        escalationsByReason = Map.copyOf(escalationsByReason);
        topIntents = List.copyOf(topIntents);
        models = List.copyOf(models);
    }

    /**
     * Conversations by when they started, as the opening hours in force when the report is made classify them
     * ({@code scheduled} false: no hours are set, everything counts as in hours).
     */
    public record HoursSplit(boolean scheduled, Traffic inHours, Traffic outOfHours) {}

    /** Conversations of one part of the split and how they ended, as in the report's containment numbers. */
    public record Traffic(int conversations, int contained, int handedOver, int open, Double containmentRate) {}

    /**
     * Ratings given in the period. {@code scores} counts each score 1..5 (index 0 is score 1); {@code average} is null
     * without ratings; {@code byAgent} groups by who resolved the conversation ({@code "bot"} when the bot closed it),
     * {@code byIntent} by what it was about ({@code "none"} when nothing was recognised), {@code byTeam} by the team it
     * was routed to ({@code "none"} when it was not routed to one); all most ratings first.
     */
    public record Ratings(
            int count,
            Double average,
            List<Integer> scores,
            List<RatingGroup> byAgent,
            List<RatingGroup> byIntent,
            List<RatingGroup> byTeam) {
        public Ratings {
            scores = List.copyOf(scores);
            byAgent = List.copyOf(byAgent);
            byIntent = List.copyOf(byIntent);
            byTeam = List.copyOf(byTeam);
        }
    }

    /** The ratings of one agent or intent: how many and their average. */
    public record RatingGroup(String name, int count, double average) {}

    /** How often the bot answered with one intent. */
    public record IntentCount(String intent, int answers) {}

    /**
     * One model version: where it came from and how it scored on its test set ({@code metrics} null when the
     * directory has no readable {@code evaluation.json}; {@code problem} says why a manifest could not be read).
     */
    public record ModelVersion(
            String version,
            boolean current,
            String createdAt,
            Integer trainingExamples,
            Integer intents,
            Double threshold,
            Metrics metrics,
            String problem) {}

    /** The headline numbers of a model's evaluation report (DESIGN.md §3; {@code oosRecall} may be null). */
    public record Metrics(
            int examples,
            double accuracy,
            double macroF1,
            double coverage,
            double answeredPrecision,
            double inScopeAccuracy,
            Double oosRecall) {}
}
