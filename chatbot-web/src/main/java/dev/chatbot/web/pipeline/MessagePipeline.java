package dev.chatbot.web.pipeline;

import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.Reply;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.metrics.ChatMetrics;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one path every channel's customer messages take (chat API, generic webhook, WhatsApp, Telegram):
 * classification runs on a bounded scheduler off the event loop, store reads and writes on the blocking
 * scheduler, and each message is counted. Thread-safe.
 */
public final class MessagePipeline {

    private final ConversationService conversations;
    private final Scheduler classification;
    private final ChatMetrics metrics;

    public MessagePipeline(ConversationService conversations, Scheduler classification, ChatMetrics metrics) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.classification = Objects.requireNonNull(classification, "classification");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public Mono<ConversationId> start(String channel, String locale) {
        return blocking(() -> conversations.start(channel, locale));
    }

    /**
     * Starts a conversation with the customer's first message and answers it: one request and one append where
     * {@link #start(String, String)} and then {@link #receive} would take two of each.
     */
    public Mono<Reply> start(String channel, String locale, MessageId messageId, String text) {
        return classified(text)
                .map(classified -> conversations.start(channel, locale, messageId, classified))
                .doOnNext(reply -> metrics.message("web", reply)); // only the chat API starts conversations
    }

    /** Classifies and answers one customer message; a repeated {@code messageId} gets the original reply. */
    public Mono<Reply> receive(String channel, ConversationId id, MessageId messageId, String text) {
        return classified(text)
                .map(classified -> conversations.record(id, messageId, classified))
                // the only refusal of receive: the conversation was resolved (closed) by an agent
                .onErrorMap(IllegalStateException.class, e -> new ApiException(HttpStatus.CONFLICT,
                        "conversation_closed", "this conversation is closed; start a new one"))
                .doOnNext(reply -> metrics.message(channel, reply));
    }

    /**
     * {@code text} redacted and classified on the computation threads, delivered on the blocking scheduler for
     * the store: the fsync'd append waits on an I/O thread, so a core is never idle while a computation thread
     * waits for the disk or Redis.
     */
    private Mono<ConversationService.Classified> classified(String text) {
        return Mono.defer(() -> {
            if (!hasVisibleCharacter(text)) { // the classifier cannot take a text its normalisation empties
                return Mono.error(ApiException.badRequest(
                        "\"text\" must contain a letter, digit, punctuation mark or symbol, not only spaces, "
                                + "control or formatting characters"));
            }
            Runnable done = metrics.enterClassification();
            return Mono.fromCallable(() -> conversations.classify(text))
                    .subscribeOn(classification)
                    .doFinally(signal -> done.run())
                    .publishOn(Schedulers.boundedElastic());
        });
    }

    /** The customer asked for a person (the widget's button). */
    public Mono<Reply> requestHuman(ConversationId id) {
        return blocking(() -> conversations.requestHuman(id))
                .doOnNext(reply -> reply.escalation().ifPresent(r -> metrics.escalation(r.name())));
    }

    public Mono<Void> feedback(ConversationId id, boolean helpful, String comment) {
        return blocking(() -> {
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

    /** Runs store I/O (file writes, Redis calls) off the event loop. */
    public static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
