package dev.chatbot.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * What a customer sent that is not text, as the agent can open it: the platform's own reference, fetched through the
 * platform's API only when an agent opens it (nothing of the file is stored here).
 *
 * @param messageId the customer message it came with (its {@code MessageReceived})
 * @param kind      {@code image}, {@code audio}, {@code video}, {@code document}, {@code sticker} or {@code location}
 * @param reference the platform's media id (WhatsApp media id, Telegram file id), or {@code <lat>,<long>} of a location
 * @param mimeType  the type the platform gave, or empty
 */
public record MediaReference(
        String messageId, String channel, String kind, String reference, String mimeType, Instant receivedAt) {

    public MediaReference {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(receivedAt, "receivedAt");
        mimeType = mimeType == null ? "" : mimeType;
        if (reference.isBlank() || reference.length() > 500 || mimeType.length() > 100) {
            throw new IllegalArgumentException("a media reference has 1-500 characters and a type of at most 100");
        }
    }
}
