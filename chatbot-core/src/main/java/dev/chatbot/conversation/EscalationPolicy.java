package dev.chatbot.conversation;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.transcript.ClarificationOption;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.SessionState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what the bot does with a classified message. The rules, first match wins:
 * <ol>
 *   <li>the classifier rejected the message ({@code out_of_scope}) → escalate, LOW_CONFIDENCE;</li>
 *   <li>confidently a request for a person → escalate, USER_REQUEST;</li>
 *   <li>confidently an always-human intent → escalate, ALWAYS_HUMAN_INTENT;</li>
 *   <li>a clarification is pending: a chosen option is answered; a message that is again unclear
 *       (close or low) → escalate, AMBIGUOUS; a clear new question falls through to the rules below;</li>
 *   <li>the top two intents are close → offer a choice, unless this miss reaches {@code maxMisses}
 *       → escalate, REPEATED_MISS;</li>
 *   <li>below the threshold, or an intent without an FAQ answer → escalate, LOW_CONFIDENCE;</li>
 *   <li>the conversation already had {@code maxMisses} misses → escalate, REPEATED_MISS;</li>
 *   <li>otherwise answer.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class EscalationPolicy {

    private final EscalationSettings settings;
    private final Map<IntentName, IntentDefinition> faq;

    public EscalationPolicy(EscalationSettings settings, Map<IntentName, IntentDefinition> faq) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.faq = Map.copyOf(faq);
    }

    /** The same rules and thresholds over another FAQ (the answers of a newly served model). */
    public EscalationPolicy withFaq(Map<IntentName, IntentDefinition> otherFaq) {
        return new EscalationPolicy(settings, otherFaq);
    }

    public Decision decide(IntentPrediction prediction, String text, SessionState session) {
        ScoredIntent top = prediction.top();
        double threshold = threshold(prediction);
        String scores = top.intent() + " " + twoDecimals(top.score()) + " (threshold " + twoDecimals(threshold)
                + ", margin " + twoDecimals(prediction.margin()) + ")";
        if (isRejected(top.intent())) {
            return new Decision.Escalate(EscalationReason.LOW_CONFIDENCE, null, "rejected as out of scope: " + scores);
        }
        boolean confident = top.score() >= threshold;
        if (confident && asksForPerson(top.intent())) {
            return new Decision.Escalate(EscalationReason.USER_REQUEST, top.intent(), "asks for a person: " + scores);
        }
        if (confident && alwaysHuman(top.intent())) {
            return new Decision.Escalate(
                    EscalationReason.ALWAYS_HUMAN_INTENT, top.intent(), "always goes to a person: " + scores);
        }
        boolean close = topTwoClose(prediction, threshold);
        if (clarificationPending(session)) {
            Optional<ClarificationOption> chosen = chosenOption(text, prediction, session, confident && !close);
            if (chosen.isPresent()) {
                IntentName intent = chosen.get().intent();
                return new Decision.Answer(
                        intent,
                        prediction.ranked().stream()
                                .filter(s -> s.intent().equals(intent))
                                .mapToDouble(ScoredIntent::score)
                                .findFirst()
                                .orElse(top.score()),
                        "chosen from the clarification: " + intent);
            }
            if (close || !confident) {
                return new Decision.Escalate(
                        EscalationReason.AMBIGUOUS, null, "clarification not taken up, still unclear: " + scores);
            }
        }
        if (close) {
            if (missReachesLimit(session)) {
                return new Decision.Escalate(
                        EscalationReason.REPEATED_MISS,
                        null,
                        "would be miss " + (session.misses() + 1) + " of " + settings.maxMisses() + ": " + scores);
            }
            return new Decision.Clarify(options(prediction), "top intents are close: " + scores);
        }
        if (!confident) {
            return new Decision.Escalate(EscalationReason.LOW_CONFIDENCE, null, "below threshold: " + scores);
        }
        if (!answerable(top.intent())) {
            return new Decision.Escalate(EscalationReason.LOW_CONFIDENCE, top.intent(), "no FAQ answer: " + scores);
        }
        if (session.misses() >= settings.maxMisses()) {
            return new Decision.Escalate(
                    EscalationReason.REPEATED_MISS, top.intent(), session.misses() + " misses already: " + scores);
        }
        return new Decision.Answer(top.intent(), top.score(), "confident: " + scores);
    }

    /**
     * {@code String.format(Locale.ROOT, "%.2f", x)} for finite {@code x} (the same half-up rounding of the shortest
     * decimal form), without a {@code Formatter}: this runs for every message, where the format call cost more
     * than the rest of the decision.
     */
    static String twoDecimals(double x) {
        if (!Double.isFinite(x)) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        String out = BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).toPlainString();
        return x < 0 || (x == 0 && 1 / x < 0) ? (out.startsWith("-") ? out : "-" + out) : out;
    }

    /** The confidence an answer needs: the model's calibrated threshold, raised to the configured floor. */
    public double threshold(IntentPrediction prediction) {
        return Math.max(prediction.threshold(), settings.minConfidence());
    }

    /** The intent that stands for "I want a person" (the first handoff intent by name), if any. */
    public Optional<IntentName> handoffIntent() {
        return settings.handoffIntents().stream().sorted().findFirst();
    }

    boolean isRejected(IntentName intent) {
        return settings.rejectIntents().contains(intent);
    }

    boolean asksForPerson(IntentName intent) {
        return settings.handoffIntents().contains(intent);
    }

    boolean alwaysHuman(IntentName intent) {
        IntentDefinition def = faq.get(intent);
        return settings.alwaysHumanIntents().contains(intent) || def != null && def.alwaysHuman();
    }

    boolean answerable(IntentName intent) {
        IntentDefinition def = faq.get(intent);
        return def != null && !def.answer().isEmpty();
    }

    /** The top two differ by less than the margin, the runner-up is a real intent, and together they clear the threshold. */
    boolean topTwoClose(IntentPrediction prediction, double threshold) {
        if (prediction.ranked().size() < 2) {
            return false;
        }
        ScoredIntent first = prediction.ranked().get(0);
        ScoredIntent second = prediction.ranked().get(1);
        return prediction.margin() < settings.clarifyMargin()
                && !isRejected(second.intent())
                && first.score() + second.score() >= threshold;
    }

    boolean clarificationPending(SessionState session) {
        return !session.pendingClarification().isEmpty();
    }

    boolean missReachesLimit(SessionState session) {
        return session.misses() + 1 >= settings.maxMisses();
    }

    private Optional<ClarificationOption> chosenOption(
            String text, IntentPrediction prediction, SessionState session, boolean clear) {
        String typed = text.strip();
        for (ClarificationOption option : session.pendingClarification()) {
            if (option.label().equalsIgnoreCase(typed)
                    || option.intent().value().equalsIgnoreCase(typed)) {
                return Optional.of(option);
            }
        }
        return session.pendingClarification().stream()
                .filter(o -> clear && o.intent().equals(prediction.intent()))
                .findFirst();
    }

    private List<ClarificationOption> options(IntentPrediction prediction) {
        double floor = prediction.confidence() - settings.clarifyMargin();
        List<ScoredIntent> close = prediction.ranked().stream()
                .filter(s -> s.score() > floor && !isRejected(s.intent()))
                .limit(settings.maxClarificationOptions())
                .toList();
        return (close.size() >= 2 ? close : prediction.top(2))
                .stream()
                        .map(s -> new ClarificationOption(s.intent(), label(s.intent())))
                        .toList();
    }

    /** A quick-reply label for an intent: its name in words, {@code order_status} → "Order status". */
    static String label(IntentName intent) {
        String words = intent.value().replace('_', ' ').replace('-', ' ').strip();
        return words.isEmpty() ? intent.value() : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
