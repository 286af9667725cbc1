package dev.chatbot.web.channel;

import dev.chatbot.conversation.CustomerText;
import dev.chatbot.conversation.Reply;
import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import reactor.core.publisher.Mono;

/**
 * A message from a messaging channel's user (generic webhook, WhatsApp, Telegram): finds or starts the user's
 * conversation and runs the message through the {@link MessagePipeline}. Thread-safe.
 */
public final class ChannelInbox {

    private final ChannelConversations conversations;
    private final MessagePipeline pipeline;
    private final Offload offload;

    public ChannelInbox(ChannelConversations conversations, MessagePipeline pipeline, Offload offload) {
        this.conversations = conversations;
        this.pipeline = pipeline;
        this.offload = offload;
    }

    /** The bot's reply to {@code text} from {@code from}; a repeated {@code messageId} gets the original reply. */
    public Mono<Reply> receive(ChannelAddress from, MessageId messageId, String locale, CustomerText text) {
        return offload.io(() -> conversations.conversationFor(from, messageId, locale))
                .flatMap(id -> pipeline.receive(from.channel(), id, messageId, text));
    }
}
