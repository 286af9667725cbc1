package dev.chatbot.channel;

import dev.chatbot.transcript.ConversationData;
import dev.chatbot.transcript.ConversationId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the messaging channels keep besides transcripts: the address each channel conversation is delivered to (phone
 * numbers and chat ids stay out of the transcripts), which makes it the book of which conversations belong to which
 * customer, and the outbox of messages not yet delivered. Adapters: {@code sqlite} (the embedded database) and
 * {@code redis}.
 *
 * <p>Contract: every write is durable when it returns; {@link #enqueue} and {@link #remember} are idempotent (the
 * same delivery id or conversation is kept once, first write wins), so several instances may enqueue the same message;
 * {@link #pending} lists deliveries oldest first ({@code createdAt}, then {@code sequence}); {@link #due} lists only
 * what may be sent now, so a backlog of deliveries waiting for a retry never costs a poll anything;
 * {@link #retryLater} of a delivery no longer pending does nothing. {@link #deadLetter} takes a delivery out of the
 * outbox into the conversation's dead letters. {@link #delete} removes a conversation's address, pending deliveries,
 * dead letters, media references with any kept file content and contact details (retention, erasure); {@link #export} gives them
 * (the references, not the files). Storage failures throw
 * {@link dev.chatbot.transcript.TranscriptStoreException}. Thread-safe.
 */
public interface ChannelStore extends ConversationData, AutoCloseable {

    void remember(ConversationId conversation, ChannelAddress address);

    Optional<ChannelAddress> address(ConversationId conversation);

    /** The conversations remembered for {@code customer} (a channel and its user's address), oldest first. */
    List<ConversationId> conversationsOf(ChannelAddress customer);

    void enqueue(Delivery delivery);

    /** At most {@code limit} pending deliveries, oldest first. */
    List<Delivery> pending(int limit);

    /**
     * At most {@code limit} deliveries that may be attempted at {@code now}: the first pending delivery of each
     * conversation (by sequence), when its {@link Delivery#notBefore()} has come; the longest due first. The
     * next delivery of a conversation becomes due when the one before it is delivered or dead-lettered, so a
     * conversation's messages go out in order.
     */
    List<Delivery> due(Instant now, int limit);

    int pendingCount();

    void delivered(String deliveryId);

    /** Replaces the pending delivery with the same id (its attempts and next time), if it is still pending. */
    void retryLater(Delivery updated);

    /** Takes the delivery out of the outbox (if still there) and keeps it as a dead letter of its conversation. */
    void deadLetter(DeadLetter letter);

    /** The conversation's dead letters, oldest first. */
    List<DeadLetter> deadLetters(ConversationId conversation);

    /** Keeps what a customer sent that is not text; the first reference of a message id wins. */
    void attach(ConversationId conversation, MediaReference media);

    /** The media references of the conversation, oldest first. */
    List<MediaReference> media(ConversationId conversation);

    /**
     * Keeps a file the customer uploaded (a photo from the website widget) with its reference, in one write; the first
     * reference of a message id wins, and with it its content.
     */
    void attach(ConversationId conversation, MediaReference media, byte[] content);

    /** The content kept for the conversation's media of {@code messageId}; empty for platform references. */
    Optional<byte[]> content(ConversationId conversation, String messageId);

    /**
     * Moves the relay's mark of the conversation forward to {@code sequence}: every bot or agent message up to it is
     * in the outbox (or was delivered). A mark never moves back (several instances relay the same events), and a
     * conversation has one from {@link #remember} (at 0) until {@link #relayFinished}; without one nothing is done.
     */
    void relayed(ConversationId conversation, long sequence);

    /** Drops the conversation's relay mark: nothing more of it will be relayed (it was closed). */
    void relayFinished(ConversationId conversation);

    /**
     * The relay marks of the conversations still followed, for catching up after a crash: what their logs hold after
     * the mark was appended but perhaps never put into the outbox.
     */
    Map<ConversationId, Long> relayMarks();

    /** Keeps how the customer asked to be reached (the leave-a-message form); a later form replaces an earlier one. */
    void leaveContact(ConversationId conversation, ContactDetails details);

    /** The contact details the customer left in the conversation, if any. */
    Optional<ContactDetails> contactDetails(ConversationId conversation);

    /** The conversation's deliveries still in the outbox, oldest first. */
    List<Delivery> pendingOf(ConversationId conversation);

    /**
     * The conversation's address, pending deliveries ({@code pendingDeliveries}), dead letters ({@code undelivered}),
     * media references and contact details, each only when there is one.
     */
    @Override
    default Map<String, Object> export(ConversationId conversation) {
        Map<String, Object> out = new LinkedHashMap<>();
        address(conversation).ifPresent(a -> out.put("address", a));
        List<Delivery> pending = pendingOf(conversation);
        if (!pending.isEmpty()) {
            out.put("pendingDeliveries", pending);
        }
        List<DeadLetter> dead = deadLetters(conversation);
        if (!dead.isEmpty()) {
            out.put("undelivered", dead);
        }
        List<MediaReference> media = media(conversation);
        if (!media.isEmpty()) {
            out.put("media", media);
        }
        contactDetails(conversation).ifPresent(c -> out.put("contactDetails", c));
        return out;
    }

    @Override
    default String name() {
        return "channel";
    }

    @Override
    void close();
}
