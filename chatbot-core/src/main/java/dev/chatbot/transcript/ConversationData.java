package dev.chatbot.transcript;

import java.util.Collection;
import java.util.Map;

/**
 * Data kept per conversation: its transcript, and whatever else a store keeps about it (a messaging channel's
 * address and outbox; later, for example, contact details or attachments). The data lifecycle works on every holder
 * alike: retention and erasure {@linkplain #delete delete} a conversation from each, an access request
 * {@linkplain #export exports} each one's part. A new kind of per-conversation data joins by implementing this and
 * being listed with the others where the stores are opened ({@code store.Stores#conversationData}).
 *
 * <p>Contract: {@link #delete} is idempotent (unknown conversations are skipped) and durable when it returns; what
 * it deleted is gone from the storage itself, not only hidden. Storage failures throw
 * {@link TranscriptStoreException}. Thread-safe.
 */
public interface ConversationData {

    /** A short name for this holder's part in an export ({@code events}, {@code channel}). */
    String name();

    /**
     * Deletes everything held for these conversations.
     *
     * @return how many records were deleted (events, addresses, deliveries...), for the report
     */
    long delete(Collection<ConversationId> conversations);

    /**
     * Everything held for one conversation, as values a JSON writer can write (records, lists, maps, strings,
     * numbers; {@link StoredEvent}s are written in the event format), under names of this holder's choosing; empty
     * when it holds nothing for it.
     */
    Map<String, Object> export(ConversationId conversation);
}
