package dev.chatbot.conversation;

import static dev.chatbot.testing.FakeIntentClassifier.prediction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.ClarificationOption;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class EscalationPolicyTest {

    private static final double THRESHOLD = 0.5;
    private static final List<ClarificationOption> ORDER_OR_SHIPPING = List.of(
            new ClarificationOption(IntentName.of("order_status"), "Order status"),
            new ClarificationOption(IntentName.of("shipping_cost"), "Shipping cost"));

    private final EscalationPolicy policy = new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions());

    private static IntentPrediction p(Object... intentsAndScores) {
        return prediction(THRESHOLD, intentsAndScores);
    }

    private static SessionState session(int misses, List<ClarificationOption> pending) {
        return new SessionState(
                ConversationId.of("c1"),
                4,
                ConversationState.BOT,
                Instant.EPOCH,
                null,
                null,
                null,
                misses,
                pending,
                null,
                null,
                null);
    }

    private static SessionState fresh() {
        return session(0, List.of());
    }

    private Optional<EscalationReason> escalation(EscalationPolicy policy, IntentPrediction p, SessionState s) {
        return policy.decide(p, "text", s).escalation();
    }

    @Test
    void answersWhenTheTopIntentIsConfidentAndClear() {
        Decision d = policy.decide(p("order_status", 0.9, "shipping_cost", 0.05), "where is my order", fresh());
        assertThat(d).isEqualTo(new Decision.Answer(IntentName.of("order_status"), 0.9, d.why()));
        assertThat(d.why()).contains("order_status 0.90");
    }

    @Test
    void escalatesWithLowConfidenceWhenTheTopIntentIsBelowTheThreshold() {
        assertThat(escalation(policy, p("order_status", 0.3, "shipping_cost", 0.1), fresh()))
                .contains(EscalationReason.LOW_CONFIDENCE);
    }

    @Test
    void answersWhenTheTopIntentIsExactlyAtTheThreshold() {
        assertThat(policy.decide(p("order_status", 0.5, "shipping_cost", 0.1), "t", fresh()))
                .isInstanceOf(Decision.Answer.class);
    }

    @Test
    void escalatesWithLowConfidenceWhenTheClassifierRejectsTheMessage() {
        assertThat(escalation(policy, p("out_of_scope", 0.95, "order_status", 0.01), fresh()))
                .contains(EscalationReason.LOW_CONFIDENCE);
    }

    @Test
    void escalatesWithLowConfidenceBelowTheConfiguredFloorEvenAboveTheModelThreshold() {
        EscalationPolicy strict =
                new EscalationPolicy(EscalationSettings.defaults().withMinConfidence(0.8), TestFaq.definitions());
        assertThat(escalation(strict, p("order_status", 0.7, "shipping_cost", 0.1), fresh()))
                .contains(EscalationReason.LOW_CONFIDENCE);
        assertThat(escalation(policy, p("order_status", 0.7, "shipping_cost", 0.1), fresh()))
                .isEmpty();
    }

    @Test
    void escalatesWithLowConfidenceForAnIntentThatHasNoAnswer() {
        assertThat(escalation(policy, p("no_answer_yet", 0.9, "order_status", 0.05), fresh()))
                .contains(EscalationReason.LOW_CONFIDENCE);
    }

    @Test
    void offersAChoiceNamingTheTopCandidatesWhenTheTopTwoIntentsAreTooClose() {
        Decision d = policy.decide(p("order_status", 0.46, "shipping_cost", 0.40, "greeting", 0.1), "t", fresh());
        assertThat(d).isInstanceOf(Decision.Clarify.class);
        assertThat(((Decision.Clarify) d).options()).containsExactlyElementsOf(ORDER_OR_SHIPPING);
    }

    @Test
    void answersInsteadOfClarifyingWhenTheMarginIsWideEnough() {
        assertThat(policy.decide(p("order_status", 0.60, "shipping_cost", 0.35), "t", fresh()))
                .isInstanceOf(Decision.Answer.class);
    }

    @Test
    void answersTheOptionTheCustomerChoseFromAClarification() {
        Decision d =
                policy.decide(p("greeting", 0.2, "order_status", 0.1), "order status", session(1, ORDER_OR_SHIPPING));
        assertThat(d).isInstanceOf(Decision.Answer.class);
        assertThat(((Decision.Answer) d).intent()).isEqualTo(IntentName.of("order_status"));
    }

    @Test
    void escalatesAsAmbiguousWhenAClarificationWasNotTakenUpAndTheReplyIsStillUnclear() {
        SessionState pending = session(1, ORDER_OR_SHIPPING);
        assertThat(escalation(policy, p("order_status", 0.45, "shipping_cost", 0.41), pending))
                .contains(EscalationReason.AMBIGUOUS);
        assertThat(escalation(policy, p("return_policy", 0.2, "greeting", 0.1), pending))
                .contains(EscalationReason.AMBIGUOUS);
    }

    @Test
    void answersAClearNewQuestionAfterAClarificationInsteadOfEscalatingAsAmbiguous() {
        Decision d = policy.decide(
                p("return_policy", 0.9, "greeting", 0.02), "how do returns work", session(1, ORDER_OR_SHIPPING));
        assertThat(d).isInstanceOf(Decision.Answer.class);
    }

    @Test
    void escalatesOnUserRequestWhenTheCustomerConfidentlyAsksForAPerson() {
        Decision d = policy.decide(p("human_request", 0.92, "greeting", 0.02), "talk to a person", fresh());
        assertThat(d.escalation()).contains(EscalationReason.USER_REQUEST);
        assertThat(((Decision.Escalate) d).intent()).isEqualTo(IntentName.of("human_request"));
    }

    @Test
    void doesNotTreatAnUnsureGuessOfHumanRequestAsAUserRequest() {
        assertThat(escalation(policy, p("human_request", 0.3, "greeting", 0.1), fresh()))
                .contains(EscalationReason.LOW_CONFIDENCE);
    }

    @Test
    void escalatesIntentsFlaggedAlwaysHumanInTheFaq() {
        assertThat(escalation(policy, p("complaint_formal", 0.8, "order_status", 0.1), fresh()))
                .contains(EscalationReason.ALWAYS_HUMAN_INTENT);
    }

    @Test
    void escalatesIntentsConfiguredAlwaysHumanAndAnswersThemOtherwise() {
        EscalationSettings s = EscalationSettings.defaults();
        EscalationPolicy configured = new EscalationPolicy(
                new EscalationSettings(
                        s.minConfidence(),
                        s.clarifyMargin(),
                        s.maxClarificationOptions(),
                        s.maxMisses(),
                        s.handoffIntents(),
                        Set.of(IntentName.of("return_policy")),
                        s.rejectIntents()),
                TestFaq.definitions());
        IntentPrediction returns = p("return_policy", 0.9, "order_status", 0.05);
        assertThat(escalation(configured, returns, fresh())).contains(EscalationReason.ALWAYS_HUMAN_INTENT);
        assertThat(escalation(policy, returns, fresh())).isEmpty();
    }

    @Test
    void doesNotEscalateAnUnsureGuessOfAnAlwaysHumanIntentAsAlwaysHuman() {
        assertThat(escalation(policy, p("complaint_formal", 0.3, "order_status", 0.1), fresh()))
                .contains(EscalationReason.LOW_CONFIDENCE);
    }

    @Test
    void escalatesAsRepeatedMissWhenAnotherClarificationWouldReachTheMissLimit() {
        IntentPrediction close = p("order_status", 0.46, "shipping_cost", 0.40);
        assertThat(escalation(policy, close, session(1, List.of()))).contains(EscalationReason.REPEATED_MISS);
        assertThat(policy.decide(close, "t", session(0, List.of()))).isInstanceOf(Decision.Clarify.class);
    }

    @Test
    void escalatesAsRepeatedMissOnceTheConversationHadTheConfiguredNumberOfMisses() {
        IntentPrediction clear = p("order_status", 0.9, "shipping_cost", 0.05);
        assertThat(escalation(policy, clear, session(2, List.of()))).contains(EscalationReason.REPEATED_MISS);
        assertThat(escalation(policy, clear, session(1, List.of()))).isEmpty();
    }

    @Test
    void takesTheMissLimitFromConfiguration() {
        EscalationPolicy patient =
                new EscalationPolicy(EscalationSettings.defaults().withMaxMisses(5), TestFaq.definitions());
        assertThat(patient.decide(p("order_status", 0.46, "shipping_cost", 0.40), "t", session(3, List.of())))
                .isInstanceOf(Decision.Clarify.class);
        assertThat(escalation(patient, p("order_status", 0.9), session(5, List.of())))
                .contains(EscalationReason.REPEATED_MISS);
    }

    @Test
    void theRationaleShowsScoresWithTwoDecimalsAsStringFormatWould() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<Double> values = new java.util.ArrayList<>(List.of(
                0.0,
                -0.0,
                1.0,
                0.005,
                0.015,
                0.125,
                0.135,
                1.005,
                0.994999,
                0.995,
                0.999,
                -0.004,
                -0.005,
                -0.25,
                12.345,
                1e-9,
                1e15 + 0.5,
                123456789.125));
        for (int i = 0; i <= 1000; i++) {
            values.add(i / 1000.0); // every score with three decimals: all the halfway cases
        }
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextDouble());
        }
        // one assertion over all mismatches: one fluent assertion per value was too slow on a loaded machine
        List<String> mismatches = new java.util.ArrayList<>();
        for (double x : values) {
            String expected = String.format(java.util.Locale.ROOT, "%.2f", x);
            String actual = EscalationPolicy.twoDecimals(x);
            if (!actual.equals(expected)) {
                mismatches.add(x + ": " + actual + " instead of " + expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
