package dev.chatbot.web.channel;

import dev.chatbot.transcript.ConversationId;
import java.util.List;
import java.util.Optional;

/**
 * What the messaging channels keep besides transcripts: the address each channel conversation is delivered
 * to (phone numbers and chat ids stay out of the transcripts), and the outbox of messages not yet
 * delivered. Adapters: {@code file} (under the data dir) and {@code redis}.
 *
 * <p>Contract: every write is durable when it returns; {@link #enqueue} and {@link #remember} are idempotent
 * (the same delivery id or conversation is kept once, first write wins), so several instances may enqueue
 * the same message; {@link #pending} lists deliveries oldest first ({@code createdAt}, then
 * {@code sequence}); {@link #retryLater} of a delivery no longer pending does nothing. Storage failures
 * throw unchecked exceptions. Thread-safe.
 */
public interface ChannelStore extends AutoCloseable {

    void remember(ConversationId conversation, ChannelAddress address);

    Optional<ChannelAddress> address(ConversationId conversation);

    void enqueue(Delivery delivery);

    /** At most {@code limit} pending deliveries, oldest first. */
    List<Delivery> pending(int limit);

    int pendingCount();

    void delivered(String deliveryId);

    /** Replaces the pending delivery with the same id (its attempts and next time), if it is still pending. */
    void retryLater(Delivery updated);

    @Override
    void close();
}
