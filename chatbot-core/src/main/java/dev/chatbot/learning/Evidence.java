package dev.chatbot.learning;

import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer message with an intent someone vouched for: what retraining learns from.
 *
 * @param text the message as stored (redacted)
 * @param at when the evidence was given (the label or the feedback), used for the time split
 * @param language the message's detected language (ISO 639-1), or null when it was not detected: retraining files
 *     the example under that language when the training data has it, else under the data's main language
 */
public record Evidence(
        ConversationId conversationId,
        MessageId messageId,
        String text,
        IntentName intent,
        Source source,
        Instant at,
        String language) {

    /** Who vouched for the intent. */
    public enum Source {
        /** An agent labelled the message. */
        AGENT_LABEL,
        /** The bot answered with this intent and the customer said the answer helped. */
        HELPFUL_ANSWER,
        /** An agent marked the message as not covered by the FAQ; its intent is the out-of-scope label. */
        NOT_COVERED;

        /** True for what an agent said (a label or a mark), which outvotes the customer's feedback. */
        public boolean byAgent() {
            return this != HELPFUL_ANSWER;
        }
    }

    public Evidence {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        language = language == null || language.isBlank() ? null : language.strip();
    }

    /** Evidence about a message whose language was not detected. */
    public Evidence(
            ConversationId conversationId,
            MessageId messageId,
            String text,
            IntentName intent,
            Source source,
            Instant at) {
        this(conversationId, messageId, text, intent, source, at, null);
    }

    /**
     * As a training example; the source names the conversation and message it came from: {@code transcript:} for
     * what an agent said about an escalated message, {@code feedback:} for an answer the customer found helpful.
     */
    public Example toExample() {
        String kind = source.byAgent() ? "transcript:" : "feedback:";
        return new Example(text, intent, kind + conversationId.value() + "/" + messageId.value());
    }
}
