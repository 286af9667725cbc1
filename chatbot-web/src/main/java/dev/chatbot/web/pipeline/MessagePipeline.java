package dev.chatbot.web.pipeline;

import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.CustomerText;
import dev.chatbot.conversation.Reply;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.offload.Offload;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The one path every channel's customer messages take (chat API, generic webhook, WhatsApp, Telegram):
 * classification runs on the classification threads, store reads and writes on the I/O threads ({@link Offload}),
 * and each message is counted. The conversation's refusals ({@code ConversationClosedException} and the others)
 * reach the caller as they are. Thread-safe.
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
    public Mono<Reply> start(String channel, String locale, MessageId messageId, CustomerText text) {
        return classified(text)
                .flatMap(classified -> offload.io(() -> conversations.start(channel, locale, messageId, classified)))
                .doOnNext(reply -> metrics.message(channel, reply));
    }

    /** Classifies and answers one customer message; a repeated {@code messageId} gets the original reply. */
    public Mono<Reply> receive(String channel, ConversationId id, MessageId messageId, CustomerText text) {
        return classified(text)
                .flatMap(classified -> offload.io(() -> conversations.record(id, messageId, classified)))
                .doOnNext(reply -> metrics.message(channel, reply));
    }

    /**
     * {@code text} redacted and classified on the classification threads; the caller records it on an I/O thread,
     * so a core is never idle while a classification thread waits for the disk or Redis.
     */
    private Mono<ConversationService.Classified> classified(CustomerText text) {
        return Mono.defer(() -> {
            Runnable done = metrics.enterClassification();
            return offload.classification(() -> conversations.classify(text)).doFinally(signal -> done.run());
        });
    }

    /** A message the bot cannot read (photo, voice note, document...): acknowledged and handed to a person. */
    public Mono<Reply> receiveMedia(
            String channel, ConversationId id, MessageId messageId, String description, String acknowledgement) {
        return offload.io(() -> conversations.receiveMedia(id, messageId, description, acknowledgement))
                .doOnNext(reply -> metrics.message(channel, reply));
    }

    /** Tells the customer something about a message the bot did not take (recorded once per message id). */
    public Mono<Reply> notice(ConversationId id, MessageId inReplyTo, String text) {
        return offload.io(() -> conversations.notice(id, inReplyTo, text));
    }

    /** The customer asked for a person (the widget's button). */
    public Mono<Reply> requestHuman(ConversationId id) {
        return offload.io(() -> conversations.requestHuman(id))
                .doOnNext(reply -> reply.escalation().ifPresent(r -> metrics.escalation(r.name())));
    }

    /** The customer rated the closed conversation. */
    public Mono<Void> rate(ConversationId id, int score, String comment) {
        return offload.io(() -> {
                    conversations.rate(id, score, comment);
                    return Boolean.TRUE;
                })
                .then();
    }

    public Mono<Void> feedback(ConversationId id, boolean helpful, String comment) {
        return offload.io(() -> {
                    conversations.feedback(id, helpful, comment);
                    return Boolean.TRUE;
                })
                .then();
    }
}
