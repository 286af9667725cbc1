package dev.chatbot.web.channel;

import dev.chatbot.conversation.CustomerText;
import dev.chatbot.conversation.Reply;
import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.error.Refusal;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.offload.Offload;
import java.time.Duration;
import java.util.Optional;
import dev.chatbot.web.pipeline.MessagePipeline;
import reactor.core.publisher.Mono;

/**
 * A message from a messaging channel's user (generic webhook, WhatsApp, Telegram): finds or starts the user's
 * conversation and runs the message through the {@link MessagePipeline}. Each channel user has a message rate of
 * their own (the deliveries all come from a few platform addresses, so a per-address limit would make every user
 * share one); over it, the message is refused with 429 and Retry-After. Thread-safe.
 */
public final class ChannelInbox {

    private final ChannelConversations conversations;
    private final MessagePipeline pipeline;
    private final Offload offload;
    private final RateLimiter perUser;

    public ChannelInbox(ChannelConversations conversations, MessagePipeline pipeline, Offload offload,
                        RateLimiter perUser) {
        this.conversations = conversations;
        this.pipeline = pipeline;
        this.offload = offload;
        this.perUser = perUser;
    }

    /** The bot's reply to {@code text} from {@code from}; a repeated {@code messageId} gets the original reply. */
    public Mono<Reply> receive(ChannelAddress from, MessageId messageId, String locale, CustomerText text) {
        Optional<Duration> wait = perUser.acquire(from.toString());
        if (wait.isPresent()) {
            return Mono.error(Refusal.tooMany("rate_limited", "too many messages from this user; try again later",
                    wait.get()));
        }
        return offload.io(() -> conversations.conversationFor(from, messageId, locale))
                .flatMap(id -> pipeline.receive(from.channel(), id, messageId, text));
    }
}
