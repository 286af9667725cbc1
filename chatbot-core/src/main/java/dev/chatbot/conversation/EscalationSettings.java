package dev.chatbot.conversation;

import dev.chatbot.intent.IntentName;
import java.util.Set;

/**
 * The thresholds and intent lists of the {@link EscalationPolicy}.
 *
 * @param minConfidence a floor under the model's calibrated threshold: the bot answers only when the top
 *                      intent's probability is at least {@code max(model threshold, minConfidence)}
 *                      (default 0.0: the model's threshold, chosen for a target precision, rules)
 * @param clarifyMargin the top two intents are "close" when their probabilities differ by less than this;
 *                      the bot then offers a choice instead of guessing (default 0.10, like Rasa's
 *                      ambiguity threshold)
 * @param maxClarificationOptions most quick replies in a clarifying choice (default 3, at least 2)
 * @param maxMisses misses (clarifications offered, unhelpful feedback) after which the conversation goes to a
 *                  person; the miss that reaches the count escalates instead (default 2)
 * @param handoffIntents intents meaning "I want a person" (default {@code human_request})
 * @param alwaysHumanIntents intents that always go to a person, in addition to those flagged
 *                           {@code alwaysHuman} in the FAQ (default none)
 * @param rejectIntents explicit "none of the FAQ" labels some models return; treated as low confidence
 *                      (default {@code out_of_scope})
 */
public record EscalationSettings(
        double minConfidence,
        double clarifyMargin,
        int maxClarificationOptions,
        int maxMisses,
        Set<IntentName> handoffIntents,
        Set<IntentName> alwaysHumanIntents,
        Set<IntentName> rejectIntents) {

    public EscalationSettings {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in 0..1: " + minConfidence);
        }
        if (!(clarifyMargin >= 0 && clarifyMargin <= 1)) {
            throw new IllegalArgumentException("clarifyMargin must be in 0..1: " + clarifyMargin);
        }
        if (maxClarificationOptions < 2) {
            throw new IllegalArgumentException("maxClarificationOptions must be at least 2");
        }
        if (maxMisses < 1) {
            throw new IllegalArgumentException("maxMisses must be at least 1");
        }
        handoffIntents = Set.copyOf(handoffIntents);
        alwaysHumanIntents = Set.copyOf(alwaysHumanIntents);
        rejectIntents = Set.copyOf(rejectIntents);
    }

    public static EscalationSettings defaults() {
        return new EscalationSettings(
                0.0,
                0.10,
                3,
                2,
                Set.of(IntentName.of("human_request")),
                Set.of(),
                Set.of(IntentName.of("out_of_scope")));
    }

    public EscalationSettings withMaxMisses(int value) {
        return new EscalationSettings(
                minConfidence,
                clarifyMargin,
                maxClarificationOptions,
                value,
                handoffIntents,
                alwaysHumanIntents,
                rejectIntents);
    }

    public EscalationSettings withClarifyMargin(double value) {
        return new EscalationSettings(
                minConfidence,
                value,
                maxClarificationOptions,
                maxMisses,
                handoffIntents,
                alwaysHumanIntents,
                rejectIntents);
    }

    public EscalationSettings withMinConfidence(double value) {
        return new EscalationSettings(
                value,
                clarifyMargin,
                maxClarificationOptions,
                maxMisses,
                handoffIntents,
                alwaysHumanIntents,
                rejectIntents);
    }
}
