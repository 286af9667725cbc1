package dev.chatbot.channel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message waiting to be delivered to a channel address, kept until delivered.
 *
 * @param id unique per message ({@code <conversationId>:<sequence>}); enqueueing the same id twice keeps one
 * @param sequence the event's sequence number: deliveries of a conversation go out in this order
 * @param attempts failed attempts so far
 * @param notBefore when the next attempt may be made
 */
public record Delivery(
        String id,
        String conversationId,
        long sequence,
        ChannelAddress to,
        String type,
        String text,
        List<String> quickReplies,
        int attempts,
        Instant createdAt,
        Instant notBefore) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(notBefore, "notBefore");
    }

    public Delivery retryAt(Instant next) {
        return new Delivery(id, conversationId, sequence, to, type, text, quickReplies, attempts + 1, createdAt, next);
    }
}
