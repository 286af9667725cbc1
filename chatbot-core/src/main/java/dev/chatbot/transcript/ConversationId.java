package dev.chatbot.transcript;

import java.util.UUID;

/**
 * Identifies one conversation. 1-64 characters from {@code [A-Za-z0-9_-]}, so an id is safe in URLs,
 * file contents and Redis keys (it can never contain the braces of a Redis Cluster hash tag).
 */
public record ConversationId(String value) {

    public ConversationId {
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "invalid conversation id: '" + value + "' (use 1-64 characters from A-Z, a-z, 0-9, '_' and '-')");
        }
    }

    /** Whether {@code value} is a well-formed conversation id (without making one). */
    public static boolean isValid(String value) {
        return IdCharacters.lettersDigitsOr(value, 64, "_-");
    }

    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    /** A new random id (a UUID without dashes). */
    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
