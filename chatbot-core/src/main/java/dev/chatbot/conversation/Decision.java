package dev.chatbot.conversation;

import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.ClarificationOption;
import dev.chatbot.transcript.EscalationReason;
import java.util.List;
import java.util.Optional;

/** What the bot does with one customer message, and why ({@link #why()} is for logs and the console). */
public sealed interface Decision {

    String why();

    /** The escalation reason, if this decision hands the conversation to a person. */
    default Optional<EscalationReason> escalation() {
        return Optional.empty();
    }

    /** Answer with the FAQ answer of {@code intent}. */
    record Answer(IntentName intent, double confidence, String why) implements Decision {}

    /** Offer a choice between close intents. */
    record Clarify(List<ClarificationOption> options, String why) implements Decision {
        public Clarify {
            options = List.copyOf(options);
        }
    }

    /** Hand the conversation to a person; {@code intent} is the recognised intent, if any. */
    record Escalate(EscalationReason reason, IntentName intent, String why) implements Decision {
        @Override
        public Optional<EscalationReason> escalation() {
            return Optional.of(reason);
        }
    }
}
