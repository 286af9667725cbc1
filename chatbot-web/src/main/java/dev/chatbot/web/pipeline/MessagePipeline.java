package dev.chatbot.web.pipeline;

import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.Reply;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.offload.Offload;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * The one path every channel's customer messages take (chat API, generic webhook, WhatsApp, Telegram):
 * classification runs on the classification threads, store reads and writes on the I/O threads ({@link Offload}),
 * and each message is counted. Thread-safe.
 */
public final class MessagePipeline {

    private final ConversationService conversations;
    private final Offload offload;
    private final ChatMetrics metrics;

    public MessagePipeline(ConversationService conversations, Offload offload, ChatMetrics metrics) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.offload = Objects.requireNonNull(offload, "offload");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public Mono<ConversationId> start(String channel, String locale) {
        return offload.io(() -> conversations.start(channel, locale));
    }

    /**
     * Starts a conversation with the customer's first message and answers it: one request and one append where
     * {@link #start(String, String)} and then {@link #receive} would take two of each.
     */
    public Mono<Reply> start(String channel, String locale, MessageId messageId, String text) {
        return classified(text)
                .flatMap(classified -> offload.io(() -> conversations.start(channel, locale, messageId, classified)))
                .doOnNext(reply -> metrics.message("web", reply)); // only the chat API starts conversations
    }

    /** Classifies and answers one customer message; a repeated {@code messageId} gets the original reply. */
    public Mono<Reply> receive(String channel, ConversationId id, MessageId messageId, String text) {
        return classified(text)
                .flatMap(classified -> offload.io(() -> conversations.record(id, messageId, classified)))
                // the only refusal of receive: the conversation was resolved (closed) by an agent
                .onErrorMap(IllegalStateException.class, e -> new ApiException(HttpStatus.CONFLICT,
                        "conversation_closed", "this conversation is closed; start a new one"))
                .doOnNext(reply -> metrics.message(channel, reply));
    }

    /**
     * {@code text} redacted and classified on the classification threads; the caller records it on an I/O thread,
     * so a core is never idle while a classification thread waits for the disk or Redis.
     */
    private Mono<ConversationService.Classified> classified(String text) {
        return Mono.defer(() -> {
            if (!hasVisibleCharacter(text)) { // the classifier cannot take a text its normalisation empties
                return Mono.error(ApiException.badRequest(
                        "\"text\" must contain a letter, digit, punctuation mark or symbol, not only spaces, "
                                + "control or formatting characters"));
            }
            Runnable done = metrics.enterClassification();
            return offload.classification(() -> conversations.classify(text)).doFinally(signal -> done.run());
        });
    }

    /** The customer asked for a person (the widget's button). */
    public Mono<Reply> requestHuman(ConversationId id) {
        return offload.io(() -> conversations.requestHuman(id))
                .doOnNext(reply -> reply.escalation().ifPresent(r -> metrics.escalation(r.name())));
    }

    public Mono<Void> feedback(ConversationId id, boolean helpful, String comment) {
        return offload.io(() -> {
            conversations.feedback(id, helpful, comment);
            return Boolean.TRUE;
        }).then();
    }

    /**
     * Whether {@code text} has at least one letter, digit, punctuation mark or symbol (emoji count). Texts of only
     * whitespace, control, formatting (zero-width, direction marks), combining marks or lone surrogates are
     * emptied by the classifier's normalisation, which then refuses them.
     */
    static boolean hasVisibleCharacter(String text) {
        return text != null && text.codePoints().anyMatch(cp -> switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        });
    }
}
