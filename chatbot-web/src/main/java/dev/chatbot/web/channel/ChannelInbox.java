package dev.chatbot.web.channel;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.conversation.CustomerText;
import dev.chatbot.conversation.Reply;
import dev.chatbot.conversation.TextRefusedException;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A message from a messaging channel's user (generic webhook, WhatsApp, Telegram): finds or starts the user's
 * conversation and runs the message through the {@link MessagePipeline}. Messages up to
 * {@link #maxMessageLength()} characters are taken (4,096 by default, what WhatsApp and Telegram allow); a longer
 * one is answered with a polite request for a shorter one. Thread-safe.
 */
public final class ChannelInbox {

    private static final Logger log = LoggerFactory.getLogger(ChannelInbox.class);
    static final String TOO_LONG = "Sorry, that message is too long for me (%d characters; I can read up to %d). "
            + "Could you send a shorter one, or split it into a few messages?";

    private final ChannelConversations conversations;
    private final MessagePipeline pipeline;
    private final Offload offload;
    private final int maxMessageLength;

    public ChannelInbox(ChannelConversations conversations, MessagePipeline pipeline, Offload offload,
                        int maxMessageLength) {
        this.conversations = conversations;
        this.pipeline = pipeline;
        this.offload = offload;
        this.maxMessageLength = maxMessageLength;
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    /** The bot's reply to {@code text} from {@code from}; a repeated {@code messageId} gets the original reply. */
    public Mono<Reply> receive(ChannelAddress from, MessageId messageId, String locale, CustomerText text) {
        return offload.io(() -> conversations.conversationFor(from, messageId, locale))
                .flatMap(id -> pipeline.receive(from.channel(), id, messageId, text));
    }

    /** Asks the customer for a shorter message (once per message id); the long one is not recorded. */
    public Mono<Reply> tooLong(ChannelAddress from, MessageId messageId, String locale, int length) {
        return offload.io(() -> conversations.conversationFor(from, messageId, locale))
                .flatMap(id -> pipeline.notice(id, messageId, TOO_LONG.formatted(length, maxMessageLength)));
    }

    /**
     * One text message of a platform's delivery, handled on its own: a broken id or a message with nothing to read
     * is skipped and logged, a too long one answered with {@link #tooLong}, and any failure is logged, so the other
     * messages of the delivery are still answered and the platform gets its 200. Completes with whether the
     * message was taken.
     */
    public Mono<Boolean> take(ChannelAddress from, String messageId, String locale, String text) {
        MessageId id;
        try {
            id = MessageId.of(messageId);
        } catch (RuntimeException e) {
            log.warn("Skipped a {} message with an invalid id ({})", from.channel(), e.getMessage());
            return Mono.just(false);
        }
        Mono<Reply> handled;
        try {
            handled = receive(from, id, locale, CustomerText.of(text, maxMessageLength));
        } catch (TextRefusedException refused) {
            if (refused.reason() != TextRefusedException.Reason.TOO_LONG) {
                log.info("Skipped {} message {}: {}", from.channel(), id.value(), refused.getMessage());
                return Mono.just(false);
            }
            handled = tooLong(from, id, locale, refused.length());
        }
        return handled.thenReturn(true).onErrorResume(e -> {
            log.warn("Could not handle {} message {}: {}", from.channel(), id.value(), e.toString());
            return Mono.just(false);
        });
    }
}
